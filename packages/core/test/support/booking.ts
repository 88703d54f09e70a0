import { randomInt, randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { inject } from "vitest";
import { bookingPolicy, BookingService, bookingSettings, IdempotencyStore, OutboxRelay, requestFingerprint, type BookingTables, type HoldRequest, type IdempotencyLease, type OutboxRowItem } from "../../src/booking";
import { createBookingEntities } from "../../src/booking/entities";
import { createDynamoClient, ensureTables, idempotencyTable, ordersTable, outboxTable, physicalTableName, reservationsTable, type TableDefinition } from "../../src/db";
import { FileDeadLetterQueue, LocalEventBus, type EventPublisher } from "../../src/events";
import { SimulatedPaymentProvider, type PaymentProvider } from "../../src/payments";
import { flightOfferSchema, hotelOfferSchema, OfferGoneError, OfferNotFoundError, type QuotedOffer } from "../../src/search";

/**
 * Booking's core, built as the API builds it but called directly: DynamoDB Local with this
 * file's own reservation tables (so its outbox relay and expiry job see only its rows), the
 * run's seeded catalog table for seats and rooms, the real simulated payment provider, and a
 * clock the test moves.
 */

/** Real time, plus the jumps a test makes (to a hold's expiry, to the day before departure). */
export function testClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms: number) => void (offset += ms),
  };
}
export type TestClock = ReturnType<typeof testClock>;

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
export const days = (n: number) => n * 86_400_000;

/** The reservation tables under a stage of their own, streams off as locally (the relay polls). */
async function stageTables(): Promise<BookingTables> {
  const stage = `core-${randomUUID().slice(0, 8)}`;
  const own = ([reservationsTable, ordersTable, idempotencyTable, outboxTable] as TableDefinition[]).map(({ stream: _polledLocally, ...table }) => table);
  const admin = new DynamoDBClient({});
  try {
    await ensureTables(admin, own, (table) => physicalTableName(table, stage)!);
  } finally {
    admin.destroy();
  }
  return {
    reservations: physicalTableName(reservationsTable, stage)!,
    orders: physicalTableName(ordersTable, stage)!,
    idempotency: physicalTableName(idempotencyTable, stage)!,
    outbox: physicalTableName(outboxTable, stage)!,
    catalog: inject("stores").catalogTableName,
  };
}

const offerId = (prefix: "fo" | "ho") => `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 22)}`;
/** Flight numbers and hotels of their own, so seat maps and room counts are not shared with any other test. */
const uniqueCode = () => `${randomInt(10_000, 99_999)}${randomInt(10_000, 99_999)}`;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A test double of the search service's offer lookup (booking's edge to search): it answers with
 * offers in the real, schema-checked offer shape that a search priced, or says an offer is unknown
 * or has expired as the real lookup does.
 */
export class OfferLookupDouble {
  private readonly quotes = new Map<string, QuotedOffer>();
  constructor(private readonly clock: TestClock) {}

  async quotedOffer(id: string): Promise<QuotedOffer> {
    const quote = this.quotes.get(id);
    if (!quote) throw new OfferNotFoundError(`no offer ${id} was found; offers come from a search`);
    if (Date.parse(quote.validUntil) <= this.clock.now()) throw new OfferGoneError(`offer ${id} expired at ${quote.validUntil}; search again for current offers`, "expired");
    return quote;
  }

  /** A one-way economy flight LHR → JFK departing `daysAhead` from now, priced for `adults`; with `connecting`, on to BOS by a second flight. */
  flight(options: { adults?: number; daysAhead?: number; total?: string; connecting?: boolean } = {}) {
    const id = offerId("fo");
    const date = isoDay(this.clock.now() + days(options.daysAhead ?? 30));
    const flightNumber = `CT${uniqueCode()}`;
    const carrier = { code: "CT", name: "Core Test Air" };
    const offer = flightOfferSchema.parse({
      id,
      supplier: "test",
      supplierOfferId: id,
      cabin: "ECONOMY",
      oneWay: true,
      seatsAvailable: 9,
      lastTicketingDate: date,
      validatingCarrier: carrier,
      price: { total: options.total ?? "523.40", base: "400.00", taxes: "123.40", currency: "GBP" },
      itineraries: [
        {
          duration: "PT7H55M",
          durationMinutes: 475,
          stops: 0,
          segments: [
            { carrier, flightNumber, operatingCarrier: "CT", aircraft: "320", departure: { iataCode: "LHR", at: `${date}T10:30:00` }, arrival: { iataCode: "JFK", at: `${date}T13:25:00` }, duration: "PT7H55M" },
            ...(options.connecting
              ? [{ carrier, flightNumber: `CT${uniqueCode()}`, operatingCarrier: "CT", aircraft: "320", departure: { iataCode: "JFK", at: `${date}T15:00:00` }, arrival: { iataCode: "BOS", at: `${date}T16:20:00` }, duration: "PT1H20M" }]
              : []),
          ],
        },
      ],
      conditions: { refundBeforeDeparture: null, changeBeforeDeparture: null },
      payment: { instantPaymentRequired: false, payBy: date, priceGuaranteedUntil: null },
      bookingRequirements: { travellerFields: ["firstName", "lastName"], contactPhone: false },
    });
    const criteria = { origin: "LHR", destination: "JFK", departureDate: date, adults: options.adults ?? 1, children: 0, cabin: "ECONOMY" as const, nonStop: false, currency: "GBP" as const };
    this.quotes.set(id, { vertical: "flights", criteria, offer, validUntil: this.validUntil() });
    return offer;
  }

