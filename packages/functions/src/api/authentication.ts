import type { Context, MiddlewareHandler } from "hono";
import { InvalidTokenError, TokenKeysUnavailableError, type TokenSubject } from "@travel/core/identity";
import { logger } from "@travel/core/observability";
import type { ApiEnv } from "./env";
import { problem } from "./problem";

/**
 * Verify an access token: its subject; `undefined` when it is not valid (the reason is logged,
 * never told); or, when the issuer's keys cannot be fetched, the 503 to answer (nothing is known
 * of the token then).
 */
export async function verifyAccessToken(c: Context<ApiEnv>, token: string): Promise<TokenSubject | undefined | Response> {
  try {
    return await c.get("deps").verifyToken(token);
  } catch (error) {
    if (error instanceof TokenKeysUnavailableError) {
      logger.warn("token keys unavailable", { requestId: c.get("requestId"), error: error.message });
      c.header("Retry-After", "5");
      return problem(c, 503, "temporarily-unavailable", "Temporarily unavailable", "The sign-in service's keys could not be fetched; retry.");
    }
    if (!(error instanceof InvalidTokenError)) throw error;
    logger.info("access token refused", { requestId: c.get("requestId"), reason: error.reason });
    return undefined;
  }
}

/**
 * Travellers are signed in: `Authorization: Bearer <access token>` from the OAuth issuer, verified
 * against its JWKS. Missing → 401 with a Bearer challenge; invalid → 401 `invalid_token`; the
 * issuer's keys unreachable → 503.
 */
export const requireUser: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(c.req.header("authorization") ?? "")?.[1];
  if (!token) {
    c.header("WWW-Authenticate", 'Bearer realm="travel-platform"');
    return problem(c, 401, "sign-in-required", "Sign-in required", "send Authorization: Bearer <access token> from the sign-in issuer");
  }
  const subject = await verifyAccessToken(c, token);
  if (subject instanceof Response) return subject;
  if (!subject) {
    c.header("WWW-Authenticate", 'Bearer realm="travel-platform", error="invalid_token"');
    return problem(c, 401, "invalid-token", "Invalid access token", "the access token is not valid; sign in again");
  }
  c.set("userId", subject.userId);
  await next();
};
