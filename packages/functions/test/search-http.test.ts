import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { gunzipSync } from "node:zlib";
import { request } from "node:http";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer } from "@travel/dev/local/processes";
import { startIssuer } from "./support/auth";
import { daysFromNow, ensureStageTables, freePortForTest, startApi, testAdminEmail, startSimulator, testConfig, testResourceEnvironment, type RunningSimulator, type TestApi } from "./support/helpers";

const offersEndpoint = "GET /v2/shopping/flight-offers";
const functionsDir = fileURLToPath(new URL("..", import.meta.url));

describe("search responses for mobile and HTTP caches", () => {
  let simulator: RunningSimulator;
  let api: TestApi;
  const path = `/v1/search/flights?origin=LHR&destination=JFK&departureDate=${daysFromNow(50)}`;

  beforeAll(async () => {
    simulator = await startSimulator();
    api = await startApi(simulator.url);
  });
  afterAll(async () => {
    await api.close();
    await simulator.close();
  });

  it("answers If-None-Match with 304 Not Modified and keeps the cache headers", async () => {
    const first = await api.get(path);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=(\d+)$/);
    expect(Number(/max-age=(\d+)/.exec(first.headers.get("cache-control")!)![1])).toBeLessThanOrEqual(300);
    const again = await api.get(path, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("x-cache")).toBe("HIT");
    const otherTag = await api.get(path, { headers: { "if-none-match": 'W/"something-else"' } });
    expect(otherTag.status).toBe(200);
  });

  it("answers callers with credentials `private`, so shared caches (the edge) keep only anonymous answers", async () => {
    const signedIn = { authorization: `Bearer ${await api.signIn("cache-control@example.com")}` };
    const issued = await api.admin("/v1/admin/api-keys", { method: "POST", body: JSON.stringify({ name: "cache-control partner", plan: "standard" }) });
    const partner = { "x-api-key": ((await issued.json()) as { data: { key: string } }).data.key };
    for (const headers of [signedIn, partner]) {
      const answer = await api.get(path, { headers });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
    }
    expect((await api.get(path)).headers.get("cache-control")).toMatch(/^public, max-age=\d+$/);
  });

  it("projects fields and rejects unknown ones", async () => {
    const body = (await (await api.get(`${path}&fields=id,price.total,itineraries.segments.flightNumber`)).json()) as { data: any[] };
    expect(body.data.length).toBeGreaterThan(0);
    for (const offer of body.data) {
      expect(Object.keys(offer).sort()).toEqual(["id", "itineraries", "price"]);
      expect(Object.keys(offer.price)).toEqual(["total"]);
      expect(Object.keys(offer.itineraries[0].segments[0])).toEqual(["flightNumber"]);
    }
    const bad = await api.get(`${path}&fields=id,secret`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe("fields");
  });

  it("pages with an opaque cursor that only fits its own search", async () => {
    const all = (await (await api.get(path)).json()) as { data: Array<{ id: string }>; meta: { page: { total: number } } };
    const first = (await (await api.get(`${path}&limit=3`)).json()) as { data: Array<{ id: string }>; meta: { page: { nextCursor: string; total: number } } };
    expect(first.data).toHaveLength(3);
    expect(first.meta.page.total).toBe(all.data.length);
    const ids = first.data.map((o) => o.id);
    let cursor: string | null = first.meta.page.nextCursor;
    while (cursor) {
      const page = (await (await api.get(`${path}&limit=3&cursor=${cursor}`)).json()) as { data: Array<{ id: string }>; meta: { page: { nextCursor: string | null } } };
      ids.push(...page.data.map((o) => o.id));
      cursor = page.meta.page.nextCursor;
    }
    expect(ids).toEqual(all.data.map((o) => o.id));
    const foreign = await api.get(`/v1/search/flights?origin=CDG&destination=JFK&departureDate=${daysFromNow(50)}&cursor=${first.meta.page.nextCursor}`);
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe("cursor");
  });

  it("answers a repeated URL with its current age, a request id of its own, and counts it as a hit", async () => {
    const repeated = `/v1/search/flights?origin=LHR&destination=JFK&departureDate=${daysFromNow(51)}`;
    const first = await api.get(repeated);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const firstBody = (await first.json()) as { data: unknown[] };
    const statsBefore = (await (await api.admin("/v1/admin/cache/stats")).json()) as { data: { instance: { flights: { hits: number } } } };
    await sleep(1_100);
    const again = await api.get(repeated);
    expect(again.headers.get("x-cache")).toBe("HIT");
    expect(Number(again.headers.get("age"))).toBeGreaterThanOrEqual(1);
    expect(again.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    const body = (await again.json()) as { data: unknown[]; meta: { cache: { status: string; ageSeconds: number } } };
    expect(body.data).toEqual(firstBody.data);
    expect(body.meta.cache).toMatchObject({ status: "HIT", ageSeconds: Number(again.headers.get("age")) });
    const statsAfter = (await (await api.admin("/v1/admin/cache/stats")).json()) as { data: { instance: { flights: { hits: number } } } };
    expect(statsAfter.data.instance.flights.hits).toBe(statsBefore.data.instance.flights.hits + 1);
  });

  it("compresses for clients that accept gzip, fresh answers and repeats alike", async () => {
    const fresh = `/v1/search/flights?origin=LHR&destination=JFK&departureDate=${daysFromNow(52)}`;
    const get = (target: string, acceptEncoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const req = request(`${api.url}${target}`, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on("error", reject);
        req.end();
      });
    const miss = await get(fresh, "gzip, deflate");
    const hit = await get(fresh, "br;q=1, gzip;q=0.5");
    expect([miss.headers["x-cache"], hit.headers["x-cache"]]).toEqual(["MISS", "HIT"]);
    for (const { headers, body } of [miss, hit]) {
      expect(headers["content-encoding"]).toBe("gzip");
      expect(headers["vary"]).toBe("Accept-Encoding");
      expect(JSON.parse(gunzipSync(body).toString()).data.length).toBeGreaterThan(0);
    }
    const refused = await get(fresh, "gzip;q=0");
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(refused.body.toString()).data.length).toBeGreaterThan(0);
  });
});

