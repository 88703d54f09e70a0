import { randomInt, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Hono, type Context } from "hono";
import { zonedTimeToUtc } from "@travel/core/booking";
import { timeZoneOf } from "@travel/core/catalog";
import { carPaths, type CarReservation, type CarReservationRequest } from "@travel/core/suppliers";
import { amadeusError } from "./amadeus-api";
import { carRate } from "./cars";
import { takeFault, type CarFaults } from "./faults";
import { e164Pattern } from "./duffel-wire";

/**
 * The car supplier's reservations, in memory (our own format: docs/search.md): a rate is held for
 * a driver under the client's `Idempotency-Key` (the same key again answers the same reservation,
 * so a retry never books twice), confirmed with the payment its price asks, and cancelled with
 * the refund its terms give: everything until `freeUntil` (48 hours before pick-up), the total
 * less one rental day after, nothing for a hold that was never paid. A hold lapses after 30
 * minutes. Errors are the Amadeus-shaped ones the car supplier shares.
 */
const holdLifetimeMs = 30 * 60_000;
const freeCancellationHoursBefore = 48;
const maxStoredReservations = 50_000;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The refusals, each with the number and title of the Amadeus-shaped errors the supplier answers with. */
const refusals = {
  keyMissing: [400, 4900, "IDEMPOTENCY KEY MISSING"],
  invalid: [400, 477, "INVALID FORMAT"],
  notFound: [404, 38196, "Resource not found"],
  keyReused: [422, 4901, "IDEMPOTENCY KEY REUSED"],
  rateUnavailable: [422, 4902, "RATE UNAVAILABLE"],
  vehicleUnavailable: [422, 4903, "VEHICLE UNAVAILABLE"],
  driverAge: [422, 4904, "DRIVER AGE DOES NOT MATCH THE RATE"],
  priceMismatch: [422, 4905, "PRICE MISMATCH"],
  notHeld: [409, 4906, "RESERVATION NOT HELD"],
} as const;
type Refusal = keyof typeof refusals;
const refuse = (c: Context, refusal: Refusal, detail: string) => amadeusError(c, refusals[refusal][0], refusals[refusal][1], refusals[refusal][2], detail);

const confirmationNumber = (vendor: string) => `${vendor}${randomInt(10 ** 7, 10 ** 8)}`;
const money = (amount: number) => amount.toFixed(2);

/** Whole years between a date of birth and a day. */
function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5, 10) < dateOfBirth.slice(5, 10) ? years - 1 : years;
}

function parseRequest(body: unknown): CarReservationRequest | string {
  const b = (body ?? {}) as { rateId?: unknown; driver?: Record<string, unknown>; contact?: Record<string, unknown> };
  if (typeof b.rateId !== "string" || b.rateId === "") return "rateId is required";
  const driver = b.driver ?? {};
  for (const field of ["firstName", "lastName"]) if (typeof driver[field] !== "string" || (driver[field] as string).trim() === "") return `driver.${field} is required`;
  if (typeof driver.dateOfBirth !== "string" || !isoDate.test(driver.dateOfBirth)) return "driver.dateOfBirth must be a date (YYYY-MM-DD)";
  const contact = b.contact ?? {};
  if (typeof contact.email !== "string" || !contact.email.includes("@")) return "contact.email must be an email address";
  if (typeof contact.phone !== "string" || !e164Pattern.test(contact.phone)) return "contact.phone must be an E.164 phone number";
  return {
    rateId: b.rateId,
    driver: { firstName: driver.firstName as string, lastName: driver.lastName as string, dateOfBirth: driver.dateOfBirth },
    contact: { email: contact.email, phone: contact.phone },
  };
}

/** A held reservation past its hold reads as EXPIRED. */
function current(reservation: CarReservation): CarReservation {
  if (reservation.status === "HELD" && Date.parse(reservation.holdExpiresAt) <= Date.now()) reservation.status = "EXPIRED";
  return reservation;
}

