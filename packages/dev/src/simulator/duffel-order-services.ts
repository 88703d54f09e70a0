import type {} from "@duffel/api";
import type { Offer, OrderService } from "@duffel/api/types";
import { availableServices } from "./duffel-offers";
import { seatMapsFor } from "./duffel-seat-maps";
import { duffelId, invalidField, notFound, type DuffelErrorItem } from "./duffel-wire";

/**
 * The services an order can book with its offer: the checked bags `GET /air/offers/{id}` lists
 * and the seats for sale on its seat maps, by the ids those give them, at their prices.
 */
interface Sellable {
  shown: Omit<OrderService, "id" | "quantity" | "total_amount">;
  unitCents: number;
  maximumQuantity: number;
}

export const cents = (amount: string | null) => Math.round(Number(amount ?? 0) * 100);
export const money = (amountCents: number) => (amountCents / 100).toFixed(2);

function sellableServices(offer: Omit<Offer, "available_services">, withBaggage: boolean): Map<string, Sellable> {
  const sellable = new Map<string, Sellable>();
  for (const bag of withBaggage ? availableServices(offer) : []) {
    if (bag.type !== "baggage") continue;
    const { id, total_amount, maximum_quantity, ...rest } = bag;
    sellable.set(id, { shown: rest, unitCents: cents(total_amount), maximumQuantity: maximum_quantity });
  }
  for (const map of seatMapsFor(offer)) {
    for (const element of map.cabins.flatMap((cabin) => cabin.rows.flatMap((row) => row.sections.flatMap((section) => section.elements)))) {
      if (element.type !== "seat") continue;
      for (const service of element.available_services) {
        sellable.set(service.id, {
          shown: {
            type: "seat",
            passenger_ids: [service.passenger_id],
            segment_ids: [map.segment_id],
            total_currency: service.total_currency,
            metadata: { designator: element.designator, name: element.name ?? null, disclosures: element.disclosures },
          },
          unitCents: cents(service.total_amount),
          maximumQuantity: 1,
        });
      }
    }
  }
  return sellable;
}

/** The services asked for, as the order will list them, and what they add to its total; or the errors. */
export function bookServices(
  requested: Array<{ id: string; quantity: number }>,
  offer: Omit<Offer, "available_services">,
  withBaggage: boolean,
  orderId: string,
): { services: OrderService[]; totalCents: number } | DuffelErrorItem[] {
  if (requested.length === 0) return { services: [], totalCents: 0 };
  const sellable = sellableServices(offer, withBaggage);
  const errors: DuffelErrorItem[] = [];
  const services = requested.flatMap(({ id, quantity }, i): OrderService[] => {
    const service = sellable.get(id);
    if (!service) {
      errors.push({ ...notFound(`service ${id}`), source: { field: "id", pointer: `/services/${i}/id` } });
      return [];
    }
    if (quantity > service.maximumQuantity) {
      errors.push(invalidField(`/services/${i}/quantity`, "validation_format", `At most ${service.maximumQuantity} of service ${id} can be booked`));
      return [];
    }
    return [{ ...service.shown, id: duffelId("ser", orderId, i), quantity, total_amount: money(service.unitCents * quantity) }];
  });
  if (errors.length > 0) return errors;
  return { services, totalCents: services.reduce((sum, s) => sum + cents(s.total_amount), 0) };
}
