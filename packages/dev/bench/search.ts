import { cpus } from "node:os";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import { cachePolicies } from "@travel/core/cache";
import { apiNodeOptions } from "@travel/core/config";
import { entryPoints } from "../src/local/entry-points";
import { freePort } from "../src/local/processes";
import { startDataStores } from "../src/local/stack";
import { usagePlans } from "@travel/core/identity";
import { issuePartnerKeys, percentile, startChild, startIssuer, startSimulatorWithLinks, stopChildren, waitFor, writeResults } from "./harness";
import { flightSearchPaths, mixedSearchPaths, seededRandom, Zipf } from "./workload";

/**
 * `pnpm bench search`: the local stack (API, supplier simulator, Redis, DynamoDB Local) under a
 * Zipf-shaped search workload, and the cached-search path beside two baselines measured in the
 * same run: the limit (node:http + one ioredis GET) and an Express + Redis cache-aside endpoint.
 * Results: bench/results/search.json and search.md.
 */
const settings = {
  distinctQuestions: Number(process.env.BENCH_QUESTIONS ?? 20_000),
  zipfExponent: Number(process.env.BENCH_ZIPF ?? 1.1),
  mixedConnections: 50,
  /**
   * Unmeasured first pass: production caches run warm, and a cold start is not steady state. It
   * lasts one flight TTL, the shortest of the search TTLs, so by the time measuring starts entries
   * have expired and been refreshed as they would in production.
   */
  warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? cachePolicies.flights.freshSeconds),
  mixedSeconds: Number(process.env.BENCH_MIXED_SECONDS ?? 60),
  cachedConnections: 100,
  cachedSeconds: Number(process.env.BENCH_CACHED_SECONDS ?? 15),
  hotQuestions: 200,
  spikeBaseRate: 50,
  spikeSeconds: 10,
  simulatorLatency: "150-600",
  /** Partner keys (premium plan) the load is spread over, as traffic from many partners is. */
  partnerKeys: 64,
  /** One free-plan key at full speed: how cheaply requests over a limit are refused. */
  overLimitConnections: 100,
  overLimitSeconds: 10,
};

interface LoadResult {
  requests: number;
  throughput: number;
  latency: { p50: number; p95: number; p99: number; mean: number };
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
}

