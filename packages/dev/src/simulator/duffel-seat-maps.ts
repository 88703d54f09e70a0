import type {} from "@duffel/api";
import type { CabinClass, Offer, SeatMap, SeatMapCabinRow, SeatMapCabinRowSectionElement } from "@duffel/api/types";
import { duffelCurrency } from "./duffel-offers";
import { duffelId } from "./duffel-wire";
import { aircraftByCode } from "./flight-schedule";
import { rngFrom } from "./random";

/**
 * Seat maps of an offer, one per segment, for the cabin the offer sells: the aircraft's seat
 * layout, galleys and lavatories fore and aft, an exit row over the wing, and seats taken or for
 * sale at a price per passenger, the same for the same offer and segment.
 */
const cabinLayouts: Record<CabinClass, { narrow: string; wide: string; rows: [narrow: number, wide: number]; firstRow: [narrow: number, wide: number] }> = {
  first: { narrow: "AC|DF", wide: "A|DG|K", rows: [2, 3], firstRow: [1, 1] },
  business: { narrow: "AC|DF", wide: "A|DG|K", rows: [4, 8], firstRow: [1, 1] },
  premium_economy: { narrow: "AC|DF", wide: "AC|DEF|HK", rows: [3, 6], firstRow: [4, 5] },
  economy: { narrow: "", wide: "", rows: [24, 36], firstRow: [6, 10] },
};

type Facility = SeatMapCabinRowSectionElement["type"];
/** A row of facilities across the cabin: one kind at the left wall, one in the middle, one at the right. */
const facilityRow = (sections: number, left: Facility, middle: Facility, right: Facility): SeatMapCabinRow => ({
  sections: Array.from({ length: sections }, (_, i) => ({
    elements: [{ type: i === 0 ? left : i === sections - 1 ? right : middle } as SeatMapCabinRowSectionElement],
  })),
});

type OfferLike = Pick<Offer, "id" | "slices" | "passengers">;

export function seatMapsFor(offer: OfferLike): SeatMap[] {
  const seated = offer.passengers.filter((p) => p.type !== "infant_without_seat").map((p) => p.id);
  return offer.slices.flatMap((slice) =>
    slice.segments.map((segment) => {
      const cabinClass = segment.passengers[0]?.cabin_class ?? "economy";
      const aircraft = aircraftByCode.get(segment.aircraft.iata_code);
      const wide = (aircraft?.layout.split("|").length ?? 2) > 2;
      const spec = cabinLayouts[cabinClass];
      const layout = (wide ? spec.wide : spec.narrow) || aircraft?.layout || "ABC|DEF";
      const sections = layout.split("|");
      const rowCount = spec.rows[wide ? 1 : 0];
      const firstRow = spec.firstRow[wide ? 1 : 0];
      const exitAt = cabinClass === "economy" ? Math.floor(rowCount / 2) : -1;
      const rng = rngFrom(`seats|${offer.id}|${segment.id}`);
      const takenShare = cabinClass === "economy" ? 0.45 : 0.3;
      const rows: SeatMapCabinRow[] = [facilityRow(sections.length, "galley", "galley", "lavatory")];
      let wingStart = 1;
      for (let r = 0; r < rowCount; r++) {
        const number = firstRow + r;
        const exit = r === exitAt;
        if (exit) {
          wingStart = rows.length;
          rows.push({ sections: sections.map((_, i) => ({ elements: i === 0 || i === sections.length - 1 ? [{ type: "exit_row" }] : [] })) });
        }
        rows.push({
          sections: sections.map((letters, i) => ({
            elements: [...letters].map((letter, k): SeatMapCabinRowSectionElement => {
              // Wide-bodies lose the window seats of their last row to the fuselage's taper.
              if (wide && r === rowCount - 1 && ((i === 0 && k === 0) || (i === sections.length - 1 && k === letters.length - 1))) return { type: "empty" };
              const designator = `${number}${letter}`;
              const taken = rng() < takenShare;
              const price = cabinClass !== "economy" ? 0 : exit ? 45 : r < 3 ? 30 : 12 + Math.floor(rng() * 3) * 4;
              return {
                type: "seat",
                designator,
                name: exit ? "Extra legroom" : "",
                disclosures: exit ? ["Passenger must be an adult", "Passenger must be able to assist in an emergency"] : [],
                available_services: taken
                  ? []
                  : seated.map((passengerId) => ({
                      id: duffelId("ase", segment.id, designator, passengerId),
                      passenger_id: passengerId,
                      total_amount: price.toFixed(2),
                      total_currency: duffelCurrency,
                    })),
              };
            }),
          })),
        });
      }
      rows.push(facilityRow(sections.length, "lavatory", "galley", "lavatory"));
      const wings = exitAt >= 0 ? { first_row_index: wingStart, last_row_index: Math.min(rows.length - 2, wingStart + (wide ? 9 : 6)) } : null;
      return {
        id: duffelId("sea", offer.id, segment.id),
        slice_id: slice.id,
        segment_id: segment.id,
        cabins: [{ deck: 0, cabin_class: cabinClass, aisles: sections.length - 1, wings, rows }],
      };
    }),
  );
}
