import { describe, expect, inject, it } from "vitest";
import { Catalog } from "../src/catalog/catalog";
import { createDynamoClient } from "../src/db";
import { seedCatalog } from "../src/reference-data";

const catalog = new Catalog(createDynamoClient(), inject("stores").catalogTableName);
const seedAgain = () => seedCatalog(createDynamoClient(), inject("stores").catalogTableName);

describe("catalog in DynamoDB", () => {
  it("was seeded once; seeding again is a no-op", async () => {
    const again = await seedAgain();
    expect(again.seeded).toBe(false);
    expect(again.destinations).toBeGreaterThan(10_000);
  });

  it("finds LHR by name and by code", async () => {
    expect((await catalog.suggest("heathrow", 5))[0]?.iataCode).toBe("LHR");
    expect((await catalog.suggest("lhr", 5))[0]?.iataCode).toBe("LHR");
  });

  it("returns a metropolitan city with its airports", async () => {
    const london = await catalog.getDestination("lon");
    expect(london).toMatchObject({ type: "city", name: "London", countryName: "United Kingdom" });
    expect(london?.airportCodes).toEqual(expect.arrayContaining(["LHR", "LGW", "STN", "LTN", "LCY"]));
    expect(await catalog.getDestination("QQQ")).toBeUndefined();
  });
});
