import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import { amadeusPaths, carPaths, hotelSentimentsPerCall, type AmadeusError, type AmadeusTravelClass } from "@travel/core/suppliers";
import type { Failure } from "./control";
import { carAvailability } from "./cars";
import { earliestToday, isCalendarDate } from "./dates";
import { generateFlightOffers, type FlightSearchRequest } from "./flight-offers";
import { hotelList, hotelOffers, hotelSentiments } from "./hotels";

/**
 * The Amadeus Self-Service endpoints the platform uses (OAuth2 token, Flight Offers Search, Hotel
 * List, Hotel Search v3, Hotel Ratings v2) and the car supplier's availability, which shares the token endpoint.
 * Checked against the official `amadeus` SDK: it accepts only a bare `application/json` or
 * `application/vnd.amadeus+json` content type, which Hono's `c.json` sends.
 */
export const defaultSimulatorCredentials = { clientId: "local-client", clientSecret: "local-secret" } as const;

export interface AmadeusApiOptions {
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSeconds?: number;
}

const travelClasses = new Set<AmadeusTravelClass>(["ECONOMY", "PREMIUM_ECONOMY", "BUSINESS", "FIRST"]);
const code = /^[A-Z]{3}$/;
const airlineList = /^[A-Z0-9]{2}(,[A-Z0-9]{2})*$/;

export function amadeusError(c: Context, status: number, code: number, title: string, detail?: string, parameter?: string): Response {
  const body: AmadeusError = {
    errors: [{ status, code, title, ...(detail ? { detail } : {}), ...(parameter ? { source: { parameter } } : {}) }],
  };
  return c.json(body, status as 400);
}

/** Amadeus' answer to a path it does not serve. */
export const amadeusNotFound = (c: Context) => amadeusError(c, 404, 38196, "Resource not found", "The targeted resource doesn't exist");

/** What the supplier gate's refusals look like in Amadeus' format (the car supplier's is the same). */
export function amadeusFailure(c: Context, failure: Failure): Response {
  if (failure === "down") return amadeusError(c, 503, 38189, "SERVICE UNAVAILABLE", "supplier simulator is down");
  if (failure === "rate-limited") return amadeusError(c, 429, 38194, "Too many requests", "The network rate limit is exceeded, please try again later");
  return amadeusError(c, 500, 141, "SYSTEM ERROR HAS OCCURRED");
}

/** A refused search: Amadeus' error code and title, what is wrong, and which parameter. */
type Refusal = { code: number; title: string; detail: string; parameter: string };
const missing = (parameter: string, detail = `${parameter} is missing or invalid`): Refusal => ({ code: 32171, title: "MANDATORY DATA MISSING", detail, parameter });
const pastDate = (parameter: string): Refusal => ({ code: 425, title: "INVALID DATE", detail: "Date/Time is in the past", parameter });
const invalidFormat = (parameter: string, detail: string): Refusal => ({ code: 477, title: "INVALID FORMAT", detail, parameter });

