import { describe, expect, it } from "vitest";
import { traveller, useBookingStack } from "./support/booking";
import { daysFromNow } from "./support/stack";

/**
 * Car rentals booked through the API are the car supplier's reservations (our own format, spoken
 * by the simulator): held there by the saga after our hold, confirmed there after the charge,
 * cancelled there with the refund its terms give. Nothing of ours is counted for a car.
 */
const stack = useBookingStack(() => ({}));

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;
const driver = { travelers: [{ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", dateOfBirth: "1985-12-10" }], contactPhone: "+442080160509" };

/** The supplier's side, read with its own token as any client of its API would. */
async function carSupplier(path: string): Promise<any> {
  const { clientId, clientSecret, baseUrl } = stack.api.config.CarSupplierApi;
  const token = await fetch(`${baseUrl}/v1/security/oauth2/token`, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }) });
  const { access_token } = (await token.json()) as { access_token: string };
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${access_token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Json }).data;
}

let nextDay = 20 + Math.floor(Math.random() * 100);
async function carOffer(): Promise<Json> {
  const day = nextDay;
  nextDay += 6;
  const response = await stack.api.get(`/v1/search/cars?pickupLocation=LAX&pickupAt=${daysFromNow(day)}T10:00&dropoffAt=${daysFromNow(day + 3)}T10:00`);
  const offer = ((await json(response)).data as Json[])[0];
  if (!offer) throw new Error("no car offer at LAX");
  expect(offer.bookingRequirements).toEqual({ travellerFields: ["firstName", "lastName", "dateOfBirth"], contactPhone: true });
  return offer;
}

/** The supplier's reservation made for ours (under its Idempotency-Key). */
const atSupplier = async (reservationId: string): Promise<Json | undefined> => (await carSupplier(`/v1/cars/reservations?clientReference=${reservationId}`))[0];

async function deliver(): Promise<void> {
  await stack.worker.relayOnce();
  await stack.worker.drain();
}

async function heldCar(details: Record<string, unknown> = driver) {
  const ada = traveller(stack.api);
  const offer = await carOffer();
  const hold = await ada.hold({ offerId: offer.id, ...details });
  expect(hold.status, await hold.clone().text()).toBe(201);
  const { data } = await json(hold);
  expect(data).toMatchObject({ vertical: "cars", seatIds: [], quantity: 1, supplierOrder: { supplier: "cars", status: "PENDING", type: "hold" } });
  await deliver();
  const reservation = (await json(await ada.get(`/v1/reservations/${data.reservationId}`))).data;
  return { ada, offer, reservation };
}

describe("a car rental booked through the API", () => {
  it("asks for the driver's date of birth and phone before holding anything", async () => {
    const offer = await carOffer();
    const response = await traveller(stack.api).hold({ offerId: offer.id, travelers: [{ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" }] });
    expect(response.status).toBe(422);
    expect((await json(response)).fields).toEqual(["travelers[0].dateOfBirth", "contactPhone"]);
    const two = await traveller(stack.api).hold({ offerId: offer.id, ...driver, travelers: [...driver.travelers, { ...driver.travelers[0], firstName: "Charles" }] });
    expect(two.status).toBe(422);
  });

  it("is held at the supplier in the driver's name, confirmed there at confirm, then cancelled there with the refund its terms give", async () => {
    const { ada, offer, reservation } = await heldCar();
    expect(reservation.status).toBe("HOLD");
    expect(reservation.supplierOrder).toMatchObject({ status: "HELD", bookingReference: expect.stringMatching(/^[A-Z]{2}\d{8}$/) });
    expect(reservation.startsAt.slice(0, 10)).toBe(offer.pickup.at.slice(0, 10));
    expect(await atSupplier(reservation.reservationId)).toMatchObject({
      status: "HELD",
      confirmationNumber: reservation.supplierOrder.bookingReference,
      driver: { firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1985-12-10" },
      price: { total: offer.price.total },
    });

    const confirmed = await ada.confirm(reservation.reservationId);
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    const { data } = await json(confirmed);
    expect(data).toMatchObject({ status: "CONFIRMED", totalAmount: offer.price.total, supplierOrder: { status: "PAID", bookingReference: reservation.supplierOrder.bookingReference } });
    const order = (await json(await ada.get(`/v1/orders/${data.orderId}`))).data;
    expect(order.supplierOrder.bookingReference).toBe(reservation.supplierOrder.bookingReference);
    expect((await atSupplier(reservation.reservationId))!.status).toBe("CONFIRMED");

    const quote = (await json(await ada.post(`/v1/reservations/${reservation.reservationId}/cancellation-quote`, {}, null))).data;
    // More than 48 hours before pick-up: the supplier gives everything back, as our policy does.
    expect(quote).toMatchObject({ refundAmount: offer.price.total, supplier: { name: "cars", refundAmount: offer.price.total, refundTo: "balance" } });
    const cancelled = await ada.post(`/v1/reservations/${reservation.reservationId}/cancel`, { quoteId: quote.quoteId });
    expect(cancelled.status, await cancelled.clone().text()).toBe(200);
    expect((await json(cancelled)).data).toMatchObject({ status: "CANCELLED", refundedAmount: offer.price.total, supplierOrder: { status: "CANCELLED" } });
    expect(await atSupplier(reservation.reservationId)).toMatchObject({ status: "CANCELLED", refund: { amount: offer.price.total } });
  });

  it("releases the reservation and says why when the supplier refuses the hold", async () => {
    // The rate was priced for a driver of 30: the desk will not rent it to a 20-year-old.
    const young = { ...driver, travelers: [{ ...driver.travelers[0], dateOfBirth: `${Number(daysFromNow(0).slice(0, 4)) - 20}-01-01` }] };
    const { reservation } = await heldCar(young);
    expect(reservation.status).toBe("CANCELLED");
    expect(reservation.supplierOrder).toMatchObject({ status: "FAILED", failure: expect.stringContaining("DRIVER AGE") });
    expect(await atSupplier(reservation.reservationId)).toBeUndefined();
  });

  it("refunds the charge and does not confirm when the supplier fails at confirm", async () => {
    const { ada, reservation } = await heldCar();
    await stack.simulator.control({ cars: { confirmations: { failNext: 1, with: "api_error" } } });
    const response = await ada.confirm(reservation.reservationId);
    expect(response.status).toBe(502);
    expect(await json(response)).toMatchObject({ type: expect.stringContaining("supplier-failed-refunded"), reservationStatus: "HOLD", refundId: expect.any(String) });
    expect((await json(await ada.get(`/v1/reservations/${reservation.reservationId}`))).data.status).toBe("HOLD");
  });

  it("gives the supplier's hold back when the traveller cancels the hold", async () => {
    const { ada, reservation } = await heldCar();
    expect((await ada.cancel(reservation.reservationId)).status).toBe(200);
    await deliver();
    expect((await json(await ada.get(`/v1/reservations/${reservation.reservationId}`))).data.supplierOrder.status).toBe("CANCELLED");
    expect(await atSupplier(reservation.reservationId)).toMatchObject({ status: "CANCELLED", refund: { amount: "0.00" } });
  });
});
