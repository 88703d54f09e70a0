import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import type {} from "@duffel/api";
import type { Guest, StaysQuote, StaysRoomRate, StaysSearchResult } from "@duffel/api/types";
import { accommodationOf, hotelsAround, roomsOf, type NearbyHotel, type StayRequest } from "./duffel-accommodation";
import type { DuffelFaults } from "./faults";
import { earliestToday, isCalendarDate } from "./dates";
import { duffelStayBookingsApi } from "./duffel-stay-bookings";
import { duffelCurrency } from "./duffel-offers";
import { duffelError, duffelId, invalidField, notFound, readData, type DuffelEnv, type DuffelErrorItem } from "./duffel-wire";

/**
 * Duffel Stays: search around a point, all rates of one result, and a quote for one rate. Search
 * results are remembered in memory; their rates are recomputed from them, as they are
 * deterministic. Quotes are remembered too: bookings (duffel-stay-bookings.ts) book them.
 */
interface StaysSearch extends StayRequest {
  latitude: number;
  longitude: number;
  radiusKm: number;
  guestList: Guest[];
}

interface StoredResult {
  search: StaysSearch;
  nearby: NearbyHotel;
  expiresAt: string;
}

/** Search results (and their rates) can be used for this long after the search. */
const resultLifetimeMs = 30 * 60_000;
/**
 * Duffel documents the radius in kilometres but not its bounds; the simulator takes up to 100 km,
 * which is already more hotels than any search shows.
 */
const maxRadiusKm = 100;
const maxStoredResults = 50_000;

function parseSearch(data: Record<string, unknown>): StaysSearch | DuffelErrorItem[] {
  const errors: DuffelErrorItem[] = [];
  const location = data.location as { radius?: unknown; geographic_coordinates?: { latitude?: unknown; longitude?: unknown } } | undefined;
  if (!location) {
    const message = data.accommodation ? "The simulator searches by 'location' only, not by accommodation ids" : "Field 'location' can't be blank";
    errors.push(invalidField("/location", data.accommodation ? "validation_format" : "validation_required", message));
  } else {
    const radius = location.radius;
    if (radius === undefined || radius === null) errors.push(invalidField("/location/radius", "validation_required", "Field 'radius' can't be blank"));
    else if (typeof radius !== "number" || !(radius > 0) || radius > maxRadiusKm) errors.push(invalidField("/location/radius", "validation_format", `Field 'radius' must be a number of kilometres above 0 and at most ${maxRadiusKm}`));
    const coordinates = location.geographic_coordinates;
    if (!coordinates) errors.push(invalidField("/location/geographic_coordinates", "validation_required", "Field 'geographic_coordinates' can't be blank"));
    else {
      for (const [field, limit] of [["latitude", 90], ["longitude", 180]] as const) {
        const value = coordinates[field];
        const pointer = `/location/geographic_coordinates/${field}`;
        if (value === undefined || value === null) errors.push(invalidField(pointer, "validation_required", `Field '${field}' can't be blank`));
        else if (typeof value !== "number" || Math.abs(value) > limit) errors.push(invalidField(pointer, "validation_format", `Field '${field}' must be a number between -${limit} and ${limit}`));
      }
    }
  }
  const checkIn = data.check_in_date;
  const checkOut = data.check_out_date;
  for (const [field, value] of [["check_in_date", checkIn], ["check_out_date", checkOut]] as const) {
    if (value === undefined || value === null || value === "") errors.push(invalidField(`/${field}`, "validation_required", `Field '${field}' can't be blank`));
    else if (!isCalendarDate(value)) errors.push(invalidField(`/${field}`, "validation_format", `Field '${field}' must be a date (YYYY-MM-DD)`));
  }
  if (isCalendarDate(checkIn) && checkIn < earliestToday()) errors.push(invalidField("/check_in_date", "validation_format", "Field 'check_in_date' must be today or later"));
  if (isCalendarDate(checkIn) && isCalendarDate(checkOut) && checkOut <= checkIn) errors.push(invalidField("/check_out_date", "validation_format", "Field 'check_out_date' must be after 'check_in_date'"));
  const rooms = data.rooms;
  if (rooms === undefined || rooms === null) errors.push(invalidField("/rooms", "validation_required", "Field 'rooms' can't be blank"));
  else if (typeof rooms !== "number" || !Number.isInteger(rooms) || rooms < 1 || rooms > 9) errors.push(invalidField("/rooms", "validation_format", "Field 'rooms' must be a whole number from 1 to 9"));
  const guests = data.guests;
  if (!Array.isArray(guests) || guests.length === 0) errors.push(invalidField("/guests", "validation_required", "Field 'guests' can't be blank"));
  else {
    guests.forEach((g: { type?: unknown; age?: unknown } | null, i) => {
      if (g?.type !== "adult" && g?.type !== "child") errors.push(invalidField(`/guests/${i}/type`, "validation_inclusion", "Field 'type' must be adult or child"));
      else if (g.type === "child" && (typeof g.age !== "number" || !Number.isInteger(g.age) || g.age < 0 || g.age > 17)) {
        errors.push(invalidField(`/guests/${i}/age`, "validation_format", "A child guest needs an 'age' from 0 to 17"));
      }
    });
    if (typeof rooms === "number" && guests.filter((g) => g?.type === "adult").length < rooms) {
      errors.push(invalidField("/guests", "validation_format", "Each room needs at least one adult guest"));
    }
  }
  if (errors.length > 0) return errors;
  const coordinates = location!.geographic_coordinates as { latitude: number; longitude: number };
  return {
    latitude: coordinates.latitude,
    longitude: coordinates.longitude,
    radiusKm: location!.radius as number,
    checkIn: checkIn as string,
    checkOut: checkOut as string,
    rooms: rooms as number,
    guests: (guests as Guest[]).length,
    guestList: (guests as Guest[]).map((g) => (g.type === "child" ? { type: "child", age: g.age } : { type: "adult" })),
    currency: duffelCurrency,
  };
}

