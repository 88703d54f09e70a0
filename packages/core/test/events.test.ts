import { describe, expect, it } from "vitest";
import { eventCatalog, eventRules, LocalEventBus, matchesPattern, subscriptions, type BusEvent } from "../src/events";

const event = (source: string, detailType: string, detail: unknown = {}): BusEvent => ({
  version: "0",
  id: "1",
  source,
  "detail-type": detailType,
  account: "123456789012",
  time: new Date().toISOString(),
  region: "us-east-1",
  resources: [],
  detail,
});

describe("event patterns", () => {
  it("match on source, detail-type and exact detail values", () => {
    const pattern = { source: ["supplier.service"], detailType: ["Price Updated"], detail: { supplier: ["amadeus"] } };
    expect(matchesPattern(event("supplier.service", "Price Updated", { supplier: "amadeus" }), pattern)).toBe(true);
    expect(matchesPattern(event("supplier.service", "Price Updated", { supplier: "other" }), pattern)).toBe(false);
    expect(matchesPattern(event("reservation.service", "Price Updated", { supplier: "amadeus" }), pattern)).toBe(false);
    expect(matchesPattern(event("supplier.service", "Inventory Changed", { supplier: "amadeus" }), pattern)).toBe(false);
  });

  it("route both supplier change events to cache invalidation", () => {
    const invalidation = subscriptions.find((s) => s.name === "CacheInvalidation")!;
    for (const name of ["PriceUpdated", "InventoryChanged"] as const) {
      const { source, detailType } = eventCatalog[name];
      expect(invalidation.rules.some((rule) => matchesPattern(event(source, detailType), eventRules[rule].pattern))).toBe(true);
    }
  });

  it("use the reservation contract's rules: Created only for HOLD, Status Changed for the three outcomes", () => {
    const created = eventRules.ReservationCreated.pattern;
    const changed = eventRules.ReservationStatusChanged.pattern;
    expect(matchesPattern(event("reservation.service", "Reservation Created", { status: "HOLD" }), created)).toBe(true);
    expect(matchesPattern(event("reservation.service", "Reservation Created", { status: "CONFIRMED" }), created)).toBe(false);
    for (const status of ["CONFIRMED", "CANCELLED", "EXPIRED"]) {
      expect(matchesPattern(event("reservation.service", "Reservation Status Changed", { status }), changed)).toBe(true);
    }
    expect(matchesPattern(event("reservation.service", "Reservation Status Changed", { status: "HOLD" }), changed)).toBe(false);
    expect(eventRules.ReservationCreated.physicalName).toBe("{stage}-reservation-created");
    expect(eventRules.ReservationStatusChanged.physicalName).toBe("{stage}-reservation-status-changed");
  });
});

describe("LocalEventBus", () => {
  it("validates details, delivers to matching subscribers and retries a failed delivery", async () => {
    const bus = new LocalEventBus();
    const received: BusEvent[] = [];
    let failuresLeft = 1;
    bus.subscribe("flaky", "platform", { source: ["supplier.service"] }, async (e) => {
      if (failuresLeft-- > 0) throw new Error("transient");
      received.push(e);
    });
    bus.subscribe("other", "reservations", { source: ["supplier.service"] }, async () => {
      throw new Error("must not be called");
    });
    const { id } = await bus.publish("PriceUpdated", { supplier: "amadeus", routes: ["LHR-JFK"], cityCodes: [] });
    await bus.drain();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ id, source: "supplier.service", "detail-type": "Price Updated", detail: { routes: ["LHR-JFK"] } });
    await expect(bus.publish("PriceUpdated", { supplier: "amadeus", routes: [], cityCodes: [] })).rejects.toThrow(/at least one route or city/);
  });
});
