import { OpenAPIHono } from "@hono/zod-openapi";
import { swaggerUI } from "@hono/swagger-ui";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { logger, metrics } from "@travel/core/observability";
import { SupplierError, SupplierUnavailableError } from "@travel/core/search";
import type { ApiDependencies } from "./deps";
import type { ApiEnv } from "./env";
import { problem, validationProblem } from "./problem";
import { RenderedResponses } from "./rendered-responses";
import { identifyCaller, requireAdmin, requireUser, visitorOf } from "./authentication";
import { rateLimit } from "./rate-limit";
import { responseHeaders } from "./response-headers";
import { requestTarget, sendRendered } from "./search-response";
import { destinationRoutes } from "./routes/destinations";
import { flightRoutes } from "./routes/flights";
import { adminRoutes } from "./routes/admin";
import { analyticsRoutes } from "./routes/analytics";
import { apiKeyRoutes } from "./routes/api-keys";
import { auditRoutes } from "./routes/audit";
import { meRoutes } from "./routes/me";
import { carRoutes } from "./routes/cars";
import { healthRoutes } from "./routes/health";
import { hotelRoutes } from "./routes/hotels";
import { offerRoutes } from "./routes/offers";
import { reservationRoutes } from "./routes/reservations";

/** No request body this API takes comes near this; anything larger is refused before parsing. */
export const maxRequestBodyBytes = 64 * 1024;

/** Who may call what, declared once: admin routes need an admin's token, these a signed-in user's. */
export const guardedPaths = {
  admin: ["/v1/admin/*"],
  user: ["/v1/me", "/v1/me/*", "/v1/reservations", "/v1/reservations/*", "/v1/orders/*"],
} as const;

export interface AppOptions {
  /** The caller's address as this runtime knows it: the socket on Node, API Gateway's source IP on Lambda. */
  clientAddress(c: Context): string | undefined;
  /** Browser origins allowed by CORS (the `ApiSettings` link); none: same-origin only. */
  allowedOrigins?: readonly string[];
  /**
   * Compress responses for clients that accept it. On Lambda, API Gateway compresses instead
   * (minimumCompressionSize in infra/api.ts): a compressed Lambda body would need binary media
   * types on the REST API.
   */
  compress?: boolean;
}

/**
 * A request's route for metrics and logs: the matched route pattern (bounded: patterns are code),
 * never the raw path, except a search answered from the rendered responses, whose middleware
 * pattern would hide which search it was (only real search paths are rendered).
 */
function metricRoute(c: Context<ApiEnv>): string {
  const pattern = c.req.routePath;
  return `${c.req.method} ${pattern === "/v1/search/*" && c.res.status === 200 ? c.req.path : pattern}`;
}

