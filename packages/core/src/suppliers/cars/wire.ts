/**
 * The car rental supplier's wire format (a design of ours, documented in docs/search.md): OAuth2
 * client credentials like the other suppliers, an availability call, and reservations.
 *
 * GET /v1/cars/availability?pickupLocation=LAX&dropoffLocation=LAX&pickupDateTime=2027-03-14T10:00
 *     &dropoffDateTime=2027-03-18T10:00&driverAge=30&currency=USD
 * POST /v1/cars/reservations                 (Idempotency-Key: the client's own reference) → HELD
 * GET  /v1/cars/reservations/{id}, GET /v1/cars/reservations?clientReference=… (the one made under that key)
 * POST /v1/cars/reservations/{id}/confirm    {"payment": {"amount", "currency"}} → CONFIRMED
 * POST /v1/cars/reservations/{id}/cancel     → CANCELLED, with the refund its terms give
 */
export const carPaths = { token: "/v1/security/oauth2/token", availability: "/v1/cars/availability", reservations: "/v1/cars/reservations" } as const;

/** A rate held for a driver: `POST /v1/cars/reservations`. */
export interface CarReservationRequest {
  rateId: string;
  driver: { firstName: string; lastName: string; dateOfBirth: string };
  contact: { email: string; phone: string };
}

export type CarReservationStatus = "HELD" | "CONFIRMED" | "CANCELLED" | "EXPIRED";

export interface CarReservation {
  id: string;
  /** The `Idempotency-Key` it was made under: the client's reference, found again by it. */
  clientReference: string;
  status: CarReservationStatus;
  /** The rental desk's confirmation number, given with the hold. */
  confirmationNumber: string;
  rateId: string;
  vendor: { code: string; name: string };
  vehicle: { acriss: string; makeModel: string };
  pickup: { location: string; dateTime: string };
  dropoff: { location: string; dateTime: string };
  driver: CarReservationRequest["driver"];
  price: { total: string; currency: string };
  /** A HELD reservation lapses then unless confirmed. */
  holdExpiresAt: string;
  /** Free cancellation until `freeUntil`; later, the `lateFee` is kept. A HELD one cancels for nothing. */
  cancellation: { freeUntil: string; lateFee: string };
  createdAt: string;
  confirmedAt: string | null;
  cancelledAt: string | null;
  /** What cancelling gave back (to the account it was paid from), once cancelled. */
  refund: { amount: string; currency: string } | null;
}

export interface CarAvailabilityResponse {
  meta: { count: number; rentalDays: number };
  vehicles: Array<{
    rateId: string;
    vendor: { code: string; name: string };
    vehicle: {
      acriss: string;
      category: string;
      makeModel: string;
      seats: number;
      doors: number;
      bags: number;
      transmission: "MANUAL" | "AUTOMATIC";
      airConditioning: boolean;
    };
    pickup: { location: string; dateTime: string };
    dropoff: { location: string; dateTime: string };
    rate: { currency: string; total: string; perDay: string; oneWayFee: string; youngDriverFee: string; mileage: "UNLIMITED" | string };
  }>;
}
