import { cpus } from "node:os";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import { cachePolicies } from "@travel/core/cache";
import { apiNodeOptions, supplierVariables } from "@travel/core/config";
import { entryPoints } from "../src/local/entry-points";
import { freePort } from "../src/local/processes";
import { startDataStores } from "../src/local/stack";
import { usagePlans } from "@travel/core/identity";
import { issuePartnerKeys, percentile, startChild, startIssuer, startSimulatorWithLinks, stopChildren, waitFor, writeResults } from "./harness";
import { flightSearchPaths, mixedSearchPaths, seededRandom, Zipf } from "./workload";
import { searchMarkdown, type LoadResult } from "./search-report";

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
  /** The suppliers of the main run (FLIGHT_SUPPLIERS / STAY_SUPPLIERS' default); a second API asks the Amadeus format alone. */
  suppliers: supplierVariables.flights.default,
  /** Partner keys (premium plan) the load is spread over, as traffic from many partners is. */
  partnerKeys: 64,
  /** One free-plan key at full speed: how cheaply requests over a limit are refused. */
  overLimitConnections: 100,
  overLimitSeconds: 10,
};


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

/** A search API of the run: its URL, and how it reads its cache counters as the admin. */
interface BenchApi {
  label: string;
  url: string;
}

type Counters = { hits: number; misses: number; stale: number; supplierCalls: number };

