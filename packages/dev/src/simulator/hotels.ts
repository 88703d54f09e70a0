import { distanceKm, referenceData } from "@travel/core/reference-data";
import type { AmadeusHotel, AmadeusHotelListResponse, AmadeusHotelOffer, AmadeusHotelOffersResponse, AmadeusHotelSentiment, AmadeusHotelSentimentsResponse } from "@travel/core/suppliers";
import { usdRates } from "./flight-schedule";
import { rngFrom } from "./random";

/**
 * Deterministic hotels per city for the supplier simulator: names from real chains and local
 * styles, 2–5 stars, coordinates within a few kilometres of the city, and nightly prices by
 * stars, season and weekday.
 */
export const chains: Array<[code: string, name: string]> = [
  ["HL", "Hilton"], ["MC", "Marriott"], ["HI", "Holiday Inn"], ["RT", "Novotel"], ["IC", "InterContinental"],
  ["BW", "Best Western"], ["RD", "Radisson"], ["NH", "NH Hotel"], ["IB", "ibis"], ["SB", "Sofitel"],
];
const independentStyles = ["Grand Hotel", "Hotel du Parc", "Boutique Hotel", "Old Town Inn", "Riverside Hotel", "Central Suites", "Garden Hotel", "Harbour View"];
const suffixes = ["Centre", "City", "Airport", "Riverside", "Old Town", "Park", "Station", "Downtown"];
const amenityPool = ["WIFI", "AIR_CONDITIONING", "RESTAURANT", "BAR", "PARKING", "FITNESS_CENTER", "POOL", "SPA", "AIRPORT_SHUTTLE", "PETS_ALLOWED"];
const basePerNightUsd: Record<number, number> = { 2: 70, 3: 110, 4: 180, 5: 320 };
export const roomTypes = [
  { code: "A1K", category: "STANDARD_ROOM", beds: 1, bedType: "KING", factor: 1, text: "Standard room, one king bed" },
  { code: "B2T", category: "STANDARD_ROOM", beds: 2, bedType: "TWIN", factor: 1.05, text: "Standard room, two twin beds" },
  { code: "C1K", category: "SUPERIOR_ROOM", beds: 1, bedType: "KING", factor: 1.3, text: "Superior room with city view, one king bed" },
  { code: "S1K", category: "SUITE", beds: 1, bedType: "KING", factor: 2.1, text: "Junior suite with lounge, one king bed" },
];

export function hotelsInCity(cityCode: string): AmadeusHotel[] {
  const city = referenceData().cityByCode.get(cityCode);
  if (!city) return [];
  const rng = rngFrom(`hotels|${cityCode}`);
  const count = 8 + Math.floor(rng() * 13);
  const hotels: AmadeusHotel[] = [];
  for (let i = 0; i < count; i++) {
    const chained = rng() < 0.65;
    const [chainCode, chainName] = chained ? chains[Math.floor(rng() * chains.length)]! : ["XX", ""];
    const name = chained
      ? `${chainName} ${city.name} ${suffixes[Math.floor(rng() * suffixes.length)]}`
      : `${independentStyles[Math.floor(rng() * independentStyles.length)]} ${city.name}`;
    const rating = 2 + Math.floor(rng() * 4);
    // Within ~8 km of the centre.
    const latitude = city.latitude + (rng() - 0.5) * 0.14;
    const longitude = city.longitude + ((rng() - 0.5) * 0.14) / Math.max(0.2, Math.cos((city.latitude * Math.PI) / 180));
    const amenities = amenityPool.filter((_, k) => k < 2 + rating || rng() < 0.15);
    hotels.push({
      chainCode,
      iataCode: cityCode,
      dupeId: 700_000_000 + Math.floor(rng() * 99_999_999),
      name: name.toUpperCase(),
      hotelId: `${chainCode}${cityCode}${String(100 + i * 7).padStart(3, "0")}`,
      geoCode: { latitude: Math.round(latitude * 1e5) / 1e5, longitude: Math.round(longitude * 1e5) / 1e5 },
      address: { countryCode: city.countryName.slice(0, 2).toUpperCase() },
      distance: { value: Math.round(distanceKm(city, { latitude, longitude }) * 100) / 100, unit: "KM" },
      rating,
      amenities,
    });
  }
  return hotels;
}

