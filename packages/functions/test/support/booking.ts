import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { AppConfig } from "@travel/core/config";
import { createDynamoClient } from "@travel/core/db";
import { afterAll, beforeAll, expect } from "vitest";
import { defaultSimulatorDuffelToken } from "@travel/dev/simulator/app";
import { createBookingWorker, type BookingWorker } from "../../src/worker/booking-worker";
import { startApi, testConfig, type SupplierChoice, type TestApi } from "./helpers";
import { daysFromNow, startSimulator, type RunningSimulator } from "./stack";

/** How many 503s test clients retried (reported by the contention test). */
export let retried503 = 0;

/** Booking calls as a signed-in traveller makes them over HTTP (Bearer token, Idempotency-Key). */
export function traveller(api: TestApi, name = `user-${randomUUID().slice(0, 8)}`) {
  const email = `${name}@example.com`;
  let token: Promise<string> | undefined;
  const headers = async (key?: string) => ({
    "content-type": "application/json",
    authorization: `Bearer ${await (token ??= api.signIn(email))}`,
    ...(key ? { "idempotency-key": key } : {}),
  });
  /**
   * `key: null` sends no Idempotency-Key. Like a well-behaved client, a 503 (a data store busy;
   * nothing written) is retried after its Retry-After with the same key.
   */
  const post = async (path: string, body: unknown, key: string | null = randomUUID()): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${api.url}${path}`, { method: "POST", headers: await headers(key ?? undefined), body: JSON.stringify(body) });
      if (response.status !== 503 || attempt >= 10) return response;
      retried503++;
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get("retry-after") ?? 1) * 1000 * Math.random()));
    }
  };
  return {
    /** The user id the issuer gave this email (read from the access token). */
    userId: async () => userIdOf(await (token ??= api.signIn(email))),
    email,
    /** Sign in now (otherwise the first request does). */
    signedIn: () => (token ??= api.signIn(email)),
    post,
    get: async (path: string) => fetch(`${api.url}${path}`, { headers: await headers() }),
    hold: (body: Record<string, unknown>, key?: string) => post("/v1/reservations", body, key),
    confirm: (id: string, paymentMethod = "pm_card_visa", key?: string) => post(`/v1/reservations/${id}/confirm`, { paymentMethod }, key),
    cancel: (id: string, key?: string) => post(`/v1/reservations/${id}/cancel`, {}, key),
  };
}

/** The user id an access token speaks for (its `properties.id`). */
export function userIdOf(accessToken: string): string {
  return (JSON.parse(Buffer.from(accessToken.split(".")[1]!, "base64url").toString()) as { properties: { id: string } }).properties.id;
}

export const oneTraveller = [{ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" }];
/** Everything a supplier that takes orders (Duffel) asks of a traveller, and the contact phone. */
export const oneOrderTraveller = { travelers: [{ ...oneTraveller[0]!, dateOfBirth: "1985-12-10", title: "ms" as const, gender: "f" as const }], contactPhone: "+442080160509" };

/**
 * A flight offer id from a real search for one adult. Each call uses its own date (from a
 * counter) so departures, and so seat maps, are not shared between tests.
 */
let nextDay = 20 + Math.floor(Math.random() * 200);
export async function flightOffer(api: TestApi, params: Record<string, string> = {}): Promise<{ id: string; total: string; currency: string }> {
  const query = new URLSearchParams({ origin: "LHR", destination: "JFK", departureDate: daysFromNow(nextDay++), adults: "1", ...params });
  const response = await api.get(`/v1/search/flights?${query}`);
  const body = (await response.json()) as { data: Array<{ id: string; price: { total: string; currency: string } }> };
  const offer = body.data[0];
  if (!offer) throw new Error(`no flight offer for ${query}`);
  return { id: offer.id, total: offer.price.total, currency: offer.price.currency };
}

export async function hotelOffer(api: TestApi, params: Record<string, string> = {}): Promise<{ id: string; total: string }> {
  const checkIn = nextDay++;
  const query = new URLSearchParams({ cityCode: "PAR", checkIn: daysFromNow(checkIn), checkOut: daysFromNow(checkIn + 2), adults: "1", rooms: "1", ...params });
  const response = await api.get(`/v1/search/hotels?${query}`);
  const body = (await response.json()) as { data: Array<{ id: string; price: { total: string } }> };
  const offer = body.data[0];
  if (!offer) throw new Error(`no hotel offer for ${query}`);
  return { id: offer.id, total: offer.price.total };
}

const dynamo = createDynamoClient();

/** Every item of a table whose attribute equals a value (tests read the tables as they are). */
export async function scanWhere(table: string, attribute: string, value: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: table, FilterExpression: "#a = :v", ExpressionAttributeNames: { "#a": attribute }, ExpressionAttributeValues: { ":v": value }, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export function outboxRowsOf(config: AppConfig, reservationId: string) {
  return scanWhere(config.OutboxTable.name, "aggregate_id", reservationId);
}

/** The .eml files in the local mail drop that mention a text. */
export async function mailsMentioning(config: AppConfig, text: string): Promise<string[]> {
  const directory = config.Email.directory!;
  const files = await readdir(directory).catch(() => [] as string[]);
  const contents = await Promise.all(files.map((f) => readFile(`${directory}/${f}`, "utf8")));
  return contents.filter((c) => c.includes(text));
}

export async function deadLetters(config: AppConfig): Promise<Array<Record<string, unknown>>> {
  const directory = fileURLToPath(config.ReservationDeadLetterQueue.url);
  const files = await readdir(directory).catch(() => [] as string[]);
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(`${directory}/${f}`, "utf8")) as Record<string, unknown>));
}

/**
 * A file's booking stack: a supplier simulator, the API (with its issuer) and the booking worker,
 * started before the file's tests and stopped after them. Read its parts inside tests.
 */
export function useBookingStack(options: (simulatorUrl: string) => Parameters<typeof startApi>[1] = () => ({})) {
  const stack = {} as { simulator: RunningSimulator; api: TestApi; worker: BookingWorker };
  beforeAll(async () => {
    stack.simulator = await startSimulator();
    stack.api = await startApi(stack.simulator.url, options(stack.simulator.url));
    stack.worker = createBookingWorker(stack.api.config);
  });
  afterAll(async () => {
    await stack.worker?.stop();
    await stack.api?.close();
    await stack.simulator?.close();
  });
  return stack;
}

export type Json = Record<string, any>;
export const json = async (response: Response) => (await response.json()) as Json;

/** Duffel's side of a simulator, read over HTTP as any Duffel client reads it (`data`). */
export async function readDuffel(simulator: { url: string }, path: string): Promise<Json> {
  const response = await fetch(`${simulator.url}${path}`, { headers: { authorization: `Bearer ${defaultSimulatorDuffelToken}`, "duffel-version": "v2", accept: "application/json" } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Json }).data;
}

/**
 * Duffel's webhooks for a booking stack: a secret made up for the file, an API config that checks
 * signatures with it, and `signature()` signing a body as Duffel does (HMAC-SHA256 of `<t>.<body>`).
 * Point the simulator at the API with `simulatorControl()` once the stack runs.
 */
export function duffelWebhookSecret() {
  const secret = randomBytes(32).toString("hex");
  return {
    secret,
    config(simulatorUrl: string, suppliers?: SupplierChoice): AppConfig {
      const config = testConfig(simulatorUrl, suppliers);
      config.DuffelWebhookSecret = { value: secret };
      return config;
    },
    simulatorControl: (apiUrl: string) => ({ duffel: { webhooks: { url: `${apiUrl}/v1/webhooks/duffel`, secret } } }),
    signature: (body: string, key = secret, at = Math.floor(Date.now() / 1000)) => `t=${at},v1=${createHmac("sha256", key).update(`${at}.${body}`).digest("hex")}`,
  };
}

/** The Duffel order made for a reservation, as Duffel lists it (the lead traveller is a Lovelace). */
export async function duffelOrderOf(simulator: { url: string }, reservationId: string): Promise<Json | undefined> {
  const orders = (await readDuffel(simulator, `/air/orders?limit=200&passenger_name[]=Lovelace`)) as unknown as Json[];
  return orders.find((o) => o.metadata?.reservation_id === reservationId);
}
