import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { Hono, type Context } from "hono";
import { amadeusPaths, type AmadeusError, type AmadeusTravelClass } from "@travel/core/suppliers";
import { generateFlightOffers, type FlightSearchRequest } from "./flight-offers";
import { carPaths } from "@travel/core/suppliers";
import { carAvailability } from "./cars";
import { hotelList, hotelOffers } from "./hotels";

/**
 * A stand-in for the external supplier, speaking its wire format over real HTTP, so that "did we
 * call the supplier" is a countable call. Its own endpoints (`/__stats`, `/__control`) are not
 * counted.
 */
export interface SimulatorSettings {
  /** Added to every supplier call: a uniform draw between min and max. */
  latencyMs: { min: number; max: number };
  /** Share of supplier calls answered with a 500, 0..1. */
  errorRate: number;
  /** When down, every supplier call gets a 503. */
  down: boolean;
}

export interface SimulatorOptions extends Partial<SimulatorSettings> {
  clientId?: string;
  clientSecret?: string;
  tokenLifetimeSeconds?: number;
}

export const defaultSimulatorCredentials = { clientId: "local-client", clientSecret: "local-secret" } as const;

const travelClasses = new Set<AmadeusTravelClass>(["ECONOMY", "PREMIUM_ECONOMY", "BUSINESS", "FIRST"]);

function amadeusError(c: Context, status: 400 | 401 | 500 | 503, code: number, title: string, detail?: string, parameter?: string) {
  const body: AmadeusError = {
    errors: [{ status, code, title, ...(detail ? { detail } : {}), ...(parameter ? { source: { parameter } } : {}) }],
  };
  return c.json(body, status);
}

