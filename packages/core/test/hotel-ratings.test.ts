/**
 * Hotel search's comparable 0–10 rating, through SearchService on the run's redis-server: each
 * hotel rated from its stars, its supplier's guest rating and our verified reviews (a stub of the
 * VerifiedHotelRatings port here; core/reviews implements it), sorted and filtered by it, computed
 * once per supplier answer, and dropped from the cache with the hotel's `hotel:<id>` tag.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Catalog } from "../src/catalog/catalog";
import { createBusConnectionTemplate, SearchCache } from "../src/cache";
import {
  comparableRating,
  hotelRatingTag,
  hotelSearchQuerySchema,
  OfferRegistry,
  refineHotelOffers,
  SearchService,
  type HotelOffer,
  type HotelSearchCriteria,
  type HotelSupplierClient,
  type VerifiedHotelRatings,
  withComparableRatings,
} from "../src/search";
import { redisConnections, redisLink, uniquePrefix } from "./support/stores";

const redis = redisConnections();
const caches: SearchCache[] = [];
afterAll(async () => {
  await Promise.all(caches.map((c) => c.close()));
});

const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const stay = { checkIn: daysAhead(40), checkOut: daysAhead(42) };

type Hotel = HotelOffer["hotel"];
const hotel = (hotelId: string, rating: number, guestRating?: Hotel["guestRating"]): Hotel => ({
  hotelId,
  name: `Hotel ${hotelId}`,
  rating,
  location: { latitude: 48.86, longitude: 2.35 },
  distanceKm: 1,
  amenities: ["WIFI"],
  ...(guestRating ? { guestRating } : {}),
});

/** Offers as the adapters make them: the hotel (with the supplier's guest rating, when it has one) on every room of it. */
function offersAt(supplier: string, h: Hotel, criteria: HotelSearchCriteria, totals: number[]): HotelOffer[] {
  return totals.map((total, i) => ({
    id: `ho_${supplier}_${h.hotelId}_${i}`,
    supplier,
    supplierOfferId: `${h.hotelId}-${i}`,
    hotel: h,
    room: { category: "STANDARD_ROOM", beds: 1, bedType: "KING", description: "Standard room" },
    boardType: "ROOM_ONLY",
    checkIn: criteria.checkIn,
    checkOut: criteria.checkOut,
    nights: 2,
    price: { total: total.toFixed(2), base: (total / 1.1).toFixed(2), taxes: (total - total / 1.1).toFixed(2), perNight: (total / 2).toFixed(2), currency: criteria.currency },
    cancellation: { refundable: false },
    bookingRequirements: { travellerFields: ["firstName", "lastName"], contactPhone: false },
  }));
}

/** Paris as the two suppliers sell it: Duffel's review_score (1–10) on two hotels, the Amadeus format's sentiments (0–100) on one. */
const paris = {
  duffelGood: hotel("acc_good", 4, { source: "duffel", value: 8.2, reviewCount: 1_200 }),
  duffelPlain: hotel("acc_plain", 3, { source: "duffel", value: 6.1, reviewCount: 40 }),
  duffelUnreviewed: hotel("acc_unreviewed", 2),
  amadeusRated: hotel("HLPAR100", 5, { source: "amadeus", value: 91, reviewCount: 300 }),
  amadeusUnrated: hotel("XXPAR107", 3),
};
const rome = { amadeusRome: hotel("HLROM100", 4, { source: "amadeus", value: 77, reviewCount: 80 }) };

function stubSupplier(name: string, byCity: Record<string, Array<[Hotel, number[]]>>) {
  const supplier = {
    name,
    calls: 0,
    async searchHotels(criteria: HotelSearchCriteria): Promise<HotelOffer[]> {
      supplier.calls += 1;
      return (byCity[criteria.cityCode] ?? []).flatMap(([h, totals]) => offersAt(name, h, criteria, totals));
    },
  } satisfies HotelSupplierClient & { calls: number };
  return supplier;
}

/** A stub of the VerifiedHotelRatings port: figures per hotel, or failing on demand. */
class StubVerifiedRatings implements VerifiedHotelRatings {
  failing = false;
  readonly asked: string[][] = [];
  constructor(readonly figures: Record<string, { mean: number; count: number }>) {}

  async forHotels(hotelIds: string[]): Promise<Map<string, { mean: number; count: number }>> {
    this.asked.push(hotelIds);
    if (this.failing) throw new Error("DynamoDB is unreachable");
    return new Map(hotelIds.flatMap((id) => (this.figures[id] ? [[id, this.figures[id]] as const] : [])));
  }
}
const stubVerifiedRatings = (figures: Record<string, { mean: number; count: number }>) => new StubVerifiedRatings(figures);

