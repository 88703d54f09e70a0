import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createDynamoClient, scanPages } from "@travel/core/db";
import { describe, expect, it } from "vitest";
import { flightOffer, traveller, useBookingStack, userIdOf } from "./support/booking";
import { amadeusAlone } from "./support/helpers";

/**
 * The traveller's own data: profile, export, erasure. Erasure is checked the way a regulator
 * would: by reading every table of the stage and every Redis key afterwards.
 */

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;

const stack = useBookingStack(() => ({ suppliers: amadeusAlone }));

const send = (token: string, method: string, path: string, body?: unknown) =>
  stack.api.get(path, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe("profile", () => {
  it("reads defaults, changes fields, clears one with null, and refuses unknown or invalid fields by name", async () => {
    const token = await stack.api.signIn(`profile-${randomUUID().slice(0, 6)}@example.com`);
    expect((await json(await send(token, "GET", "/v1/me"))).data).toMatchObject({ userId: userIdOf(token), role: "traveller", marketingOptIn: false });
    const changed = await send(token, "PATCH", "/v1/me", { displayName: "Ada Lovelace", phone: "+442071234567", locale: "en-GB", currency: "GBP", marketingOptIn: true });
    expect(changed.status).toBe(200);
    expect((await json(changed)).data).toMatchObject({ displayName: "Ada Lovelace", phone: "+442071234567", locale: "en-GB", currency: "GBP", marketingOptIn: true });
    const cleared = await json(await send(token, "PATCH", "/v1/me", { phone: null }));
    expect(cleared.data.phone).toBeUndefined();
    expect(cleared.data.displayName).toBe("Ada Lovelace");

    const escalation = await send(token, "PATCH", "/v1/me", { role: "admin" });
    expect(escalation.status).toBe(400);
    expect((await json(escalation)).errors).toEqual([{ field: "role", message: "unknown field" }]);
    const badPhone = await json(await send(token, "PATCH", "/v1/me", { phone: "0207 123 4567" }));
    expect(badPhone.errors).toEqual([{ field: "phone", message: expect.stringContaining("E.164") }]);
    expect((await send(token, "PATCH", "/v1/me", {})).status).toBe(400);
    expect((await json(await send(token, "GET", "/v1/me"))).data.role).toBe("traveller");
  });
});

describe("export and erasure", () => {
  // Reads every table in full, the catalog's ~61,000 items among them: more than the default 30 s.
  it("exports everything about the traveller, then erases it from every table and cache, keeping only what accounting needs", { timeout: 150_000 }, async () => {
    const email = `grace-${randomUUID().slice(0, 6)}@example.com`;
    const grace = traveller(stack.api, email.split("@")[0]);
    const tokens = await stack.api.issuer.signInTokens(email);
    const token = tokens.access_token;
    const userId = userIdOf(token);
    // Names no airport or city has, so finding one anywhere means it was not erased.
    const lastName = `Hopper${letters()}`;
    const middleName = `Brewster${letters()}`;
    const personal = { displayName: `Grace ${middleName} ${lastName}`, phone: `+1555${String(Date.now()).slice(-7)}` };
    const travellerEmail = `hopper-${randomUUID().slice(0, 6)}@navy.example`;
    expect((await send(token, "PATCH", "/v1/me", personal)).status).toBe(200);

    // A confirmed booking and a hold still running.
    const offer = await flightOffer(stack.api);
    const travelers = [{ firstName: "Grace", lastName, dateOfBirth: "1906-12-09", email: travellerEmail }];
    const held = (await json(await grace.hold({ offerId: offer.id, travelers }))).data;
    const confirmed = (await json(await grace.confirm(held.reservationId))).data;
    expect(confirmed.status).toBe("CONFIRMED");
    const running = (await json(await grace.hold({ offerId: (await flightOffer(stack.api)).id, travelers }))).data;

    const exported = await send(token, "GET", "/v1/me/export");
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename="travel-platform-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = await json(exported);
    expect(data.user).toEqual({ userId, email });
    expect(data.profile).toMatchObject(personal);
    expect(data.reservations.map((r: Json) => r.reservationId).sort()).toEqual([held.reservationId, running.reservationId].sort());
    expect(data.reservations[0].travelers[0]).toMatchObject({ firstName: "Grace", lastName, email: travellerEmail });
    expect(data.orders.map((o: Json) => o.orderId)).toEqual([confirmed.orderId]);
    expect(data.auditEntries.map((e: Json) => e.action)).toEqual(expect.arrayContaining(["auth.sign-in", "user.profile-updated"]));

    // Not while a hold runs: nothing is erased.
    const refused = await send(token, "DELETE", "/v1/me");
    expect(refused.status).toBe(409);
    expect((await json(refused)).reservationIds).toEqual([running.reservationId]);
    expect((await json(await send(token, "GET", "/v1/me"))).data.phone).toBe(personal.phone);
    expect((await grace.cancel(running.reservationId)).status).toBe(200);

    const erased = await send(token, "DELETE", "/v1/me");
    expect(erased.status).toBe(200);
    const report = (await json(erased)).data;
    expect(report).toMatchObject({ profileDeleted: true, reservationsAnonymised: 2, ordersAnonymised: 1 });
    expect(report.idempotencyRecordsDeleted).toBeGreaterThanOrEqual(3);
    expect(report.auditEntriesScrubbed).toBeGreaterThanOrEqual(2);
    expect(report.kept.join(" ")).toMatch(/accounting/);

    // Every table of the stage, read in full: no email, name, birth date or phone of hers is left.
    const dynamo = createDynamoClient();
    const personalStrings = [email, travellerEmail, lastName, middleName, personal.phone, "1906-12-09"];
    const tables = [stack.api.config.CatalogTable, stack.api.config.AuthTable, stack.api.config.AuditTable, stack.api.config.ReservationsTable, stack.api.config.OrdersTable, stack.api.config.IdempotencyTable, stack.api.config.OutboxTable];
    let itemsRead = 0;
    for (const table of tables) {
      for await (const page of scanPages(dynamo, { TableName: table.name, ConsistentRead: true })) {
        itemsRead += page.Items?.length ?? 0;
        const text = JSON.stringify(page.Items ?? []);
        for (const value of personalStrings) {
          const found = (page.Items ?? []).filter((item) => JSON.stringify(item).includes(value));
          expect(found, `${value} in ${table.name}`).toEqual([]);
        }
      }
    }
    expect(itemsRead).toBeGreaterThan(55_000); // the catalog alone holds ~61,000

    // What accounting keeps is still there, under an owner that leads nowhere.
    const reservationRows = await collect(dynamo, stack.api.config.ReservationsTable.name, "reservation_id", held.reservationId);
    expect(reservationRows[0]).toMatchObject({ status: "CONFIRMED", total_amount: expect.any(Number), order_id: confirmed.orderId, travelers: [{ firstName: "[erased]", lastName: "[erased]" }] });
    expect(reservationRows[0]!.user_id).toMatch(/^erased_/);
    const orderRows = await collect(dynamo, stack.api.config.OrdersTable.name, "order_id", confirmed.orderId);
    expect(orderRows[0]).toMatchObject({ status: "CONFIRMED", payment_intent_id: expect.any(String), user_id: reservationRows[0]!.user_id });

    // Redis: no key names her except the short-lived marker that refuses her old tokens.
    const redis = new Redis({ host: stack.api.config.Redis.host, port: stack.api.config.Redis.port });
    const keys = await redis.keys(`*${userId}*`);
    await redis.quit();
    expect(keys).toEqual([`travel-platform:${stack.api.config.App.stage}:erased-user:${userId}`]);

    // Her old access token and refresh token are dead.
    expect((await send(token, "GET", "/v1/me")).status).toBe(401);
    const refresh = await fetch(`${stack.api.issuer.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }).toString(),
    });
    expect(refresh.status).not.toBe(200);

    // Signing in again starts a new, empty account.
    const again = await stack.api.signIn(email);
    expect(userIdOf(again)).not.toBe(userId);
    expect((await json(await send(again, "GET", "/v1/me/reservations"))).data).toEqual([]);
    expect((await json(await send(again, "GET", "/v1/me"))).data.phone).toBeUndefined();

    // The audit log says what the old id did, with no address or user agent left.
    const audit = (await json(await stack.api.admin(`/v1/admin/audit?actorId=${userId}&limit=100`))).data as Json[];
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["auth.sign-in", "user.profile-updated", "user.data-exported", "user.erased"]));
    for (const entry of audit) {
      expect(entry.ip).toBeUndefined();
      expect(entry.userAgent).toBeUndefined();
    }
    dynamo.destroy();
  });
});

function letters(): string {
  return Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join("");
}

async function collect(dynamo: ReturnType<typeof createDynamoClient>, table: string, attribute: string, value: string): Promise<Json[]> {
  const rows: Json[] = [];
  for await (const page of scanPages(dynamo, { TableName: table, FilterExpression: "#a = :v", ExpressionAttributeNames: { "#a": attribute }, ExpressionAttributeValues: { ":v": value }, ConsistentRead: true })) {
    rows.push(...((page.Items ?? []) as Json[]));
  }
  return rows;
}