export function amadeusApi(options: AmadeusApiOptions = {}) {
  const credentials = {
    clientId: options.clientId ?? defaultSimulatorCredentials.clientId,
    clientSecret: options.clientSecret ?? defaultSimulatorCredentials.clientSecret,
  };
  const tokenLifetime = options.tokenLifetimeSeconds ?? 1799;
  const tokens = new Map<string, number>();
  const app = new Hono();

  app.post(amadeusPaths.token, async (c) => {
    const form = await c.req.parseBody();
    if (form.grant_type !== "client_credentials") {
      return c.json({ error: "unsupported_grant_type", error_description: "Only client_credentials is supported", code: 38187, title: "Invalid parameters" }, 400);
    }
    if (form.client_id !== credentials.clientId || form.client_secret !== credentials.clientSecret) {
      return c.json({ error: "invalid_client", error_description: "Client credentials are invalid", code: 38187, title: "Invalid parameters" }, 401);
    }
    const accessToken = randomBytes(18).toString("base64url");
    tokens.set(accessToken, Date.now() + tokenLifetime * 1000);
    return c.json({
      type: "amadeusOAuth2Token",
      username: "simulator@localhost",
      application_name: "travel-platform-local",
      client_id: credentials.clientId,
      token_type: "Bearer",
      access_token: accessToken,
      expires_in: tokenLifetime,
      state: "approved",
      scope: "",
    });
  });

  // Every other endpoint needs a token from above (scoped to the versioned paths: this app is mounted at the root beside Duffel's).
  app.use("/v*", async (c, next) => {
    if (c.req.path === amadeusPaths.token) return next();
    const token = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    const expiresAt = token ? tokens.get(token) : undefined;
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      return amadeusError(c, 401, 38190, "Invalid access token", "The access token provided in the Authorization header is invalid");
    }
    await next();
  });

  const searchAndAnswer = (c: Context, request: FlightSearchRequest | Refusal) => {
    if ("code" in request) return amadeusError(c, 400, request.code, request.title, request.detail, request.parameter);
    return c.json(generateFlightOffers(request));
  };
  app.get(amadeusPaths.flightOffers, (c) => searchAndAnswer(c, fromQuery(c.req.query())));
  app.post(amadeusPaths.flightOffers, async (c) => searchAndAnswer(c, fromBody(await c.req.json().catch(() => undefined))));

  app.get(amadeusPaths.hotelsByCity, (c) => {
    const q = c.req.query();
    const cityCode = q.cityCode ?? "";
    if (!code.test(cityCode)) return amadeusError(c, 400, 32171, "MANDATORY DATA MISSING", "cityCode is missing or invalid", "cityCode");
    const ratings = q.ratings?.split(",").map(Number);
    if (ratings && (ratings.length > 4 || ratings.some((r) => !Number.isInteger(r) || r < 1 || r > 5))) {
      return amadeusError(c, 400, 477, "INVALID FORMAT", "ratings must be up to four of 1, 2, 3, 4, 5", "ratings");
    }
    const radius = Number(q.radius ?? 5);
    if (!Number.isInteger(radius) || radius < 1 || radius > 300) return amadeusError(c, 400, 477, "INVALID FORMAT", "radius must be a whole number from 1 to 300", "radius");
    const unit = q.radiusUnit ?? "KM";
    if (unit !== "KM" && unit !== "MILE") return amadeusError(c, 400, 477, "INVALID FORMAT", "radiusUnit must be KM or MILE", "radiusUnit");
    return c.json(hotelList(cityCode, { radiusKm: unit === "MILE" ? radius * 1.609344 : radius, ...(ratings ? { ratings } : {}) }));
  });

  app.get(amadeusPaths.hotelOffers, (c) => {
    const q = c.req.query();
    const hotelIds = (q.hotelIds ?? "").split(",").filter(Boolean);
    if (hotelIds.length === 0) return amadeusError(c, 400, 32171, "MANDATORY DATA MISSING", "hotelIds is missing", "hotelIds");
    if (!isCalendarDate(q.checkInDate) || !isCalendarDate(q.checkOutDate) || q.checkOutDate <= q.checkInDate) {
      return amadeusError(c, 400, 32171, "INVALID DATE", "checkInDate/checkOutDate are missing or invalid", "checkOutDate");
    }
    if (q.checkInDate < earliestToday()) return amadeusError(c, 400, 425, "INVALID DATE", "Date/Time is in the past", "checkInDate");
    return c.json(
      hotelOffers({
        hotelIds,
        checkIn: q.checkInDate,
        checkOut: q.checkOutDate,
        adults: Math.max(1, Number(q.adults ?? 1) || 1),
        rooms: Math.max(1, Number(q.roomQuantity ?? 1) || 1),
        currency: q.currency ?? "USD",
      }),
    );
  });

  // Hotel Ratings: its reference allows "max. 3" hotel ids per call; more are refused (the error is the simulator's choice).
  app.get(amadeusPaths.hotelSentiments, (c) => {
    const hotelIds = (c.req.query("hotelIds") ?? "").split(",").map((id) => id.trim()).filter(Boolean);
    if (hotelIds.length === 0) return amadeusError(c, 400, 32171, "MANDATORY DATA MISSING", "hotelIds is missing", "hotelIds");
    if (hotelIds.length > hotelSentimentsPerCall) {
      return amadeusError(c, 400, 477, "INVALID FORMAT", `hotelIds takes at most ${hotelSentimentsPerCall} hotel ids`, "hotelIds");
    }
    return c.json(hotelSentiments(hotelIds, c.req.url));
  });

  app.get(carPaths.availability, (c) => {
    const q = c.req.query();
    const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
    if (!code.test(q.pickupLocation ?? "") || !dateTime.test(q.pickupDateTime ?? "") || !dateTime.test(q.dropoffDateTime ?? "")) {
      return amadeusError(c, 400, 32171, "MANDATORY DATA MISSING", "pickupLocation, pickupDateTime and dropoffDateTime are required", "pickupLocation");
    }
    const availability = carAvailability({
      pickupLocation: q.pickupLocation!,
      dropoffLocation: q.dropoffLocation || q.pickupLocation!,
      pickupAt: q.pickupDateTime!,
      dropoffAt: q.dropoffDateTime!,
      driverAge: Number(q.driverAge ?? 30) || 30,
      currency: q.currency ?? "USD",
    });
    if (!availability) return amadeusError(c, 400, 32171, "INVALID LOCATION", "unknown pickup or drop-off location", "pickupLocation");
    return c.json(availability);
  });

  return app;
}