function searchSetup(verifiedRatings?: VerifiedHotelRatings) {
  const keyPrefix = uniquePrefix("hotel-ratings");
  const cache = new SearchCache({ redis: redis.open(), bus: createBusConnectionTemplate(redisLink), keyPrefix });
  caches.push(cache);
  const duffel = stubSupplier("duffel", { PAR: [[paris.duffelGood, [420, 380]], [paris.duffelPlain, [210]], [paris.duffelUnreviewed, [150]]] });
  const amadeus = stubSupplier("amadeus", { PAR: [[paris.amadeusRated, [900]], [paris.amadeusUnrated, [260]]], ROM: [[rome.amadeusRome, [300]]] });
  const service = new SearchService({
    suppliers: { flights: [], hotels: [duffel, amadeus], cars: [] },
    cache,
    // Stub suppliers never ask for the city's centre.
    catalog: {} as Catalog,
    offers: new OfferRegistry(redis.open(), keyPrefix),
    ...(verifiedRatings ? { verifiedRatings } : {}),
  });
  const search = (city: string, extra: Record<string, unknown> = {}) =>
    service.searchHotels(hotelSearchQuerySchema().parse({ cityCode: city, ...stay, adults: 2, ...extra }));
  return { cache, service, duffel, amadeus, search };
}

const ratingOf = (offers: HotelOffer[], hotelId: string) => offers.find((o) => o.hotel.hotelId === hotelId)!.hotel.comparableRating!;

