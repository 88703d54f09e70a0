import { randomBytes } from "node:crypto";
import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { bookingSettings, BookingPersonalData, BookingService, erasedMarker } from "@travel/core/booking";
import { createBookingEntities } from "@travel/core/booking/entities";
import { auditTable, catalogTable, createDynamoClient, idempotencyTable, ordersTable, reservationsTable, scanPages } from "@travel/core/db";
import { ActiveHoldsError, AuditLog, ErasedUsers, IssuerUnavailableError, PersonalData, Profiles, RequestLimiter, type IssuerAccount } from "@travel/core/identity";
import { createIdentityEntities } from "@travel/core/identity/entities";
import { createReviewEntities, ReviewInteractions, ReviewService, tripsFromBooking } from "@travel/core/reviews";
import { redisConnections, tableName, uniquePrefix } from "./support/stores";

/**
 * A traveller's export and erasure against the run's tables and Redis: every place erasure claims
 * to clean is read back afterwards. Bookings are seeded through the booking entities (the
 * narrowest way to have a reservation; how one is made is the booking tests' concern).
 */
const dynamo = createDynamoClient();
const tables = {
  catalog: tableName(catalogTable),
  audit: tableName(auditTable),
  reservations: tableName(reservationsTable),
  orders: tableName(ordersTable),
  idempotency: tableName(idempotencyTable),
};
const identity = createIdentityEntities(dynamo, tables);
const booking = createBookingEntities(dynamo, tables);
const redis = await redisConnections().connected();
afterAll(() => dynamo.destroy());

const now = Date.parse("2030-05-04T10:00:00.000Z");
const clock = () => now;
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

/** The issuer's side of erasure is its own service over HTTP; here, a stand-in that records the calls. */
class RecordingIssuer implements IssuerAccount {
  readonly erased: string[] = [];
  available = true;
  async erase(accessToken: string): Promise<void> {
    if (!this.available) throw new IssuerUnavailableError("the sign-in service did not answer");
    this.erased.push(accessToken);
  }
}

function privacy() {
  const keyPrefix = uniquePrefix("privacy");
  const limiter = new RequestLimiter(redis, { keyPrefix, now: clock });
  const issuer = new RecordingIssuer();
  const audit = new AuditLog(identity, clock);
  const bookingService = new BookingService({ client: dynamo, entities: booking, settings: bookingSettings(), now: clock });
  const reviewDeps = { client: dynamo, entities: createReviewEntities(dynamo, tables.catalog), trips: tripsFromBooking(bookingService), outbox: booking, now: clock };
  const service = new PersonalData({
    profiles: new Profiles(identity, clock),
    audit,
    limiter,
    issuer,
    erasedUsers: new ErasedUsers(redis, keyPrefix),
    bookings: new BookingPersonalData(dynamo, booking, tables, bookingService, clock),
    reviews: new ReviewInteractions(reviewDeps, new ReviewService(reviewDeps)),
    now: clock,
  });
  return { service, limiter, issuer, audit, keyPrefix, erasedUsers: new ErasedUsers(redis, keyPrefix) };
}

const letters = () => Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join("");

/** A traveller with names found nowhere else, so finding one anywhere means it was not erased. */
function traveller() {
  const userId = `user-${randomBytes(6).toString("hex")}`;
  const lastName = `Hopper${letters()}`;
  return {
    user: { userId, email: `grace-${letters()}@example.com` },
    accessToken: `access-${letters()}`,
    profile: { displayName: `Grace ${lastName}`, phone: `+1555${String(randomBytes(3).readUIntBE(0, 3)).padStart(7, "0")}`, locale: "en-US", currency: "USD", marketingOptIn: true },
    passenger: { firstName: "Grace", lastName, dateOfBirth: "1906-12-09", email: `hopper-${letters()}@navy.example` },
  };
}
type Traveller = ReturnType<typeof traveller>;