  /** Two nights in Paris from `daysAhead` from now, one room for one adult. */
  hotel(options: { daysAhead?: number; hotelId?: string } = {}) {
    const id = offerId("ho");
    const checkIn = isoDay(this.clock.now() + days(options.daysAhead ?? 30));
    const checkOut = isoDay(Date.parse(checkIn) + days(2));
    const offer = hotelOfferSchema.parse({
      id,
      supplier: "test",
      supplierOfferId: id,
      hotel: { hotelId: options.hotelId ?? `CTPAR${uniqueCode()}`, name: "Hôtel du Test", rating: 4, location: { latitude: 48.8566, longitude: 2.3522 }, distanceKm: 1.2, amenities: ["WIFI"] },
      room: { category: "STANDARD_ROOM", beds: 1, bedType: "DOUBLE", description: "Standard double room" },
      boardType: "ROOM_ONLY",
      checkIn,
      checkOut,
      nights: 2,
      price: { total: "300.00", base: "250.00", taxes: "50.00", perNight: "150.00", currency: "EUR" },
      cancellation: { refundable: true },
      bookingRequirements: { travellerFields: ["firstName", "lastName"], contactPhone: false },
    });
    const criteria = { cityCode: "PAR", checkIn, checkOut, adults: 1, rooms: 1, currency: "EUR" as const };
    this.quotes.set(id, { vertical: "hotels", criteria, offer, validUntil: this.validUntil() });
    return offer;
  }

  private validUntil(): string {
    return new Date(this.clock.now() + minutes(30)).toISOString();
  }
}

export const ada = { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" };

export async function bookingCore(options: { payments?: PaymentProvider } = {}) {
  const tables = await stageTables();
  const client = createDynamoClient();
  const entities = createBookingEntities(client, tables);
  const clock = testClock();
  const settings = bookingSettings();
  const idempotency = new IdempotencyStore(client, entities, { ttlSeconds: settings.idempotencyTtlSeconds, leaseSeconds: bookingPolicy.idempotencyLeaseSeconds }, clock.now);
  const offers = new OfferLookupDouble(clock);
  const payments = options.payments ?? new SimulatedPaymentProvider();
  const booking = new BookingService({ client, entities, settings, offers, payments, idempotency, now: clock.now });

  /** Claim a key for a request as the API does (the operation and body make its fingerprint), then run it. */
  const underKey = async <T>(key: string, operation: string, body: unknown, run: (lease: IdempotencyLease) => Promise<T>): Promise<T> => {
    const claim = await idempotency.claim(key, requestFingerprint(operation, body));
    if (claim.outcome !== "claimed") throw new Error(`key ${key} was not free: ${claim.outcome}`);
    return run(claim.lease);
  };
  const trace = () => `trace-${randomUUID()}`;

  return {
    tables,
    entities,
    clock,
    idempotency,
    offers,
    payments,
    booking,
    underKey,
    hold: (request: Omit<HoldRequest, "traceId" | "contactEmail" | "travelers"> & Partial<HoldRequest>, key = randomUUID()) => {
      const full: HoldRequest = { travelers: [ada], contactEmail: ada.email, traceId: trace(), ...request };
      return underKey(key, "hold", { ...full, traceId: undefined }, (lease) => booking.hold(full, lease));
    },
    confirm: (userId: string, reservationId: string, paymentMethod = "pm_card_visa", key = randomUUID()) =>
      underKey(key, `confirm ${reservationId}`, { userId, paymentMethod }, (lease) => booking.confirm(userId, reservationId, { paymentMethod, traceId: trace() }, lease)),
    cancel: (userId: string, reservationId: string, key = randomUUID()) =>
      underKey(key, `cancel ${reservationId}`, { userId }, (lease) => booking.cancel(userId, reservationId, { traceId: trace() }, lease)),
    /** The outbox rows a reservation's changes wrote, oldest first. */
    outboxRows: async (reservationId: string): Promise<OutboxRowItem[]> => {
      const { data } = await entities.OutboxRow.scan.where((a, op) => op.eq(a.aggregateId, reservationId)).go({ pages: "all" });
      return data.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.type.localeCompare(b.type));
    },
    /** An outbox relay onto a local bus, as the local booking worker runs it. */
    relay: (publisher: EventPublisher = new LocalEventBus()) =>
      new OutboxRelay({ entities, publisher, deadLetters: new FileDeadLetterQueue(join(tmpdir(), `core-booking-dlq-${randomUUID().slice(0, 8)}`)), now: clock.now }),
  };
}

export type BookingCore = Awaited<ReturnType<typeof bookingCore>>;

/** The value of an `{ ok }` outcome, or a failure naming the refusal. */
export function ok<T>(outcome: { ok: T } | { refused: { code: string; message: string } }): T {
  if ("refused" in outcome) throw new Error(`refused: ${outcome.refused.code}: ${outcome.refused.message}`);
  return outcome.ok;
}
