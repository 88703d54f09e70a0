import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { declaredMetrics, metricNamespace, serviceName } from "./catalog";
import { logger } from "./logger";

export type MetricName = keyof typeof declaredMetrics;
export type DimensionsOf<N extends MetricName> = Record<(typeof declaredMetrics)[N]["dimensions"][number], string>;

/** More dimension sets than this per flush means a dimension value is unbounded (a bug): the rest are dropped. */
const maxDimensionSets = 500;

/**
 * Metrics as CloudWatch Embedded Metric Format lines on stdout (Powertools Metrics): in Lambda,
 * CloudWatch Logs turns them into metrics; elsewhere they are plain JSON lines. Recording is an
 * in-memory append; counts are summed and durations kept as values, one Powertools buffer per
 * dimension set (EMF gives every metric of a line the same dimensions), written by `flush()`: at
 * the end of each Lambda invocation, every few seconds in a long-running process.
 */
export class EmfMetrics {
  private readonly buffers = new Map<string, { metrics: Metrics; counts: Map<string, number>; size: number }>();
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;

  record<N extends MetricName>(name: N, value: number, dimensions: DimensionsOf<N>): void {
    const declared = declaredMetrics[name];
    const key = `${declared.dimensions.map((d) => `${d}=${(dimensions as Record<string, string>)[d]}`).join("|")}`;
    let buffer = this.buffers.get(key);
    if (!buffer) {
      if (this.buffers.size >= maxDimensionSets) {
        this.dropped += 1;
        return;
      }
      buffer = {
        metrics: new Metrics({ namespace: metricNamespace, serviceName, defaultDimensions: dimensions as Record<string, string> }),
        counts: new Map(),
        size: 0,
      };
      this.buffers.set(key, buffer);
    }
    if (declared.unit === "Count") {
      buffer.counts.set(name, (buffer.counts.get(name) ?? 0) + value);
      return;
    }
    // Powertools writes a line by itself once a metric holds 100 values.
    buffer.metrics.addMetric(name, MetricUnit.Milliseconds, Math.round(value * 100) / 100);
    buffer.size += 1;
  }

  count<N extends MetricName>(name: N, dimensions: DimensionsOf<N>, by = 1): void {
    this.record(name, by, dimensions);
  }

  /** Writes everything recorded since the last flush. Never throws: metrics must not fail a request. */
  flush(): void {
    for (const [key, buffer] of this.buffers) {
      try {
        for (const [name, total] of buffer.counts) buffer.metrics.addMetric(name, MetricUnit.Count, total);
        if (buffer.counts.size > 0 || buffer.metrics.hasStoredMetrics()) buffer.metrics.publishStoredMetrics();
      } catch (error) {
        logger.error("metrics not written", { dimensions: key, error: (error as Error).message });
      }
    }
    // Dimension sets are rebuilt as they come, so a set that stopped appearing costs nothing.
    this.buffers.clear();
    if (this.dropped > 0) {
      logger.warn("metrics dropped: too many dimension sets", { dropped: this.dropped });
      this.dropped = 0;
    }
  }

  /** Flush every `ms` (long-running processes; a Lambda flushes per invocation instead). */
  flushEvery(ms: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.flush(), ms);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }
}

/** The process's metrics. */
export const metrics = new EmfMetrics();