async function seedReservation(person: Traveller, status: "HOLD" | "CONFIRMED", holdExpiresAt: string, orderId?: string) {
  const reservationId = `res_${randomBytes(8).toString("hex")}`;
  await booking.Reservation.create({
    reservationId,
    eventId: "BA117-2030-06-01",
    userId: person.user.userId,
    qty: 1,
    seatIds: ["12A"],
    status,
    holdExpiresAt,
    createdAt: at(-3_600_000),
    updatedAt: at(-3_600_000),
    offerId: `offer-${reservationId}`,
    vertical: "flights",
    totalAmount: 523.4,
    currency: "EUR",
    travelers: [person.passenger],
    contactEmail: person.passenger.email,
    inventoryTags: ["route:LHR-JFK"],
    itinerary: { origin: "LHR", destination: "JFK", departure: "2030-06-01T09:00:00Z" },
    startsAt: "2030-06-01T09:00:00.000Z",
    ...(orderId ? { orderId, paymentIntentId: `pay_${orderId}` } : {}),
  }).go();
  if (orderId) {
    await booking.Order.create({
      orderId,
      reservationId,
      eventId: "BA117-2030-06-01",
      userId: person.user.userId,
      seatIds: ["12A"],
      totalAmount: 523.4,
      currency: "EUR",
      status: "CONFIRMED",
      paymentIntentId: `pay_${orderId}`,
      itinerary: { origin: "LHR", destination: "JFK" },
      createdAt: at(-3_000_000),
      updatedAt: at(-3_000_000),
    }).go();
  }
  return reservationId;
}

/** A stored response, as the API keeps one per Idempotency-Key (`<user>#<key>`): it repeats the traveller's name. */
async function seedIdempotencyRecord(userId: string, passengerName: string): Promise<string> {
  const idempotencyKey = `${userId}#${randomBytes(8).toString("hex")}`;
  await booking.IdempotencyRecord.create({
    idempotencyKey,
    requestHash: "f".repeat(64),
    status: "COMPLETED",
    responseSnapshot: JSON.stringify({ status: 201, body: { data: { travelers: [{ lastName: passengerName }] } } }),
    leaseUntil: now,
    leaseToken: "lease",
    ttl: Math.floor(now / 1000) + 300,
  }).go();
  return idempotencyKey;
}

/** Everything a traveller leaves behind: a profile, a confirmed booking, a hold, replays, audit entries, rate counters. */
async function seedTraveller(parts: ReturnType<typeof privacy>, person: Traveller) {
  await new Profiles(identity, clock).update(person.user.userId, person.user.email, person.profile);
  const orderId = `ord_${randomBytes(8).toString("hex")}`;
  const confirmed = await seedReservation(person, "CONFIRMED", at(-3_000_000), orderId);
  const hold = await seedReservation(person, "HOLD", at(600_000));
  const idempotencyKeys = [await seedIdempotencyRecord(person.user.userId, person.passenger.lastName), await seedIdempotencyRecord(person.user.userId, person.passenger.lastName)];
  const whereFrom = { ip: "192.0.2.44", userAgent: "Mozilla/5.0 (Grace's laptop)" };
  await new AuditLog(identity, () => now - 2_000).record({ action: "auth.sign-in", outcome: "success", actor: { type: "user", id: person.user.userId }, ...whereFrom });
  await new AuditLog(identity, () => now - 1_000).record({ action: "user.profile-updated", outcome: "success", actor: { type: "user", id: person.user.userId }, ...whereFrom });
  expect((await parts.limiter.check({ kind: "user", userId: person.user.userId })).allowed).toBe(true);
  return { orderId, confirmed, hold, idempotencyKeys };
}

const rowsOf = async (table: string, key: Record<string, string>) =>
  (await dynamo.send(new QueryCommand({ TableName: table, KeyConditionExpression: "#k = :v", ExpressionAttributeNames: { "#k": Object.keys(key)[0]! }, ExpressionAttributeValues: { ":v": Object.values(key)[0] }, ConsistentRead: true }))).Items ?? [];

