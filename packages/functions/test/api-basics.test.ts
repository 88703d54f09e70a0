import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiDependencies } from "../src/api/deps";
import { inProcessBus } from "../src/api/in-process-bus";
import { createApp } from "../src/api/app";
import { startRedisServer } from "@travel/dev/local/processes";
import { daysFromNow, listen, startApi, startSimulator, testConfig, type RunningSimulator, type TestApi } from "./support/helpers";

describe("destinations, health and docs", () => {
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

  it.each(["heathrow", "lhr", "LHR", "Heathrow"])("autocompletes %s to London Heathrow (LHR)", async (q) => {
    const response = await api.get(`/v1/destinations?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Array<{ iataCode: string; name: string; cityCode: string; type: string }> };
    expect(body.data[0]).toMatchObject({ iataCode: "LHR", type: "airport", name: "London Heathrow Airport", cityCode: "LON" });
  });

  it("ranks the city and its main airports first for a city name", async () => {
    const body = (await (await api.get("/v1/destinations?q=london&limit=8")).json()) as { data: Array<{ iataCode: string }> };
    const codes = body.data.map((d) => d.iataCode);
    expect(codes[0]).toBe("LON");
    expect(codes).toEqual(expect.arrayContaining(["LHR", "LGW"]));
    expect(codes.length).toBeLessThanOrEqual(8);
  });

  it("matches multi-word and accented names", async () => {
    const ny = (await (await api.get("/v1/destinations?q=new%20york")).json()) as { data: Array<{ iataCode: string }> };
    expect(ny.data.map((d) => d.iataCode)).toEqual(expect.arrayContaining(["NYC", "JFK", "LGA"]));
    const zurich = (await (await api.get("/v1/destinations?q=z%C3%BCrich")).json()) as { data: Array<{ iataCode: string }> };
    expect(zurich.data.map((d) => d.iataCode)).toContain("ZRH");
  });

  it("lists popular destination cities", async () => {
    const response = await api.get("/v1/destinations/popular?limit=5");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: Array<{ iataCode: string; type: string; airportCodes?: string[] }> };
    expect(body.data.map((d) => d.iataCode)).toEqual(["BKK", "PAR", "LON", "DXB", "SIN"]);
    expect(body.data.every((d) => d.type === "city")).toBe(true);
    expect(body.data.find((d) => d.iataCode === "PAR")!.airportCodes).toEqual(expect.arrayContaining(["CDG", "ORY"]));
    expect((await api.get("/v1/destinations/popular?limit=0")).status).toBe(400);
  });

  it("describes a destination with the airports nearby", async () => {
    const response = await api.get("/v1/destinations/lhr");
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as {
      data: { iataCode: string; type: string; cityCode: string; timeZone: string; location: { latitude: number }; nearbyAirports: Array<{ iataCode: string; distanceKm: number }> };
    };
    expect(data).toMatchObject({ iataCode: "LHR", type: "airport", cityCode: "LON", timeZone: "Europe/London" });
    expect(data.location.latitude).toBeCloseTo(51.47, 1);
    const nearby = data.nearbyAirports.map((a) => a.iataCode);
    expect(nearby).toEqual(expect.arrayContaining(["LGW", "LCY", "STN", "LTN"]));
    expect(nearby).not.toContain("NHT"); // RAF Northolt: military
    expect(data.nearbyAirports.every((a) => a.distanceKm <= 150)).toBe(true);
    const city = (await (await api.get("/v1/destinations/BKK?type=city")).json()) as { data: { type: string; airportCodes: string[] } };
    expect(city.data).toMatchObject({ type: "city", airportCodes: ["BKK", "DMK"] });
    const unknown = await api.get("/v1/destinations/QQQ");
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    expect((await api.get("/v1/destinations/12")).status).toBe(400);
  });

  it("knows today's airports and city codes: Reykjavík (REK), Berlin Brandenburg, not Tempelhof", async () => {
    const reykjavik = await api.get("/v1/destinations/REK");
    expect(reykjavik.status).toBe(200);
    const { data } = (await reykjavik.json()) as { data: { type: string; countryName: string; timeZone: string; airportCodes: string[] } };
    expect(data).toMatchObject({ type: "city", countryName: "Iceland", timeZone: "Atlantic/Reykjavik" });
    expect(data.airportCodes).toEqual(expect.arrayContaining(["KEF", "RKV"]));
    const berlin = (await (await api.get("/v1/destinations/BER")).json()) as { data: { name: string; cityCode: string; timeZone: string } };
    expect(berlin.data).toMatchObject({ name: "Berlin Brandenburg Airport", cityCode: "BER", timeZone: "Europe/Berlin" });
    expect((await api.get("/v1/destinations/THF")).status).toBe(404);
  });

  it("caches autocomplete answers", async () => {
    const first = await api.get("/v1/destinations?q=gatwick");
    const second = await api.get("/v1/destinations?q=Gatwick");
    expect(first.headers.get("x-cache")).toBe("MISS");
    expect(second.headers.get("x-cache")).toBe("HIT");
  });

  it("rejects a too-short or missing q with a 400 problem naming q", async () => {
    for (const path of ["/v1/destinations?q=l", "/v1/destinations", "/v1/destinations?q=lon&limit=500"]) {
      const response = await api.get(path);
      expect(response.status, path).toBe(400);
      const problem = (await response.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors[0]!.field).toMatch(/^(q|limit)$/);
    }
  });

  it("reports liveness and readiness", async () => {
    expect(await (await api.get("/health")).json()).toEqual({ status: "ok" });
    const ready = await api.get("/health/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { redis: { status: "up" }, dynamodb: { status: "up" } } });
  });

  it("publishes an OpenAPI document and a reference page", async () => {
    const doc = (await (await api.get("/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/health", "/health/ready", "/v1/destinations", "/v1/search/flights"]),
    );
    const docs = await api.get("/docs");
    expect(docs.status).toBe(200);
    const page = await docs.text();
    expect(page).toContain("openapi.json");
    // Everything the page loads comes from the API itself (it works offline), and its policy allows no other host.
    const loaded = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((url) => !url.startsWith("data:") && url !== "openapi.json");
    expect(loaded.length).toBeGreaterThanOrEqual(3);
    for (const url of loaded) expect((await api.get(`/${url}`)).status, url).toBe(200);
    const policy = docs.headers.get("content-security-policy")!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/https?:|'unsafe-inline'|'unsafe-eval'/);
    expect((await api.get("/health")).headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("tags every response with a request id", async () => {
    const response = await api.get("/health");
    expect(response.headers.get("x-request-id")).toMatch(/[0-9a-f-]{36}/);
    // A caller's sane id is kept (so logs join up across services), on search responses too,
    // whether answered fresh or repeated; anything else is replaced.
    const search = `/v1/search/flights?origin=LHR&destination=CDG&departureDate=${daysFromNow(33)}`;
    for (const path of ["/health", search, search]) {
      const echoed = await api.get(path, { headers: { "x-request-id": "trace-abc_123" } });
      expect(echoed.headers.get("x-request-id")).toBe("trace-abc_123");
    }
    const replaced = await api.get("/health", { headers: { "x-request-id": "bad id with spaces" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("readiness when Redis stops", () => {
  it("answers 503 naming redis, while searches keep working without the cache", async () => {
    const simulator = await startSimulator();
    const redis = await startRedisServer();
    const config = testConfig(simulator.url);
    const deps = createApiDependencies({ ...config, Redis: { host: redis.host, port: redis.port } }, { bus: inProcessBus(config) });
    const server = await listen(createApp(deps, { clientAddress: () => "127.0.0.1" }).fetch);
    try {
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
      await redis.stop();

      const ready = await fetch(`${server.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(ready.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await ready.json()) as { detail: string; status: unknown; checks: Record<string, { status: string }> };
      expect(problem.detail).toBe("redis is down");
      expect(problem).toMatchObject({ status: "degraded" });
      expect(problem.checks.redis!.status).toBe("down");
      expect(problem.checks.dynamodb!.status).toBe("up");

      const search = await fetch(`${server.url}/v1/search/flights?origin=LHR&destination=CDG&departureDate=${new Date(Date.now() + 20 * 864e5).toISOString().slice(0, 10)}`);
      expect(search.status).toBe(200);
      expect(search.headers.get("x-cache")).toBe("MISS");
    } finally {
      await server.close();
      await deps.close();
      await redis.stop();
      await simulator.close();
    }
  });
});
