import { createHmac, randomUUID } from "node:crypto";
import { DynamoStorage } from "@openauthjs/openauth/storage/dynamo";
import { exportJWK, generateKeyPair, importPKCS8, importSPKI, SignJWT, type CryptoKey } from "jose";
import { describe, expect, it } from "vitest";
import { flightOffer, oneTraveller, traveller, useBookingStack, userIdOf } from "./support/booking";
import { amadeusAlone, testAdminEmail, testConfig } from "./support/helpers";

/**
 * Access as an attacker would probe it, over HTTP against the real app, its OAuth issuer (tokens
 * from the real sign-in flow, forgeries signed with the issuer's own key read from its storage),
 * DynamoDB Local and Redis.
 */
const allowedOrigin = "https://www.example-travel.com";

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const stack = useBookingStack((simulatorUrl) => {
  // Access rules, not a supplier's orders: Amadeus-format offers alone (booked here, names suffice).
  const config = testConfig(simulatorUrl, amadeusAlone);
  config.ApiSettings = { allowedOrigins: [allowedOrigin] };
  return { config };
});

/** The issuer's current signing key, from its own storage (what an attacker must not have). */
async function issuerSigningKey(): Promise<{ kid: string; privateKey: CryptoKey; publicKey: CryptoKey }> {
  const storage = DynamoStorage({ table: stack.api.config.AuthTable.name, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB! });
  for await (const [, value] of storage.scan(["signing:key"])) {
    const key = value as { id: string; privateKey: string; publicKey: string };
    return { kid: key.id, privateKey: await importPKCS8(key.privateKey, "ES256"), publicKey: await importSPKI(key.publicKey, "ES256", { extractable: true }) };
  }
  throw new Error("the issuer has no signing key yet");
}

describe("access tokens at the API", () => {
  it("accepts a token from the real sign-in flow, and refuses each forgery with 401 invalid_token", async () => {
    const token = await stack.api.signIn("verified@example.com");
    const me = await stack.api.get("/v1/me", { headers: bearer(token) });
    expect(me.status).toBe(200);
    expect((await json(me)).data).toMatchObject({ userId: userIdOf(token), email: "verified@example.com", role: "traveller" });

    const { kid, privateKey, publicKey } = await issuerSigningKey();
    const genuine = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as Json;
    const now = Math.floor(Date.now() / 1000);
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const signed = (claims: Json, header: Json = {}, key: CryptoKey = privateKey) =>
      new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid, typ: "JWT", ...header } as never).sign(key);
    const [header, , signature] = token.split(".");
    const stranger = await generateKeyPair("ES256");
    const hmacBody = `${b64({ alg: "HS256", typ: "JWT", kid })}.${b64(genuine)}`;
    const publicJwk = JSON.stringify(await exportJWK(publicKey));

    const forgeries: Record<string, string> = {
      "alg none": `${b64({ alg: "none", typ: "JWT" })}.${b64(genuine)}.`,
      "HS256 keyed with the issuer's public key": `${hmacBody}.${createHmac("sha256", publicJwk).update(hmacBody).digest("base64url")}`,
      expired: await signed({ ...genuine, exp: now - 300 }),
      "not yet valid": await signed({ ...genuine, nbf: now + 300 }),
      "wrong issuer": await signed({ ...genuine, iss: "https://evil.example.com" }),
      "wrong audience": await signed({ ...genuine, aud: "someone-elses-app" }),
      "tampered payload (made admin)": `${header}.${b64({ ...genuine, properties: { ...genuine.properties, role: "admin" } })}.${signature}`,
      "unknown kid": await signed(genuine, { kid: "not-a-key-of-ours" }, stranger.privateKey),
      "refresh-mode token": await signed({ ...genuine, mode: "refresh" }),
    };
    for (const [attack, forged] of Object.entries(forgeries)) {
      const response = await stack.api.get("/v1/me", { headers: bearer(forged) });
      expect(response.status, attack).toBe(401);
      expect(response.headers.get("www-authenticate"), attack).toBe('Bearer realm="travel-platform", error="invalid_token"');
      const problem = await json(response);
      expect(problem.type, attack).toMatch(/invalid-token$/);
      // The reason is for the audit log, not for the caller.
      expect(JSON.stringify(problem), attack).not.toMatch(/expired|issuer|audience|signature|algorithm/i);
    }
    // The same claims signed properly are accepted: the refusals were for the forgery, not the claims.
    expect((await stack.api.get("/v1/me", { headers: bearer(await signed(genuine)) })).status).toBe(200);

    const refused = await stack.api.admin(`/v1/admin/audit?action=auth.token-refused&limit=50`);
    const reasons = (await json(refused)).data.map((e: Json) => e.details.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(["unsupported-algorithm", "expired", "not-yet-valid", "wrong-issuer", "wrong-audience", "bad-signature", "unknown-key", "not-an-access-token"]),
    );
  });

  it("answers a missing token with 401 and a Bearer challenge, and a malformed header likewise", async () => {
    const none = await stack.api.get("/v1/me/reservations");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="travel-platform"');
    const basic = await stack.api.get("/v1/me", { headers: { authorization: "Basic YWRhOnNlY3JldA==" } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get("www-authenticate")).toContain('error="invalid_request"');
  });
});

