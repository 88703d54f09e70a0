import { createHash } from "node:crypto";
import { carTypes, type CarOffer, type CarSearchCriteria, type CarType } from "../../search/cars";
import { SupplierError, type CarSupplierClient } from "../port";
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
  private token: { value: string; expiresAt: number } | undefined;
  private tokenRequest: Promise<string> | undefined;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: CarSupplierOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
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
    let response = await this.call(`${carPaths.availability}?${query}`, await this.accessToken(), signal);
    if (response.status === 401) {
      this.token = undefined;
      response = await this.call(`${carPaths.availability}?${query}`, await this.accessToken(), signal);
    }
    const body = (await this.parse(response)) as CarAvailabilityResponse;
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
      }));
  }

  async warmUp(): Promise<void> {
    await this.accessToken();
  }

  private accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - 60_000 > Date.now()) return Promise.resolve(this.token.value);
    this.tokenRequest ??= (async () => {
      const response = await this.raw(carPaths.token, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: this.options.clientId, client_secret: this.options.clientSecret }).toString(),
      });
      const token = (await this.parse(response)) as { access_token: string; expires_in: number };
      this.token = { value: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 };
      return token.access_token;
    })().finally(() => (this.tokenRequest = undefined));
    return this.tokenRequest;
  }

  private call(path: string, token: string, signal?: AbortSignal): Promise<Response> {
    return this.raw(path, { method: "GET", headers: { authorization: `Bearer ${token}` }, signal });
  }

  private async raw(path: string, init: RequestInit & { signal?: AbortSignal | undefined }): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    try {
      return await this.fetch(new URL(path, this.options.baseUrl), { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
    } catch (error) {
      throw new SupplierError(
        timeout.aborted ? `supplier did not answer within ${this.options.timeoutMs} ms` : `supplier unreachable: ${(error as Error).message}`,
        this.name,
        undefined,
        true,
        { cause: error },
      );
    }
  }

  private async parse(response: Response): Promise<unknown> {
    const text = await response.text();
    if (response.ok) return JSON.parse(text);
    throw new SupplierError(`supplier answered ${response.status}: ${text.slice(0, 300)}`, this.name, response.status, response.status >= 500 || response.status === 429);
  }
}