function fromQuery(q: Record<string, string>): FlightSearchRequest | Refusal {
  const origin = q.originLocationCode ?? "";
  const destination = q.destinationLocationCode ?? "";
  if (!code.test(origin)) return missing("originLocationCode");
  if (!code.test(destination)) return missing("destinationLocationCode");
  if (!isCalendarDate(q.departureDate)) return missing("departureDate");
  if (q.departureDate < earliestToday()) return pastDate("departureDate");
  if (q.returnDate !== undefined && !isCalendarDate(q.returnDate)) return missing("returnDate", "returnDate is invalid");
  if (q.returnDate !== undefined && q.returnDate < q.departureDate) return { ...pastDate("returnDate"), detail: "returnDate is before departureDate" };
  const adults = Number(q.adults ?? "");
  if (!Number.isInteger(adults) || adults < 1 || adults > 9) return missing("adults");
  const cabin = (q.travelClass ?? "ECONOMY") as AmadeusTravelClass;
  if (!travelClasses.has(cabin)) return invalidFormat("travelClass", "travelClass is invalid");
  for (const parameter of ["includedAirlineCodes", "excludedAirlineCodes"] as const) {
    if (q[parameter] !== undefined && !airlineList.test(q[parameter])) return invalidFormat(parameter, `${parameter} must be a comma list of IATA airline codes`);
  }
  if (q.includedAirlineCodes && q.excludedAirlineCodes) return invalidFormat("excludedAirlineCodes", "includedAirlineCodes and excludedAirlineCodes cannot be combined");
  return {
    origin,
    destination,
    departureDate: q.departureDate,
    ...(q.returnDate ? { returnDate: q.returnDate } : {}),
    adults,
    children: Number(q.children ?? 0) || 0,
    cabin,
    nonStop: q.nonStop === "true",
    currency: q.currencyCode ?? "USD",
    ...(q.maxPrice ? { maxPrice: Number(q.maxPrice) } : {}),
    max: Math.min(250, Number(q.max ?? 250) || 250),
    ...(q.includedAirlineCodes ? { includedAirlines: q.includedAirlineCodes.split(",") } : {}),
    ...(q.excludedAirlineCodes ? { excludedAirlines: q.excludedAirlineCodes.split(",") } : {}),
  };
}

function fromBody(body: unknown): FlightSearchRequest | Refusal {
  const b = body as {
    currencyCode?: string;
    originDestinations?: Array<{ originLocationCode?: string; destinationLocationCode?: string; departureDateTimeRange?: { date?: string } }>;
    travelers?: Array<{ travelerType?: string }>;
    searchCriteria?: {
      maxFlightOffers?: number;
      flightFilters?: {
        cabinRestrictions?: Array<{ cabin?: string }>;
        connectionRestriction?: { maxNumberOfConnections?: number };
        carrierRestrictions?: { includedCarrierCodes?: string[]; excludedCarrierCodes?: string[] };
      };
    };
  };
  const [outbound, inbound] = b?.originDestinations ?? [];
  if (!outbound) return missing("originDestinations", "originDestinations is missing");
  const travelers = b.travelers ?? [];
  const adults = travelers.filter((t) => t.travelerType === "ADULT").length;
  const filters = b.searchCriteria?.flightFilters;
  const cabin = (filters?.cabinRestrictions?.[0]?.cabin ?? "ECONOMY") as AmadeusTravelClass;
  const carriers = filters?.carrierRestrictions;
  return fromQuery({
    originLocationCode: outbound.originLocationCode ?? "",
    destinationLocationCode: outbound.destinationLocationCode ?? "",
    departureDate: outbound.departureDateTimeRange?.date ?? "",
    ...(inbound?.departureDateTimeRange?.date ? { returnDate: inbound.departureDateTimeRange.date } : {}),
    adults: String(adults),
    children: String(travelers.filter((t) => t.travelerType === "CHILD").length),
    travelClass: travelClasses.has(cabin) ? cabin : "INVALID",
    nonStop: String(filters?.connectionRestriction?.maxNumberOfConnections === 0),
    currencyCode: b.currencyCode ?? "USD",
    max: String(b.searchCriteria?.maxFlightOffers ?? 250),
    ...(carriers?.includedCarrierCodes?.length ? { includedAirlineCodes: carriers.includedCarrierCodes.join(",") } : {}),
    ...(carriers?.excludedCarrierCodes?.length ? { excludedAirlineCodes: carriers.excludedCarrierCodes.join(",") } : {}),
  });
}
