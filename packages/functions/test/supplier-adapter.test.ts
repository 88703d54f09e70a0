import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AmadeusSupplier } from "@travel/core/suppliers";
import { SupplierError, type FlightSearchCriteria } from "@travel/core/search";
import { defaultSimulatorCredentials } from "@travel/dev/simulator/app";
import { daysFromNow, startSimulator, type RunningSimulator } from "./support/stack";

const criteria = (overrides: Partial<FlightSearchCriteria> = {}): FlightSearchCriteria => ({
  origin: "LHR",
  destination: "JFK",
  departureDate: daysFromNow(90),
  returnDate: daysFromNow(97),
  adults: 2,
  children: 1,
  cabin: "BUSINESS",
  nonStop: false,
  currency: "EUR",
  ...overrides,
});

describe("Amadeus adapter against the supplier simulator", () => {
  let simulator: RunningSimulator;
  const supplier = (options: Partial<ConstructorParameters<typeof AmadeusSupplier>[0]> = {}) =>
    new AmadeusSupplier({ baseUrl: simulator.url, ...defaultSimulatorCredentials, timeoutMs: 10_000, ...options });

  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator.close();
  });

  it("gets the same offers through GET and POST, deterministically", async () => {
    const viaGet = await supplier({ method: "GET" }).searchFlights(criteria());
    const viaPost = await supplier({ method: "POST" }).searchFlights(criteria());
    const again = await supplier().searchFlights(criteria());
    expect(viaGet.length).toBeGreaterThan(0);
    expect(viaPost).toEqual(viaGet);
    expect(again).toEqual(viaGet);
    for (const offer of viaGet) {
      expect(offer.price.currency).toBe("EUR");
      expect(offer.cabin).toBe("BUSINESS");
      expect(Number(offer.price.total)).toBeCloseTo(Number(offer.price.base) + Number(offer.price.taxes), 2);
      expect(offer.itineraries).toHaveLength(2);
      const outbound = offer.itineraries[0]!;
      expect(outbound.segments[0]!.departure.iataCode).toBe("LHR");
      expect(outbound.segments.at(-1)!.arrival.iataCode).toBe("JFK");
      expect(outbound.stops).toBe(outbound.segments.length - 1);
      // Great-circle LHR–JFK is ~5,540 km: a plausible block time is 7–9 h non-stop.
      if (outbound.stops === 0) expect(outbound.durationMinutes).toBeGreaterThan(420);
    }
  });

  it("honours nonStop and prices children below adults", async () => {
    const direct = await supplier().searchFlights(criteria({ nonStop: true, cabin: "ECONOMY" }));
    expect(direct.every((o) => o.itineraries.every((it) => it.stops === 0))).toBe(true);
    const adultOnly = await supplier().searchFlights(criteria({ adults: 1, children: 0, cabin: "ECONOMY", nonStop: true }));
    const withChild = await supplier().searchFlights(criteria({ adults: 1, children: 1, cabin: "ECONOMY", nonStop: true }));
    const first = adultOnly[0]!;
    const matching = withChild.find((o) => o.id !== first.id && o.itineraries[0]!.segments[0]!.flightNumber === first.itineraries[0]!.segments[0]!.flightNumber);
    if (matching) {
      const child = Number(matching.price.total) - Number(first.price.total);
      expect(child).toBeGreaterThan(0);
      expect(child).toBeLessThan(Number(first.price.total));
    }
  });

  it("reuses one access token across searches", async () => {
    const before = (await simulator.stats()).byEndpoint["POST /v1/security/oauth2/token"] ?? 0;
    const client = supplier();
    await Promise.all([client.searchFlights(criteria()), client.searchFlights(criteria({ destination: "BOS" }))]);
    await client.searchFlights(criteria({ destination: "ORD" }));
    expect((await simulator.stats()).byEndpoint["POST /v1/security/oauth2/token"]).toBe(before + 1);
  });

  it("fails with a non-retryable SupplierError for bad credentials", async () => {
    const error = await supplier({ clientSecret: "wrong" }).searchFlights(criteria()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupplierError);
    expect((error as SupplierError).status).toBe(401);
    expect((error as SupplierError).retryable).toBe(false);
  });

  it("times out a slow supplier with a retryable SupplierError", async () => {
    await simulator.control({ latencyMs: 800 });
    try {
      const started = Date.now();
      const error = await supplier({ timeoutMs: 200 }).searchFlights(criteria()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SupplierError);
      expect((error as SupplierError).retryable).toBe(true);
      expect((error as SupplierError).message).toMatch(/within 200 ms/);
      expect(Date.now() - started).toBeLessThan(700);
    } finally {
      await simulator.control({ latencyMs: { min: 5, max: 20 } });
    }
  });

  it("counts every supplier call but not its own endpoints", async () => {
    const before = await simulator.stats();
    await fetch(`${simulator.url}/__stats`);
    await fetch(`${simulator.url}/__control`);
    expect((await simulator.stats()).total).toBe(before.total);
    await fetch(`${simulator.url}/v2/shopping/flight-offers?originLocationCode=LHR`);
    const after = await simulator.stats();
    expect(after.total).toBe(before.total + 1);
  });
});
