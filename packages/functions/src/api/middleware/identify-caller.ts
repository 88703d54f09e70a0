import type { Context, MiddlewareHandler } from "hono";
import { credentialGuessing, InvalidTokenError } from "@travel/core/identity";
import { logger } from "@travel/core/observability";
import { audit } from "../caller";
import type { ApiEnv } from "../env";
import { problem } from "../problem";
import { limitHeaders } from "./rate-limit";

/**
 * Who is calling, decided once per request before rate limiting (so plans apply):
 * - `x-api-key: tpk_…` — a partner, limited by its key's usage plan;
 * - `Authorization: Bearer <access token>` — a signed-in traveller or admin, verified against
 *   the issuer's JWKS (ES256 only; issuer, audience, expiry and not-before checked);
 * - neither — anonymous, limited per IP address (public routes only: the others need a user).
 * A credential that is presented and wrong is a 401, never a silent downgrade to anonymous.
 * Refused credentials count against the address; after too many it is locked out (429) and its
 * credentials are refused unchecked, so guessing keys or forging tokens gets nowhere fast. A
 * valid API key costs no Redis call here, a valid token one (was its account erased?); the rate
 * limit that follows makes its own.
 */
export const identifyCaller: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const apiKey = c.req.header("x-api-key");
  const authorization = c.req.header("authorization");
  const address = c.get("clientAddress");
  if (apiKey === undefined && authorization === undefined) {
    c.set("caller", { kind: "anonymous", address });
    return next();
  }
  const { identity } = c.get("deps");
  const lockedOut = identity.limiter.lockedOutHere(address);
  if (lockedOut > 0) return tooManyFailures(c, lockedOut);

  if (apiKey !== undefined) {
    const verified = await identity.apiKeys.verify(apiKey.trim());
    if ("refused" in verified) {
      return refuse(c, {
        action: "auth.api-key-refused",
        actorId: verified.keyId ?? "unknown",
        reason: verified.refused,
        response: () => problem(c, 401, "invalid-api-key", "Invalid API key", "the x-api-key is not a valid, active key"),
      });
    }
    c.set("caller", { kind: "partner", keyId: verified.keyId, plan: verified.plan });
    return next();
  }

  const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization ?? "")?.[1];
  const challenge = (error?: string) => c.header("WWW-Authenticate", `Bearer realm="travel-platform"${error ? `, error="${error}"` : ""}`);
  if (!token) {
    challenge("invalid_request");
    return problem(c, 401, "invalid-token", "Invalid Authorization header", "send Authorization: Bearer <access token> from the sign-in issuer");
  }
  let subject;
  try {
    subject = await c.get("deps").verifyToken(token);
  } catch (error) {
    // Anything else (the issuer's keys unreachable) is the error table's (error-problems.ts).
    if (!(error instanceof InvalidTokenError)) throw error;
    return refuse(c, {
      action: "auth.token-refused",
      actorId: "unknown",
      reason: error.reason,
      response: () => {
        challenge("invalid_token");
        return problem(c, 401, "invalid-token", "Invalid access token", "the access token is not valid; sign in again");
      },
    });
  }
  if (await identity.erasedUsers.isErased(subject.userId)) {
    challenge("invalid_token");
    return problem(c, 401, "invalid-token", "Invalid access token", "this account was erased; sign in again to start a new one");
  }
  c.set("user", { ...subject, accessToken: token });
  c.set("userId", subject.userId);
  c.set("caller", { kind: "user", userId: subject.userId });
  return next();
};

/**
 * Audit the refusal, count it against the address, answer 401 (or 429 when this one locks it out).
 * The request also counts as an anonymous one from its address, whose rate headers it carries.
 */
async function refuse(
  c: Context<ApiEnv>,
  refusal: { action: "auth.api-key-refused" | "auth.token-refused"; actorId: string; reason: string; response: () => Response },
): Promise<Response> {
  const { identity } = c.get("deps");
  const address = c.get("clientAddress");
  logger.info("credential refused", { requestId: c.get("requestId"), kind: refusal.action, reason: refusal.reason });
  c.set("caller", { kind: "anonymous", address });
  const [lockout, asAnonymous] = await Promise.all([identity.limiter.credentialRefused(address), identity.limiter.check({ kind: "anonymous", address })]);
  Object.assign(c.get("responseHeaders"), limitHeaders(asAnonymous));
  await audit(c, { action: refusal.action, outcome: "failure", actor: { type: "anonymous", id: refusal.actorId }, details: { reason: refusal.reason } });
  if (lockout > 0) {
    await audit(c, { action: "auth.locked-out", outcome: "denied", actor: { type: "anonymous", id: address }, details: { lockoutSeconds: lockout } });
    return tooManyFailures(c, lockout);
  }
  return refusal.response();
}

function tooManyFailures(c: Context<ApiEnv>, seconds: number): Response {
  c.header("Retry-After", String(seconds));
  // The limit that applies now is the one on refused credentials (no Redis call to say so).
  Object.assign(c.get("responseHeaders"), {
    "RateLimit-Limit": String(credentialGuessing.failures),
    "RateLimit-Remaining": "0",
    "RateLimit-Reset": String(seconds),
    "RateLimit-Policy": `${credentialGuessing.failures};w=${credentialGuessing.windowSeconds}`,
  });
  return problem(c, 429, "too-many-failed-credentials", "Too many failed credentials", `Too many invalid API keys or access tokens from this address; try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
  });
}
