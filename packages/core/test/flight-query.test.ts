import { describe, expect, it } from "vitest";
import { flightSearchCacheKey, flightSearchQuerySchema, refineFlightOffers, type FlightOffer } from "../src/search";

const now = () => new Date("2027-01-10T12:00:00Z");
const schema = flightSearchQuerySchema(now);
const parse = (query: Record<string, string>) => schema.parse(query);

describe("flight search query", () => {
  it("fills defaults and normalises codes and enums", () => {
    expect(parse({ origin: "lhr", destination: " jfk ", departureDate: "2027-03-14", cabin: "business", currency: "eur" })).toEqual({
      origin: "LHR",
      destination: "JFK",
      departureDate: "2027-03-14",
      adults: 1,
      children: 0,
      cabin: "BUSINESS",
      nonStop: false,
      currency: "EUR",
      sort: "price",
    });
    expect(parse({ origin: "LON", destination: "PAR", departureDate: "2027-03-14", nonStop: "true", adults: "2" })).toMatchObject({
      nonStop: true,
      adults: 2,
    });
  });

  it("gives equal questions one cache key, whatever their spelling", () => {
    const a = parse({ origin: "LHR", destination: "JFK", departureDate: "2027-03-14" });
    const b = parse({ departureDate: "2027-03-14", destination: "jfk", origin: "lhr", adults: "1", children: "0", cabin: "Economy", currency: "usd", nonStop: "false" });
    const sortedAndCapped = parse({ origin: "LHR", destination: "JFK", departureDate: "2027-03-14", sort: "duration", maxPrice: "400" });
    expect(flightSearchCacheKey(a)).toBe("flights:LHR:JFK:2027-03-14:-:a1:c0:ECONOMY:any:USD");
    expect(flightSearchCacheKey(b)).toBe(flightSearchCacheKey(a));
    expect(flightSearchCacheKey(sortedAndCapped)).toBe(flightSearchCacheKey(a));
  });

  it("gives different questions different keys", () => {
    const base = { origin: "LHR", destination: "JFK", departureDate: "2027-03-14" };
    const keys = [
      base,
      { ...base, returnDate: "2027-03-20" },
      { ...base, adults: "2" },
      { ...base, children: "1" },
      { ...base, cabin: "FIRST" },
      { ...base, nonStop: "true" },
      { ...base, currency: "GBP" },
      { ...base, origin: "LGW" },
    ].map((q) => flightSearchCacheKey(parse(q)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("enforces date rules relative to today", () => {
    const result = schema.safeParse({ origin: "LHR", destination: "JFK", departureDate: "2027-01-09" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ["departureDate"], message: "must not be in the past (today is 2027-01-10 UTC)" });
    expect(schema.safeParse({ origin: "LHR", destination: "JFK", departureDate: "2027-01-10" }).success).toBe(true);
    expect(schema.safeParse({ origin: "LHR", destination: "JFK", departureDate: "2028-01-10" }).success).toBe(false);
  });
});

describe("refining cached offers", () => {
  const offer = (id: string, total: string, minutes: number, departure: string) =>
    ({
      id,
      price: { total, base: total, taxes: "0.00", currency: "USD" },
      itineraries: [{ durationMinutes: minutes, segments: [{ departure: { at: departure } }] }],
    }) as unknown as FlightOffer;
  const offers = [offer("a", "300.00", 500, "2027-03-14T18:00:00"), offer("b", "150.00", 700, "2027-03-14T09:00:00"), offer("c", "220.00", 420, "2027-03-14T07:00:00")];

  it("sorts by price, duration or departure and applies the price ceiling", () => {
    expect(refineFlightOffers(offers, { sort: "price" }).map((o) => o.id)).toEqual(["b", "c", "a"]);
    expect(refineFlightOffers(offers, { sort: "duration" }).map((o) => o.id)).toEqual(["c", "a", "b"]);
    expect(refineFlightOffers(offers, { sort: "departure" }).map((o) => o.id)).toEqual(["c", "b", "a"]);
    expect(refineFlightOffers(offers, { sort: "price", maxPrice: 220 }).map((o) => o.id)).toEqual(["b", "c"]);
  });
});