describe("stale answers and the circuit breaker", () => {
  it("serves STALE with its age when the supplier is down after the TTL", async () => {
    const simulator = await startSimulator();
    const api = await startApi(simulator.url, { cachePolicies: { flights: { freshSeconds: 1, staleSeconds: 60 } }, resilience: { attempts: 1 } });
    try {
      const path = `/v1/search/flights?origin=AMS&destination=LIS&departureDate=${daysFromNow(40)}`;
      const fresh = (await (await api.get(path)).json()) as { data: unknown[] };
      await simulator.control({ down: true });
      await sleep(1_200);
      const stale = await api.get(path);
      expect(stale.status).toBe(200);
      expect(stale.headers.get("x-cache")).toBe("STALE");
      expect(Number(stale.headers.get("age"))).toBeGreaterThanOrEqual(1);
      expect(stale.headers.get("cache-control")).toContain("max-age=0");
      expect(((await stale.json()) as { data: unknown[] }).data).toEqual(fresh.data);
    } finally {
      await api.close();
      await simulator.close();
    }
  });

  it("opens the circuit after repeated failures (503 + Retry-After), then closes it when the supplier recovers", async () => {
    const simulator = await startSimulator();
    const api = await startApi(simulator.url, { resilience: { attempts: 1, breakAfterFailures: 2, halfOpenAfterMs: 1_000 } });
    try {
      await simulator.control({ down: true });
      const search = (to: string) => api.get(`/v1/search/flights?origin=MAD&destination=${to}&departureDate=${daysFromNow(33)}`);
      expect((await search("LHR")).status).toBe(502);
      expect((await search("CDG")).status).toBe(502);
      const callsBefore = (await simulator.stats()).total;
      const rejected = await search("FCO");
      expect(rejected.status).toBe(503);
      expect(Number(rejected.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(((await rejected.json()) as { type: string }).type).toMatch(/supplier-unavailable$/);
      expect((await simulator.stats()).total).toBe(callsBefore); // the open circuit did not call
      const health = (await (await api.admin("/v1/admin/suppliers")).json()) as { data: Array<{ name: string; circuit: string }> };
      expect(health.data[0]).toMatchObject({ name: "amadeus", circuit: "open" });

      await simulator.control({ down: false });
      await sleep(1_100);
      expect((await search("FCO")).status).toBe(200);
      const after = (await (await api.admin("/v1/admin/suppliers")).json()) as { data: Array<{ circuit: string }> };
      expect(after.data[0]!.circuit).toBe("closed");
    } finally {
      await api.close();
      await simulator.close();
    }
  });
});

describe("admin cache endpoints", () => {
  let simulator: RunningSimulator;
  let api: TestApi;
  beforeAll(async () => {
    simulator = await startSimulator();
    api = await startApi(simulator.url);
  });
  afterAll(async () => {
    await api.close();
    await simulator.close();
  });

  it("refuses requests without an admin's access token", async () => {
    const response = await api.get("/v1/admin/cache/stats");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    expect((await api.get("/v1/admin/suppliers", { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
  });

  it("invalidates by tag so the next search asks the supplier again", async () => {
    const path = `/v1/search/flights?origin=LHR&destination=DXB&departureDate=${daysFromNow(70)}`;
    await api.get(path);
    expect((await api.get(path)).headers.get("x-cache")).toBe("HIT");
    const before = (await simulator.stats()).byEndpoint[offersEndpoint]!;
    const invalidated = await api.admin("/v1/admin/cache/invalidate", { method: "POST", body: JSON.stringify({ tags: ["route:LHR-DXB"] }) });
    expect(invalidated.status).toBe(200);
    expect(await invalidated.json()).toEqual({ data: { invalidatedTags: ["route:LHR-DXB"], entriesRemoved: 1 } });
    expect((await api.get(path)).headers.get("x-cache")).toBe("MISS");
    expect((await simulator.stats()).byEndpoint[offersEndpoint]).toBe(before + 1);
    const bad = await api.admin("/v1/admin/cache/invalidate", { method: "POST", body: JSON.stringify({ tags: ["no spaces allowed"] }) });
    expect(bad.status).toBe(400);
  });

  it("drops the affected entries when a PriceUpdated or InventoryChanged event arrives", async () => {
    const route = `/v1/search/flights?origin=LHR&destination=JFK&departureDate=${daysFromNow(88)}`;
    const paris = `/v1/search/flights?origin=CDG&destination=LIS&departureDate=${daysFromNow(88)}`;
    const other = `/v1/search/flights?origin=MAD&destination=LIS&departureDate=${daysFromNow(88)}`;
    for (const path of [route, paris, other]) await api.get(path);
    const eventuallyMiss = async (path: string) => {
      for (let i = 0; i < 40; i++) {
        if ((await api.get(path)).headers.get("x-cache") === "MISS") return true;
        await sleep(50);
      }
      return false;
    };
    const price = await api.admin("/v1/admin/events", {
      method: "POST",
      body: JSON.stringify({ name: "PriceUpdated", detail: { supplier: "amadeus", routes: ["LHR-JFK"] } }),
    });
    expect(price.status).toBe(202);
    expect(await eventuallyMiss(route)).toBe(true);
    const inventory = await api.admin("/v1/admin/events", {
      method: "POST",
      body: JSON.stringify({ name: "InventoryChanged", detail: { supplier: "amadeus", cityCodes: ["PAR"] } }),
    });
    expect(inventory.status).toBe(202);
    expect(await eventuallyMiss(paris)).toBe(true);
    expect((await api.get(other)).headers.get("x-cache")).toBe("HIT");
    const invalid = await api.admin("/v1/admin/events", { method: "POST", body: JSON.stringify({ name: "PriceUpdated", detail: { supplier: "amadeus", routes: ["nope"] } }) });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { detail: string }).detail).toMatch(/routes look like LHR-JFK/);
  });

  it("reports hits, misses and supplier calls per data type", async () => {
    const path = `/v1/search/flights?origin=JFK&destination=MIA&departureDate=${daysFromNow(21)}`;
    await api.get(path);
    await api.get(path);
    await api.get(path);
    const stats = (await (await api.admin("/v1/admin/cache/stats")).json()) as { data: { instance: any; shared: any; hitRatio: number } };
    expect(stats.data.instance.flights.misses).toBeGreaterThanOrEqual(1);
    expect(stats.data.instance.flights.hits).toBeGreaterThanOrEqual(2);
    expect(stats.data.instance.flights.supplierCalls).toBe(stats.data.instance.flights.misses);
    expect(stats.data.shared.flights.hits).toBeGreaterThanOrEqual(stats.data.instance.flights.hits);
    expect(stats.data.hitRatio).toBeGreaterThan(0);
  });
});

describe("two API processes sharing one Redis", () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill("SIGTERM");
  });

  it("make exactly one supplier call for 100 concurrent identical misses", async () => {
    const simulator = await startSimulator({ latencyMs: { min: 300, max: 300 } });
    const env = testResourceEnvironment(simulator.url); // one stage: both share cache keys
    const links = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith("SST_RESOURCE_")).map(([k, v]) => [k.slice(13), JSON.parse(v)]));
    await ensureStageTables(links);
    const issuer = await startIssuer({ auth: links.AuthTable.name, audit: links.AuditTable.name }, [testAdminEmail]);
    env.SST_RESOURCE_Auth = JSON.stringify({ url: issuer.url });
    const ports = [await freePortForTest(), await freePortForTest()];
    for (const port of ports) {
      const child = spawn(process.execPath, ["--import", "tsx", "src/api/server.ts"], {
        cwd: functionsDir,
        env: { ...process.env, ...env, PORT: String(port), POWERTOOLS_LOG_LEVEL: "ERROR" },
        stdio: "ignore",
      });
      children.push(child);
    }
    for (const port of ports) {
      for (let i = 0; i < 100; i++) {
        const up = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);
        if (up) break;
        await sleep(200);
      }
    }
    // 100 requests at once from one address are far over an anonymous caller's limit: they come
    // from a partner on the premium plan (a key issued by an admin through one of the processes).
    const admin = { authorization: `Bearer ${await issuer.signIn(testAdminEmail)}`, "content-type": "application/json" };
    const issued = await fetch(`http://127.0.0.1:${ports[0]}/v1/admin/api-keys`, { method: "POST", headers: admin, body: JSON.stringify({ name: "load test partner", plan: "premium" }) });
    expect(issued.status).toBe(201);
    const partner = { "x-api-key": ((await issued.json()) as { data: { key: string } }).data.key };
    const before = (await simulator.stats()).byEndpoint[offersEndpoint] ?? 0;
    const path = `/v1/search/flights?origin=SIN&destination=SYD&departureDate=${daysFromNow(80)}`;
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(`http://127.0.0.1:${ports[i % 2]}${path}`, { headers: partner })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(((await simulator.stats()).byEndpoint[offersEndpoint] ?? 0) - before).toBe(1);

    // Invalidated through one process, the other stops answering from its L1 and its rendered
    // responses as soon as the bus tells it, and asks the supplier again.
    const second = `http://127.0.0.1:${ports[1]}${path}`;
    expect((await fetch(second, { headers: partner })).headers.get("x-cache")).toBe("HIT");
    const invalidated = await fetch(`http://127.0.0.1:${ports[0]}/v1/admin/cache/invalidate`, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ tags: ["route:SIN-SYD"] }),
    });
    expect(invalidated.status).toBe(200);
    let status: string | null = "HIT";
    for (let i = 0; i < 40 && status === "HIT"; i++) {
      status = (await fetch(second, { headers: partner })).headers.get("x-cache");
      if (status === "HIT") await sleep(50);
    }
    expect(status).toBe("MISS");
    expect(((await simulator.stats()).byEndpoint[offersEndpoint] ?? 0) - before).toBe(2);
    await simulator.close();
    await issuer.close();
  });
});