/** Hotel List's filters: star ratings, and a radius around the city centre (Amadeus' default is 5 km). */
export interface HotelListFilters {
  ratings?: number[];
  radiusKm: number;
}

export function hotelList(cityCode: string, filters: HotelListFilters): AmadeusHotelListResponse {
  const data = hotelsInCity(cityCode).filter(
    (h) => h.distance.value <= filters.radiusKm && (!filters.ratings || (h.rating !== undefined && filters.ratings.includes(h.rating))),
  );
  return { data, meta: { count: data.length } };
}

/** A simulated hotel by its id (the city is in the id: `HLPAR100`). */
export function hotelById(hotelId: string): AmadeusHotel | undefined {
  return hotelsInCity(hotelId.slice(2, 5)).find((h) => h.hotelId === hotelId);
}

/**
 * What guests think of a hotel, the same whichever supplier reports it (one hotel's guests): the
 * share of the best possible rating (better classes tend to please more) and how many reviewed it.
 * Each supplier shows it on its own scale, and not for every hotel: Duffel's `review_score`
 * (duffel-accommodation.ts), the Amadeus format's hotel sentiments (below).
 */
export function guestOpinionOf(hotel: AmadeusHotel): { share: number; reviews: number } {
  const rng = rngFrom(`guest-opinion|${hotel.hotelId}`);
  const share = Math.min(0.97, 0.5 + rng() * 0.32 + ((hotel.rating ?? 3) - 2) * 0.05);
  return { share, reviews: 15 + Math.floor(rng() ** 2 * 3_000) };
}

const sentimentCategories = ["sleepQuality", "service", "facilities", "roomComforts", "valueForMoney", "catering", "location", "pointsOfInterest", "staff"] as const;

/** One hotel's sentiments, or undefined for the hotels (about one in six) the Hotel Ratings API has none for. */
export function hotelSentimentOf(hotelId: string): AmadeusHotelSentiment | undefined {
  const hotel = hotelById(hotelId);
  if (!hotel) return undefined;
  const rng = rngFrom(`hotel-sentiments|${hotelId}`);
  if (rng() < 0.16) return undefined;
  const { share, reviews } = guestOpinionOf(hotel);
  const overallRating = Math.round(share * 100);
  const around = () => Math.max(0, Math.min(100, Math.round(overallRating + (rng() - 0.5) * 24)));
  const sentiments: NonNullable<AmadeusHotelSentiment["sentiments"]> = {};
  for (const category of sentimentCategories) if (rng() < 0.85) sentiments[category] = around();
  if (hotel.amenities?.includes("POOL")) sentiments.swimmingPool = around();
  if (hotel.amenities?.includes("WIFI")) sentiments.internet = around();
  // Another platform's guests than Duffel's: as many again, give or take.
  const numberOfReviews = Math.max(1, Math.round(reviews * (0.7 + rng() * 0.6)));
  return { type: "hotelSentiment", hotelId, overallRating, numberOfRatings: numberOfReviews + Math.floor(rng() * numberOfReviews * 0.3), numberOfReviews, sentiments };
}

/** Hotel Ratings' answer: the hotels it has sentiments for; the others named in a 913 warning. */
export function hotelSentiments(hotelIds: string[], self: string): AmadeusHotelSentimentsResponse {
  const data = hotelIds.map(hotelSentimentOf).filter((s) => s !== undefined);
  const missing = hotelIds.filter((id) => !data.some((s) => s.hotelId === id));
  return {
    data,
    meta: { count: data.length, links: { self } },
    ...(missing.length > 0
      ? {
          warnings: [
            {
              code: 913,
              title: "PROPERTIES NOT FOUND",
              detail: "Some of the requested properties were not found in our database.",
              source: { parameter: "hotelIds", pointer: missing.join(",") },
            },
          ],
        }
      : {}),
  };
}

