import { randomUUID } from "node:crypto";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { logger } from "../observability";
import { eventCatalog, matchesPattern, type BusEvent, type EventDetail, type EventName, type EventPattern } from "./catalog";

/** Puts domain events on the bus. */
export interface EventPublisher {
  publish<N extends EventName>(name: N, detail: EventDetail<N>): Promise<{ id: string }>;
}

export class EventValidationError extends Error {
  override name = "EventValidationError";
}

function validated<N extends EventName>(name: N, detail: unknown): EventDetail<N> {
  const parsed = eventCatalog[name].detail.safeParse(detail);
  if (!parsed.success) {
    throw new EventValidationError(parsed.error.issues.map((i) => `${i.path.join(".") || "detail"}: ${i.message}`).join("; "));
  }
  return parsed.data as EventDetail<N>;
}

/** EventBridge (AWS). A partially failed PutEvents is an error: the caller decides to retry. */
export class EventBridgePublisher implements EventPublisher {
  private readonly client = new EventBridgeClient({ maxAttempts: 3, requestHandler: { requestTimeout: 2_000, connectionTimeout: 1_000 } });

  constructor(private readonly busName: string) {}

  async publish<N extends EventName>(name: N, detail: EventDetail<N>): Promise<{ id: string }> {
    const entry = eventCatalog[name];
    const result = await this.client.send(
      new PutEventsCommand({
        Entries: [{ EventBusName: this.busName, Source: entry.source, DetailType: entry.detailType, Detail: JSON.stringify(validated(name, detail)) }],
      }),
    );
    const first = result.Entries?.[0];
    if (!first?.EventId || result.FailedEntryCount) {
      throw new Error(`PutEvents failed: ${first?.ErrorCode ?? "unknown"} ${first?.ErrorMessage ?? ""}`.trim());
    }
    return { id: first.EventId };
  }
}

export type BusHandler = (event: BusEvent) => Promise<void>;

/**
 * The bus on one machine: events go to every handler whose pattern matches, asynchronously and at
 * least once (a failed delivery is retried a few times with backoff), like EventBridge would
 * deliver them to Lambda subscribers.
 */
export class LocalEventBus implements EventPublisher {
  private readonly targets: Array<{ name: string; pattern: EventPattern; handler: BusHandler }> = [];
  private readonly pending = new Set<Promise<void>>();

  subscribe(name: string, pattern: EventPattern, handler: BusHandler): void {
    this.targets.push({ name, pattern, handler });
  }

  async publish<N extends EventName>(name: N, detail: EventDetail<N>): Promise<{ id: string }> {
    const entry = eventCatalog[name];
    const event: BusEvent = {
      version: "0",
      id: randomUUID(),
      "detail-type": entry.detailType,
      source: entry.source,
      account: "000000000000",
      time: new Date().toISOString(),
      region: "local",
      resources: [],
      detail: validated(name, detail),
    };
    for (const target of this.targets) {
      if (!matchesPattern(event, target.pattern)) continue;
      const delivery = this.deliver(target.name, target.handler, event).finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
    return { id: event.id };
  }

  /** Resolves once every delivery started so far has finished (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async deliver(name: string, handler: BusHandler, event: BusEvent): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await handler(event);
        return;
      } catch (error) {
        logger.warn("event delivery failed", { subscription: name, eventId: event.id, attempt, error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
    logger.error("event dropped after retries", { subscription: name, eventId: event.id });
  }
}
