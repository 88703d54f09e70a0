import { createHash, randomUUID } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { dynamoSdk } from "../db/sdk";
import type { BookingEntities } from "./entities";
import type { BookingOutcome } from "./outcomes";
import { updateItem, type LabelledItem } from "./transact";

/**
 * Idempotency keys (IETF draft "The Idempotency-Key HTTP Header Field") on the reservation contract's idempotency table.
 *
 * Claiming a key is one conditional write, never read-then-write: two requests with the same key
 * cannot both start. The claim holds a lease; the outcome is recorded by the claimant, inside
 * the business transaction when there is one (so a hold and "this key produced that hold" are
 * written together), or on its own for a refusal. A claimant that dies leaves a lease that
 * expires, after which the same request may run again.
 *
 * Why not Powertools' idempotency utility: it records the result in its own write after the
 * handler returns, so a crash between the booking transaction and that write would let a retry
 * book twice, and it cannot tell "same key, different body" (422) from "still running" (409)
 * the way the draft asks. The table and attribute names are the contract's either way.
 */
/**
 * What a key's first request came to: its domain outcome, and the trace id of that request (a
 * replay names the request that produced its answer, not itself).
 */
export interface RecordedOutcome {
  outcome: BookingOutcome<unknown>;
  traceId?: string;
}

export interface IdempotencyLease {
  key: string;
  token: string;
  requestHash: string;
}

export type IdempotencyClaim =
  | { outcome: "claimed"; lease: IdempotencyLease }
  | { outcome: "replay"; recorded: RecordedOutcome }
  | { outcome: "mismatch" }
  | { outcome: "in-flight"; retryAfterSeconds: number };

export interface IdempotencySettings {
  /** How long a completed key is remembered (the record's DynamoDB TTL). */
  ttlSeconds: number;
  /** How long an unfinished claim blocks the key. */
  leaseSeconds: number;
}

/** SHA-256 of what makes two requests "the same": operation and canonical JSON body. */
export function requestFingerprint(operation: string, body: unknown): string {
  return createHash("sha256").update(operation).update("\n").update(canonicalJson(body)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What callers outside a business transaction use: claim a key, then record its outcome or let it go. */
export type IdempotencyClaims = Pick<IdempotencyStore, "claim" | "complete" | "release">;

export class IdempotencyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly entities: BookingEntities,
    private readonly settings: IdempotencySettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Claim `key` for a request with this fingerprint, or say why not. */
  async claim(key: string, requestHash: string, attempt = 1): Promise<IdempotencyClaim> {
    const now = this.now();
    const token = randomUUID();
    const params = this.entities.IdempotencyRecord.put({
      idempotencyKey: key,
      requestHash,
      status: "IN_PROGRESS",
      leaseUntil: now + this.settings.leaseSeconds * 1000,
      leaseToken: token,
      ttl: Math.ceil(now / 1000) + this.settings.ttlSeconds,
    })
      // Free, expired (TTL deletion lags by hours), or abandoned by a claimant of the same request.
      .where(
        (a, op) =>
          `${op.notExists(a.idempotencyKey)} OR ${op.lt(a.ttl, Math.floor(now / 1000))} OR ` +
          `(${op.eq(a.status, "IN_PROGRESS")} AND ${op.lt(a.leaseUntil, now)} AND ${op.eq(a.requestHash, requestHash)})`,
      )
      .params();
    const { client: { ConditionalCheckFailedException }, lib: { PutCommand }, util: { unmarshall } } = await dynamoSdk();
    try {
      await this.client.send(new PutCommand({ ...(params as object), ReturnValuesOnConditionCheckFailure: "ALL_OLD" } as never));
      return { outcome: "claimed", lease: { key, token, requestHash } };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = error.Item ? unmarshall(error.Item) : await this.read(key);
      // Expired and deleted in between: claim again (once; a second miss is a real inconsistency).
      if (!existing) {
        if (attempt > 1) throw new Error(`idempotency key ${key} neither free nor readable`);
        return this.claim(key, requestHash, attempt + 1);
      }
      if (existing.request_hash !== requestHash) return { outcome: "mismatch" };
      if (existing.status === "COMPLETED" && typeof existing.response_snapshot === "string") {
        return { outcome: "replay", recorded: JSON.parse(existing.response_snapshot) as RecordedOutcome };
      }
      const leaseLeft = Math.max(1, Math.ceil((Number(existing.lease_until) - now) / 1000));
      return { outcome: "in-flight", retryAfterSeconds: Math.min(leaseLeft, this.settings.leaseSeconds) };
    }
  }

  /** The write that records the outcome; put it in the business transaction. */
  completion(lease: IdempotencyLease, recorded: RecordedOutcome): LabelledItem {
    return updateItem(
      "idempotency",
      this.entities.IdempotencyRecord.patch({ idempotencyKey: lease.key })
        .set({ status: "COMPLETED", responseSnapshot: JSON.stringify(recorded), ttl: Math.ceil(this.now() / 1000) + this.settings.ttlSeconds })
        .where((a, op) => `${op.eq(a.leaseToken, lease.token)} AND ${op.eq(a.status, "IN_PROGRESS")}`)
        .params(),
    );
  }

  /** Record an outcome on its own (refusals replay like successes). */
  async complete(lease: IdempotencyLease, recorded: RecordedOutcome): Promise<void> {
    const { item } = this.completion(lease, recorded);
    const { client: { ConditionalCheckFailedException }, lib: { UpdateCommand } } = await dynamoSdk();
    await this.client.send(new UpdateCommand(item.Update as never)).catch((error: Error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  /** Give the key back (the request failed on our side and may be retried as is). */
  async release(lease: IdempotencyLease): Promise<void> {
    await this.entities.IdempotencyRecord.delete({ idempotencyKey: lease.key })
      .where((a, op) => `${op.eq(a.leaseToken, lease.token)} AND ${op.eq(a.status, "IN_PROGRESS")}`)
      .go()
      .catch((error: Error) => {
        if (!/conditional/i.test(error.message)) throw error;
      });
  }

  private async read(key: string): Promise<Record<string, unknown> | undefined> {
    const params = this.entities.IdempotencyRecord.get({ idempotencyKey: key }).params() as { TableName: string; Key: Record<string, unknown> };
    const { GetCommand } = (await dynamoSdk()).lib;
    const result = await this.client.send(new GetCommand({ TableName: params.TableName, Key: params.Key, ConsistentRead: true }));
    return result.Item;
  }
}
