import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysFromNow, startApi, startSimulator, type RunningSimulator, type TestApi } from "./support/helpers";

describe("GET /v1/search/cars", () => {
  let simulator: RunningSimulator;
  let api: TestApi;
  const pickupAt = `${daysFromNow(30)}T10:00`;
  const dropoffAt = `${daysFromNow(34)}T10:00`;
  const base = `/v1/search/cars?pickupLocation=LAX&pickupAt=${pickupAt}&dropoffAt=${dropoffAt}`;
  const availability = async () => (await simulator.stats()).byEndpoint["GET /v1/cars/availability"] ?? 0;

  beforeAll(async () => {
    simulator = await startSimulator();
    api = await startApi(simulator.url);
    await api.deps.warmUp();
  });
  afterAll(async () => {
    await api.close();
    await simulator.close();
  });

  it("lists rentals with vendor, ACRISS vehicle and price, then serves the repeat from cache", async () => {
    const before = await availability();
    const first = await api.get(`${base}&driverAge=30`);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-cache")).toBe("MISS");
    const body = (await first.json()) as { data: any[] };
    expect(body.data.length).toBeGreaterThan(3);
    const offer = body.data[0];
    expect(offer.id).toMatch(/^co_/);
    expect(offer.vehicle.acrissCode).toMatch(/^[A-Z]{4}$/);
    expect(offer.rentalDays).toBe(4);
    expect(offer.pickup).toEqual({ location: "LAX", at: pickupAt });
    expect(offer.price.oneWayFee).toBe("0.00");
    expect(Number(offer.price.perDay) * 4).toBeCloseTo(Number(offer.price.total), 0);
    // another driver of the same age band shares the entry
    const sameBand = await api.get(`${base}&driverAge=45`);
    expect(sameBand.headers.get("x-cache")).toBe("HIT");
    expect((await availability()) - before).toBe(1);
  });

  it("charges young drivers and one-way rentals, filters by car type", async () => {
    const young = (await (await api.get(`${base}&driverAge=21`)).json()) as { data: any[] };
    expect(young.data.every((o) => Number(o.price.youngDriverFee) > 0)).toBe(true);
    const oneWay = (await (await api.get(`${base}&dropoffLocation=SFO`)).json()) as { data: any[] };
    expect(oneWay.data.every((o) => Number(o.price.oneWayFee) > 75 && o.dropoff.location === "SFO")).toBe(true);
    const suvs = (await (await api.get(`${base}&carType=suv`)).json()) as { data: any[] };
    expect(suvs.data.every((o) => o.vehicle.category === "SUV")).toBe(true);
  });

  it.each([
    [`pickupLocation=LAX&pickupAt=${daysFromNow(5)}T10:00&dropoffAt=${daysFromNow(4)}T10:00`, "dropoffAt", /after pickupAt/],
    [`pickupLocation=LAX&pickupAt=${daysFromNow(5)}&dropoffAt=${daysFromNow(6)}T10:00`, "pickupAt", /YYYY-MM-DDTHH:mm/],
    [`pickupLocation=LAX&pickupAt=${daysFromNow(5)}T10:00&dropoffAt=${daysFromNow(6)}T10:00&driverAge=16`, "driverAge", /at least 18/],
    [`pickupLocation=LAX&pickupAt=${daysFromNow(5)}T10:00&dropoffAt=${daysFromNow(6)}T10:00&carType=TANK`, "carType", /ECONOMY/],
    [`pickupLocation=QQQ&pickupAt=${daysFromNow(5)}T10:00&dropoffAt=${daysFromNow(6)}T10:00`, "pickupLocation", /not a known/],
  ])("rejects %s naming %s", async (query, field, message) => {
    const response = await api.get(`/v1/search/cars?${query}`);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ field: string; message: string }> };
    const error = problem.errors.find((e) => e.field === field);
    expect(error, JSON.stringify(problem.errors)).toBeDefined();
    expect(error!.message).toMatch(message);
  });
});
