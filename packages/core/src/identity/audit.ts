import { randomBytes } from "node:crypto";
import type { EntityItem } from "electrodb";
import { logger } from "../observability";
import type { IdentityEntities } from "./entities";
import type { actorTypes, auditActions, auditOutcomes } from "./statuses";

/**
 * The audit log: sign-ins, refused credentials, admin actions, API key lifecycle, data export and
 * erasure — who, what, when, from where. Entries are kept `auditRetentionDays` (DynamoDB TTL) and
 * never hold secrets, tokens or emails; on erasure the actor's addresses and user agents are removed.
 */
export type AuditAction = (typeof auditActions)[number];
export type AuditOutcome = (typeof auditOutcomes)[number];
export type ActorType = (typeof actorTypes)[number];

export const auditRetentionDays = 365;
/** The widest time range one listing may cover (each UTC day is one partition to read). */
export const auditMaxRangeDays = 92;

export interface AuditRecord {
  action: AuditAction;
  outcome: AuditOutcome;
  actor: { type: ActorType; id: string };
  target?: { type: string; id: string };
  ip?: string;
  userAgent?: string;
  requestId?: string;
  details?: Record<string, string | number | boolean | string[]>;
}

/** A recorded entry: the record, with its id and time. */
export interface AuditEntryView extends Omit<AuditRecord, "action" | "details"> {
  id: string;
  at: string;
  /** One of auditActions (entries written by older versions may name others). */
  action: string;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  since: Date;
  until: Date;
  action?: AuditAction;
  actorId?: string;
  outcome?: AuditOutcome;
  limit: number;
  cursor?: string;
}

type AuditItem = EntityItem<IdentityEntities["AuditEntry"]>;

export class InvalidAuditCursorError extends Error {
  override name = "InvalidAuditCursorError";
}

export class AuditLog {
  constructor(
    private readonly entities: Pick<IdentityEntities, "AuditEntry">,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Append an entry. Never throws: the action it records has happened, so a failed write must not
   * turn it into an error for the caller; the entry goes to the error log instead (where log
   * alarms and retention keep it).
   */
  async record(record: AuditRecord): Promise<void> {
    const at = new Date(this.now()).toISOString();
    const item = {
      day: at.slice(0, 10),
      at,
      id: randomBytes(6).toString("hex"),
      action: record.action,
      outcome: record.outcome,
      actorType: record.actor.type,
      actorId: record.actor.id,
      ...(record.target ? { targetType: record.target.type, targetId: record.target.id } : {}),
      ...(record.ip ? { ip: record.ip } : {}),
      ...(record.userAgent ? { userAgent: record.userAgent.slice(0, 256) } : {}),
      ...(record.requestId ? { requestId: record.requestId } : {}),
      ...(record.details ? { details: record.details } : {}),
      expiresAt: Math.floor(this.now() / 1000) + auditRetentionDays * 86_400,
    };
    try {
      await this.entities.AuditEntry.create(item).go({ response: "none" });
    } catch (error) {
      logger.error("audit entry not written", { auditEntry: item, error: (error as Error).message });
    }
  }

  /** Newest first, filtered; one page and the cursor of the next. */
  async list(filter: AuditFilter): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
    const range = { gte: { at: filter.since.toISOString(), id: "" }, lte: { at: filter.until.toISOString(), id: "~" } };
    const where = this.whereClause(filter);
    if (filter.actorId) {
      const cursor = filter.cursor ? decodeCursor(filter.cursor).c : null;
      const query = this.entities.AuditEntry.query.byActor({ actorId: filter.actorId }).between(range.gte, range.lte);
      const page = await (where ? query.where(where) : query).go({ order: "desc", count: filter.limit, cursor });
      return { items: page.data.map(toView), nextCursor: page.cursor ? encodeCursor({ c: page.cursor }) : null };
    }
    // One partition per UTC day: walk the days from `until` back to `since` until the page is full.
    const position = filter.cursor ? decodeCursor(filter.cursor) : { d: filter.until.toISOString().slice(0, 10), c: null };
    const firstDay = filter.since.toISOString().slice(0, 10);
    const items: AuditEntryView[] = [];
    let day: string | undefined = position.d;
    let cursor: string | null = position.c;
    while (day && day >= firstDay) {
      const query = this.entities.AuditEntry.query.byDay({ day }).between(range.gte, range.lte);
      const page = await (where ? query.where(where) : query).go({ order: "desc", count: filter.limit - items.length, cursor });
      items.push(...page.data.map(toView));
      if (page.cursor) {
        cursor = page.cursor;
        if (items.length >= filter.limit) return { items, nextCursor: encodeCursor({ d: day, c: cursor }) };
        continue;
      }
      cursor = null;
      day = previousDay(day);
      if (items.length >= filter.limit) return { items, nextCursor: day >= firstDay ? encodeCursor({ d: day, c: null }) : null };
    }
    return { items, nextCursor: null };
  }

  /** Every entry of one actor, oldest first (for a data export). */
  async allForActor(actorId: string): Promise<AuditEntryView[]> {
    const { data } = await this.entities.AuditEntry.query.byActor({ actorId }).go({ pages: "all" });
    return data.map(toView);
  }

  /** Remove where-from (IP address, user agent) from an actor's entries; what they did stays. */
  async scrubActor(actorId: string): Promise<number> {
    const { data } = await this.entities.AuditEntry.query.byActor({ actorId }).go({ pages: "all" });
    const withAddress = data.filter((e) => e.ip !== undefined || e.userAgent !== undefined);
    for (const entry of withAddress) {
      await this.entities.AuditEntry.patch({ day: entry.day, at: entry.at, id: entry.id }).remove(["ip", "userAgent"]).go({ response: "none" });
    }
    return withAddress.length;
  }

  private whereClause(filter: AuditFilter) {
    if (!filter.action && !filter.outcome) return undefined;
    return (attributes: Record<string, unknown>, operations: { eq: (a: unknown, v: unknown) => string }) =>
      [filter.action ? operations.eq(attributes.action, filter.action) : "", filter.outcome ? operations.eq(attributes.outcome, filter.outcome) : ""]
        .filter(Boolean)
        .join(" AND ");
  }
}

function toView(item: AuditItem): AuditEntryView {
  return {
    id: item.id,
    at: item.at,
    action: item.action,
    outcome: item.outcome,
    actor: { type: item.actorType, id: item.actorId },
    ...(item.targetType && item.targetId ? { target: { type: item.targetType, id: item.targetId } } : {}),
    ...(item.ip ? { ip: item.ip } : {}),
    ...(item.userAgent ? { userAgent: item.userAgent } : {}),
    ...(item.requestId ? { requestId: item.requestId } : {}),
    ...(item.details ? { details: item.details as Record<string, unknown> } : {}),
  };
}

function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

interface Cursor {
  /** The UTC day being read (time listing only). */
  d?: string;
  /** ElectroDB's cursor within it. */
  c: string | null;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString()) as Cursor;
    if ((parsed.d === undefined || /^\d{4}-\d{2}-\d{2}$/.test(parsed.d)) && (parsed.c === null || typeof parsed.c === "string")) return parsed;
  } catch {
    // fall through
  }
  throw new InvalidAuditCursorError("is not a cursor this listing returned (pass meta.nextCursor unchanged, with the same filters)");
}