describe("roles", () => {
  const adminRoutes: Array<[string, string, unknown?]> = [
    ["GET", "/v1/admin/cache/stats"],
    ["POST", "/v1/admin/cache/invalidate", { tags: ["route:LHR-JFK"] }],
    ["GET", "/v1/admin/suppliers"],
    ["POST", "/v1/admin/events", { name: "PriceUpdated", detail: { supplier: "amadeus", routes: ["LHR-JFK"] } }],
    ["GET", "/v1/admin/usage-plans"],
    ["GET", "/v1/admin/api-keys"],
    ["POST", "/v1/admin/api-keys", { name: "x", plan: "free" }],
    ["GET", "/v1/admin/api-keys/0123456789abcdef0123"],
    ["POST", "/v1/admin/api-keys/0123456789abcdef0123/rotate"],
    ["POST", "/v1/admin/api-keys/0123456789abcdef0123/revoke"],
    ["GET", "/v1/admin/audit"],
  ];
  const call = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    stack.api.get(path, { method, headers: { "content-type": "application/json", ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) });

  it("refuses travellers on every admin route with 403 (and audits it), anonymous callers and partners with 401", async () => {
    const token = await stack.api.signIn("curious-traveller@example.com");
    const issued = await json(await stack.api.admin("/v1/admin/api-keys", { method: "POST", body: JSON.stringify({ name: "Partner on admin routes", plan: "standard" }) }));
    for (const [method, path, body] of adminRoutes) {
      const asTraveller = await call(method, path, body, bearer(token));
      expect(asTraveller.status, `${method} ${path}`).toBe(403);
      expect((await json(asTraveller)).type).toMatch(/forbidden$/);
      expect((await call(method, path, body, {})).status, `${method} ${path} anonymous`).toBe(401);
      expect((await call(method, path, body, { "x-api-key": issued.data.key })).status, `${method} ${path} partner`).toBe(401);
    }
    const denied = (await json(await stack.api.admin(`/v1/admin/audit?action=auth.forbidden&actorId=${userIdOf(token)}&limit=100`))).data;
    expect(denied).toHaveLength(adminRoutes.length);
    expect(denied[0]).toMatchObject({ outcome: "denied", actor: { type: "user", id: userIdOf(token) }, target: { type: "route" }, ip: "127.0.0.1" });
  });

  it("lets an admin (from the issuer's admin list) in", async () => {
    expect((await stack.api.admin("/v1/admin/suppliers")).status).toBe(200);
    expect((await stack.api.admin("/v1/admin/usage-plans")).status).toBe(200);
    const me = await json(await stack.api.admin("/v1/me"));
    expect(me.data).toMatchObject({ email: testAdminEmail, role: "admin" });
  });
});