describe("Redis stopped mid-test, then restarted", () => {
  it("keeps answering, reports degraded, and uses Redis again once it is back", async () => {
    const simulator = await startSimulator();
    const redisServer = await startRedisServer();
    const config = testConfig(simulator.url);
    const api = await startApi(simulator.url, { config: { ...config, Redis: { host: redisServer.host, port: redisServer.port } } });
    const probe = new Redis({ host: redisServer.host, port: redisServer.port, lazyConnect: true, retryStrategy: () => 200 });
    probe.on("error", () => {});
    let restarted: Awaited<ReturnType<typeof startRedisServer>> | undefined;
    try {
      const first = `/v1/search/flights?origin=MUC&destination=VIE&departureDate=${daysFromNow(25)}`;
      const initial = await api.get(first);
      expect(initial.headers.get("x-cache"), `${initial.status} ${await initial.clone().text()}`).toBe("MISS");
      await redisServer.stop();

      expect((await api.get(first)).headers.get("x-cache")).toBe("HIT"); // from the in-process L1
      const second = await api.get(`/v1/search/flights?origin=MUC&destination=PRG&departureDate=${daysFromNow(25)}`);
      expect(second.status, await second.clone().text()).toBe(200);
      expect(second.headers.get("x-cache")).toBe("MISS");
      const degraded = await api.get("/health/ready");
      expect(degraded.status).toBe(503);
      expect(await degraded.json()).toMatchObject({ status: "degraded", detail: "redis is down" });

      restarted = await startRedisServer({ port: redisServer.port });
      let ready = 503;
      for (let i = 0; i < 50 && ready !== 200; i++) {
        await sleep(200);
        ready = (await api.get("/health/ready")).status;
      }
      expect(ready).toBe(200);
      await sleep(5_200); // bentocache skips L2 for 5 s after Redis errors
      const third = `/v1/search/flights?origin=MUC&destination=BUD&departureDate=${daysFromNow(25)}`;
      expect((await api.get(third)).status).toBe(200);
      await probe.connect();
      const keys = await probe.keys("*MUC:BUD*");
      expect(keys.length).toBeGreaterThanOrEqual(1);
    } finally {
      probe.disconnect();
      await api.close();
      await restarted?.stop();
      await simulator.close();
    }
  });
});
