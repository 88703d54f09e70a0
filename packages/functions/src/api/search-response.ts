import { createHash } from "node:crypto";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { CacheInfo } from "@travel/core/search";

/**
 * What every search response shares: cursor pagination, `fields=` projection for mobile clients,
 * cache headers (X-Cache, Age, Cache-Control) and a validator (ETag) that changes only when the
 * page's data does, so a client revalidating gets 304 Not Modified.
 */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: "Items per page (1–100)" }),
  cursor: z.string().max(200).optional().meta({ description: "meta.page.nextCursor of the previous page" }),
  fields: z
    .string()
    .max(500)
    .regex(/^[A-Za-z][A-Za-z0-9.]*(,[A-Za-z][A-Za-z0-9.]*)*$/, { message: "must be comma-separated field paths, e.g. id,price.total" })
    .optional()
    .meta({ description: "Comma-separated field paths to return, e.g. id,price.total,itineraries.segments.flightNumber" }),
});
export type PageQuery = z.output<typeof pageQuery>;

export const pageMetaSchema = z.object({
  limit: z.number().int(),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const cacheMetaSchema = z.object({
  status: z.enum(["HIT", "MISS", "STALE"]),
  ageSeconds: z.number().int(),
  ttlSeconds: z.number().int(),
  storedAt: z.string(),
  expiresAt: z.string(),
});

export const searchHeaders = z.object({
  "X-Cache": z.enum(["HIT", "MISS", "STALE"]),
  Age: z.string(),
  ETag: z.string(),
  "Cache-Control": z.string(),
});

interface Cursor {
  /** Offset of the next page. */
  o: number;
  /** Fingerprint of the question, so a cursor cannot be replayed against another search. */
  q: string;
}

function invalid(field: string, message: string): never {
  throw new HTTPException(400, { message: `${field}: ${message}`, cause: { field, message } });
}

function decodeCursor(cursor: string, fingerprint: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString()) as Cursor;
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.q === fingerprint) return parsed.o;
  } catch {
    // fall through
  }
  return invalid("cursor", "is not a cursor of this search (pass meta.page.nextCursor unchanged with the same query)");
}

/** Keep only the named paths of an object; arrays are projected element by element. */
export function project(value: unknown, paths: string[][]): unknown {
  if (Array.isArray(value)) return value.map((item) => project(item, paths));
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  const byHead = new Map<string, string[][]>();
  for (const [head, ...rest] of paths) {
    if (!head) continue;
    const list = byHead.get(head) ?? [];
    list.push(rest);
    byHead.set(head, list);
  }
  for (const [head, rests] of byHead) {
    if (!(head in (value as Record<string, unknown>))) continue;
    const child = (value as Record<string, unknown>)[head];
    result[head] = rests.some((r) => r.length === 0) ? child : project(child, rests);
  }
  return result;
}

export function searchResponse<T>(
  c: Context,
  options: { items: T[]; cache: CacheInfo; fingerprint: string; page: PageQuery; allowedFields: readonly string[]; meta?: Record<string, unknown> },
): Response {
  const { items, cache, page } = options;
  const offset = page.cursor ? decodeCursor(page.cursor, options.fingerprint) : 0;
  const slice = items.slice(offset, offset + page.limit);
  const next = offset + page.limit < items.length ? offset + page.limit : null;
  let data: unknown[] = slice;
  if (page.fields) {
    const paths = page.fields.split(",").map((f) => f.split("."));
    const unknown = paths.map((p) => p[0]!).filter((head) => !options.allowedFields.includes(head));
    if (unknown.length > 0) invalid("fields", `unknown field ${unknown[0]}; known: ${options.allowedFields.join(", ")}`);
    data = project(slice, paths) as unknown[];
  }
  const freshFor = Math.max(0, cache.ttlSeconds - cache.ageSeconds);
  c.header("X-Cache", cache.status);
  c.header("Age", String(cache.ageSeconds));
  c.header("Cache-Control", cache.status === "STALE" ? "public, max-age=0, must-revalidate" : `public, max-age=${freshFor}`);
  c.header("Vary", "Accept-Encoding");
  const etag = createHash("sha1").update(JSON.stringify(data)).digest("base64url").slice(0, 27);
  c.header("ETag", `W/"${etag}"`);
  return c.json({
    data,
    meta: {
      ...options.meta,
      count: data.length,
      page: {
        limit: page.limit,
        total: items.length,
        nextCursor: next === null ? null : Buffer.from(JSON.stringify({ o: next, q: options.fingerprint } satisfies Cursor)).toString("base64url"),
      },
      cache: {
        status: cache.status,
        ageSeconds: cache.ageSeconds,
        ttlSeconds: cache.ttlSeconds,
        storedAt: cache.storedAt.toISOString(),
        expiresAt: new Date(cache.storedAt.getTime() + cache.ttlSeconds * 1000).toISOString(),
      },
    },
  });
}
