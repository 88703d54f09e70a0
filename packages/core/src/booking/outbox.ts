import { randomUUID } from "node:crypto";
import type { EntityItem } from "electrodb";
import { eventCatalog, type EventName } from "../events/catalog";
import type { DeadLetterQueue } from "../events/dead-letters";
import type { EventPublisher, PublishOutcome } from "../events/publisher";
import { dynamoSdk } from "../db/sdk";
import { logger } from "../observability";
import type { BookingEntities } from "./entities";
import { outboxPolicy } from "./policy";
import { putItem, type LabelledItem } from "./transact";

export type OutboxRowItem = EntityItem<BookingEntities["OutboxRow"]>;

/**
 * The outbox row for an event, to be written in the same transaction as the state change it
 * describes (so there is never one without the other). Its id is the event's id on every
 * delivery: `detail.eventId`.
 */
export function outboxEntry(
  entities: BookingEntities,
  event: { name: EventName; aggregateType: string; aggregateId: string; traceId: string; detail: (eventId: string) => unknown },
  nowIso: string,
): LabelledItem {
  const outboxId = randomUUID();
  const detail = eventCatalog[event.name].detail.parse(event.detail(outboxId));
  return putItem(
    "outbox",
    entities.OutboxRow.create({
      outboxId,
      aggregate: `${event.aggregateType}#${event.aggregateId}`,
      type: event.name,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: JSON.stringify(detail),
      status: "PENDING",
      attempts: 0,
      nextRetryAt: nowIso,
      traceId: event.traceId,
      createdAt: nowIso,
      updatedAt: nowIso,
    }).params(),
  );
}

export interface RelayReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** Delay before the next attempt: base × 2^(attempts−1), capped, with full jitter. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(outboxPolicy.retryMaxSeconds, outboxPolicy.retryBaseSeconds * 2 ** Math.max(0, attempts - 1)) * 1000;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Moves outbox rows to the bus. Fed by the table's stream on AWS (new rows at once) and by
 * `sweep()` (rows whose retry is due; locally this is the only feed). Each batch is one PutEvents
 * of up to 10 entries; entries that fail are retried with backoff, and after `maxAttempts` the row
 * goes to the dead-letter queue and is marked FAILED. A row is marked SENT only after PutEvents
 * accepted it, so a relay that dies in between publishes it again: delivery is at least once and
 * consumers dedupe on `detail.eventId`.
 */
export class OutboxRelay {
  constructor(
    private readonly deps: {
      entities: BookingEntities;
      publisher: EventPublisher;
      deadLetters: DeadLetterQueue;
      now?: () => number;
      maxAttempts?: number;
    },
  ) {}

  private get now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async relay(rows: OutboxRowItem[]): Promise<RelayReport> {
    const report: RelayReport = { sent: 0, retrying: 0, failed: 0 };
    for (let start = 0; start < rows.length; start += outboxPolicy.batchSize) {
      const batch = rows.slice(start, start + outboxPolicy.batchSize);
      let outcomes: PublishOutcome[];
      try {
        outcomes = await this.deps.publisher.publishBatch(batch.map((row) => ({ name: row.type as EventName, detail: JSON.parse(row.payload) })));
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error: (error as Error).message }));
      }
      await Promise.all(
        batch.map(async (row, index) => {
          const outcome = outcomes[index] ?? { ok: false, error: "no outcome" };
          const result = outcome.ok ? await this.markSent(row) : await this.recordFailure(row, outcome.error);
          report[result]++;
        }),
      );
    }
    if (report.retrying + report.failed > 0) logger.warn("outbox relay: some events not delivered", { ...report });
    return report;
  }

  /** Relay every PENDING row whose attempt is due, oldest first. `settleMs` leaves newer rows to the stream. */
  async sweep(options: { limit?: number; settleMs?: number } = {}): Promise<RelayReport> {
    const nowIso = new Date(this.now).toISOString();
    const createdBefore = new Date(this.now - (options.settleMs ?? 0)).toISOString();
    const { data } = await this.deps.entities.OutboxRow.query.byStatusAndCreation({ status: "PENDING" })
      .lte({ createdAt: createdBefore })
      .where((a, op) => op.lte(a.nextRetryAt, nowIso))
      .go({ limit: options.limit ?? 100 });
    return data.length > 0 ? this.relay(data) : { sent: 0, retrying: 0, failed: 0 };
  }

  /** Rows from a DynamoDB stream batch (new images): inserted PENDING rows only. */
  async rowsFromStream(records: Array<{ eventName?: string; dynamodb?: { NewImage?: Record<string, unknown> } }>): Promise<OutboxRowItem[]> {
    const { unmarshall } = (await dynamoSdk()).util;
    const rows: OutboxRowItem[] = [];
    for (const record of records) {
      if (record.eventName !== "INSERT" || !record.dynamodb?.NewImage) continue;
      const item = this.deps.entities.OutboxRow.parse({ Item: unmarshall(record.dynamodb.NewImage as never) }).data;
      if (item?.status === "PENDING") rows.push(item);
    }
    return rows;
  }

  private async markSent(row: OutboxRowItem): Promise<"sent"> {
    await this.deps.entities.OutboxRow.patch({ outboxId: row.outboxId, aggregate: row.aggregate })
      .set({ status: "SENT", attempts: row.attempts + 1, updatedAt: new Date(this.now).toISOString() })
      .composite({ createdAt: row.createdAt })
      .where((a, op) => op.eq(a.status, "PENDING"))
      .go()
      .catch((error: Error) => {
        // Already SENT by a concurrent relay (stream and sweep overlapping): fine.
        if (!/conditional/i.test(error.message)) throw error;
      });
    return "sent";
  }

  private async recordFailure(row: OutboxRowItem, error: string): Promise<"retrying" | "failed"> {
    const attempts = row.attempts + 1;
    const nowIso = new Date(this.now).toISOString();
    const maxAttempts = this.deps.maxAttempts ?? outboxPolicy.maxAttempts;
    const exhausted = attempts >= maxAttempts;
    if (exhausted) {
      await this.deps.deadLetters.send({ source: "outbox-relay", reason: error, attempts, body: { ...row, payload: JSON.parse(row.payload) } });
    }
    await this.deps.entities.OutboxRow.patch({ outboxId: row.outboxId, aggregate: row.aggregate })
      .set({
        status: exhausted ? "FAILED" : "PENDING",
        attempts,
        lastError: error.slice(0, 1000),
        nextRetryAt: new Date(this.now + (exhausted ? 0 : retryDelayMs(attempts))).toISOString(),
        updatedAt: nowIso,
      })
      .composite({ createdAt: row.createdAt })
      .where((a, op) => `${op.eq(a.status, "PENDING")} AND ${op.eq(a.attempts, row.attempts)}`)
      .go()
      .catch((e: Error) => {
        if (!/conditional/i.test(e.message)) throw e;
      });
    logger.warn(exhausted ? "outbox event dead-lettered" : "outbox event will be retried", { outboxId: row.outboxId, type: row.type, attempts, error });
    return exhausted ? "failed" : "retrying";
  }
}