describe("hotel search with comparable ratings", () => {
  it("rates every hotel from its stars, its supplier's guest rating and our verified reviews, each source shown", async () => {
    const verified = stubVerifiedRatings({ acc_good: { mean: 9, count: 3 }, HLPAR100: { mean: 7.5, count: 2_000 } });
    const { search } = searchSetup(verified);
    const { data } = await search("PAR");
    expect(data).toHaveLength(6);
    expect(verified.asked).toEqual([["acc_good", "acc_plain", "acc_unreviewed", "HLPAR100", "XXPAR107"]]);

    const good = ratingOf(data, "acc_good");
    expect(good).toEqual(
      comparableRating([
        { source: "stars", value: 4 },
        { source: "duffel", value: 8.2, reviewCount: 1_200 },
        { source: "verified", value: 9, reviewCount: 3 },
      ]),
    );
    expect(good.sources.map((s) => [s.source, s.value, s.reviewCount, s.verified])).toEqual([
      ["stars", 4, null, false],
      ["duffel", 8.2, 1_200, false],
      ["verified", 9, 3, true],
    ]);
    // Three verified reviews against Duffel's thousand (trusted half, at most 1,000): it leans on Duffel.
    expect(good.sources.find((s) => s.source === "duffel")!.weight).toBeGreaterThan(0.98);
    expect(good.score).toBeCloseTo(8, 0);

    // Two thousand verified reviews outweigh the supplier's 300.
    const rated = ratingOf(data, "HLPAR100");
    expect(rated.sources.map((s) => s.source)).toEqual(["stars", "amadeus", "verified"]);
    expect(rated.sources.find((s) => s.source === "verified")!.weight).toBeGreaterThan(0.9);
    expect(rated.sources.find((s) => s.source === "amadeus")).toMatchObject({ value: 91, scale: "0–100", normalised: 9.1, reviewCount: 300 });

    // Nothing but stars: the stars alone (2 stars → 2.5 of 1–5 → 3.75).
    expect(ratingOf(data, "acc_unreviewed")).toEqual({ score: 3.8, sources: [expect.objectContaining({ source: "stars", value: 2, weight: 1 })] });
    // Offers of one hotel show one rating.
    const goodOffers = data.filter((o) => o.hotel.hotelId === "acc_good");
    expect(goodOffers).toHaveLength(2);
    expect(goodOffers[0]!.hotel.comparableRating).toEqual(goodOffers[1]!.hotel.comparableRating);
  });

  it("rates without verified reviews when no port is given", async () => {
    const { data } = await searchSetup().search("PAR");
    for (const offer of data) expect(offer.hotel.comparableRating!.sources.every((s) => s.source !== "verified")).toBe(true);
    expect(ratingOf(data, "acc_good").sources.map((s) => s.source)).toEqual(["stars", "duffel"]);
  });

  it("sorts by score (highest first, ties by price) and keeps hotels scoring at least minScore, without asking the suppliers again", async () => {
    const { search, duffel, amadeus } = searchSetup(stubVerifiedRatings({}));
    const all = await search("PAR");
    const byScore = await search("PAR", { sort: "score" });
    expect(byScore.cache.status).toBe("HIT");
    const scores = byScore.data.map((o) => o.hotel.comparableRating!.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(byScore.data[0]!.hotel.hotelId).toBe("HLPAR100");
    // acc_good's two rooms: the same score, the cheaper first.
    const good = byScore.data.filter((o) => o.hotel.hotelId === "acc_good").map((o) => o.price.total);
    expect(good).toEqual(["380.00", "420.00"]);

    const minScore = ratingOf(all.data, "acc_good").score!;
    const kept = await search("PAR", { minScore });
    expect(kept.data.length).toBeGreaterThan(0);
    expect(kept.data.length).toBeLessThan(all.data.length);
    expect(kept.data.every((o) => o.hotel.comparableRating!.score! >= minScore)).toBe(true);
    // The stars keep meaning stars.
    expect((await search("PAR", { minRating: 5 })).data.map((o) => o.hotel.hotelId)).toEqual(["HLPAR100"]);
    expect([duffel.calls, amadeus.calls]).toEqual([1, 1]);
  });

  it("leaves out stars a supplier did not give: a hotel with no other rating has no score", async () => {
    const unknownStars = { ...hotel("PARNOSTARS", 3), starsUnknown: true as const };
    const [rated] = await withComparableRatings(offersAt("amadeus", unknownStars, { cityCode: "PAR", ...stay, adults: 1, rooms: 1, currency: "USD" }, [100]), undefined);
    expect(rated!.hotel.comparableRating).toEqual({ score: null, sources: [] });
    const [withGuests] = await withComparableRatings(offersAt("duffel", { ...unknownStars, guestRating: { source: "duffel", value: 8.2, reviewCount: 40 } }, { cityCode: "PAR", ...stay, adults: 1, rooms: 1, currency: "USD" }, [100]), undefined);
    expect(withGuests!.hotel.comparableRating!.sources.map((s) => s.source)).toEqual(["duffel"]);
    expect(withGuests!.hotel.comparableRating!.score).toBe(8);
  });

  it("puts hotels without a score last when sorting by it, and leaves them out for minScore", () => {
    const criteria = { cityCode: "PAR", ...stay, adults: 1, rooms: 1, currency: "USD" as const };
    const scored = (score: number | null, h: Hotel, total: number) => ({ ...offersAt("duffel", h, criteria, [total])[0]!, hotel: { ...h, comparableRating: { score, sources: [] } } });
    const unrated = offersAt("amadeus", paris.amadeusUnrated, criteria, [100])[0]!;
    const offers = [unrated, scored(null, paris.duffelPlain, 90), scored(6, paris.duffelGood, 300), scored(8.5, paris.amadeusRated, 500)];
    const sorted = refineHotelOffers([...offers], { sort: "score" });
    // The two without a score (one rated null, one not rated at all): by price.
    expect(sorted.map((o) => (o.hotel.comparableRating ? o.hotel.comparableRating.score : "not rated"))).toEqual([8.5, 6, null, "not rated"]);
    expect(refineHotelOffers([...offers], { sort: "price", minScore: 0 }).map((o) => o.hotel.comparableRating!.score)).toEqual([6, 8.5]);
  });

  it("still answers when the verified ratings cannot be read: the hotels are rated without them", async () => {
    const verified = stubVerifiedRatings({ acc_good: { mean: 9, count: 3 } });
    verified.failing = true;
    const { search } = searchSetup(verified);
    const { data, suppliers } = await search("PAR", { sort: "score" });
    expect(suppliers.map((s) => s.status)).toEqual(["ok", "ok"]);
    expect(verified.asked).toHaveLength(1);
    expect(ratingOf(data, "acc_good").sources.map((s) => s.source)).toEqual(["stars", "duffel"]);
  });

  it("drops every cached answer showing a hotel when its tag is invalidated: the next search asks the suppliers and rates it anew", async () => {
    const verified = stubVerifiedRatings({ acc_good: { mean: 9, count: 3 } });
    const { search, cache, duffel, amadeus } = searchSetup(verified);
    await search("PAR");
    await search("PAR", { checkOut: daysAhead(43) }); // another stay showing the same hotel
    await search("ROM");
    expect([duffel.calls, amadeus.calls]).toEqual([3, 3]);
    expect((await search("PAR")).cache.status).toBe("HIT");

    // A thousand new verified reviews of acc_good.
    verified.figures.acc_good = { mean: 4, count: 3_000 };
    expect(hotelRatingTag("acc_good")).toBe("hotel:acc_good");
    expect(await cache.invalidateTags([hotelRatingTag("acc_good")])).toEqual({ entries: 2 });

    const again = await search("PAR");
    expect(again.cache.status).toBe("MISS");
    expect([duffel.calls, amadeus.calls]).toEqual([4, 4]);
    const good = ratingOf(again.data, "acc_good");
    expect(good.sources.find((s) => s.source === "verified")).toMatchObject({ value: 4, reviewCount: 3_000 });
    expect(good.score).toBeLessThan(5);
    // Rome's answer does not show the hotel: still cached.
    expect((await search("ROM")).cache.status).toBe("HIT");
  });
});