export function createSupplierSimulator(options: SimulatorOptions = {}) {
  const settings: SimulatorSettings = {
    latencyMs: options.latencyMs ?? { min: 150, max: 600 },
    errorRate: options.errorRate ?? 0,
    down: options.down ?? false,
  };
  const credentials = {
    clientId: options.clientId ?? defaultSimulatorCredentials.clientId,
    clientSecret: options.clientSecret ?? defaultSimulatorCredentials.clientSecret,
  };
  const tokenLifetime = options.tokenLifetimeSeconds ?? 1799;
  const tokens = new Map<string, number>();
  const stats = { startedAt: new Date().toISOString(), total: 0, errors: 0, byEndpoint: {} as Record<string, number> };

  const app = new Hono();

  // Every supplier endpoint: count it, wait the configured latency, maybe fail.
  app.use("/v*", async (c, next) => {
    const endpoint = `${c.req.method} ${c.req.path}`;
    stats.total += 1;
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
    const { min, max } = settings.latencyMs;
    await sleep(min + Math.random() * Math.max(0, max - min));
    if (settings.down) {
      stats.errors += 1;
      return amadeusError(c, 503, 38189, "SERVICE UNAVAILABLE", "supplier simulator is down");
    }
    if (Math.random() < settings.errorRate) {
      stats.errors += 1;
      return amadeusError(c, 500, 141, "SYSTEM ERROR HAS OCCURRED");
    }
    await next();
  });

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

  const authorized = (c: Context) => {
    const token = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    const expiresAt = token ? tokens.get(token) : undefined;
    return expiresAt !== undefined && expiresAt > Date.now();
  };

  const searchAndAnswer = (c: Context, request: FlightSearchRequest | string) => {
    if (typeof request === "string") return amadeusError(c, 400, 32171, "MANDATORY DATA MISSING", request, request.split(" ")[0]);
    return c.json(generateFlightOffers(request));
  };

  app.get(amadeusPaths.flightOffers, (c) => {
    if (!authorized(c)) return amadeusError(c, 401, 38190, "Invalid access token", "The access token provided in the Authorization header is invalid");
    const q = c.req.query();
    return searchAndAnswer(c, fromQuery(q));
  });

  app.post(amadeusPaths.flightOffers, async (c) => {
    if (!authorized(c)) return amadeusError(c, 401, 38190, "Invalid access token", "The access token provided in the Authorization header is invalid");
    const body = await c.req.json().catch(() => undefined);
    return searchAndAnswer(c, fromBody(body));
  });

  app.get(amadeusPaths.hotelsByCity, (c) => {
    if (!authorized(c)) return amadeusError(c, 401, 38190, "Invalid access token", "The access token provided in the Authorization header is invalid");
    const cityCode = c.req.query("cityCode") ?? "";
    if (!code.test(cityCode)) return amadeusError(c, 400, 32171, "MANDATORY DATA MISSING", "cityCode is missing or invalid", "cityCode");
    return c.json(hotelList(cityCode));
  });

  app.get(amadeusPaths.hotelOffers, (c) => {
    if (!authorized(c)) return amadeusError(c, 401, 38190, "Invalid access token", "The access token provided in the Authorization header is invalid");
    const q = c.req.query();
    const hotelIds = (q.hotelIds ?? "").split(",").filter(Boolean);
    if (hotelIds.length === 0) return amadeusError(c, 400, 32171, "MANDATORY DATA MISSING", "hotelIds is missing", "hotelIds");
    if (!date.test(q.checkInDate ?? "") || !date.test(q.checkOutDate ?? "") || q.checkOutDate! <= q.checkInDate!) {
      return amadeusError(c, 400, 32171, "INVALID DATE", "checkInDate/checkOutDate are missing or invalid", "checkOutDate");
    }
    return c.json(
      hotelOffers({
        hotelIds,
        checkIn: q.checkInDate!,
        checkOut: q.checkOutDate!,
        adults: Math.max(1, Number(q.adults ?? 1) || 1),
        rooms: Math.max(1, Number(q.roomQuantity ?? 1) || 1),
        currency: q.currency ?? "USD",
      }),
    );
  });

  app.get(carPaths.availability, (c) => {
    if (!authorized(c)) return amadeusError(c, 401, 38190, "Invalid access token", "The access token provided in the Authorization header is invalid");
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

  app.get("/__stats", (c) => c.json({ ...stats, settings }));
  app.get("/__control", (c) => c.json(settings));
  app.post("/__control", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Partial<{ latencyMs: number | { min: number; max: number }; errorRate: number; down: boolean }>;
    if (typeof body.latencyMs === "number") settings.latencyMs = { min: body.latencyMs, max: body.latencyMs };
    else if (body.latencyMs && typeof body.latencyMs.min === "number" && typeof body.latencyMs.max === "number") settings.latencyMs = body.latencyMs;
    if (typeof body.errorRate === "number") settings.errorRate = Math.min(1, Math.max(0, body.errorRate));
    if (typeof body.down === "boolean") settings.down = body.down;
    return c.json(settings);
  });
  app.notFound((c) => amadeusError(c, 400, 38196, "Resource not found", `no supplier endpoint ${c.req.method} ${c.req.path}`));

  return { app, stats: () => ({ ...stats, byEndpoint: { ...stats.byEndpoint } }), settings };
}

const date = /^\d{4}-\d{2}-\d{2}$/;
const code = /^[A-Z]{3}$/;

function fromQuery(q: Record<string, string>): FlightSearchRequest | string {
  const origin = q.originLocationCode ?? "";
  const destination = q.destinationLocationCode ?? "";
  if (!code.test(origin)) return "originLocationCode is missing or invalid";
  if (!code.test(destination)) return "destinationLocationCode is missing or invalid";
  if (!date.test(q.departureDate ?? "")) return "departureDate is missing or invalid";
  if (q.returnDate !== undefined && !date.test(q.returnDate)) return "returnDate is invalid";
  const adults = Number(q.adults ?? "");
  if (!Number.isInteger(adults) || adults < 1 || adults > 9) return "adults is missing or invalid";
  const cabin = (q.travelClass ?? "ECONOMY") as AmadeusTravelClass;
  if (!travelClasses.has(cabin)) return "travelClass is invalid";
  return {
    origin,
    destination,
    departureDate: q.departureDate!,
    ...(q.returnDate ? { returnDate: q.returnDate } : {}),
    adults,
    children: Number(q.children ?? 0) || 0,
    cabin,
    nonStop: q.nonStop === "true",
    currency: q.currencyCode ?? "USD",
    ...(q.maxPrice ? { maxPrice: Number(q.maxPrice) } : {}),
    max: Math.min(250, Number(q.max ?? 250) || 250),
  };
}

function fromBody(body: unknown): FlightSearchRequest | string {
  const b = body as {
    currencyCode?: string;
    originDestinations?: Array<{ originLocationCode?: string; destinationLocationCode?: string; departureDateTimeRange?: { date?: string } }>;
    travelers?: Array<{ travelerType?: string }>;
    searchCriteria?: {
      maxFlightOffers?: number;
      flightFilters?: { cabinRestrictions?: Array<{ cabin?: string }>; connectionRestriction?: { maxNumberOfConnections?: number } };
    };
  };
  const [outbound, inbound] = b?.originDestinations ?? [];
  if (!outbound) return "originDestinations is missing";
  const travelers = b.travelers ?? [];
  const adults = travelers.filter((t) => t.travelerType === "ADULT").length;
  const cabin = (b.searchCriteria?.flightFilters?.cabinRestrictions?.[0]?.cabin ?? "ECONOMY") as AmadeusTravelClass;
  return fromQuery({
    originLocationCode: outbound.originLocationCode ?? "",
    destinationLocationCode: outbound.destinationLocationCode ?? "",
    departureDate: outbound.departureDateTimeRange?.date ?? "",
    ...(inbound?.departureDateTimeRange?.date ? { returnDate: inbound.departureDateTimeRange.date } : {}),
    adults: String(adults),
    children: String(travelers.filter((t) => t.travelerType === "CHILD").length),
    travelClass: travelClasses.has(cabin) ? cabin : "INVALID",
    nonStop: String(b.searchCriteria?.flightFilters?.connectionRestriction?.maxNumberOfConnections === 0),
    currencyCode: b.currencyCode ?? "USD",
    max: String(b.searchCriteria?.maxFlightOffers ?? 250),
  });
}
