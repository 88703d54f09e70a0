import type { SearchRecord } from "@travel/core/analytics";
import type { CachedDataType, CacheStatus } from "@travel/core/cache";

/**
 * One search response as rendered: the page's JSON (`{"data":[…]`) and what its meta needs, so it
 * can be answered again with a current Age without validating, looking up or serializing anything.
 */
export interface RenderedSearch {
  type: CachedDataType;
  /** The cache entry it was rendered from (`<type>:<key>`). */
  entry: string;
  storedAt: number;
  ttlSeconds: number;
  etag: string;
  /** `{"data":[…]` — the page, already serialized. */
  data: Buffer<ArrayBuffer>;
  /** Meta without `cache` (which carries the age and is rendered per second). */
  meta: Record<string, unknown>;
  /** What analytics records for each answer of this search. */
  searched: Pick<SearchRecord, "vertical" | "route" | "destination">;
  /** The body for one age, and its gzip once a client asked for it. */
  body?: { ageSeconds: number; status: CacheStatus; identity: Buffer<ArrayBuffer>; gzip?: Buffer<ArrayBuffer> };
}

interface Remembered {
  rendered: RenderedSearch;
  /** End of the entry's fresh period: after it the full path decides (stale, refresh). */
  freshUntil: number;
  /** Next UTC midnight after validation: date rules ("not in the past") move then. */
  dayEndsAt: number;
}

/** Responses smaller than this are sent uncompressed (the compress middleware's threshold). */
export const compressionThresholdBytes = 1024;

const dayMs = 86_400_000;

function nextUtcMidnight(now: number): number {
  return Math.floor(now / dayMs) * dayMs + dayMs;
}

/**
 * The hot path of search: fresh responses kept per request URL (path and query, exactly as sent).
 * A repeated URL is answered from here before query validation, the cache lookup and rendering —
 * what a CDN would do, but inside the app, so request ids, logs and (later) authentication and
 * rate limits still apply to every request.
 *
 * Coherence: an entry is only reused while the cache entry it came from is fresh, and is dropped
 * as soon as that entry changes here or on another instance (SearchCache.onEntriesChanged), so it
 * never serves what the search cache itself would not. Bounded, least recently used out first.
 */
export class RenderedResponses {
  private readonly byUrl = new Map<string, Remembered>();
  private readonly urlsByEntry = new Map<string, Set<string>>();

  constructor(private readonly maxEntries = 2_000) {}

  get size(): number {
    return this.byUrl.size;
  }

  lookup(url: string, now: number): RenderedSearch | undefined {
    const remembered = this.byUrl.get(url);
    if (!remembered) return undefined;
    if (now >= remembered.freshUntil || now >= remembered.dayEndsAt) {
      this.forget(url);
      return undefined;
    }
    // Least recently used order: Map keeps insertion order, so move the hit to the end.
    this.byUrl.delete(url);
    this.byUrl.set(url, remembered);
    return remembered.rendered;
  }

  remember(url: string, rendered: RenderedSearch, now: number): void {
    const freshUntil = rendered.storedAt + rendered.ttlSeconds * 1000;
    if (freshUntil <= now) return;
    this.forget(url);
    this.byUrl.set(url, { rendered, freshUntil, dayEndsAt: nextUtcMidnight(now) });
    let urls = this.urlsByEntry.get(rendered.entry);
    if (!urls) this.urlsByEntry.set(rendered.entry, (urls = new Set()));
    urls.add(url);
    while (this.byUrl.size > this.maxEntries) this.forget(this.byUrl.keys().next().value!);
  }

  /** Drop every response rendered from these cache entries. */
  entriesChanged(entries: string[] | "all"): void {
    if (entries === "all") {
      this.byUrl.clear();
      this.urlsByEntry.clear();
      return;
    }
    for (const entry of entries) {
      for (const url of this.urlsByEntry.get(entry) ?? []) this.forget(url);
    }
  }

  private forget(url: string): void {
    const remembered = this.byUrl.get(url);
    if (!remembered) return;
    this.byUrl.delete(url);
    const urls = this.urlsByEntry.get(remembered.rendered.entry);
    urls?.delete(url);
    if (urls?.size === 0) this.urlsByEntry.delete(remembered.rendered.entry);
  }
}

/** The response body for this age and status, rendered once per second of age. */
export function renderedBody(
  rendered: RenderedSearch,
  status: CacheStatus,
  ageSeconds: number,
  cacheMeta: () => Record<string, unknown>,
): NonNullable<RenderedSearch["body"]> {
  let body = rendered.body;
  if (!body || body.ageSeconds !== ageSeconds || body.status !== status) {
    const meta = JSON.stringify({ ...rendered.meta, cache: cacheMeta() });
    body = { ageSeconds, status, identity: Buffer.concat([rendered.data, Buffer.from(`,"meta":${meta}}`)]) };
    rendered.body = body;
  }
  return body;
}

/** Whether Accept-Encoding admits gzip (q > 0, by name or `*`). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  let wildcard = false;
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (name === "gzip") return accepted;
    if (name === "*") wildcard = accepted;
  }
  return wildcard;
}