export function createApp(deps: ApiDependencies, options: AppOptions) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c, result.error);
    },
  });

  // One line per request at INFO; decided once because it is on the hot path.
  const requestLogs = ["DEBUG", "INFO"].includes(logger.getLevelName());
  const rendered = new RenderedResponses();
  deps.cache.onEntriesChanged((entries) => rendered.entriesChanged(entries));
  const compressResponse = compress();

  app.use(responseHeaders());
  app.use(async (c, next) => {
    c.set("deps", deps);
    c.set("rendered", rendered);
    c.set("compress", options.compress ?? false);
    c.set("clientAddress", options.clientAddress(c) ?? "unknown");
    const started = performance.now();
    await next();
    const latencyMs = performance.now() - started;
    const route = metricRoute(c);
    metrics.record("APILatency", latencyMs, { Route: route });
    if (!requestLogs) return;
    const caller = c.get("caller");
    logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route,
      path: c.req.path,
      status: c.res.status,
      latencyMs: Math.round(latencyMs),
      cache: c.get("cacheStatus"),
      caller: caller?.kind,
      // Who, without saying who: the same hash the analytics count unique visitors by.
      ...(caller && caller.kind !== "anonymous" ? { userHash: deps.analytics.recorder.visitorHashOf(visitorOf(caller)) } : {}),
    });
  });
  // Browsers on the allowed origins only; preflights are answered here, before any credential.
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  if (allowedOrigins.size > 0) {
    app.use(
      cors({
        origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
        allowMethods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "X-Api-Key", "X-Request-Id"],
        exposeHeaders: ["X-Request-Id", "X-Cache", "Age", "ETag", "Retry-After", "Idempotent-Replayed", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy", "X-Quota-Limit", "X-Quota-Remaining", "X-Quota-Reset"],
        maxAge: 600,
      }),
    );
  }
  // Only where a body can come: on a GET, Hono's bodyLimit would still build a Fetch Request
  // (with its AbortController) from Node's request to look for one, on every search.
  const limitBody = bodyLimit({
    maxSize: maxRequestBodyBytes,
    onError: (c) => problem(c, 413, "payload-too-large", "Request body too large", `request bodies are at most ${maxRequestBodyBytes / 1024} KiB`),
  });
  app.use((c, next) => (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS" ? next() : limitBody(c, next)));
  // Who is calling (API key, access token, or an anonymous address), then their rate limit.
  app.use(identifyCaller);
  app.use(rateLimit);
  for (const path of guardedPaths.admin) app.use(path, requireAdmin);
  for (const path of guardedPaths.user) app.use(path, requireUser);
  // Repeats of a fresh search URL are answered here (see RenderedResponses); everything after
  // this line is the full path.
  app.use("/v1/search/*", async (c, next) => {
    const hit = c.req.method === "GET" ? rendered.lookup(requestTarget(c), Date.now()) : undefined;
    if (!hit) return next();
    deps.cache.counters.add(hit.type, "hits");
    return sendRendered(c, hit, "HIT");
  });
  // Search responses compress themselves (once per rendered body); the rest through Hono's
  // middleware, only for clients that ask (it would otherwise cost every response a header pass).
  if (options.compress) {
    app.use(async (c, next) => (c.req.header("Accept-Encoding") ? compressResponse(c, next) : next()));
  }

  app.route("/", healthRoutes);
  app.route("/", destinationRoutes);
  app.route("/", flightRoutes);
  app.route("/", hotelRoutes);
  app.route("/", carRoutes);
  app.route("/", offerRoutes);
  app.route("/", reservationRoutes);
  app.route("/", meRoutes);
  app.route("/", adminRoutes);
  app.route("/", apiKeyRoutes);
  app.route("/", auditRoutes);
  app.route("/", analyticsRoutes);
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "An access token from the OAuth issuer (authorization code + PKCE). Admin routes need an admin's token.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description: "A partner API key (tpk_…): identifies the partner and applies its usage plan's rate and daily quota",
  });

  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Travel Platform API",
      version: "0.1.0",
      description:
        "Flight, hotel, car and destination search through supplier APIs behind a Redis cache; reservations and orders; " +
        "accounts and partner API keys. Search is open to anonymous callers (rate-limited per address), partners " +
        "(`x-api-key`, limited by their usage plan) and signed-in users (`Authorization: Bearer`, per user). Every " +
        "response carries `RateLimit-*` headers; over a limit: 429 with `Retry-After`. Errors are " +
        "`application/problem+json` (RFC 9457).",
    },
  });
  // Relative URL so the page also works under an API Gateway stage prefix (/prod/docs).
  app.get("/docs", swaggerUI({ url: "./openapi.json", title: "Travel Platform API" }));

  app.notFound((c) => problem(c, 404, "not-found", "Not found", `No route for ${c.req.method} ${c.req.path}`));

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const invalidField = error.cause as { field?: string; message?: string } | undefined;
      if (error.status === 400 && invalidField?.field) {
        return problem(c, 400, "invalid-request", "The request is invalid", error.message, {
          errors: [{ field: invalidField.field, message: invalidField.message }],
        });
      }
      return problem(c, error.status, "http-error", error.message || "Request failed");
    }
    if (error instanceof SupplierUnavailableError) {
      c.header("Retry-After", String(error.retryAfterSeconds));
      return problem(c, 503, "supplier-unavailable", "The supplier is unavailable", error.message, {
        supplier: error.supplier,
        retryAfterSeconds: error.retryAfterSeconds,
      });
    }
    if (error instanceof SupplierError) {
      logger.warn("supplier call failed", { requestId: c.get("requestId"), supplier: error.supplier, status: error.status, error: error.message });
      const timedOut = error.status === undefined && /did not answer/.test(error.message);
      return timedOut
        ? problem(c, 504, "supplier-timeout", "The supplier did not answer in time", error.message, { supplier: error.supplier })
        : problem(c, 502, "supplier-error", "The supplier failed", error.message, { supplier: error.supplier });
    }
    if (isInvalidCursor(error)) {
      const message = "is not a cursor this listing returned (pass meta.nextCursor unchanged, with the same filters)";
      return problem(c, 400, "invalid-request", "The request is invalid", `cursor: ${message}`, { errors: [{ field: "cursor", message }] });
    }
    if (isTransientStoreError(error)) {
      logger.warn("data store unavailable", { requestId: c.get("requestId"), error: error.message, name: error.name });
      c.header("Retry-After", "1");
      return problem(c, 503, "temporarily-unavailable", "Temporarily unavailable", "A data store did not answer in time. Nothing was changed; retry (with the same Idempotency-Key for a POST).");
    }
    logger.error("unhandled error", { requestId: c.get("requestId"), error });
    return problem(c, 500, "internal", "Internal error", "Something went wrong on our side; the request id identifies it in our logs.");
  });

  return app;
}

export type App = ReturnType<typeof createApp>;

/**
 * A pagination cursor that ElectroDB cannot decode, or that DynamoDB refuses as a start key: the
 * caller's input, so a 400 (lists pass cursors through to ElectroDB unchanged).
 */
function isInvalidCursor(error: Error | undefined): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = e.cause as Error | undefined, depth++) {
    if (/Unable to parse cursor|Invalid cursor provided/.test(e.message)) return true;
    if (e.name === "ValidationException" && /start(ing)? key|ExclusiveStartKey/i.test(e.message)) return true;
  }
  return false;
}

/**
 * AWS SDK failures that mean "busy or unreachable, try again": timeouts, throttling, 5xx. A
 * transaction that failed this way wrote nothing (DynamoDB transactions are all or nothing).
 */
const transientErrorNames = new Set(["TimeoutError", "ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable", "TransactionInProgressException"]);

function isTransientStoreError(error: Error): boolean {
  // ElectroDB wraps the SDK's error.
  const cause = (error as { isElectroError?: boolean }).isElectroError ? (error.cause as Error | undefined) : undefined;
  if (cause) return isTransientStoreError(cause);
  const sdk = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string; conflicted?: boolean };
  return (
    // A DynamoDB transaction that kept colliding with others in flight (TransactionRejected).
    sdk.conflicted === true ||
    transientErrorNames.has(error.name) ||
    Boolean(sdk.$retryable) ||
    (sdk.$metadata?.httpStatusCode ?? 0) >= 500 ||
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"].includes(sdk.code ?? "")
  );
}
