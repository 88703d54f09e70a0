import type { RedisConnection } from "../cache/redis";
import { awaitFirstConnection } from "../cache/redis";
import type { CarOffer, CarSearchCriteria } from "./cars";
import type { FlightOffer, FlightSearchCriteria } from "./flights";
import type { HotelOffer, HotelSearchCriteria } from "./hotels";

/** How long an offer from a search may be re-priced and booked. */
export const offerValiditySeconds = 30 * 60;
/** Records outlive their validity so an expired offer gets a 410, not a 404. */
const recordLifetimeSeconds = 24 * 60 * 60;

export type OfferOrigin =
  | { vertical: "flights"; criteria: FlightSearchCriteria }
  | { vertical: "hotels"; criteria: HotelSearchCriteria }
  | { vertical: "cars"; criteria: CarSearchCriteria };

export type OfferRecord = OfferOrigin & {
  searchedAt: string;
  validUntil: string;
  total: string;
  currency: string;
  /** The offer as last quoted (by the search or a re-price): what a hold books. */
  offer?: FlightOffer | HotelOffer | CarOffer;
};

/**
 * Where each offer id came from (the question that produced it), so the offer can be re-priced
 * later by asking the supplier that question again.
 */
export class OfferRegistry {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyPrefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  async remember(origin: OfferOrigin, offers: Array<FlightOffer | HotelOffer | CarOffer>): Promise<void> {
    if (offers.length === 0) return;
    const searchedAt = this.now();
    await awaitFirstConnection(this.redis);
    const pipeline = this.redis.pipeline();
    for (const offer of offers) {
      const record: OfferRecord = {
        ...origin,
        searchedAt: new Date(searchedAt).toISOString(),
        validUntil: new Date(searchedAt + offerValiditySeconds * 1000).toISOString(),
        total: offer.price.total,
        currency: offer.price.currency,
        offer,
      };
      pipeline.set(this.key(offer.id), JSON.stringify(record), "EX", recordLifetimeSeconds);
    }
    await pipeline.exec().catch(() => undefined);
  }

  /** Record a re-priced offer as the current quote; the quote's validity stays the search's. */
  async requote(record: OfferRecord, offer: FlightOffer | HotelOffer | CarOffer): Promise<void> {
    const updated: OfferRecord = { ...record, total: offer.price.total, currency: offer.price.currency, offer } as OfferRecord;
    await this.redis.set(this.key(offer.id), JSON.stringify(updated), "KEEPTTL").catch(() => undefined);
  }

  async find(id: string): Promise<OfferRecord | undefined> {
    await awaitFirstConnection(this.redis);
    const raw = await this.redis.get(this.key(id));
    return raw ? (JSON.parse(raw) as OfferRecord) : undefined;
  }

  private key(id: string): string {
    return `${this.keyPrefix}offer:${id}`;
  }
}
