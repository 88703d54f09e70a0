import type { JWTVerifyGetKey } from "jose";
import { z } from "zod";

/**
 * Verifying the access tokens our OAuth 2.0 issuer (OpenAuth) signs: ES256 JWTs with a `kid`, whose
 * public keys the issuer publishes at `/.well-known/jwks.json`. Claims as OpenAuth writes them:
 * `iss`, `aud` (the client id), `sub`, `exp`, `mode: "access"`, `type` (the subject type) and
 * `properties` (the subject). Only the expected algorithm is accepted, so `alg: none` and HS256
 * signed with the public key (algorithm confusion) are refused before any key is used.
 */
export const accessTokenAlgorithms = ["ES256"];

/**
 * The OAuth clients travellers sign in with, declared once: the issuer allows them (with their
 * redirect hosts) and the API accepts tokens issued to them (`aud`).
 */
export const authClients = [
  { id: "travel-web", redirectHosts: ["127.0.0.1", "localhost"] },
  { id: "travel-cli", redirectHosts: ["127.0.0.1", "localhost"] },
] as const;

export interface AccessTokenSettings {
  /** The issuer's URL, exactly as it writes `iss`. */
  issuer: string;
  /** The client ids tokens may be issued to (`aud`). */
  audience: string | readonly string[];
  /** Default: `<issuer>/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** Allowed clock difference for `exp` / `nbf`. */
  clockToleranceSeconds?: number;
}

/** Who a verified token speaks for. */
export interface TokenSubject {
  userId: string;
  email?: string;
  /** The role the issuer put in the token; config may promote further (admin allow-list). */
  role: "traveller" | "admin";
}

export const tokenRejections = [
  "malformed",
  "unsupported-algorithm",
  "unknown-key",
  "bad-signature",
  "expired",
  "not-yet-valid",
  "wrong-issuer",
  "wrong-audience",
  "not-an-access-token",
  "invalid-claims",
] as const;
export type TokenRejection = (typeof tokenRejections)[number];

/** The token is not acceptable (401). `reason` is for logs and the audit trail, not for the caller. */
export class InvalidTokenError extends Error {
  override name = "InvalidTokenError";
  constructor(
    readonly reason: TokenRejection,
    message: string,
  ) {
    super(message);
  }
}

/** The issuer's keys could not be fetched: nothing is known about the token (503, not 401). */
export class TokenKeysUnavailableError extends Error {
  override name = "TokenKeysUnavailableError";
}

/**
 * The `user` subject the issuer signs (`properties` of the token), declared once: the issuer builds
 * its OpenAuth subjects from it and the verifier checks tokens against it.
 */
export const userSubjectSchema = z.object({
  id: z.string().min(1).max(128),
  email: z.email().optional(),
  role: z.enum(["traveller", "admin"]).optional(),
});
export type UserSubject = z.infer<typeof userSubjectSchema>;
const userSubject = userSubjectSchema;

const accessClaims = z.object({
  mode: z.literal("access"),
  type: z.literal("user"),
  sub: z.string().min(1),
  properties: userSubject,
});

export type AccessTokenVerifier = (token: string) => Promise<TokenSubject>;

/**
 * `keys` defaults to the issuer's JWKS over HTTPS, cached (10 min) and refetched at most every 30 s
 * when a token names a key it does not know (rotation), with a 3 s timeout. jose is loaded with the
 * first token, so requests without one (anonymous searches, health) never parse it.
 */
export function createAccessTokenVerifier(settings: AccessTokenSettings, keys?: JWTVerifyGetKey): AccessTokenVerifier {
  let verifying: Promise<{ jose: typeof import("jose"); jwks: JWTVerifyGetKey }> | undefined;
  const verifier = () =>
    (verifying ??= import("jose").then(
      (jose) => ({
        jose,
        jwks:
          keys ??
          jose.createRemoteJWKSet(new URL(settings.jwksUrl ?? `${settings.issuer.replace(/\/$/, "")}/.well-known/jwks.json`), {
            cacheMaxAge: 10 * 60_000,
            cooldownDuration: 30_000,
            timeoutDuration: 3_000,
          }),
      }),
      (error: unknown) => {
        verifying = undefined;
        throw error;
      },
    ));
  return async (token) => {
    const { jose, jwks } = await verifier();
    let payload: unknown;
    try {
      ({ payload } = await jose.jwtVerify(token, jwks, {
        issuer: settings.issuer,
        audience: typeof settings.audience === "string" ? settings.audience : [...settings.audience],
        algorithms: accessTokenAlgorithms,
        clockTolerance: settings.clockToleranceSeconds ?? 30,
        requiredClaims: ["exp", "sub"],
      }));
    } catch (error) {
      throw rejection(jose.errors, error);
    }
    const claims = accessClaims.safeParse(payload);
    if (!claims.success) {
      const notAccess = (payload as { mode?: unknown }).mode !== "access";
      throw new InvalidTokenError(notAccess ? "not-an-access-token" : "invalid-claims", notAccess ? "not an access token" : "the token's subject is not a user");
    }
    const { properties } = claims.data;
    return { userId: properties.id, ...(properties.email ? { email: properties.email } : {}), role: properties.role ?? "traveller" };
  };
}

function rejection(errors: typeof import("jose").errors, error: unknown): Error {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return new TokenKeysUnavailableError(`the issuer's keys are unavailable: ${error.message}`);
  if (error instanceof errors.JWTExpired) return new InvalidTokenError("expired", "the token has expired");
  if (error instanceof errors.JWTClaimValidationFailed) {
    const byClaim: Record<string, TokenRejection> = { iss: "wrong-issuer", aud: "wrong-audience", nbf: "not-yet-valid", exp: "expired" };
    return new InvalidTokenError(byClaim[error.claim] ?? "invalid-claims", `claim ${error.claim}: ${error.reason}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return new InvalidTokenError("unsupported-algorithm", "the token's algorithm is not accepted");
  if (error instanceof errors.JWKSNoMatchingKey) return new InvalidTokenError("unknown-key", "the token was signed with a key the issuer does not publish");
  if (error instanceof errors.JWSSignatureVerificationFailed) return new InvalidTokenError("bad-signature", "the token's signature does not match");
  if (error instanceof errors.JOSEError) return new InvalidTokenError("malformed", "the token is not a well-formed JWT");
  // Network failures fetching the JWKS surface as plain errors (fetch failed, ECONNREFUSED).
  return new TokenKeysUnavailableError(`the issuer's keys are unavailable: ${(error as Error).message}`);
}
