/**
 * The car rental supplier's wire format (a design of ours, documented in the README): OAuth2
 * client credentials like the other suppliers, and one availability call.
 *
 * GET /v1/cars/availability?pickupLocation=LAX&dropoffLocation=LAX&pickupDateTime=2027-03-14T10:00
 *     &dropoffDateTime=2027-03-18T10:00&driverAge=30&currency=USD
 */
export const carPaths = { token: "/v1/security/oauth2/token", availability: "/v1/cars/availability" } as const;

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