function nightFactor(date: string): number {
  const d = new Date(`${date}T00:00:00Z`);
  const month = d.getUTCMonth() + 1;
  const weekday = d.getUTCDay();
  const season = [6, 7, 8, 12].includes(month) ? 1.3 : [1, 2, 11].includes(month) ? 0.85 : 1;
  return season * (weekday === 5 || weekday === 6 ? 1.2 : 1);
}

export function hotelOffers(request: {
  hotelIds: string[];
  checkIn: string;
  checkOut: string;
  adults: number;
  rooms: number;
  currency: string;
}): AmadeusHotelOffersResponse {
  const rate = usdRates[request.currency] ?? 1;
  const nights: string[] = [];
  for (let d = new Date(`${request.checkIn}T00:00:00Z`); d.toISOString().slice(0, 10) < request.checkOut; d.setUTCDate(d.getUTCDate() + 1)) {
    nights.push(d.toISOString().slice(0, 10));
  }
  const data: AmadeusHotelOffersResponse["data"] = [];
  for (const hotelId of request.hotelIds) {
    const hotel = hotelById(hotelId);
    if (!hotel) continue;
    const rng = rngFrom(`offers|${hotelId}|${request.checkIn}|${request.checkOut}`);
    const cityFactor = 0.7 + rngFrom(`cityprice|${hotel.iataCode}`)() * 0.8;
    const hotelFactor = 0.85 + rngFrom(`hotelprice|${hotelId}`)() * 0.4;
    const occupancy = request.adults > request.rooms * 2 ? 1.2 : 1;
    const offers: AmadeusHotelOffer[] = roomTypes
      .filter((_, k) => k === 0 || rng() < 0.6)
      .flatMap((room) =>
        (["FLEX", "SAVER"] as const).map((plan) => {
          const perRoomUsd = nights.reduce((sum, night) => sum + basePerNightUsd[hotel.rating!]! * cityFactor * nightFactor(night), 0);
          const baseUsd = perRoomUsd * hotelFactor * room.factor * occupancy * request.rooms * (plan === "SAVER" ? 0.88 : 1);
          const base = baseUsd * rate;
          const total = base * 1.1;
          const deadline = new Date(`${request.checkIn}T18:00:00Z`);
          deadline.setUTCDate(deadline.getUTCDate() - 2);
          return {
            id: `${hotelId}${room.code}${plan}`.slice(0, 20),
            checkInDate: request.checkIn,
            checkOutDate: request.checkOut,
            rateCode: plan === "FLEX" ? "RAC" : "PRO",
            boardType: hotel.rating! >= 4 ? "BREAKFAST" : "ROOM_ONLY",
            room: {
              type: room.code,
              typeEstimated: { category: room.category, beds: room.beds, bedType: room.bedType },
              description: { text: `${room.text}${plan === "SAVER" ? ", non-refundable" : ", free cancellation"}`, lang: "EN" },
            },
            guests: { adults: request.adults },
            price: {
              currency: request.currency,
              base: base.toFixed(2),
              total: total.toFixed(2),
              variations: { average: { base: (base / nights.length / request.rooms).toFixed(2) } },
            },
            policies: {
              paymentType: plan === "FLEX" ? "guarantee" : "deposit",
              ...(plan === "FLEX" ? { cancellations: [{ deadline: deadline.toISOString().slice(0, 19) }] } : {}),
            },
          } satisfies AmadeusHotelOffer;
        }),
      );
    data.push({
      type: "hotel-offers",
      hotel: { type: "hotel", hotelId, chainCode: hotel.chainCode, name: hotel.name, cityCode: hotel.iataCode, latitude: hotel.geoCode.latitude, longitude: hotel.geoCode.longitude },
      available: true,
      offers,
    });
  }
  return { data };
}
