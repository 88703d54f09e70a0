import type { Context } from "hono";
import type { AuditRecord, Caller } from "@travel/core/identity";
import type { ApiEnv } from "./env";

/** Write an audit entry for this request (who, from where, which request). */
export function audit(c: Context<ApiEnv>, record: Omit<AuditRecord, "ip" | "userAgent" | "requestId">): Promise<void> {
  const userAgent = c.req.header("user-agent");
  return c.get("deps").identity.audit.record({
    ...record,
    ip: c.get("clientAddress"),
    ...(userAgent ? { userAgent } : {}),
    requestId: c.get("requestId"),
  });
}

/** Who a caller is to analytics (only a hash of it is kept); a signed-in user is the same person when they book. */
export function visitorOf(caller: Caller): string {
  switch (caller.kind) {
    case "user":
      return `user:${caller.userId}`;
    case "partner":
      return `partner:${caller.keyId}`;
    case "anonymous":
      return `address:${caller.address}`;
  }
}

/** The signed-in user's audit identity. */
export function actorOf(c: Context<ApiEnv>): AuditRecord["actor"] {
  const user = c.get("user");
  return user ? { type: user.role === "admin" ? "admin" : "user", id: user.userId } : { type: "anonymous", id: c.get("clientAddress") };
}
