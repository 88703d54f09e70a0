import type { Context } from "hono";
import type { DuffelOrder } from "./duffel-order-wire";
import { duffelError, invalidParameter, type DuffelEnv, type DuffelErrorItem } from "./duffel-wire";

/**
 * `GET /air/orders` as Duffel filters and pages it: `limit` (1–200, default 50), the `after` and
 * `before` cursors of the `meta` it answers with, `booking_reference`, `awaiting_payment`,
 * `passenger_name[]` (every name given must be part of a passenger's given or family name, in any
 * case), `created_at[after]`, `created_at[before]` and `sort`. There is no metadata filter: Duffel
 * has none.
 */
const sorts = ["created_at", "-created_at", "payment_required_by", "-payment_required_by"] as const;
type Sort = (typeof sorts)[number];

/** Where an order stands in a sort: the sorted value, then creation time and id, so no two orders tie. */
type Position = [string, string, string];
const positionOf = (order: DuffelOrder, sort: Sort): Position => [
  // Orders without a date to pay by (paid ones) come first, as "" sorts before any date.
  sort.endsWith("payment_required_by") ? (order.payment_status.payment_required_by ?? "") : order.created_at,
  order.created_at,
  order.id,
];
function compare(a: Position, b: Position): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/** A cursor is the position of the order it follows or precedes: it still works once that order is forgotten. */
const encodeCursor = (position: Position) => Buffer.from(JSON.stringify(position)).toString("base64url");
function decodeCursor(cursor: string): Position | undefined {
  try {
    const position: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString());
    return Array.isArray(position) && position.length === 3 && position.every((p) => typeof p === "string") ? (position as Position) : undefined;
  } catch {
    return undefined;
  }
}

const isTimestamp = (value: string) => /^\d{4}-\d{2}-\d{2}(T.+)?$/.test(value) && !Number.isNaN(Date.parse(value));

export function listOrders(c: Context<DuffelEnv>, orders: Iterable<DuffelOrder>): Response {
  const query = (name: string) => c.req.query(name);
  const errors: DuffelErrorItem[] = [];
  const limitParam = query("limit") ?? "50";
  const limit = Number(limitParam);
  if (!/^\d+$/.test(limitParam) || limit < 1 || limit > 200) errors.push(invalidParameter("limit", "validation_format", "limit must be a whole number from 1 to 200"));
  const awaiting = query("awaiting_payment");
  if (awaiting !== undefined && awaiting !== "true" && awaiting !== "false") errors.push(invalidParameter("awaiting_payment", "validation_inclusion", "awaiting_payment must be true or false"));
  const sort = (query("sort") ?? "created_at") as Sort;
  if (!sorts.includes(sort)) errors.push(invalidParameter("sort", "validation_inclusion", `sort must be one of ${sorts.join(", ")}`));
  const createdAfter = query("created_at[after]");
  const createdBefore = query("created_at[before]");
  for (const [parameter, value] of [["created_at[after]", createdAfter], ["created_at[before]", createdBefore]] as const) {
    if (value !== undefined && !isTimestamp(value)) errors.push(invalidParameter(parameter, "validation_format", `${parameter} must be an ISO 8601 timestamp`));
  }
  const [afterParam, beforeParam] = [query("after"), query("before")];
  const [after, before] = [afterParam, beforeParam].map((cursor) => (cursor === undefined ? undefined : decodeCursor(cursor)));
  if (afterParam !== undefined && !after) errors.push(invalidParameter("after", "validation_format", "after must be a cursor from a previous page's meta"));
  if (beforeParam !== undefined && !before) errors.push(invalidParameter("before", "validation_format", "before must be a cursor from a previous page's meta"));
  if (after && before) errors.push(invalidParameter("before", "validation_format", "Give either after or before, not both"));
  if (errors.length > 0) return duffelError(c, 422, ...errors);

  const reference = query("booking_reference");
  const names = (c.req.queries("passenger_name[]") ?? []).map((n) => n.toLowerCase());
  const matches = (order: DuffelOrder) =>
    (reference === undefined || order.booking_reference === reference) &&
    (awaiting === undefined || order.payment_status.awaiting_payment === (awaiting === "true")) &&
    names.every((n) => order.passengers.some((p) => p.given_name.toLowerCase().includes(n) || p.family_name.toLowerCase().includes(n))) &&
    (createdAfter === undefined || Date.parse(order.created_at) > Date.parse(createdAfter)) &&
    (createdBefore === undefined || Date.parse(order.created_at) < Date.parse(createdBefore));
  const direction = sort.startsWith("-") ? -1 : 1;
  const order = (a: Position, b: Position) => direction * compare(a, b);
  const found = [...orders].filter(matches).map((o) => ({ o, position: positionOf(o, sort) }));
  found.sort((a, b) => order(a.position, b.position));

  /** The first index passing `test`, or the end. */
  const indexOf = (test: (f: (typeof found)[number]) => boolean) => {
    const i = found.findIndex(test);
    return i < 0 ? found.length : i;
  };
  let start = after ? indexOf((f) => order(f.position, after) > 0) : 0;
  let end = found.length;
  if (before) {
    end = indexOf((f) => order(f.position, before) >= 0);
    start = Math.max(0, end - limit);
  }
  const page = found.slice(start, Math.min(end, start + limit));
  return c.json({
    data: page.map((f) => f.o),
    meta: {
      limit,
      after: page.length > 0 && start + page.length < found.length ? encodeCursor(page.at(-1)!.position) : null,
      before: page.length > 0 && start > 0 ? encodeCursor(page[0]!.position) : null,
    },
  });
}