async function main() {
  const started = Date.now();
  console.log("bench search: starting the local stack (in memory)…");
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const stores = await startDataStores({ stage: "bench", onProgress: (m) => console.log(`  ${m}`) });
  const redis = new Redis({ host: stores.redis.host, port: stores.redis.port });
  try {
    const [apiPort, singleApiPort, limitPort, countedLimitPort, expressPort, authPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const { simUrl, env } = await startSimulatorWithLinks(stores, { stage: "bench", authUrl: `http://127.0.0.1:${authPort}`, latency: settings.simulatorLatency });
    // The issuer signs in the admin who issues the partner keys and reads the cache counters.
    const issuer = await startIssuer(env, authPort);
    // Request logs off for all servers alike (they would dominate a loopback benchmark).
    // The API runs with its production Node flags (runtime-flags.ts); the baselines get the same
    // flags, so the comparison is of code, not of tuning.
    const nodeOptions = [process.env.NODE_OPTIONS, apiNodeOptions].filter(Boolean).join(" ");
    // Two APIs on the same stores: every supplier side by side (the default), and the
    // Amadeus-format supplier alone, under a name of its own so their caches do not mix.
    startChild(entryPoints.api, { ...env, PORT: String(apiPort), POWERTOOLS_LOG_LEVEL: "WARN", NODE_OPTIONS: nodeOptions });
    startChild(entryPoints.api, {
      ...env,
      SST_RESOURCE_App: JSON.stringify({ ...JSON.parse(env.SST_RESOURCE_App!), name: "travel-platform-single" }),
      SST_RESOURCE_SearchSuppliers: JSON.stringify({ flights: ["amadeus"], stays: ["amadeus"] }),
      PORT: String(singleApiPort),
      POWERTOOLS_LOG_LEVEL: "WARN",
      NODE_OPTIONS: nodeOptions,
    });
    const both: BenchApi = { label: `${settings.suppliers} side by side`, url: `http://127.0.0.1:${apiPort}` };
    const single: BenchApi = { label: "amadeus alone", url: `http://127.0.0.1:${singleApiPort}` };
    const apiUrl = both.url;
    await waitFor(`${both.url}/health`);
    await waitFor(`${single.url}/health`);
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

    const cacheStats = async (api: BenchApi): Promise<Counters> => {
      const body = (await (await fetch(`${api.url}/v1/admin/cache/stats`, { headers: { authorization: `Bearer ${adminToken}` } })).json()) as {
        data: { instance: Record<"flights" | "hotels" | "cars", Counters> };
      };
      const { flights, hotels, cars } = body.data.instance;
      const sum = (k: keyof Counters) => flights[k] + hotels[k] + cars[k];
      return { hits: sum("hits"), misses: sum("misses"), stale: sum("stale"), supplierCalls: sum("supplierCalls") };
    };
    // HTTP calls each supplier answered (a hotel miss costs the Amadeus format two plus one per 3 offered hotels' ratings, Duffel one plus one per hotel's rates).
    const callsBySupplier = async () => ((await (await fetch(`${simUrl}/__stats`)).json()) as { bySupplier: Record<string, number> }).bySupplier;

    /** The mixed workload on one API: warm-up, measured run, then the spike; the same question sequence for every API. */
    const mixedWorkload = async (api: BenchApi) => {
      const questions = mixedSearchPaths(settings.distinctQuestions);
      const zipf = new Zipf(questions.length, settings.zipfExponent, seededRandom("bench:traffic"));
      // What an ideal cache (every repeat answered from cache) would achieve on this exact sequence.
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
      console.log(`mixed workload (${api.label}): ${settings.distinctQuestions} distinct flight/hotel/car questions, Zipf s=${settings.zipfExponent}, ${settings.mixedConnections} connections, ${settings.mixedSeconds} s…`);
      if (settings.warmupSeconds > 0) {
        console.log(`  warm-up ${settings.warmupSeconds} s (not measured)…`);
        await load(api.url, mixed, { connections: settings.mixedConnections, seconds: settings.warmupSeconds, headers: asPartner });
      }
      measured = { requests: 0, repeats: 0, on: true };
      const before = await cacheStats(api);
      const callsBefore = await callsBySupplier();
      const result = await load(api.url, mixed, { connections: settings.mixedConnections, seconds: settings.mixedSeconds, headers: asPartner });
      const after = await cacheStats(api);
      const callsAfter = await callsBySupplier();
      measured.on = false;
      const served = after.hits + after.misses + after.stale - (before.hits + before.misses + before.stale);
      const fromCache = after.hits + after.stale - (before.hits + before.stale);
      // Searches that went to the suppliers (misses and background refreshes), whatever each cost in calls.
      const supplierSearches = after.supplierCalls - before.supplierCalls;
      const supplierCalls = Object.fromEntries(Object.keys(callsAfter).map((name) => [name, (callsAfter[name] ?? 0) - (callsBefore[name] ?? 0)]));
      console.log(`spike (${api.label}): ${settings.spikeBaseRate} req/s, then ${settings.spikeBaseRate * 10} req/s…`);
      const spikeBase = await load(api.url, mixed, { connections: 50, seconds: settings.spikeSeconds, rate: settings.spikeBaseRate, headers: asPartner });
      const spike = await load(api.url, mixed, { connections: 200, seconds: settings.spikeSeconds, rate: settings.spikeBaseRate * 10, headers: asPartner });
      return {
        label: api.label,
        mixed: {
          ...result,
          hitRatio: round(fromCache / served, 4),
          idealHitRatio: round(measured.repeats / measured.requests, 4),
          supplierSearches,
          supplierSearchesAvoided: round(1 - supplierSearches / result.requests, 4),
          supplierCalls,
        },
        spike: { base: spikeBase, spike },
      };
    };

    const sideBySide = await mixedWorkload(both);
    const alone = await mixedWorkload(single);

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

    console.log(`over the limit: one free-plan key, ${settings.overLimitConnections} connections, ${settings.overLimitSeconds} s…`);
    const [freeKey] = await issuePartnerKeys(apiUrl, adminToken, 1, "free");
    const overLimit = await load(apiUrl, nextHot, { connections: settings.overLimitConnections, seconds: settings.overLimitSeconds, headers: () => ({ "x-api-key": freeKey! }) });

    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const { mixed: mixedResult, spike: { spike } } = sideBySide;
    const targets = {
      hitRatio: { value: round(mixedResult.hitRatio, 3), target: ">= 0.90", met: mixedResult.hitRatio >= 0.9 },
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
      suppliers: [sideBySide, alone],
      cached: { api: cachedApi, limit: cachedLimit, countedLimit: cachedCountedLimit, express: cachedExpress },
      overLimit: { ...overLimit, allowed: overLimit.statuses["200"] ?? 0, refused: overLimit.statuses["429"] ?? 0, plan: usagePlans.free },
      targets,
    };
    writeResults("search", report, searchMarkdown);
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

main().catch((error) => {
  console.error(error);
  void stopChildren().then(() => process.exit(1));
});
