import { randomUUID } from "node:crypto";
import type { FileEventArchive } from "./archive";
import { onFirstUse } from "../config/on-first-use";
import { logger, tracedClient } from "../observability";
import type { DeadLetterQueue } from "./dead-letters";
import { eventCatalog, matchesPattern, type BusEvent, type BusName, type EventDetail, type EventName, type EventPattern } from "./catalog";

/** One event of a batch; `detail` is validated against the catalog before anything is sent. */
export interface PublishEntry {
  name: EventName;
  detail: unknown;
}

/** Per entry, in order: published with its bus event id, or failed with the reason. */
export type PublishOutcome = { ok: true; id: string } | { ok: false; error: string };

/** Puts domain events on the bus each event is declared for. */
export interface EventPublisher {
  publish<N extends EventName>(name: N, detail: EventDetail<N>): Promise<{ id: string }>;
  /** Up to 10 entries (PutEvents' limit); partial failure is reported per entry, not thrown. */
  publishBatch(entries: PublishEntry[]): Promise<PublishOutcome[]>;
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

/** EventBridge (AWS). A failed single publish is an error; a batch reports each entry. */
export class EventBridgePublisher implements EventPublisher {
  private readonly sdk = onFirstUse(async () => {
    const { EventBridgeClient, PutEventsCommand } = await import("@aws-sdk/client-eventbridge");
    return { PutEventsCommand, client: tracedClient(new EventBridgeClient({ maxAttempts: 3, requestHandler: { requestTimeout: 2_000, connectionTimeout: 1_000 } })) };
  });

  /** Bus names per declared bus (from the links). */
  constructor(private readonly buses: Partial<Record<BusName, string>>) {}

  async publish<N extends EventName>(name: N, detail: EventDetail<N>): Promise<{ id: string }> {
    const [outcome] = await this.publishBatch([{ name, detail }]);
    if (!outcome?.ok) throw new Error(`PutEvents failed: ${outcome?.error ?? "no result"}`);
    return { id: outcome.id };
  }

  async publishBatch(entries: PublishEntry[]): Promise<PublishOutcome[]> {
    if (entries.length === 0) return [];
    const { PutEventsCommand, client } = await this.sdk();
    const result = await client.send(
      new PutEventsCommand({
        Entries: entries.map(({ name, detail }) => {
          const declared = eventCatalog[name];
          const busName = this.buses[declared.bus];
          if (!busName) throw new Error(`no bus linked for ${declared.bus} events (${name})`);
          return { EventBusName: busName, Source: declared.source, DetailType: declared.detailType, Detail: JSON.stringify(validated(name, detail)) };
        }),
      }),
    );
    return entries.map((_, index) => {
      const entry = result.Entries?.[index];
      return entry?.EventId ? { ok: true, id: entry.EventId } : { ok: false, error: `${entry?.ErrorCode ?? "Unknown"}: ${entry?.ErrorMessage ?? "no result for entry"}` };
    });
  }
}

export type BusHandler = (event: BusEvent) => Promise<void>;
export type BatchHandler = (events: BusEvent[]) => Promise<void>;

interface BatchTarget {
  name: string;
  rules: Array<{ bus: BusName; pattern: EventPattern }>;
  handler: BatchHandler;
  size: number;
  windowMs: number;
  waiting: BusEvent[];
  timer?: NodeJS.Timeout | undefined;
}

/**
 * The bus on one machine: events go to every handler whose pattern matches, asynchronously and at
 * least once (a failed delivery is retried a few times with backoff), like EventBridge would
 * deliver them to Lambda subscribers. Batch subscribers get events the way an SQS-fed Lambda
 * does: up to `size` at a time, after at most `windowMs`.
 */
export class LocalEventBus implements EventPublisher {
  private readonly targets: Array<{ name: string; bus: BusName; pattern: EventPattern; handler: BusHandler }> = [];
  private readonly batchTargets: BatchTarget[] = [];
  private readonly pending = new Set<Promise<void>>();

  /**
   * `deadLetters` receives deliveries that fail every retry, as a target DLQ does on AWS;
   * `archive` keeps every accepted event, as the buses' EventBridge archives do.
   */
  constructor(
    private readonly deadLetters?: DeadLetterQueue,
    private readonly archive?: FileEventArchive,
  ) {}

  subscribe(name: string, bus: BusName, pattern: EventPattern, handler: BusHandler): void {
    this.targets.push({ name, bus, pattern, handler });
  }

  /** One batch subscriber fed by several rules, as one queue is on AWS. */
  subscribeBatch(name: string, rules: Array<{ bus: BusName; pattern: EventPattern }>, handler: BatchHandler, batch: { size: number; windowMs: number }): void {
    this.batchTargets.push({ name, rules, handler, ...batch, waiting: [] });
  }

  async publishBatch(entries: PublishEntry[]): Promise<PublishOutcome[]> {
    const outcomes: PublishOutcome[] = [];
    for (const { name, detail } of entries) {
      try {
        outcomes.push({ ok: true, ...(await this.publish(name, detail as EventDetail<typeof name>)) });
      } catch (error) {
        outcomes.push({ ok: false, error: (error as Error).message });
      }
    }
    return outcomes;
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
    void this.archive?.append(entry.bus, event);
    for (const target of this.targets) {
      if (target.bus !== entry.bus || !matchesPattern(event, target.pattern)) continue;
      this.track(this.deliver(target.name, [event], () => target.handler(event)));
    }
    for (const target of this.batchTargets) {
      if (!target.rules.some((rule) => rule.bus === entry.bus && matchesPattern(event, rule.pattern))) continue;
      target.waiting.push(event);
      if (target.waiting.length >= target.size) this.flush(target);
      else target.timer ??= setTimeout(() => this.flush(target), target.windowMs).unref();
    }
    return { id: event.id };
  }

  /** Resolves once every delivery started so far (waiting batches sent now) has finished, and its archive copy is written (tests, shutdown). */
  async drain(): Promise<void> {
    for (;;) {
      for (const target of this.batchTargets) if (target.waiting.length > 0) this.flush(target);
      if (this.pending.size === 0) break;
      await Promise.allSettled([...this.pending]);
    }
    await this.archive?.flushed();
  }

  private flush(target: BatchTarget): void {
    clearTimeout(target.timer);
    target.timer = undefined;
    while (target.waiting.length > 0) {
      const events = target.waiting.splice(0, target.size);
      this.track(this.deliver(target.name, events, () => target.handler(events)));
    }
  }

  private track(delivery: Promise<void>): void {
    const tracked = delivery.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private async deliver(name: string, events: BusEvent[], handle: () => Promise<void>): Promise<void> {
    const eventIds = events.map((event) => event.id);
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await handle();
        return;
      } catch (error) {
        logger.warn("event delivery failed", { subscription: name, eventIds, attempt, error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
    logger.error("event delivery failed after retries", { subscription: name, eventIds, deadLettered: Boolean(this.deadLetters) });
    for (const event of events) {
      await this.deadLetters?.send({ source: name, reason: "delivery failed after retries", attempts: 3, body: event }).catch((error: Error) => {
        logger.error("dead-letter write failed", { subscription: name, eventId: event.id, error: error.message });
      });
    }
  }
}