describe("object-level authorization", () => {
  it("gives another traveller 404 on every route of someone's reservation, order and data", async () => {
    const offer = await flightOffer(stack.api);
    const ada = traveller(stack.api, `ada-${randomUUID().slice(0, 6)}`);
    const held = (await json(await ada.hold({ offerId: offer.id, travelers: oneTraveller }))).data;
    const confirmed = (await json(await ada.confirm(held.reservationId))).data;
    expect(confirmed.status).toBe("CONFIRMED");

    const mallory = traveller(stack.api, `mallory-${randomUUID().slice(0, 6)}`);
    const attempts = {
      "GET reservation": await mallory.get(`/v1/reservations/${held.reservationId}`),
      "GET order": await mallory.get(`/v1/orders/${confirmed.orderId}`),
      "confirm": await mallory.confirm(held.reservationId),
      "cancel": await mallory.cancel(held.reservationId),
    };
    for (const [attempt, response] of Object.entries(attempts)) {
      expect(response.status, attempt).toBe(404);
      // Not "forbidden": nothing says the reservation exists.
      expect(JSON.stringify(await json(response)), attempt).not.toMatch(/forbidden|not yours|belongs/i);
    }
    // An id nobody has reads exactly the same.
    const unknown = await mallory.get("/v1/reservations/res_AAAAAAAAAAAAAAAAAAAAAA");
    expect(unknown.status).toBe(404);
    expect(Object.keys(await json(unknown)).sort()).toEqual(Object.keys(await json(await mallory.get(`/v1/reservations/${held.reservationId}`))).sort());

    // Lists, profile and export hold only the caller's own.
    expect((await json(await mallory.get("/v1/me/reservations"))).data).toEqual([]);
    expect((await json(await mallory.get("/v1/me/orders"))).data).toEqual([]);
    const exported = await json(await mallory.get("/v1/me/export"));
    expect(exported.reservations).toEqual([]);
    expect(JSON.stringify(exported)).not.toContain(held.reservationId);
    expect((await json(await mallory.get("/v1/me"))).data.email).toBe(mallory.email);
    // Ada's booking is untouched by all of it.
    expect((await json(await ada.get(`/v1/reservations/${held.reservationId}`))).data.status).toBe("CONFIRMED");
  });
});

describe("HTTP hygiene", () => {
  it("allows CORS only from the configured origins, answering preflights before any credential", async () => {
    const preflight = await stack.api.get("/v1/reservations", {
      method: "OPTIONS",
      headers: { origin: allowedOrigin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type,idempotency-key" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Idempotency-Key/i);
    const search = await stack.api.get("/v1/destinations?q=paris", { headers: { origin: allowedOrigin } });
    expect(search.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(search.headers.get("access-control-expose-headers")).toMatch(/RateLimit-Remaining/);
    const elsewhere = await stack.api.get("/v1/destinations?q=paris", { headers: { origin: "https://evil.example.com" } });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends security headers, a request id and rate-limit headers on every kind of response", async () => {
    const search = `/v1/search/flights?origin=LHR&destination=MAD&departureDate=${new Date(Date.now() + 40 * 864e5).toISOString().slice(0, 10)}`;
    const responses = {
      "search (miss)": await stack.api.get(search),
      "search (rendered repeat)": await stack.api.get(search),
      "not found": await stack.api.get("/v1/nowhere"),
      "invalid input": await stack.api.get("/v1/search/flights?origin=LHR"),
      "sign-in required": await stack.api.get("/v1/me"),
      "bad token": await stack.api.get("/v1/me", { headers: bearer("a.b.c") }),
    };
    for (const [kind, response] of Object.entries(responses)) {
      expect(response.headers.get("x-content-type-options"), kind).toBe("nosniff");
      expect(response.headers.get("strict-transport-security"), kind).toContain("max-age=");
      expect(response.headers.get("x-frame-options"), kind).toBe("DENY");
      expect(response.headers.get("x-request-id"), kind).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers.get("ratelimit-limit"), kind).toMatch(/^\d+$/);
      expect(response.headers.get("ratelimit-policy"), kind).toMatch(/^\d+;w=\d+$/);
    }
  });

  it("refuses oversized bodies on every route with 413, before reading them", async () => {
    const huge = JSON.stringify({ tags: ["route:LHR-JFK"], padding: "x".repeat(100 * 1024) });
    const admin = await stack.api.admin("/v1/admin/cache/invalidate", { method: "POST", body: huge });
    expect(admin.status).toBe(413);
    expect((await json(admin)).type).toMatch(/payload-too-large$/);
  });
});
