import { createHash, randomBytes } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { Failure } from "./control";

/**
 * Duffel API v2 as the simulator speaks it, shared by its flights and stays endpoints: ids, the
 * error envelope, the headers on every answer and the checks Duffel makes before reading a
 * request (bearer token, `Duffel-Version`, `{"data": …}` bodies).
 */
export const defaultSimulatorDuffelToken = "duffel_test_simulator";

/** A phone number in E.164 (+442080160509) and an email address, as the simulator checks them. */
export const e164Pattern = /^\+[1-9]\d{6,14}$/;
export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type DuffelEnv = { Variables: { requestId: string; liveMode: boolean } };
type DuffelContext = Context<DuffelEnv>;

/** An id in Duffel's shape (`off_0000…`, 22 characters after the prefix), the same for the same parts. */
export function duffelId(prefix: string, ...parts: Array<string | number>): string {
  const digest = createHash("sha256").update(parts.join("|")).digest("base64").replace(/[^A-Za-z0-9]/g, "");
  return `${prefix}_0000${digest.slice(0, 18)}`;
}

export type DuffelErrorType =
  | "authentication_error"
  | "invalid_request_error"
  | "validation_error"
  | "invalid_state_error"
  | "airline_error"
  | "rate_limit_error"
  | "api_error";

export interface DuffelErrorItem {
  type: DuffelErrorType;
  code: string;
  title: string;
  message: string;
  source?: { field: string; pointer: string } | { parameter: string };
}

export function duffelError(c: DuffelContext, status: number, ...items: DuffelErrorItem[]): Response {
  const requestId = c.get("requestId");
  const errors = items.map((item) => ({ ...item, documentation_url: "https://duffel.com/docs/api/overview/errors" }));
  return c.json({ errors, meta: { status, request_id: requestId } }, status as 400);
}

type ValidationCode = "validation_required" | "validation_format" | "validation_inclusion";
const validationTitles: Record<ValidationCode, string> = { validation_required: "Required field", validation_format: "Invalid format", validation_inclusion: "Invalid value" };

/** A field of the request's `data` that failed validation, with the pointer Duffel gives (`/slices/0/origin`). */
export function invalidField(pointer: string, code: ValidationCode, message: string): DuffelErrorItem {
  const field = pointer.split("/").filter((p) => p && !/^\d+$/.test(p)).at(-1) ?? "data";
  return { type: "validation_error", code, title: validationTitles[code], message, source: { field, pointer } };
}

/** A query parameter that failed validation: Duffel names it in `source.parameter`. */
export function invalidParameter(parameter: string, code: ValidationCode, message: string): DuffelErrorItem {
  return { type: "validation_error", code, title: validationTitles[code], message, source: { parameter } };
}

export const notFound = (what: string): DuffelErrorItem => ({
  type: "invalid_request_error",
  code: "not_found",
  title: "Not found",
  message: `The resource you are trying to access does not exist: ${what}`,
});

/** What the supplier gate's refusals look like in Duffel's format. */
export function duffelFailure(c: Context, failure: Failure): Response {
  const d = c as unknown as DuffelContext;
  if (failure === "rate-limited") {
    c.header("ratelimit-remaining", "0");
    return duffelError(d, 429, {
      type: "rate_limit_error",
      code: "rate_limit_exceeded",
      title: "Rate limit exceeded",
      message: "Too many requests hit the API too quickly. Please retry your request after the time specified in the `ratelimit-reset` header.",
    });
  }
  if (failure === "down") {
    // Duffel does not document a 503 body; an api_error is what its other 5xx answers carry.
    return duffelError(d, 503, { type: "api_error", code: "service_unavailable", title: "Service unavailable", message: "The supplier simulator's Duffel side is down." });
  }
  return duffelError(d, 500, { type: "api_error", code: "internal_server_error", title: "Internal server error", message: "Something went wrong (simulated)." });
}

