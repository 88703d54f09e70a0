import { apiNodeOptions } from "@travel/core/config";

/** One load run's figures. */
export interface LoadResult {
  requests: number;
  throughput: number;
  latency: { p50: number; p95: number; p99: number; mean: number };
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
}

/** bench/results/search.md from the report `pnpm bench search` writes. */
export function searchMarkdown(r: any): string {
  const row = (name: string, x: LoadResult, base?: LoadResult) =>
    `| ${name} | ${x.throughput} | ${base ? (x.throughput / base.throughput).toFixed(2) : "—"} | ${x.latency.p50} | ${x.latency.p95} | ${x.latency.p99} | ${x.bytesPerResponse} | ${x.errors + x.non2xx} |`;
  const t = r.targets;
  const mark = (m: boolean) => (m ? "met" : "**missed**");
  return `# Search benchmark

Ran ${r.ranAt} on ${r.machine.cpus} CPUs, Node ${r.machine.node}, in ${r.durationSeconds} s. Everything on one machine over
loopback (API, simulator, Redis, DynamoDB Local and the load generator share the CPUs): compare ratios, not absolutes.

## Mixed workload (cache misses included), by supplier configuration
${r.settings.distinctQuestions} distinct searches (60% flights, 25% hotels, 15% cars), Zipf s=${r.settings.zipfExponent}, ${r.settings.mixedConnections} connections: ${r.settings.warmupSeconds} s warm-up, then ${r.settings.mixedSeconds} s measured; supplier simulator latency ${r.settings.simulatorLatency} ms.
The same question sequence runs against two APIs of the same stack, one after the other: every supplier side by side (\`${r.settings.suppliers}\`, the default) and the Amadeus format alone (the single-supplier baseline).
The warm-up lasts one flight TTL, so measuring starts in steady state (entries have expired and been refreshed, as in production).
"Ideal" is the share of measured requests that repeat an earlier question (what a cache that answers every repeat would reach on this exact sequence); "searches avoided" counts background refreshes of stale entries as searches; "calls" are the HTTP calls each supplier answered (a hotel miss costs the Amadeus format two, Duffel one plus one per hotel's rates; cars have their own supplier).
Every server runs with the API's Node flags (\`${apiNodeOptions}\`). Repeats of a fresh search URL are answered from rendered responses (no validation, lookup or serialization), everything else through the full path.
The API's load comes from ${r.settings.partnerKeys} partner keys on the premium plan, taken in turn: every request is identified by its key and counted against the key's rate and daily quota in Redis (two commands, pipelined into one round trip), as in production; the baselines get the same requests and count nothing, except the "limit + counting" one.

| suppliers | requests | req/s | p50 ms | p95 ms | p99 ms | hit ratio | ideal | searches to suppliers | searches avoided | calls per supplier | errors |
|---|---|---|---|---|---|---|---|---|---|---|---|
${r.suppliers.map((s: any) => `| ${s.label} | ${s.mixed.requests} | ${s.mixed.throughput} | ${s.mixed.latency.p50} | ${s.mixed.latency.p95} | ${s.mixed.latency.p99} | ${s.mixed.hitRatio} | ${s.mixed.idealHitRatio} | ${s.mixed.supplierSearches} | ${(s.mixed.supplierSearchesAvoided * 100).toFixed(1)}% | ${Object.entries(s.mixed.supplierCalls).filter(([, n]) => (n as number) > 0).map(([name, n]) => `${name} ${n}`).join(", ")} | ${s.mixed.errors + s.mixed.non2xx} |`).join("\n")}

## Cached searches, side by side
${r.settings.hotQuestions} hot flight questions (Zipf; the Express baseline implements flights only), ${r.settings.cachedConnections} connections, ${r.settings.cachedSeconds} s each.

| server | req/s | × limit | p50 ms | p95 ms | p99 ms | bytes/response | errors |
|---|---|---|---|---|---|---|---|
${row("this API (Hono, L1+L2)", r.cached.api, r.cached.limit)}
${row("limit: node:http + ioredis GET", r.cached.limit, r.cached.limit)}
${row("limit + counting: the same + the key's rate and quota (rate-limiter-flexible)", r.cached.countedLimit, r.cached.limit)}
${row("Express + Redis cache-aside", r.cached.express, r.cached.limit)}

API vs Express throughput: ${(r.cached.api.throughput / r.cached.express.throughput).toFixed(2)}×; vs the counted limit: ${(r.cached.api.throughput / r.cached.countedLimit.throughput).toFixed(2)}×.

## Spike (10× the base rate, mixed workload)
| suppliers | phase | target req/s | achieved req/s | p99 ms | errors |
|---|---|---|---|---|---|
${r.suppliers.flatMap((s: any) => [
  `| ${s.label} | base | ${r.settings.spikeBaseRate} | ${s.spike.base.throughput} | ${s.spike.base.latency.p99} | ${s.spike.base.errors + s.spike.base.non2xx} |`,
  `| ${s.label} | spike | ${r.settings.spikeBaseRate * 10} | ${s.spike.spike.throughput} | ${s.spike.spike.latency.p99} | ${s.spike.spike.errors + s.spike.spike.non2xx} |`,
]).join("\n")}

## Over the limit
One free-plan key (${r.overLimit.plan.ratePerSecond} req/s, ${r.overLimit.plan.burst} per ${Math.ceil(r.overLimit.plan.burst / r.overLimit.plan.ratePerSecond)} s window) at ${r.settings.overLimitConnections} connections for ${r.settings.overLimitSeconds} s: ${r.overLimit.allowed} answered, ${r.overLimit.refused} refused with 429, at ${r.overLimit.throughput} req/s (p99 ${r.overLimit.latency.p99} ms): a key over its limit is refused from process memory until its window ends.

## Targets
| target | value | goal | |
|---|---|---|---|
| hit ratio | ${t.hitRatio.value} | ${t.hitRatio.target} | ${mark(t.hitRatio.met)} |
| cached throughput / limit | ${t.throughputVsLimit.value} | ${t.throughputVsLimit.target} | ${mark(t.throughputVsLimit.met)} |
| cached throughput / limit with counting | ${t.throughputVsCountedLimit.value} | ${t.throughputVsCountedLimit.target} | ${mark(t.throughputVsCountedLimit.met)} |
| cached throughput / Express | ${t.throughputVsExpress.value} | ${t.throughputVsExpress.target} | ${mark(t.throughputVsExpress.met)} |
| cached p99 (ms, 100 connections) | ${t.cachedP99Ms.value} | ${t.cachedP99Ms.target} | ${mark(t.cachedP99Ms.met)} |
| all searches p99 (ms) | ${t.allSearchesP99Ms.value} | ${t.allSearchesP99Ms.target} | ${mark(t.allSearchesP99Ms.met)} |
| spike error rate | ${t.spikeErrorRate.value} | ${t.spikeErrorRate.target} | ${mark(t.spikeErrorRate.met)} |
`;
}