export function duffelStaysApi(faults: DuffelFaults) {
  const results = new Map<string, StoredResult>();
  const quotes = new Map<string, StaysQuote>();
  /** Which search result each rate belongs to: a rate id names its result only through a hash. */
  const resultOfRate = new Map<string, string>();
  const app = new Hono<DuffelEnv>();

  const resultOf = (id: string, stored: StoredResult, withAllRooms: boolean): StaysSearchResult => {
    const { search, nearby, expiresAt } = stored;
    const rooms = roomsOf(id, nearby, search, expiresAt);
    const rates = rooms.flatMap((room) => room.rates.map((rate) => ({ room, rate })));
    for (const { rate } of rates) resultOfRate.set(rate.id, id);
    const cheapest = rates.reduce((best, r) => (Number(r.rate.total_amount) < Number(best.rate.total_amount) ? r : best), rates[0]!);
    const shownRooms = withAllRooms ? rooms : [{ ...cheapest.room, rates: [cheapest.rate] }];
    return {
      id,
      check_in_date: search.checkIn,
      check_out_date: search.checkOut,
      rooms: search.rooms,
      guests: search.guestList,
      accommodation: { ...accommodationOf(nearby), rooms: shownRooms },
      cheapest_rate_total_amount: cheapest.rate.total_amount,
      cheapest_rate_currency: cheapest.rate.total_currency,
      cheapest_rate_base_amount: cheapest.rate.base_amount,
      cheapest_rate_base_currency: cheapest.rate.base_currency,
      cheapest_rate_public_amount: null,
      cheapest_rate_public_currency: cheapest.rate.total_currency,
      cheapest_rate_due_at_accommodation_amount: null,
      cheapest_rate_due_at_accommodation_currency: cheapest.rate.total_currency,
      expires_at: expiresAt,
    };
  };

  app.post("/stays/search", async (c) => {
    const data = await readData(c);
    if (data instanceof Response) return data;
    const search = parseSearch(data);
    if (Array.isArray(search)) return duffelError(c, 422, ...search);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + resultLifetimeMs).toISOString();
    const key = JSON.stringify([search.latitude.toFixed(4), search.longitude.toFixed(4), search.radiusKm, search.checkIn, search.checkOut, search.rooms, search.guestList]);
    const found = hotelsAround(search, search.radiusKm).map((nearby) => {
      const id = duffelId("srr", key, nearby.hotel.hotelId);
      const stored = { search, nearby, expiresAt };
      results.delete(id);
      results.set(id, stored);
      return resultOf(id, stored, false);
    });
    while (results.size > maxStoredResults) results.delete(results.keys().next().value!);
    while (resultOfRate.size > maxStoredResults * 8) resultOfRate.delete(resultOfRate.keys().next().value!);
    return c.json({ data: { results: found, created_at: now.toISOString() } });
  });

  /** A stored result still usable, or Duffel's error for it (codes for an expired one are not documented: ours). */
  const usable = (id: string) => {
    const stored = results.get(id);
    if (!stored) return notFound(`search result ${id}`);
    if (Date.parse(stored.expiresAt) <= Date.now()) {
      return { type: "invalid_state_error", code: "search_result_expired", title: "Search result expired", message: "The search result has expired. Please search again." } satisfies DuffelErrorItem;
    }
    return stored;
  };
  const statusOf = (error: DuffelErrorItem) => (error.code === "not_found" ? 404 : 422);

  app.post("/stays/search_results/:id/actions/fetch_all_rates", async (c) => {
    const data = await readData(c);
    if (data instanceof Response) return data;
    const id = c.req.param("id");
    const stored = usable(id);
    if ("type" in stored) return duffelError(c, statusOf(stored), stored);
    return c.json({ data: resultOf(id, stored, true) });
  });

  app.post("/stays/quotes", async (c) => {
    const data = await readData(c);
    if (data instanceof Response) return data;
    const rateId = data.rate_id;
    if (typeof rateId !== "string" || rateId === "") return duffelError(c, 422, invalidField("/rate_id", "validation_required", "Field 'rate_id' can't be blank"));
    const resultId = resultOfRate.get(rateId);
    const stored = resultId === undefined ? undefined : usable(resultId);
    if (resultId !== undefined && stored && !("type" in stored)) {
      const result = resultOf(resultId, stored, true);
      const room = result.accommodation.rooms.find((r) => r.rates.some((rate) => rate.id === rateId))!;
      const rate = room.rates.find((r) => r.id === rateId)!;
      const quote = quoteOf(result, { ...room, rates: [rate] }, rate);
      quotes.set(quote.id, quote);
      if (quotes.size > maxStoredResults) quotes.delete(quotes.keys().next().value!);
      return c.json({ data: quote }, 201);
    }
    if (stored) {
      // Duffel does not document the answer for a rate whose search has expired; like an offer
      // that is gone it is a 422, with a code of ours that the platform treats as gone.
      return duffelError(c, 422, { type: "invalid_state_error", code: "rate_unavailable", title: "Rate unavailable", message: "The rate is no longer available. Please search again." });
    }
    // An id that never named a rate: as for offers, a 404 not_found.
    return duffelError(c, 404, notFound(`rate ${rateId}`));
  });

  app.route("/", duffelStayBookingsApi(quotes, faults));
  return app;
}

function quoteOf(result: StaysSearchResult, room: StaysSearchResult["accommodation"]["rooms"][number], rate: StaysRoomRate): StaysQuote {
  return {
    id: duffelId("quo", rate.id, randomUUID()),
    check_in_date: result.check_in_date,
    check_out_date: result.check_out_date,
    rooms: result.rooms,
    guests: result.guests,
    accommodation: { ...result.accommodation, rooms: [room] },
    total_amount: rate.total_amount,
    total_currency: rate.total_currency,
    base_amount: rate.base_amount,
    base_currency: rate.base_currency,
    tax_amount: rate.tax_amount,
    tax_currency: rate.tax_currency,
    fee_amount: rate.fee_amount,
    fee_currency: rate.fee_currency,
    due_at_accommodation_amount: rate.due_at_accommodation_amount,
    due_at_accommodation_currency: rate.due_at_accommodation_currency,
    deposit_amount: null,
    deposit_currency: rate.total_currency,
    supported_loyalty_programme: null,
  };
}