/**
 * Duffel allows 4000 requests a minute per token and says so on every answer. The simulator
 * reports a window like it but never enforces it: benchmarks go faster than that on loopback, and
 * `/__control` (`rateLimited`) is the way to get a 429.
 */
function rateWindow() {
  const limit = 4000;
  let windowEnd = 0;
  let used = 0;
  return () => {
    const now = Date.now();
    if (now >= windowEnd) {
      windowEnd = (Math.floor(now / 60_000) + 1) * 60_000;
      used = 0;
    }
    used += 1;
    return { limit, remaining: Math.max(0, limit - used), reset: new Date(windowEnd).toUTCString() };
  };
}

/**
 * Every Duffel answer, refusals included: a request id (header and `meta.request_id`), the
 * lowercase rate-limit headers, and JSON. Runs before the supplier gate so its 429s and 503s
 * carry them too.
 */
export function duffelHeaders(): MiddlewareHandler<DuffelEnv> {
  const take = rateWindow();
  return async (c, next) => {
    const requestId = randomBytes(15).toString("base64url");
    c.set("requestId", requestId);
    const window = take();
    c.header("x-request-id", requestId);
    c.header("ratelimit-limit", String(window.limit));
    c.header("ratelimit-remaining", String(window.remaining));
    c.header("ratelimit-reset", window.reset);
    await next();
  };
}

/** Duffel's refusals of a request whose headers are wrong, as its Ruby client's fixtures record them. */
const headerRefusals = {
  missingAuthorization: { status: 401, type: "authentication_error", code: "missing_authorization_header", title: "Missing authorization header", message: "The 'Authorization' header needs to be set and contain a valid API token." },
  // Duffel documents 401 authentication_error for a bad token but not its code; this one is ours.
  invalidToken: { status: 401, type: "authentication_error", code: "invalid_access_token", title: "Invalid access token", message: "The access token used is not valid." },
  missingVersion: { status: 400, type: "invalid_request_error", code: "missing_version_header", title: "Missing version header", message: "The 'Duffel-Version' header needs to be set to a valid API version." },
  // An assumption: Duffel's answer to a retired or unknown version is not documented.
  unsupportedVersion: { status: 400, type: "invalid_request_error", code: "unsupported_version", title: "Unsupported version", message: "The 'Duffel-Version' header needs to be set to a valid API version (v2)." },
} satisfies Record<string, DuffelErrorItem & { status: number }>;

/** The headers Duffel requires, checked in the order Duffel's own errors suggest. */
export function duffelChecks(accessToken: string): MiddlewareHandler<DuffelEnv> {
  return async (c, next) => {
    const authorization = c.req.header("authorization");
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    const version = c.req.header("duffel-version");
    const refusal = !authorization
      ? headerRefusals.missingAuthorization
      : token !== accessToken
        ? headerRefusals.invalidToken
        : !version
          ? headerRefusals.missingVersion
          : version !== "v2"
            ? headerRefusals.unsupportedVersion
            : undefined;
    if (refusal) {
      const { status, ...item } = refusal;
      return duffelError(c, status, item);
    }
    c.set("liveMode", token!.startsWith("duffel_live_"));
    await next();
  };
}

/**
 * The `data` object of a request body. Clients send no body at all for actions that take no
 * arguments (`fetch_all_rates`), so an empty body is an empty `data`.
 */
export async function readData(c: DuffelContext): Promise<Record<string, unknown> | Response> {
  const text = await c.req.text();
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Duffel's code for unparseable JSON is not documented; a 400 invalid_request_error is what it gives for bad requests.
    return duffelError(c, 400, { type: "invalid_request_error", code: "malformed_json", title: "Malformed JSON", message: "The request body is not valid JSON." });
  }
  const data = (body as { data?: unknown } | null)?.data;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return duffelError(c, 422, invalidField("/data", "validation_required", "The request body must be an object with a 'data' object: {\"data\": {…}}."));
  }
  return data as Record<string, unknown>;
}