/** One autocannon run; latencies are recorded per response so any percentile can be reported. */
function load(
  baseUrl: string,
  nextPath: () => string,
  options: { connections: number; seconds: number; rate?: number; headers?: () => Record<string, string> },
): Promise<LoadResult & { statuses: Record<string, number> }> {
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: options.connections,
        duration: options.seconds,
        ...(options.rate ? { overallRate: options.rate } : {}),
        requests: [
          {
            method: "GET",
            setupRequest: (request) => ({ ...request, path: nextPath(), ...(options.headers ? { headers: { ...request.headers, ...options.headers() } } : {}) }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = Float64Array.from(latencies).sort();
        const mean = latencies.reduce((s, v) => s + v, 0) / Math.max(1, latencies.length);
        resolve({
          requests: result.requests.total,
          throughput: Math.round(result.requests.total / options.seconds),
          latency: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean: Math.round(mean * 10) / 10 },
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          bytesPerResponse: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
          statuses,
        });
      },
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

async function main() {
  const started = Date.now();
  console.log("bench search: starting the local stack (in memory)…");
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const stores = await startDataStores({ stage: "bench", onProgress: (m) => console.log(`  ${m}`) });
  const redis = new Redis({ host: stores.redis.host, port: stores.redis.port });
  try {
    const [apiPort, limitPort, countedLimitPort, expressPort, authPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const { simUrl, env } = await startSimulatorWithLinks(stores, { stage: "bench", authUrl: `http://127.0.0.1:${authPort}`, latency: settings.simulatorLatency });
    // The issuer signs in the admin who issues the partner keys and reads the cache counters.
    const issuer = await startIssuer(env, authPort);
    // Request logs off for all servers alike (they would dominate a loopback benchmark).
    // The API runs with its production Node flags (runtime-flags.ts); the baselines get the same
    // flags, so the comparison is of code, not of tuning.
    const nodeOptions = [process.env.NODE_OPTIONS, apiNodeOptions].filter(Boolean).join(" ");
    startChild(entryPoints.api, { ...env, PORT: String(apiPort), POWERTOOLS_LOG_LEVEL: "WARN", NODE_OPTIONS: nodeOptions });
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${apiUrl}/health`);
    const redisUrl = `redis://${stores.redis.host}:${stores.redis.port}`;
    startChild(entryPoints.limitBaseline, { REDIS_URL: redisUrl, PORT: String(limitPort), NODE_OPTIONS: nodeOptions });
    startChild(entryPoints.limitBaseline, { REDIS_URL: redisUrl, PORT: String(countedLimitPort), COUNT: "1", NODE_OPTIONS: nodeOptions });
    startChild(entryPoints.expressBaseline, { REDIS_URL: redisUrl, PORT: String(expressPort), SUPPLIER_URL: simUrl, NODE_OPTIONS: nodeOptions });
    await waitFor(`http://127.0.0.1:${limitPort}/`);
    await waitFor(`http://127.0.0.1:${countedLimitPort}/`);
    const adminToken = await issuer.signIn("admin@travel-platform.local");
    const partnerKeys = await issuePartnerKeys(apiUrl, adminToken, settings.partnerKeys, "premium");
    let nextKey = 0;
    const asPartner = () => ({ "x-api-key": partnerKeys[nextKey++ % partnerKeys.length]! });
    await waitFor(`http://127.0.0.1:${expressPort}/v1/search/flights?origin=LHR&destination=JFK&departureDate=2099-01-01`).catch(() => {});

    const questions = mixedSearchPaths(settings.distinctQuestions);
    const zipf = new Zipf(questions.length, settings.zipfExponent, seededRandom("bench:traffic"));
    // Track what an ideal cache (every repeat answered from cache) would achieve on this exact
    // request sequence, to report beside the measured hit ratio.
    const seen = new Set<string>();
    let measured = { requests: 0, repeats: 0, on: false };
    const mixed = () => {
      const path = questions[zipf.next()]!;
      if (measured.on) {
        measured.requests += 1;
        if (seen.has(path)) measured.repeats += 1;
      }
      seen.add(path);
      return path;
    };
    const stats = async () => {
      type Counters = { hits: number; misses: number; stale: number; supplierCalls: number };
      const body = (await (await fetch(`${apiUrl}/v1/admin/cache/stats`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as {
        data: { instance: Record<"flights" | "hotels" | "cars", Counters> };
      };
      const { flights, hotels, cars } = body.data.instance;
      const sum = (k: keyof Counters) => flights[k] + hotels[k] + cars[k];
      return { hits: sum("hits"), misses: sum("misses"), stale: sum("stale"), supplierCalls: sum("supplierCalls") };
    };
    // Searches that went to a supplier: one per flight or car miss; a hotel miss makes two
    // supplier API calls (hotel list + offers) but counts as one search here.
    const supplierSearches = async () => {
      const { byEndpoint } = (await (await fetch(`${simUrl}/__stats`)).json()) as { byEndpoint: Record<string, number> };
      return (byEndpoint["GET /v2/shopping/flight-offers"] ?? 0) + (byEndpoint["GET /v3/shopping/hotel-offers"] ?? 0) + (byEndpoint["GET /v1/cars/availability"] ?? 0);
    };

    console.log(`mixed workload: ${settings.distinctQuestions} distinct flight/hotel/car questions, Zipf s=${settings.zipfExponent}, ${settings.mixedConnections} connections, ${settings.mixedSeconds} s…`);
    if (settings.warmupSeconds > 0) {
      console.log(`  warm-up ${settings.warmupSeconds} s (not measured)…`);
      await load(apiUrl, mixed, { connections: settings.mixedConnections, seconds: settings.warmupSeconds, headers: asPartner });
    }
    measured = { requests: 0, repeats: 0, on: true };
    const before = await stats();
    const callsBefore = await supplierSearches();
    const mixedResult = await load(apiUrl, mixed, { connections: settings.mixedConnections, seconds: settings.mixedSeconds, headers: asPartner });
    const after = await stats();
    const supplierCalls = (await supplierSearches()) - callsBefore;
    const served = after.hits + after.misses + after.stale - (before.hits + before.misses + before.stale);
    const fromCache = after.hits + after.stale - (before.hits + before.stale);
    const hitRatio = fromCache / served;
    measured.on = false;
    const idealHitRatio = measured.repeats / measured.requests;
    const callsAvoided = 1 - supplierCalls / mixedResult.requests;

    console.log(`cached searches: ${settings.hotQuestions} hot questions, ${settings.cachedConnections} connections, ${settings.cachedSeconds} s each for API, limit, counted limit, Express…`);
    // Cached comparison on flight searches: the Express baseline implements that endpoint only.
    const hot = flightSearchPaths(settings.hotQuestions, "bench-hot");
    const hotZipf = new Zipf(hot.length, settings.zipfExponent, seededRandom("bench:hot"));
    const nextHot = () => hot[hotZipf.next()]!;
    // Warm every server's cache with the hot questions (20 at a time: each first call is a miss).
    for (let i = 0; i < hot.length; i += 20) {
      await Promise.all(
        hot.slice(i, i + 20).map(async (path) => {
          const body = await (await fetch(`${apiUrl}${path}`, { headers: asPartner() })).text();
          await redis.set(`limit:${path}`, body);
          await fetch(`http://127.0.0.1:${expressPort}${path}`).then((r) => r.arrayBuffer());
        }),
      );
    }
    const cachedApi = await load(apiUrl, nextHot, { connections: settings.cachedConnections, seconds: settings.cachedSeconds, headers: asPartner });
    // The baselines get the same requests, partner keys included (they ignore them), so the load
    // generator spends the same on each.
    const cachedLimit = await load(`http://127.0.0.1:${limitPort}`, nextHot, { connections: settings.cachedConnections, seconds: settings.cachedSeconds, headers: asPartner });
    const cachedCountedLimit = await load(`http://127.0.0.1:${countedLimitPort}`, nextHot, { connections: settings.cachedConnections, seconds: settings.cachedSeconds, headers: asPartner });
    const cachedExpress = await load(`http://127.0.0.1:${expressPort}`, nextHot, { connections: settings.cachedConnections, seconds: settings.cachedSeconds, headers: asPartner });

    console.log(`spike: ${settings.spikeBaseRate} req/s, then ${settings.spikeBaseRate * 10} req/s…`);
    const spikeBase = await load(apiUrl, mixed, { connections: 50, seconds: settings.spikeSeconds, rate: settings.spikeBaseRate, headers: asPartner });
    const spike = await load(apiUrl, mixed, { connections: 200, seconds: settings.spikeSeconds, rate: settings.spikeBaseRate * 10, headers: asPartner });

    console.log(`over the limit: one free-plan key, ${settings.overLimitConnections} connections, ${settings.overLimitSeconds} s…`);
    const [freeKey] = await issuePartnerKeys(apiUrl, adminToken, 1, "free");
    const overLimit = await load(apiUrl, nextHot, { connections: settings.overLimitConnections, seconds: settings.overLimitSeconds, headers: () => ({ "x-api-key": freeKey! }) });

    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const targets = {
      hitRatio: { value: round(hitRatio, 3), target: ">= 0.90", met: hitRatio >= 0.9 },
      throughputVsLimit: { value: ratio(cachedApi.throughput, cachedLimit.throughput), target: ">= 0.7", met: cachedApi.throughput >= 0.7 * cachedLimit.throughput },
      throughputVsCountedLimit: { value: ratio(cachedApi.throughput, cachedCountedLimit.throughput), target: ">= 0.7", met: cachedApi.throughput >= 0.7 * cachedCountedLimit.throughput },
      throughputVsExpress: { value: ratio(cachedApi.throughput, cachedExpress.throughput), target: ">= 2", met: cachedApi.throughput >= 2 * cachedExpress.throughput },
      cachedP99Ms: { value: cachedApi.latency.p99, target: "< 50", met: cachedApi.latency.p99 < 50 },
      allSearchesP99Ms: { value: mixedResult.latency.p99, target: "< 1000", met: mixedResult.latency.p99 < 1000 },
      spikeErrorRate: { value: round((spike.errors + spike.non2xx) / Math.max(1, spike.requests), 4), target: "0", met: spike.errors + spike.non2xx === 0 },
    };
    const report = {
      benchmark: "search",
      ranAt: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: { cpus: cpus().length, node: process.version },
      settings,
      mixed: { ...mixedResult, hitRatio: round(hitRatio, 4), idealHitRatio: round(idealHitRatio, 4), supplierCalls, supplierCallsAvoided: round(callsAvoided, 4) },
      cached: { api: cachedApi, limit: cachedLimit, countedLimit: cachedCountedLimit, express: cachedExpress },
      spike: { base: spikeBase, spike },
      overLimit: { ...overLimit, allowed: overLimit.statuses["200"] ?? 0, refused: overLimit.statuses["429"] ?? 0, plan: usagePlans.free },
      targets,
    };
    writeResults("search", report, markdown);
  } finally {
    await stopChildren();
    redis.disconnect();
    await stores.stop();
  }
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function markdown(r: any): string {
  const row = (name: string, x: LoadResult, base?: LoadResult) =>
    `| ${name} | ${x.throughput} | ${base ? (x.throughput / base.throughput).toFixed(2) : "—"} | ${x.latency.p50} | ${x.latency.p95} | ${x.latency.p99} | ${x.bytesPerResponse} | ${x.errors + x.non2xx} |`;
  const t = r.targets;
  const mark = (m: boolean) => (m ? "met" : "**missed**");
  return `# Search benchmark

Ran ${r.ranAt} on ${r.machine.cpus} CPUs, Node ${r.machine.node}, in ${r.durationSeconds} s. Everything on one machine over
loopback (API, simulator, Redis, DynamoDB Local and the load generator share the CPUs): compare ratios, not absolutes.

## Mixed workload (cache misses included)
${r.settings.distinctQuestions} distinct searches (60% flights, 25% hotels, 15% cars), Zipf s=${r.settings.zipfExponent}, ${r.settings.mixedConnections} connections: ${r.settings.warmupSeconds} s warm-up, then ${r.settings.mixedSeconds} s measured; supplier simulator latency ${r.settings.simulatorLatency} ms.
The warm-up lasts one flight TTL, so measuring starts in steady state (entries have expired and been refreshed, as in production).
"Ideal" is the share of measured requests that repeat an earlier question (what a cache that answers every repeat would reach on this exact sequence); "calls avoided" counts background refreshes of stale entries as supplier calls.
Every server runs with the API's Node flags (\`${apiNodeOptions}\`). Repeats of a fresh search URL are answered from rendered responses (no validation, lookup or serialization), everything else through the full path.
The API's load comes from ${r.settings.partnerKeys} partner keys on the premium plan, taken in turn: every request is identified by its key and counted against the key's rate and daily quota in Redis (two commands, pipelined into one round trip), as in production; the baselines get the same requests and count nothing, except the "limit + counting" one.

| requests | req/s | p50 ms | p95 ms | p99 ms | hit ratio | ideal | supplier calls | calls avoided | errors |
|---|---|---|---|---|---|---|---|---|---|
| ${r.mixed.requests} | ${r.mixed.throughput} | ${r.mixed.latency.p50} | ${r.mixed.latency.p95} | ${r.mixed.latency.p99} | ${r.mixed.hitRatio} | ${r.mixed.idealHitRatio} | ${r.mixed.supplierCalls} | ${(r.mixed.supplierCallsAvoided * 100).toFixed(1)}% | ${r.mixed.errors + r.mixed.non2xx} |

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
| phase | target req/s | achieved req/s | p99 ms | errors |
|---|---|---|---|---|
| base | ${r.settings.spikeBaseRate} | ${r.spike.base.throughput} | ${r.spike.base.latency.p99} | ${r.spike.base.errors + r.spike.base.non2xx} |
| spike | ${r.settings.spikeBaseRate * 10} | ${r.spike.spike.throughput} | ${r.spike.spike.latency.p99} | ${r.spike.spike.errors + r.spike.spike.non2xx} |

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

main().catch((error) => {
  console.error(error);
  void stopChildren().then(() => process.exit(1));
});