describe("PersonalData: export", () => {
  it("gives the traveller their profile, reservations, orders and audit entries", async () => {
    const parts = privacy();
    const person = traveller();
    const seeded = await seedTraveller(parts, person);
    const exported = await parts.service.export(person.user);
    expect(exported.exportedAt).toBe(at(0));
    expect(exported.user).toEqual(person.user);
    expect(exported.profile).toMatchObject({ userId: person.user.userId, email: person.user.email, ...person.profile });
    expect(exported.reservations.map((r) => r.reservationId).sort()).toEqual([seeded.confirmed, seeded.hold].sort());
    expect(exported.reservations[0]).toMatchObject({ travelers: [person.passenger], contactEmail: person.passenger.email, totalAmount: "523.40", currency: "EUR" });
    expect(exported.orders).toMatchObject([{ orderId: seeded.orderId, reservationId: seeded.confirmed, totalAmount: "523.40", paymentId: `pay_${seeded.orderId}` }]);
    expect(exported.auditEntries.map((e) => [e.action, e.ip])).toEqual([["auth.sign-in", "192.0.2.44"], ["user.profile-updated", "192.0.2.44"]]);
  });
});

describe("PersonalData: erasure", () => {
  it("refuses while a hold is running, naming it, and erases nothing", async () => {
    const parts = privacy();
    const person = traveller();
    const seeded = await seedTraveller(parts, person);
    const refusal = await parts.service.erase(person.user, person.accessToken).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ActiveHoldsError);
    expect((refusal as ActiveHoldsError).reservationIds).toEqual([seeded.hold]);

    expect(parts.issuer.erased).toEqual([]);
    expect(await parts.erasedUsers.isErased(person.user.userId)).toBe(false);
    const after = await parts.service.export(person.user);
    expect(after.profile.phone).toBe(person.profile.phone);
    expect(after.reservations.every((r) => r.travelers[0]?.lastName === person.passenger.lastName)).toBe(true);
    expect(after.auditEntries.every((e) => e.ip === "192.0.2.44")).toBe(true);
    for (const key of seeded.idempotencyKeys) expect((await dynamo.send(new GetCommand({ TableName: tables.idempotency, Key: { idempotency_key: key } }))).Item).toBeDefined();
  });

  it("removes the traveller from every place it names, keeps what accounting needs under an owner that leads nowhere", async () => {
    const parts = privacy();
    const person = traveller();
    // An expired hold does not hold erasure up.
    const seeded = await seedTraveller(parts, person);
    await booking.Reservation.patch({ reservationId: seeded.hold, eventId: "BA117-2030-06-01" }).set({ holdExpiresAt: at(-1) }).go();
    const bystanderKey = await seedIdempotencyRecord(`${person.user.userId}x`, "Someone Else");

    const report = await parts.service.erase(person.user, person.accessToken);
    expect(report).toEqual({ profileDeleted: true, reservationsAnonymised: 2, ordersAnonymised: 1, idempotencyRecordsDeleted: 2, auditEntriesScrubbed: 2, reviewsDetached: 0 });
    expect(parts.issuer.erased).toEqual([person.accessToken]);
    expect(await parts.erasedUsers.isErased(person.user.userId)).toBe(true);

    // Profile: gone; reading it gives the defaults of someone never seen.
    const profileItem = await dynamo.send(new GetCommand({ TableName: tables.catalog, Key: { searchType: `user#${person.user.userId}`, searchId: "profile" }, ConsistentRead: true }));
    expect(profileItem.Item).toBeUndefined();

    // Reservations and the order: amounts, payment and what was sold stay; names, birth date and emails do not.
    const [reservation] = await rowsOf(tables.reservations, { reservation_id: seeded.confirmed });
    expect(reservation).toMatchObject({ status: "CONFIRMED", total_amount: 523.4, currency: "EUR", order_id: seeded.orderId, payment_intent_id: `pay_${seeded.orderId}`, seat_ids: ["12A"], contact_email: erasedMarker });
    expect(reservation!.travelers).toEqual([{ firstName: erasedMarker, lastName: erasedMarker }]);
    expect(reservation!.user_id).toMatch(/^erased_/);
    const [order] = await rowsOf(tables.orders, { order_id: seeded.orderId });
    expect(order).toMatchObject({ status: "CONFIRMED", total_amount: 523.4, payment_intent_id: `pay_${seeded.orderId}`, user_id: reservation!.user_id });
    const [expiredHold] = await rowsOf(tables.reservations, { reservation_id: seeded.hold });
    expect(expiredHold!.user_id).toBe(reservation!.user_id);

    // Idempotency records: the traveller's are deleted, another user's (whose id merely starts alike) stays.
    for (const key of seeded.idempotencyKeys) expect(await rowsOf(tables.idempotency, { idempotency_key: key })).toEqual([]);
    expect(await rowsOf(tables.idempotency, { idempotency_key: bystanderKey })).toHaveLength(1);

    // Audit: what the old id did stays, where from does not.
    const audit = await parts.audit.allForActor(person.user.userId);
    expect(audit.map((e) => e.action)).toEqual(["auth.sign-in", "user.profile-updated"]);
    for (const entry of audit) expect([entry.ip, entry.userAgent]).toEqual([undefined, undefined]);

    // Every table erasure touches, read in full: none of her strings (each found nowhere else) is left.
    const personal = [person.user.email, person.passenger.email, person.passenger.lastName, person.profile.phone];
    for (const table of [tables.reservations, tables.orders, tables.idempotency, tables.audit]) {
      for await (const page of scanPages(dynamo, { TableName: table, ConsistentRead: true })) {
        const text = JSON.stringify(page.Items ?? []);
        for (const value of personal) expect(text.includes(value), `${value} in ${table}`).toBe(false);
      }
    }

    // Redis: her rate counters are gone; only the marker that refuses her unexpired tokens names her.
    expect(await redis.keys(`*${person.user.userId}*`)).toEqual([`${parts.keyPrefix}erased-user:${person.user.userId}`]);

    // What an export would now find: nothing but the scrubbed audit entries.
    const after = await parts.service.export(person.user);
    expect(after).toMatchObject({ profile: { userId: person.user.userId, marketingOptIn: false }, reservations: [], orders: [] });
    expect(after.profile.phone).toBeUndefined();
  });

  it("can be run again after the issuer failed: the first run's work stays done, the second finishes it", async () => {
    const parts = privacy();
    const person = traveller();
    const seeded = await seedTraveller(parts, person);
    await booking.Reservation.patch({ reservationId: seeded.hold, eventId: "BA117-2030-06-01" }).set({ status: "CANCELLED" }).go();
    parts.issuer.available = false;
    await expect(parts.service.erase(person.user, person.accessToken)).rejects.toBeInstanceOf(IssuerUnavailableError);
    // Not yet remembered as erased: the issuer could still sign them in, so the erasure is not over.
    expect(await parts.erasedUsers.isErased(person.user.userId)).toBe(false);
    expect((await parts.service.export(person.user)).reservations).toEqual([]);

    parts.issuer.available = true;
    expect(await parts.service.erase(person.user, person.accessToken)).toEqual({ profileDeleted: true, reservationsAnonymised: 0, ordersAnonymised: 0, idempotencyRecordsDeleted: 0, auditEntriesScrubbed: 0, reviewsDetached: 0 });
    expect(parts.issuer.erased).toEqual([person.accessToken]);
    expect(await parts.erasedUsers.isErased(person.user.userId)).toBe(true);
  });
});
