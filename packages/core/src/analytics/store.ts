import type { RedisConnection } from "../cache/redis";
import { fromMinorUnits } from "../payments/port";
import type { AnalyticsFacts } from "./facts";
import { intervals, reservationOutcomes, verticals, windows, type IntervalName, type RankingName, type ReservationOutcome, type UniqueName, type Vertical, type WindowName } from "./metrics";

/**
 * The aggregates in Redis: per interval (minute, hour, day) and bucket, one hash of counters, one
 * sorted set per ranking and one HyperLogLog per unique set, each expiring after its interval's
 * retention. All keys share the `{analytics}` hash tag, so one MULTI applies a batch atomically
 * (a redelivered batch is stopped by the subscriber's dedupe; a failed one changed nothing) and
 * unions across buckets work on a Redis cluster too.
 */
export interface OverviewView {
  window: WindowName;
  interval: IntervalName;
  from: string;
  to: string;
  searches: { total: number; byVertical: Record<Vertical, number> };
  uniqueVisitors: number;
  cache: { hits: number; misses: number; stale: number; hitRatio: number | null };
  suppliers: Array<{ name: string; calls: number; errors: number; meanLatencyMs: number | null }>;
  offerViews: number;
  reservations: Record<ReservationOutcome, number>;
  revenue: Record<string, string>;
  refunds: Record<string, string>;
}

export interface FunnelView {
  window: WindowName;
  from: string;
  to: string;
  steps: Array<{ step: "searched" | "held" | "confirmed"; events: number; uniqueVisitors: number }>;
  /** Confirmations per search, holds per search, confirmations per hold (null without a denominator). */
  rates: { holdPerSearch: number | null; confirmPerHold: number | null; confirmPerSearch: number | null };
}

export interface RankingEntry {
  member: string;
  count: number;
}

