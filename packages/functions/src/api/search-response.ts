import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { CacheStatus } from "@travel/core/cache";
import type { CacheInfo } from "@travel/core/search";
import type { ApiEnv } from "./env";
import { securityHeaders } from "./middleware/response-headers";
import { visitorOf } from "./caller";
import { acceptsGzip, compressionThresholdBytes, renderedBody, type RenderedSearch } from "./rendered-responses";
import { cacheMeta } from "./routes/cache-headers";

/**
 * What every search response shares: cursor pagination, `fields=` projection for mobile clients,
 * cache headers (X-Cache, Age, Cache-Control) and a validator (ETag) that changes only when the
 * page's data does, so a client revalidating gets 304 Not Modified.
 */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: "Items per page (1–100)" }),
  // Any other cursor is refused too (decodeCursor), naming the field.
  cursor: z.string().max(400).optional().meta({ description: "meta.page.nextCursor of the previous page", pattern: "^[A-Za-z0-9_-]+$" }),
  fields: z
    .string()
    .max(500)
    .regex(/^[A-Za-z][A-Za-z0-9.]*(,[A-Za-z][A-Za-z0-9.]*)*$/, { message: "must be comma-separated field paths, e.g. id,price.total" })
    .optional()
    .meta({ description: "Comma-separated field paths to return, e.g. id,price.total,itineraries.segments.flightNumber" }),
});
export type PageQuery = z.output<typeof pageQuery>;

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

const dataPrefix = Buffer.from('{"data":');

/**
 * Serialized pages per result list: a hot search returns the same list object while its cache
 * entry lives, so its page JSON and ETag are computed once, not per request.
 */
const renderedPages = new WeakMap<object, Map<string, { json: Buffer<ArrayBuffer>; etag: string; count: number }>>();

function renderPage(items: unknown[], offset: number, page: PageQuery, allowedFields: readonly string[]) {
  let byPage = renderedPages.get(items);
  if (!byPage) renderedPages.set(items, (byPage = new Map()));
  const key = `${offset}|${page.limit}|${page.fields ?? ""}`;
  let rendered = byPage.get(key);
  if (!rendered) {
    let data: unknown[] = items.slice(offset, offset + page.limit);
    if (page.fields) {
      const paths = page.fields.split(",").map((f) => f.split("."));
      const unknown = paths.map((p) => p[0]!).filter((head) => !allowedFields.includes(head));
      if (unknown.length > 0) invalid("fields", `unknown field ${unknown[0]}; known: ${allowedFields.join(", ")}`);
      data = project(data, paths) as unknown[];
    }
    const json = Buffer.from(JSON.stringify(data));
    // Stored with the envelope's opening, ready to be followed by the per-request meta.
    rendered = { json: Buffer.concat([dataPrefix, json]), etag: `W/"${createHash("sha1").update(json).digest("base64url").slice(0, 27)}"`, count: data.length };
    byPage.set(key, rendered);
  }
  return rendered;
}

/** The path and query of the request, as sent: the key of its rendered response. */
export function requestTarget(c: Context): string {
  const url = c.req.url;
  return url.slice(url.indexOf("/", url.indexOf("//") + 2));
}

export function searchResponse<T>(
  c: Context<ApiEnv>,
  options: { items: T[]; cache: CacheInfo; fingerprint: string; page: PageQuery; allowedFields: readonly string[]; meta?: Record<string, unknown>; searched: RenderedSearch["searched"] },
): Response {
  const { items, cache, page } = options;
  const offset = page.cursor ? decodeCursor(page.cursor, options.fingerprint) : 0;
  const next = offset + page.limit < items.length ? offset + page.limit : null;
  const { json, etag, count } = renderPage(items, offset, page, options.allowedFields);
  const rendered: RenderedSearch = {
    type: cache.type,
    entry: cache.entry,
    storedAt: cache.storedAt.getTime(),
    ttlSeconds: cache.ttlSeconds,
    etag,
    data: json,
    searched: options.searched,
    meta: {
      ...options.meta,
      count,
      page: {
        limit: page.limit,
        total: items.length,
        nextCursor: next === null ? null : Buffer.from(JSON.stringify({ o: next, q: options.fingerprint } satisfies Cursor)).toString("base64url"),
      },
    },
  };
  // Fresh answers are kept for repeats of this exact URL; a stale one must go through the cache
  // again (it is being refreshed, or the supplier is failing).
  if (cache.status !== "STALE") c.get("rendered").remember(requestTarget(c), rendered, Date.now());
  return sendRendered(c, rendered, cache.status);
}

/**
 * Send a rendered search: cache headers (X-Cache, Age, Cache-Control), the ETag and 304 Not
 * Modified when If-None-Match matches, gzip when the client accepts it. Headers go out as one
 * plain record on a Response built here (not through Hono's context, which would copy them into a
 * Headers object, ~20 validated sets per response): the Node adapter writes the record as it is.
 * It carries what every response carries (request id, security and rate-limit headers) too.
 */
export function sendRendered(c: Context<ApiEnv>, rendered: RenderedSearch, status: CacheStatus): Response {
  const now = Date.now();
  const ageSeconds = Math.max(0, Math.floor((now - rendered.storedAt) / 1000));
  c.set("cacheStatus", status);
  c.set("headersSent", true);
  c.get("deps").analytics.recorder.searched({ ...rendered.searched, visitor: visitorOf(c.get("caller")), cache: status });
  const headers: Record<string, string> = {
    ...securityHeaders,
    ...c.get("responseHeaders"),
    "X-Request-Id": c.get("requestId"),
    "X-Cache": status,
    Age: String(ageSeconds),
    // max-age is the entry's whole lifetime: caches subtract the Age sent beside it (RFC 9111
    // §4.2.3), so sending what is left instead would count the age twice.
    "Cache-Control": `${sharedCachesMay(c) ? "public" : "private"}, max-age=${status === "STALE" ? "0, must-revalidate" : rendered.ttlSeconds}`,
    Vary: "Accept-Encoding",
    ETag: rendered.etag,
  };
  if (etagMatches(rendered.etag, c.req.header("If-None-Match"))) return new Response(null, { status: 304, headers });
  const body = renderedBody(rendered, status, ageSeconds, () =>
    cacheMeta({ status, ageSeconds, ttlSeconds: rendered.ttlSeconds, storedAt: new Date(rendered.storedAt) }),
  );
  headers["Content-Type"] = "application/json";
  if (c.get("compress") && body.identity.length >= compressionThresholdBytes && acceptsGzip(c.req.header("Accept-Encoding"))) {
    headers["Content-Encoding"] = "gzip";
    return new Response((body.gzip ??= gzipSync(body.identity)), { status: 200, headers });
  }
  return new Response(body.identity, { status: 200, headers });
}

/**
 * Whether a shared cache (the CloudFront Router in front of the app, infra/router.ts) may keep the
 * answer: only one to an anonymous caller. An answer to a caller with credentials is theirs: it
 * carries their rate-limit headers, and `public` would let a shared cache reuse it for the
 * credentials' next request too (RFC 9111 §3.5), so it is `private`, which CloudFront never stores.
 */
function sharedCachesMay(c: Context<ApiEnv>): boolean {
  return c.get("caller").kind === "anonymous";
}

/** Weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored; `*` matches anything. */
function etagMatches(etag: string, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === opaque);
}
