import { createHash } from "node:crypto";
import { issuer } from "@openauthjs/openauth";
import { CodeProvider } from "@openauthjs/openauth/provider/code";
import type { StorageAdapter } from "@openauthjs/openauth/storage/storage";
import { createSubjects } from "@openauthjs/openauth/subject";
import { CodeUI } from "@openauthjs/openauth/ui/code";
import { authClients, userSubjectSchema } from "@travel/core/identity";

/** The subjects our tokens carry (the shape is declared once, in core/identity). */
export const subjects = createSubjects({ user: userSubjectSchema });

/** OAuth clients allowed to sign travellers in, and where they may be redirected. */
export interface AuthClient {
  id: string;
  redirectHosts: string[];
}

/** The declared clients (core/identity): the web app and the CLI (`pnpm run token`). */
export const localClients: AuthClient[] = authClients.map((c) => ({ id: c.id, redirectHosts: [...c.redirectHosts] }));

export interface AuthIssuerOptions {
  storage: StorageAdapter;
  /** Delivers a sign-in code (email on AWS; a local file and the console on one machine). */
  sendCode(email: string, code: string): Promise<void>;
  /** Emails that sign in as admins. */
  adminEmails: readonly string[];
  clients: readonly AuthClient[];
}

/** A stable user id per email (no user record is needed to issue a token). */
export function userIdFor(email: string): string {
  return `usr_${createHash("sha256").update(email.trim().toLowerCase()).digest("base64url").slice(0, 22)}`;
}

/**
 * The OAuth 2.0 issuer (OpenAuth): authorization code + PKCE and refresh tokens, a one-time code
 * sent to the traveller's email, ES256 signing keys kept in its storage, JWKS at
 * `/.well-known/jwks.json`. Our code depends on this function only, so the issuer can be swapped.
 */
export function createAuthIssuer(options: AuthIssuerOptions) {
  const admins = new Set(options.adminEmails.map((e) => e.trim().toLowerCase()));
  return issuer({
    subjects,
    storage: options.storage,
    ttl: { access: 15 * 60, refresh: 30 * 24 * 3600 },
    providers: {
      code: CodeProvider(
        CodeUI({
          sendCode: async (claims, code) => {
            if (!claims.email) throw new Error("an email is required");
            await options.sendCode(claims.email.trim().toLowerCase(), code);
          },
        }),
      ),
    },
    allow: async ({ clientID, redirectURI }) => {
      const client = options.clients.find((c) => c.id === clientID);
      return Boolean(client?.redirectHosts.includes(new URL(redirectURI).hostname));
    },
    success: async (ctx, value) => {
      const email = value.claims.email!.trim().toLowerCase();
      return ctx.subject("user", { id: userIdFor(email), email, role: admins.has(email) ? "admin" : "traveller" });
    },
  });
}
