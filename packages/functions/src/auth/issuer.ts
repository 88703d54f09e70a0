import { issuer } from "@openauthjs/openauth";
import { CodeProvider } from "@openauthjs/openauth/provider/code";
import type { StorageAdapter } from "@openauthjs/openauth/storage/storage";
import { createSubjects } from "@openauthjs/openauth/subject";
import { Hono, type Context } from "hono";
import { createLocalJWKSet, type JSONWebKeySet } from "jose";
import { authClients, createAccessTokenVerifier, InvalidTokenError, userSubjectSchema, type AuditLog, type UserDirectory } from "@travel/core/identity";
import { logger } from "@travel/core/observability";
import { accessibleCodePages } from "./sign-in-pages";

/** The subjects our tokens carry (the shape is declared once, in core/identity). */
export const subjects = createSubjects({ user: userSubjectSchema });

/** OAuth clients allowed to sign travellers in, and where they may be redirected. */
export interface AuthClient {
  id: string;
  redirectHosts: string[];
}

/** The declared clients (core/identity): the web app and the CLI (`pnpm run token`). */
export const localClients: AuthClient[] = authClients.map((c) => ({ id: c.id, redirectHosts: [...c.redirectHosts] }));

const webClientId: (typeof authClients)[number]["id"] = "travel-web";

/**
 * The declared clients, the web app's redirect hosts replaced by `webRedirectHosts` (comma-separated)
 * when given: on AWS the host the app is served from (WEB_REDIRECT_HOSTS, set by infra/auth.ts), so a
 * deployed issuer redirects the web client there only. Unset or empty: the local defaults. The CLI
 * keeps its loopback hosts everywhere (a native app's redirect, RFC 8252).
 */
export function clientsWithWebHosts(webRedirectHosts: string | undefined): AuthClient[] {
  const hosts = (webRedirectHosts ?? "").split(",").map((host) => host.trim()).filter(Boolean);
  if (hosts.length === 0) return localClients;
  return localClients.map((client) => (client.id === webClientId ? { ...client, redirectHosts: hosts } : client));
}

export interface AuthIssuerOptions {
  storage: StorageAdapter;
  /** Delivers a sign-in code (email on AWS; a local file and the console on one machine). */
  sendCode(email: string, code: string): Promise<void>;
  /** Emails that sign in as admins. */
  adminEmails: readonly string[];
  clients: readonly AuthClient[];
  /** Email → user id (random ids, kept in the issuer's storage table). */
  directory: UserDirectory;
  /** Where sign-ins are recorded. */
  audit: AuditLog;
  /** The caller's address as this runtime knows it (socket on Node, API event on Lambda). */
  clientAddress(c: Context): string | undefined;
}

/** Set by the outer app from the connection (any value a client sends is replaced). */
const clientAddressHeader = "x-travel-client-address";

/**
 * The OAuth 2.0 issuer (OpenAuth): authorization code + PKCE and refresh tokens, a one-time code
 * sent to the traveller's email, ES256 signing keys kept in its storage, JWKS at
 * `/.well-known/jwks.json`. Around it: sign-ins go to the audit log, and `POST /account/erase`
 * lets a traveller (with their access token) erase what the issuer keeps about them. Our code
 * depends on this function only, so the issuer can be swapped.
 */
export function createAuthIssuer(options: AuthIssuerOptions) {
  const admins = new Set(options.adminEmails.map((e) => e.trim().toLowerCase()));
  const openAuth = issuer({
    subjects,
    storage: options.storage,
    ttl: { access: 15 * 60, refresh: 30 * 24 * 3600 },
    providers: {
      code: CodeProvider(
        accessibleCodePages(async (claims, code) => {
          // Refused here with the form's own message, not by the mail service as a 500.
          if (!claims.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(claims.email.trim())) return { type: "invalid_claim", key: "email", value: claims.email ?? "" };
          await options.sendCode(claims.email.trim().toLowerCase(), code);
        }),
      ),
    },
    allow: async ({ clientID, redirectURI }) => {
      const client = options.clients.find((c) => c.id === clientID);
      return Boolean(client?.redirectHosts.includes(new URL(redirectURI).hostname));
    },
    success: async (ctx, value, request) => {
      const email = value.claims.email!.trim().toLowerCase();
      const id = await options.directory.idFor(email);
      const role = admins.has(email) ? "admin" : "traveller";
      await options.audit.record({
        action: "auth.sign-in",
        outcome: "success",
        actor: { type: role === "admin" ? "admin" : "user", id },
        ...where(request),
        details: { provider: value.provider },
      });
      // The subject is the user id itself, so the user's refresh tokens can be found to revoke.
      return ctx.subject("user", { id, email, role }, { subject: `user:${id}` });
    },
  });

  const app = new Hono();
  app.post("/account/erase", async (c) => {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    if (!token) return c.json({ error: "invalid_token" }, 401);
    let user;
    try {
      user = await verifyOwnToken(openAuth, c.req.raw, token);
    } catch (error) {
      if (error instanceof InvalidTokenError) return c.json({ error: "invalid_token" }, 401);
      throw error;
    }
    for await (const [key] of options.storage.scan(["oauth:refresh", `user:${user.userId}`])) await options.storage.remove(key);
    if (user.email) await options.directory.forget(user.email);
    logger.info("issuer data erased", { userId: user.userId });
    return c.body(null, 204);
  });
  app.all("*", async (c) => {
    const headers = new Headers(c.req.raw.headers);
    headers.delete(clientAddressHeader);
    const address = options.clientAddress(c);
    if (address) headers.set(clientAddressHeader, address);
    // Rebuilt from its parts (sign-in forms are small): the runtime's request object may not be
    // one the Request constructor accepts as a template.
    const body = c.req.method === "GET" || c.req.method === "HEAD" ? undefined : await c.req.arrayBuffer();
    return openAuth.fetch(new Request(c.req.url, { method: c.req.method, headers, ...(body ? { body } : {}) }), c.env);
  });
  return app;
}

function where(request: Request): { ip?: string; userAgent?: string } {
  const ip = request.headers.get(clientAddressHeader);
  const userAgent = request.headers.get("user-agent");
  return { ...(ip ? { ip } : {}), ...(userAgent ? { userAgent } : {}) };
}

/**
 * Verify an access token against this issuer's own keys and `iss`, both read in process through
 * its own discovery endpoints (as seen from the same request's host), so no call leaves the process.
 */
async function verifyOwnToken(openAuth: ReturnType<typeof issuer>, request: Request, token: string) {
  const discover = async (path: string) => (await openAuth.fetch(new Request(new URL(path, request.url), { headers: request.headers }))).json();
  const [metadata, jwks] = await Promise.all([discover("/.well-known/oauth-authorization-server") as Promise<{ issuer: string }>, discover("/.well-known/jwks.json") as Promise<JSONWebKeySet>]);
  const verify = createAccessTokenVerifier({ issuer: metadata.issuer, audience: authClients.map((c) => c.id) }, createLocalJWKSet(jwks));
  return verify(token);
}
