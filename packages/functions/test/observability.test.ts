import { declaredMetrics, metricNamespace, metrics, serviceName, traced, tracer } from "@travel/core/observability";
import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flightOffer, traveller, useBookingStack } from "./support/booking";
import { amadeusAlone, daysFromNow } from "./support/helpers";

/**
 * The operational metrics as CloudWatch would receive them: Embedded Metric Format lines on stdout,
 * read back and checked against the declarations (names, units, dimensions) and against what the
 * requests did. Declared limits (`limits: {}`), so a flood is refused and counted.
 */
const stack = useBookingStack(() => ({ suppliers: amadeusAlone, limits: {}, cachePolicies: { cars: { freshSeconds: 1, staleSeconds: 60 } } as never }));

interface EmfLine {
  _aws: { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
  [field: string]: unknown;
}

let written: string[] = [];
beforeEach(() => {
  metrics.flush();
  written = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    written.push(String(chunk));
    return write(chunk, ...(rest as []));
  });
});
afterEach(() => vi.restoreAllMocks());

/** Every EMF line written so far (after a flush), as parsed JSON. */
function emfLines(): EmfLine[] {
  metrics.flush();
  return written
    .flatMap((chunk) => chunk.split("\n"))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);
}

/** The values a metric got for one dimension set, over all lines (a count is one summed value per line). */
function valuesOf(lines: EmfLine[], name: string, dimensions: Record<string, string>): number[] {
  return lines
    .filter((line) => line._aws.CloudWatchMetrics[0]!.Metrics.some((m) => m.Name === name) && Object.entries(dimensions).every(([k, v]) => line[k] === v))
    .flatMap((line) => [line[name]].flat() as number[]);
}
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("metrics (EMF) and tracing", () => {
  it("writes every declared metric with its declared unit and dimensions, under one namespace", async () => {
    const { api, worker, simulator } = stack;
    const supplierCallsBefore = (await simulator.stats()).byEndpoint["GET /v2/shopping/flight-offers"] ?? 0;
    const search = `/v1/search/flights?origin=LHR&destination=CDG&departureDate=${daysFromNow(150)}&adults=1`;
    expect((await api.get(search)).headers.get("x-cache")).toBe("MISS");
    expect((await api.get(search)).headers.get("x-cache")).toBe("HIT");
    const ada = traveller(api);
    const held = (await (await ada.hold({ offerId: (await flightOffer(api)).id, travelers: [{ firstName: "Ada", lastName: "L", email: "a@example.com" }] })).json()) as { data: { reservationId: string } };
    expect((await ada.confirm(held.data.reservationId)).status).toBe(200);
    await worker.relayOnce();
    // A car search answered stale (cars are fresh for 1 s here).
    const cars = `/v1/search/cars?pickupLocation=LAX&pickupAt=${daysFromNow(150)}T10:00&dropoffAt=${daysFromNow(152)}T10:00&driverAge=30`;
    expect((await ada.get(cars)).headers.get("x-cache")).toBe("MISS");
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await ada.get(cars)).headers.get("x-cache")).toBe("STALE");
    // Anonymous callers get 20 requests per window: the 21st of a quick burst is refused.
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await api.get("/health")).status);
    expect(statuses).toContain(429);

    const lines = emfLines();
    const seen = new Set<string>();
    for (const line of lines) {
      const [directive] = line._aws.CloudWatchMetrics;
      expect(directive!.Namespace).toBe(metricNamespace);
      expect(line.service).toBe(serviceName);
      expect(Math.abs(line._aws.Timestamp - Date.now())).toBeLessThan(60_000);
      for (const metric of directive!.Metrics) {
        const declared = declaredMetrics[metric.Name as keyof typeof declaredMetrics];
        expect(declared, `${metric.Name} is declared`).toBeDefined();
        expect(metric.Unit).toBe(declared.unit);
        expect(directive!.Dimensions).toEqual([["service", ...declared.dimensions]]);
        for (const dimension of declared.dimensions) expect(typeof line[dimension]).toBe("string");
        seen.add(metric.Name);
      }
    }
    // Everything but supplier errors (none happened: the next test makes some) was written.
    expect([...seen].sort()).toEqual(Object.keys(declaredMetrics).filter((n) => n !== "SupplierCallErrors").sort());

    // And the figures are the requests': two latencies for the search route, one miss, one hit…
    expect(valuesOf(lines, "APILatency", { Route: "GET /v1/search/flights" }).length).toBeGreaterThanOrEqual(3);
    expect(valuesOf(lines, "APILatency", { Route: "GET /v1/search/flights" }).every((ms) => ms > 0 && ms < 10_000)).toBe(true);
    expect(sum(valuesOf(lines, "CacheMiss", { Vertical: "flights" }))).toBe(2);
    expect(sum(valuesOf(lines, "CacheHit", { Vertical: "flights" }))).toBe(1);
    expect(sum(valuesOf(lines, "CacheStale", { Vertical: "cars" }))).toBe(1);
    // …one supplier-call duration per call the simulator saw…
    const supplierCalls = ((await simulator.stats()).byEndpoint["GET /v2/shopping/flight-offers"] ?? 0) - supplierCallsBefore;
    expect(valuesOf(lines, "SupplierCallDuration", { Supplier: "amadeus" }).length).toBeGreaterThanOrEqual(supplierCalls);
    // …the hold and its confirmation, the DynamoDB transactions that wrote them, the refusals.
    expect(sum(valuesOf(lines, "ReservationStatusCount", { Status: "HOLD" }))).toBe(1);
    expect(sum(valuesOf(lines, "ReservationStatusCount", { Status: "CONFIRMED" }))).toBe(1);
    const transactions = lines.filter((l) => l.Operation === "TransactWriteItems" && String(l.Table).includes(api.config.ReservationsTable.name));
    expect(transactions.flatMap((l) => [l.DynamoDBOperationLatency].flat()).length).toBeGreaterThanOrEqual(2);
    expect(sum(valuesOf(lines, "RateLimited", { Caller: "anonymous" }))).toBe(statuses.filter((s) => s === 429).length);
  });

  it("counts a supplier failure against that supplier", async () => {
    const { api, simulator } = stack;
    await simulator.control({ errorRate: 1 });
    try {
      const response = await traveller(api).get(`/v1/search/flights?origin=LHR&destination=MAD&departureDate=${daysFromNow(151)}&adults=1`);
      expect(response.status).toBeGreaterThanOrEqual(500);
    } finally {
      await simulator.control({ errorRate: 0 });
    }
    const errors = sum(valuesOf(emfLines(), "SupplierCallErrors", { Supplier: "amadeus" }));
    expect(errors).toBeGreaterThanOrEqual(1);
  });

  it("outside Lambda, the tracer is not loaded and a traced call just runs", async () => {
    expect(tracer).toBeUndefined();
    await expect(traced("supplier", { supplier: "test" }, async () => 42)).resolves.toBe(42);
    await expect(traced("supplier", { supplier: "test" }, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });

  it("inside a Lambda environment the tracer loads, and a call outside any segment still runs", () => {
    const script = [
      'const { tracer, traced } = await import("@travel/core/observability");',
      'const value = await traced("supplier", { supplier: "test" }, async () => 42);',
      'console.log(JSON.stringify({ loaded: tracer !== undefined, value }));',
    ].join("\n");
    const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: new URL("..", import.meta.url),
      env: { ...process.env, AWS_LAMBDA_FUNCTION_NAME: "travel-platform-test-Api", AWS_XRAY_CONTEXT_MISSING: "IGNORE_ERROR" },
      encoding: "utf8",
    });
    expect(JSON.parse(output.trim().split("\n").at(-1)!)).toEqual({ loaded: true, value: 42 });
  });
});
