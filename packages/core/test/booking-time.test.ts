import { describe, expect, it } from "vitest";
import { zonedTimeToUtc } from "../src/booking";

describe("departure times in the airport's time zone", () => {
  it("turns local wall-clock times into UTC instants, across daylight saving", () => {
    expect(zonedTimeToUtc("2027-01-14T10:30:00", "Europe/London")).toBe("2027-01-14T10:30:00.000Z");
    expect(zonedTimeToUtc("2027-07-14T10:30:00", "Europe/London")).toBe("2027-07-14T09:30:00.000Z");
    expect(zonedTimeToUtc("2027-07-14T10:30:00", "America/New_York")).toBe("2027-07-14T14:30:00.000Z");
    expect(zonedTimeToUtc("2027-01-14T23:50:00", "Asia/Tokyo")).toBe("2027-01-14T14:50:00.000Z");
    expect(zonedTimeToUtc("2027-03-28T03:30:00", "Europe/Berlin")).toBe("2027-03-28T01:30:00.000Z");
  });

  it("reads the time as UTC when the zone is unknown", () => {
    expect(zonedTimeToUtc("2027-01-14T10:30:00", null)).toBe("2027-01-14T10:30:00.000Z");
    expect(zonedTimeToUtc("2027-01-14T10:30:00", "Not/AZone")).toBe("2027-01-14T10:30:00.000Z");
  });
});
