import { createHash } from "node:crypto";
import { carTypes, type CarOffer, type CarSearchCriteria, type CarType } from "../../search/cars";
import { ClientCredentialsHttp } from "../http";
import type { CarSupplierClient } from "../../search/suppliers";
import { carPaths, type CarAvailabilityResponse } from "./wire";

export interface CarSupplierOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Car rental supplier adapter: client-credentials token, then the availability call. */
export class CarRentalSupplier implements CarSupplierClient {
  readonly name = "cars";
  private readonly http: ClientCredentialsHttp;

  constructor(options: CarSupplierOptions) {
    this.http = new ClientCredentialsHttp({ ...options, name: this.name, tokenPath: carPaths.token });
  }

  warmUp(): Promise<void> {
    return this.http.warmUp();
  }

  async searchCars(criteria: CarSearchCriteria, signal?: AbortSignal): Promise<CarOffer[]> {
    const query = new URLSearchParams({
      pickupLocation: criteria.pickupLocation,
      dropoffLocation: criteria.dropoffLocation,
      pickupDateTime: criteria.pickupAt,
      dropoffDateTime: criteria.dropoffAt,
      driverAge: String(criteria.driverAge),
      currency: criteria.currency,
    });
    const body = await this.http.request<CarAvailabilityResponse>(`${carPaths.availability}?${query}`, { method: "GET", signal });
    const known = new Set<string>(carTypes);
    return body.vehicles
      .filter((v) => known.has(v.vehicle.category))
      .map((v) => ({
        id: `co_${createHash("sha256").update([v.rateId, criteria.pickupAt, criteria.dropoffAt, criteria.driverAge, criteria.currency].join("|")).digest("base64url").slice(0, 22)}`,
        supplier: this.name,
        supplierOfferId: v.rateId,
        vendor: v.vendor,
        vehicle: {
          acrissCode: v.vehicle.acriss,
          category: v.vehicle.category as CarType,
          makeModel: v.vehicle.makeModel,
          seats: v.vehicle.seats,
          doors: v.vehicle.doors,
          bags: v.vehicle.bags,
          transmission: v.vehicle.transmission,
          airConditioning: v.vehicle.airConditioning,
        },
        pickup: { location: v.pickup.location, at: v.pickup.dateTime },
        dropoff: { location: v.dropoff.location, at: v.dropoff.dateTime },
        rentalDays: body.meta.rentalDays,
        mileage: v.rate.mileage,
        price: {
          total: Number(v.rate.total).toFixed(2),
          perDay: Number(v.rate.perDay).toFixed(2),
          oneWayFee: Number(v.rate.oneWayFee).toFixed(2),
          youngDriverFee: Number(v.rate.youngDriverFee).toFixed(2),
          currency: v.rate.currency,
        },
        // The rental desk checks the driver's age (the rate is priced for it) and calls the driver's phone.
        bookingRequirements: { travellerFields: ["firstName", "lastName", "dateOfBirth"], contactPhone: true },
      }));
  }
}
