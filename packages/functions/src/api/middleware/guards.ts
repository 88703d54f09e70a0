import type { MiddlewareHandler } from "hono";
import { actorOf, audit } from "../caller";
import type { ApiEnv } from "../env";
import { problem } from "../problem";

/** Routes that act for a signed-in traveller: without a token, 401 with a Bearer challenge. */
export const requireUser: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (c.get("user")) return next();
  c.header("WWW-Authenticate", 'Bearer realm="travel-platform"');
  const partner = c.get("caller").kind === "partner";
  return problem(
    c,
    401,
    "sign-in-required",
    "Sign-in required",
    partner ? "an API key identifies a partner, not a traveller: send the traveller's Authorization: Bearer <access token>" : "send Authorization: Bearer <access token> from the sign-in issuer",
  );
};

/** Operator routes: an admin's access token (role from the issuer's admin list). Travellers get 403. */
export const requireAdmin: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const user = c.get("user");
  if (user?.role === "admin") return next();
  if (user) {
    await audit(c, { action: "auth.forbidden", outcome: "denied", actor: actorOf(c), target: { type: "route", id: `${c.req.method} ${c.req.path}` } });
    return problem(c, 403, "forbidden", "Admins only", "this endpoint needs the admin role");
  }
  c.header("WWW-Authenticate", 'Bearer realm="travel-platform"');
  return problem(c, 401, "sign-in-required", "Admin sign-in required", "send Authorization: Bearer <an admin's access token>");
};
