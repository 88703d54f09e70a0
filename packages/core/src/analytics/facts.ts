import { createHash } from "node:crypto";
import type { RankingName, UniqueName } from "./metrics";

/**
 * What analytics records: increments of counters, rankings and unique sets, each at a minute
 * (epoch seconds, minute-aligned). A batch of facts is what travels as an `AnalyticsRecorded`
 * event, is archived with the bus, and is applied to the Redis aggregates, now or on a replay.
 */
export interface AnalyticsFacts {
  counters: Array<{ at: number; name: string; value: number }>;
  rankings: Array<{ at: number; name: RankingName; member: string; value: number }>;
  uniques: Array<{ at: number; name: UniqueName; members: string[] }>;
}

export function minuteOf(epochMs: number): number {
  return Math.floor(epochMs / 60_000) * 60;
}

/**
 * A visitor as analytics knows them: 16 hex characters of a SHA-256 of who they are (user id,
 * partner key id or address), enough to count distinct visitors, too little to name anyone.
 */
export function visitorHash(identity: string): string {
  return createHash("sha256").update(identity).digest("hex").slice(0, 16);
}

/** Facts merged as they come (equal increments add up), drained as one batch. */
export class FactBuffer {
  private readonly counts = new Map<string, number>();
  private readonly ranks = new Map<string, number>();
  private readonly sets = new Map<string, Set<string>>();
  private entries = 0;

  /** Distinct entries held (the bound a recorder checks). */
  get size(): number {
    return this.entries;
  }

  count(at: number, name: string, value = 1): void {
    const key = `${at}|${name}`;
    const current = this.counts.get(key);
    if (current === undefined) this.entries += 1;
    this.counts.set(key, (current ?? 0) + value);
  }

  rank(at: number, name: RankingName, member: string, value = 1): void {
    const key = `${at}|${name}|${member}`;
    const current = this.ranks.get(key);
    if (current === undefined) this.entries += 1;
    this.ranks.set(key, (current ?? 0) + value);
  }

  unique(at: number, name: UniqueName, member: string): void {
    const key = `${at}|${name}`;
    let members = this.sets.get(key);
    if (!members) this.sets.set(key, (members = new Set()));
    if (!members.has(member)) {
      members.add(member);
      this.entries += 1;
    }
  }

  add(facts: AnalyticsFacts): void {
    for (const c of facts.counters) this.count(c.at, c.name, c.value);
    for (const r of facts.rankings) this.rank(r.at, r.name, r.member, r.value);
    for (const u of facts.uniques) for (const member of u.members) this.unique(u.at, u.name, member);
  }

  drain(): AnalyticsFacts {
    const facts: AnalyticsFacts = { counters: [], rankings: [], uniques: [] };
    for (const [key, value] of this.counts) {
      const [at, name] = splitOnce(key);
      facts.counters.push({ at: Number(at), name, value });
    }
    for (const [key, value] of this.ranks) {
      const [at, rest] = splitOnce(key);
      const [name, member] = splitOnce(rest);
      facts.rankings.push({ at: Number(at), name: name as RankingName, member, value });
    }
    for (const [key, members] of this.sets) {
      const [at, name] = splitOnce(key);
      facts.uniques.push({ at: Number(at), name: name as UniqueName, members: [...members] });
    }
    this.counts.clear();
    this.ranks.clear();
    this.sets.clear();
    this.entries = 0;
    return facts;
  }
}

function splitOnce(key: string): [string, string] {
  const at = key.indexOf("|");
  return [key.slice(0, at), key.slice(at + 1)];
}

/** Facts per batch at most, so one `Analytics Recorded` event stays far below EventBridge's 256 KB. */
export const factsPerBatch = 2_000;

/** Split facts into batches of at most `max` entries (a unique set's members count one each). */
export function splitFacts(facts: AnalyticsFacts, max = factsPerBatch): AnalyticsFacts[] {
  const batches: AnalyticsFacts[] = [{ counters: [], rankings: [], uniques: [] }];
  let size = 0;
  const room = (weight: number) => {
    if (size + weight > max && size > 0) {
      batches.push({ counters: [], rankings: [], uniques: [] });
      size = 0;
    }
    size += weight;
    return batches[batches.length - 1]!;
  };
  for (const c of facts.counters) room(1).counters.push(c);
  for (const r of facts.rankings) room(1).rankings.push(r);
  for (const u of facts.uniques) {
    for (let i = 0; i < u.members.length; i += max) {
      const members = u.members.slice(i, i + max);
      room(members.length).uniques.push({ ...u, members });
    }
  }
  return batches;
}

export function mergeFacts(batches: AnalyticsFacts[]): AnalyticsFacts {
  return { counters: batches.flatMap((b) => b.counters), rankings: batches.flatMap((b) => b.rankings), uniques: batches.flatMap((b) => b.uniques) };
}

export function isEmpty(facts: AnalyticsFacts): boolean {
  return facts.counters.length + facts.rankings.length + facts.uniques.length === 0;
}
