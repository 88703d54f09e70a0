import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessTokenVerifier, InvalidTokenError, TokenKeysUnavailableError, type AccessTokenVerifier } from "../src/identity";

/**
 * The verifier against a real JWKS endpoint over HTTP, with tokens shaped like OpenAuth's. Each
 * attack an attacker would try is a 401 reason, never a pass.
 */
let server: Server;
let jwksFetches = 0;
let publicJwk: JWK;
let privateKey: CryptoKey;
let publicKey: CryptoKey;
let issuer: string;
const audience = "travel-web";
let verify: AccessTokenVerifier;

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

function claims(overrides: Record<string, unknown> = {}) {
  return { mode: "access", type: "user", properties: { id: "user-1", email: "ada@example.com" }, sub: "user:abc", iss: issuer, aud: audience, exp: now() + 600, ...overrides };
}

async function sign(payload: Record<string, unknown>, header: Record<string, unknown> = {}, key: CryptoKey = privateKey) {
  return new SignJWT(payload).setProtectedHeader({ alg: "ES256", kid: "key-1", typ: "JWT", ...header } as never).sign(key);
}

async function rejectionOf(token: string): Promise<string> {
  try {
    await verify(token);
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.reason;
    throw error;
  }
  return "accepted";
}

beforeAll(async () => {
  ({ privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true }));
  publicJwk = { ...(await exportJWK(publicKey)), kid: "key-1", alg: "ES256", use: "sig" };
  server = createServer((request, response) => {
    if (request.url !== "/.well-known/jwks.json") return void response.writeHead(404).end();
    jwksFetches++;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  verify = createAccessTokenVerifier({ issuer, audience });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("access token verification", () => {
  it("accepts a valid token and fetches the issuer's keys once for many tokens", async () => {
    const before = jwksFetches;
    for (let i = 0; i < 20; i++) {
      expect(await verify(await sign(claims()))).toEqual({ userId: "user-1", email: "ada@example.com", role: "traveller" });
    }
    expect(jwksFetches - before).toBeLessThanOrEqual(1);
    expect((await verify(await sign(claims({ properties: { id: "boss", role: "admin" } })))).role).toBe("admin");
  });

  it("refuses alg none, and HS256 signed with the issuer's public key", async () => {
    const unsigned = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims())}.`;
    expect(await rejectionOf(unsigned)).toBe("unsupported-algorithm");
    // The classic confusion: an HMAC keyed with the (public) verification key.
    const pem = await exportSPKI(publicKey);
    for (const secret of [pem, JSON.stringify(publicJwk)]) {
      const body = `${b64({ alg: "HS256", typ: "JWT", kid: "key-1" })}.${b64(claims())}`;
      const forged = `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
      expect(await rejectionOf(forged)).toBe("unsupported-algorithm");
    }
  });

  it("refuses expired and not-yet-valid tokens beyond the clock tolerance, accepts small skew", async () => {
    expect(await rejectionOf(await sign(claims({ exp: now() - 120 })))).toBe("expired");
    expect(await rejectionOf(await sign(claims({ nbf: now() + 120 })))).toBe("not-yet-valid");
    expect(await rejectionOf(await sign(claims({ exp: now() - 5 })))).toBe("accepted");
    const { exp: _exp, ...noExpiry } = claims();
    expect(await rejectionOf(await sign(noExpiry))).not.toBe("accepted");
  });

  it("refuses the wrong issuer and the wrong audience", async () => {
    expect(await rejectionOf(await sign(claims({ iss: "https://evil.example.com" })))).toBe("wrong-issuer");
    expect(await rejectionOf(await sign(claims({ aud: "another-client" })))).toBe("wrong-audience");
  });

  it("refuses a tampered payload, a key it does not know and another key under a known kid", async () => {
    const token = await sign(claims());
    const [header, , signature] = token.split(".");
    const tampered = `${header}.${b64(claims({ properties: { id: "user-1", role: "admin" } }))}.${signature}`;
    expect(await rejectionOf(tampered)).toBe("bad-signature");
    const other = await generateKeyPair("ES256");
    expect(await rejectionOf(await sign(claims(), { kid: "key-2" }, other.privateKey))).toBe("unknown-key");
    expect(await rejectionOf(await sign(claims(), {}, other.privateKey))).toBe("bad-signature");
  });

  it("refuses refresh-mode tokens, other subject types and garbage", async () => {
    expect(await rejectionOf(await sign(claims({ mode: "refresh" })))).toBe("not-an-access-token");
    expect(await rejectionOf(await sign(claims({ type: "partner" })))).toBe("invalid-claims");
    expect(await rejectionOf("not.a.jwt")).toBe("malformed");
    expect(await rejectionOf("")).toBe("malformed");
  });

  it("says the keys are unavailable (not that the token is bad) when the issuer cannot be reached", async () => {
    const offline = createAccessTokenVerifier({ issuer: "http://127.0.0.1:9", audience });
    await expect(offline(await sign(claims({ iss: "http://127.0.0.1:9" })))).rejects.toBeInstanceOf(TokenKeysUnavailableError);
  });
});
