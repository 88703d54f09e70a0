import { describe, expect, it } from "vitest";
import { askSideBySide, cheapestPerId, isPartial, SupplierError, SupplierUnavailableError } from "../src/search";

/** Suppliers as search sees them: a name and an answer (the adapters are tested against the simulator). */
const supplier = (name: string, answer: () => Promise<Array<{ id: string; price: { total: string } }>>) => ({ name, answer });
const offer = (id: string, total: string, supplierName: string) => ({ id, price: { total }, supplier: supplierName });

describe("searching suppliers side by side", () => {
  it("gathers every supplier's offers and says how each fared", async () => {
    const answer = await askSideBySide(
      [supplier("duffel", async () => [offer("fo_a", "100.00", "duffel")]), supplier("amadeus", async () => [offer("fo_b", "90.00", "amadeus"), offer("fo_a", "95.00", "amadeus")])],
      (s) => s.answer(),
    );
    expect(answer.offers.map((o) => o.id)).toEqual(["fo_a", "fo_b", "fo_a"]);
    expect(answer.suppliers.map(({ supplier: name, status, offers }) => ({ name, status, offers }))).toEqual([
      { name: "duffel", status: "ok", offers: 1 },
      { name: "amadeus", status: "ok", offers: 2 },
    ]);
    expect(isPartial(answer)).toBe(false);
  });

  it("answers with the others' offers when one supplier fails, naming the failure", async () => {
    const answer = await askSideBySide(
      [
        supplier("duffel", async () => {
          throw new SupplierError("duffel did not answer an offer request within 8000 ms", "duffel", undefined, true, { timedOut: true });
        }),
        supplier("amadeus", async () => [offer("fo_b", "90.00", "amadeus")]),
      ],
      (s) => s.answer(),
    );
    expect(answer.offers).toHaveLength(1);
    expect(answer.suppliers[0]).toMatchObject({ supplier: "duffel", status: "timeout", offers: 0, message: expect.stringContaining("8000 ms") });
    expect(isPartial(answer)).toBe(true);
  });

  it("fails as unavailable (soonest retry) only when every supplier is unavailable, else with a supplier's own failure", async () => {
    const open = (name: string, seconds: number) => supplier(name, async () => Promise.reject(new SupplierUnavailableError(name, "circuit-open", seconds)));
    await expect(askSideBySide([open("duffel", 9), open("amadeus", 4)], (s) => s.answer())).rejects.toMatchObject({ supplier: "amadeus", retryAfterSeconds: 4 });
    const broken = supplier("amadeus", async () => Promise.reject(new SupplierError("amadeus answered 500", "amadeus", 500, true)));
    await expect(askSideBySide([open("duffel", 9), broken], (s) => s.answer())).rejects.toMatchObject({ supplier: "amadeus", status: 500 });
  });

  it("collapses the same product sold twice to the cheaper offer, first supplier winning a tie", () => {
    const merged = cheapestPerId([offer("fo_a", "100.00", "duffel"), offer("fo_b", "90.00", "amadeus"), offer("fo_a", "95.00", "amadeus"), offer("fo_b", "90.00", "duffel")]);
    expect(merged).toEqual([offer("fo_a", "95.00", "amadeus"), offer("fo_b", "90.00", "amadeus")]);
  });
});