export class AnalyticsStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisConnection,
    keyPrefix: string,
    private readonly now: () => number = Date.now,
  ) {
    this.prefix = `${keyPrefix}{analytics}`;
  }

  /** Add a batch of facts to every interval's buckets, atomically. */
  async apply(facts: AnalyticsFacts): Promise<void> {
    const transaction = this.redis.multi();
    const expiries = new Map<string, number>();
    for (const [interval, { seconds, retentionSeconds }] of Object.entries(intervals) as Array<[IntervalName, (typeof intervals)[IntervalName]]>) {
      const bucketOf = (at: number) => Math.floor(at / seconds) * seconds;
      for (const c of facts.counters) {
        const key = this.counterKey(interval, bucketOf(c.at));
        transaction.hincrby(key, c.name, c.value);
        expiries.set(key, retentionSeconds);
      }
      for (const r of facts.rankings) {
        const key = this.rankingKey(r.name, interval, bucketOf(r.at));
        transaction.zincrby(key, r.value, r.member);
        expiries.set(key, retentionSeconds);
      }
      for (const u of facts.uniques) {
        if (u.members.length === 0) continue;
        const key = this.uniqueKey(u.name, interval, bucketOf(u.at));
        transaction.pfadd(key, ...u.members);
        expiries.set(key, retentionSeconds);
      }
    }
    if (expiries.size === 0) return;
    for (const [key, seconds] of expiries) transaction.expire(key, seconds);
    const results = await transaction.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw new Error(`analytics batch not applied: ${failed?.[0]?.message ?? "transaction aborted"}`);
  }

  async overview(window: WindowName): Promise<OverviewView> {
    const { interval, buckets, from, to } = this.span(window);
    const [totals, visitors] = await Promise.all([this.sumCounters(interval, buckets), this.countUnique("visitors", interval, buckets)]);
    const get = (name: string) => totals.get(name) ?? 0;
    const byVertical = Object.fromEntries(verticals.map((v) => [v, get(`searches.${v}`)])) as Record<Vertical, number>;
    const [hits, misses, stale] = [get("cache.hit"), get("cache.miss"), get("cache.stale")];
    const supplierNames = new Set([...totals.keys()].filter((k) => k.startsWith("supplier.")).map((k) => k.split(".")[1]!));
    const money = (kind: "revenue" | "refunds") =>
      Object.fromEntries([...totals].filter(([k]) => k.startsWith(`${kind}.`)).map(([k, v]) => [k.slice(kind.length + 1), fromMinorUnits(v, k.slice(kind.length + 1))]));
    return {
      window,
      interval,
      from,
      to,
      searches: { total: Object.values(byVertical).reduce((s, v) => s + v, 0), byVertical },
      uniqueVisitors: visitors,
      cache: { hits, misses, stale, hitRatio: hits + misses + stale > 0 ? round((hits + stale) / (hits + misses + stale)) : null },
      suppliers: [...supplierNames].sort().map((name) => {
        const calls = get(`supplier.${name}.calls`);
        return { name, calls, errors: get(`supplier.${name}.errors`), meanLatencyMs: calls > 0 ? Math.round(get(`supplier.${name}.ms`) / calls) : null };
      }),
      offerViews: verticals.reduce((s, v) => s + get(`offers.viewed.${v}`), 0),
      reservations: Object.fromEntries(reservationOutcomes.map((o) => [o, get(`reservations.${o}`)])) as Record<ReservationOutcome, number>,
      revenue: money("revenue"),
      refunds: money("refunds"),
    };
  }

  async funnel(window: WindowName): Promise<FunnelView> {
    const { interval, buckets, from, to } = this.span(window);
    const [totals, searchers, holders, buyers] = await Promise.all([
      this.sumCounters(interval, buckets),
      this.countUnique("visitors", interval, buckets),
      this.countUnique("holders", interval, buckets),
      this.countUnique("buyers", interval, buckets),
    ]);
    const searches = verticals.reduce((s, v) => s + (totals.get(`searches.${v}`) ?? 0), 0);
    const held = totals.get("reservations.held") ?? 0;
    const confirmed = totals.get("reservations.confirmed") ?? 0;
    const rate = (a: number, b: number) => (b > 0 ? round(a / b) : null);
    return {
      window,
      from,
      to,
      steps: [
        { step: "searched", events: searches, uniqueVisitors: searchers },
        { step: "held", events: held, uniqueVisitors: holders },
        { step: "confirmed", events: confirmed, uniqueVisitors: buyers },
      ],
      rates: { holdPerSearch: rate(held, searches), confirmPerHold: rate(confirmed, held), confirmPerSearch: rate(confirmed, searches) },
    };
  }

  async top(name: RankingName, window: WindowName, limit: number): Promise<{ from: string; to: string; entries: RankingEntry[] }> {
    const { interval, buckets, from, to } = this.span(window);
    const keys = buckets.map((b) => this.rankingKey(name, interval, b));
    const flat = (await this.redis.zunion(keys.length, ...keys, "WITHSCORES")) as string[];
    const entries: RankingEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) entries.push({ member: flat[i]!, count: Number(flat[i + 1]) });
    entries.sort((a, b) => b.count - a.count || a.member.localeCompare(b.member));
    return { from, to, entries: entries.slice(0, limit) };
  }

  /** One value per bucket, oldest first: a counter, the sum of searches, unique visitors or the cache hit ratio. */
  async timeseries(metric: string, interval: IntervalName, points: number): Promise<Array<{ at: string; value: number | null }>> {
    const buckets = this.bucketsBack(interval, points).reverse();
    if (metric === "uniqueVisitors") {
      const counts = await Promise.all(buckets.map((b) => this.redis.pfcount(this.uniqueKey("visitors", interval, b))));
      return buckets.map((b, i) => ({ at: iso(b), value: counts[i]! }));
    }
    const hashes = await this.counterHashes(interval, buckets);
    return buckets.map((b, i) => {
      const h = hashes[i]!;
      const n = (field: string) => Number(h[field] ?? 0);
      if (metric === "searches") return { at: iso(b), value: verticals.reduce((s, v) => s + n(`searches.${v}`), 0) };
      if (metric === "cacheHitRatio") {
        const served = n("cache.hit") + n("cache.miss") + n("cache.stale");
        return { at: iso(b), value: served > 0 ? round((n("cache.hit") + n("cache.stale")) / served) : null };
      }
      return { at: iso(b), value: n(metric) };
    });
  }

  /** Delete every aggregate (before a rebuild from the archive). */
  async clear(): Promise<number> {
    let removed = 0;
    const nodes = "nodes" in this.redis && typeof this.redis.nodes === "function" ? this.redis.nodes("master") : [this.redis];
    for (const node of nodes) {
      let cursor = "0";
      do {
        const [next, keys] = await node.scan(cursor, "MATCH", `${this.prefix}:*`, "COUNT", 500);
        cursor = next;
        if (keys.length > 0) removed += await node.unlink(...keys);
      } while (cursor !== "0");
    }
    return removed;
  }

  private span(window: WindowName) {
    const { interval, buckets: count } = windows[window];
    const buckets = this.bucketsBack(interval, count);
    const seconds = intervals[interval].seconds;
    return { interval, buckets, from: iso(buckets[buckets.length - 1]!), to: iso(buckets[0]! + seconds) };
  }

  /** The current bucket and the `count - 1` before it, newest first (epoch seconds). */
  private bucketsBack(interval: IntervalName, count: number): number[] {
    const seconds = intervals[interval].seconds;
    const current = Math.floor(this.now() / 1000 / seconds) * seconds;
    return Array.from({ length: count }, (_, i) => current - i * seconds);
  }

  private async sumCounters(interval: IntervalName, buckets: number[]): Promise<Map<string, number>> {
    const totals = new Map<string, number>();
    for (const hash of await this.counterHashes(interval, buckets)) {
      for (const [field, value] of Object.entries(hash)) totals.set(field, (totals.get(field) ?? 0) + Number(value));
    }
    return totals;
  }

  /** Each bucket's counter hash, in the buckets' order, in one round trip. */
  private async counterHashes(interval: IntervalName, buckets: number[]): Promise<Array<Record<string, string>>> {
    const pipeline = this.redis.pipeline();
    for (const b of buckets) pipeline.hgetall(this.counterKey(interval, b));
    return ((await pipeline.exec()) ?? []).map(([error, hash]) => {
      if (error) throw error;
      return (hash ?? {}) as Record<string, string>;
    });
  }

  private countUnique(name: UniqueName, interval: IntervalName, buckets: number[]): Promise<number> {
    const keys = buckets.map((b) => this.uniqueKey(name, interval, b));
    return this.redis.pfcount(...(keys as [string, ...string[]]));
  }

  private counterKey(interval: IntervalName, bucket: number): string {
    return `${this.prefix}:c:${intervals[interval].code}:${bucket}`;
  }

  private rankingKey(name: RankingName, interval: IntervalName, bucket: number): string {
    return `${this.prefix}:r:${name}:${intervals[interval].code}:${bucket}`;
  }

  private uniqueKey(name: UniqueName, interval: IntervalName, bucket: number): string {
    return `${this.prefix}:u:${name}:${intervals[interval].code}:${bucket}`;
  }
}

function iso(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