export function carReservationsApi(faults: CarFaults) {
  const reservations = new Map<string, CarReservation>();
  const byKey = new Map<string, { id: string; request: string }>();
  const app = new Hono();
  const known = (c: Context) => {
    const found = reservations.get(c.req.param("id")!);
    return found ? current(found) : refuse(c, "notFound", `no car reservation ${c.req.param("id")}`);
  };

  app.post(carPaths.reservations, async (c) => {
    const key = c.req.header("idempotency-key");
    if (!key) return refuse(c, "keyMissing", "an Idempotency-Key header is required: the same key answers the same reservation");
    const request = parseRequest(await c.req.json().catch(() => undefined));
    if (typeof request === "string") return refuse(c, "invalid", request);
    const earlier = byKey.get(key);
    if (earlier) {
      if (earlier.request !== JSON.stringify(request)) return refuse(c, "keyReused", `Idempotency-Key ${key} was used for another reservation`);
      const reservation = reservations.get(earlier.id);
      if (reservation) return c.json({ data: current(reservation) }, 200);
    }
    const rate = carRate(request.rateId);
    if (!rate) return refuse(c, "notFound", `no rate ${request.rateId}`);
    const { vehicle, request: question } = rate;
    const pickupAt = Date.parse(zonedTimeToUtc(question.pickupAt, timeZoneOf(question.pickupLocation)));
    if (pickupAt <= Date.now()) return refuse(c, "rateUnavailable", "the pick-up time has passed; search again");
    const age = ageOn(request.driver.dateOfBirth, question.pickupAt.slice(0, 10));
    if (age < 18 || age < 25 !== question.driverAge < 25) {
      return refuse(c, "driverAge", `the rate was priced for a driver aged ${question.driverAge}; the driver is ${age} at pick-up`);
    }
    const fault = takeFault(faults, "reservations");
    if (fault?.with === "vehicle_unavailable") return refuse(c, "vehicleUnavailable", `${vehicle.vendor.name} has no ${vehicle.vehicle.makeModel} left at ${question.pickupLocation}`);
    const now = new Date();
    const reservation: CarReservation = {
      id: `crs_${randomUUID().replaceAll("-", "")}`,
      clientReference: key,
      status: "HELD",
      confirmationNumber: confirmationNumber(vehicle.vendor.code),
      rateId: request.rateId,
      vendor: vehicle.vendor,
      vehicle: { acriss: vehicle.vehicle.acriss, makeModel: vehicle.vehicle.makeModel },
      pickup: vehicle.pickup,
      dropoff: vehicle.dropoff,
      driver: request.driver,
      price: { total: vehicle.rate.total, currency: vehicle.rate.currency },
      holdExpiresAt: new Date(now.getTime() + holdLifetimeMs).toISOString(),
      cancellation: { freeUntil: new Date(pickupAt - freeCancellationHoursBefore * 3_600_000).toISOString(), lateFee: vehicle.rate.perDay },
      createdAt: now.toISOString(),
      confirmedAt: null,
      cancelledAt: null,
      refund: null,
    };
    reservations.set(reservation.id, reservation);
    byKey.set(key, { id: reservation.id, request: JSON.stringify(request) });
    if (reservations.size > maxStoredReservations) reservations.delete(reservations.keys().next().value!);
    if (byKey.size > maxStoredReservations) byKey.delete(byKey.keys().next().value!);
    if (fault?.with === "timeout") await sleep(fault.timeoutMs);
    return c.json({ data: reservation }, 201);
  });

  // The reservation made under a client's reference (its Idempotency-Key), if any.
  app.get(carPaths.reservations, (c) => {
    const reference = c.req.query("clientReference");
    if (!reference) return refuse(c, "invalid", "clientReference is required");
    const found = byKey.get(reference);
    const reservation = found ? reservations.get(found.id) : undefined;
    return c.json({ data: reservation ? [current(reservation)] : [] });
  });

  app.get(`${carPaths.reservations}/:id`, (c) => {
    const reservation = known(c);
    return reservation instanceof Response ? reservation : c.json({ data: reservation });
  });

  app.post(`${carPaths.reservations}/:id/confirm`, async (c) => {
    const reservation = known(c);
    if (reservation instanceof Response) return reservation;
    // Confirming again (a retry after a lost answer) shows the confirmed reservation.
    if (reservation.status === "CONFIRMED") return c.json({ data: reservation });
    if (reservation.status !== "HELD") return refuse(c, "notHeld", `reservation ${reservation.id} is ${reservation.status}`);
    const payment = ((await c.req.json().catch(() => ({}))) as { payment?: { amount?: unknown; currency?: unknown } }).payment;
    if (Number(payment?.amount) !== Number(reservation.price.total) || payment?.currency !== reservation.price.currency) {
      return refuse(c, "priceMismatch", `the reservation costs ${reservation.price.total} ${reservation.price.currency}`);
    }
    const fault = takeFault(faults, "confirmations");
    if (fault?.with === "api_error") return amadeusError(c, 500, 141, "SYSTEM ERROR HAS OCCURRED");
    Object.assign(reservation, { status: "CONFIRMED", confirmedAt: new Date().toISOString() });
    if (fault?.with === "timeout") await sleep(fault.timeoutMs);
    return c.json({ data: reservation });
  });

  app.post(`${carPaths.reservations}/:id/cancel`, (c) => {
    const reservation = known(c);
    if (reservation instanceof Response) return reservation;
    if (reservation.status === "CANCELLED") return c.json({ data: reservation });
    if (reservation.status === "EXPIRED") return refuse(c, "notHeld", `reservation ${reservation.id} expired at ${reservation.holdExpiresAt}`);
    const total = Number(reservation.price.total);
    const refund = reservation.status === "HELD" ? 0 : Date.now() < Date.parse(reservation.cancellation.freeUntil) ? total : Math.max(0, total - Number(reservation.cancellation.lateFee));
    Object.assign(reservation, { status: "CANCELLED", cancelledAt: new Date().toISOString(), refund: { amount: money(refund), currency: reservation.price.currency } });
    return c.json({ data: reservation });
  });

  return app;
}
