import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ApiDependencies } from "./deps";
import type { ApiEnv } from "./env";
import { problemForError } from "./error-problems";
import { problem, validationProblem } from "./problem";
import { RenderedResponses } from "./rendered-responses";
import { limitRequestBody } from "./middleware/body-limit";
import { compressWhenAccepted } from "./middleware/compression";
import { allowedOriginsCors } from "./middleware/cors";
import { requireAdmin, requireUser } from "./middleware/guards";
import { identifyCaller } from "./middleware/identify-caller";
import { rateLimit } from "./middleware/rate-limit";
import { answerRepeatedSearch } from "./middleware/rendered-search";
import { requestContext } from "./middleware/request-context";
import { requestLog } from "./middleware/request-log";
import { responseHeaders } from "./middleware/response-headers";
import { apiDocument, type AccessRules } from "./openapi/document";
import { referencePage } from "./openapi/reference-page";
import { adminRoutes } from "./routes/admin";
import { analyticsRoutes } from "./routes/analytics";
import { apiKeyRoutes } from "./routes/api-keys";
import { auditRoutes } from "./routes/audit";
import { destinationRoutes } from "./routes/destinations";
import { healthRoutes } from "./routes/health";
import { meRoutes } from "./routes/me";
import { offerRoutes } from "./routes/offers";
import { reservationChangeRoutes } from "./routes/reservation-changes";
import { reservationRoutes } from "./routes/reservations";
import { reviewModerationRoutes } from "./routes/review-moderation";
import { reviewRoutes } from "./routes/reviews";
import { searchRoutes } from "./routes/search";
import { webhookRoutes } from "./routes/webhooks";

/** Who may call what, declared once: the guards below enforce it, the OpenAPI document states it. */
export const access: AccessRules = {
  admin: ["/v1/admin/*"],
  traveller: ["/v1/me", "/v1/me/*", "/v1/reservations", "/v1/reservations/*", "/v1/orders/*", "/v1/reviews", "/v1/reviews/*"],
  // Suppliers: the request's signature is the credential (routes/webhooks.ts checks it).
  signedBySupplier: ["/v1/webhooks/*"],
};

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

/** The API: middleware in the order a request meets it, then the routes by prefix. */
export function createApp(deps: ApiDependencies, options: AppOptions) {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c, result.error);
    },
  });
  const rendered = new RenderedResponses();
  deps.cache.onEntriesChanged((entries) => rendered.entriesChanged(entries));

  app.use(responseHeaders());
  app.use(requestContext({ deps, rendered, compress: options.compress ?? false, clientAddress: options.clientAddress }));
  app.use(requestLog());
  app.use(allowedOriginsCors(options.allowedOrigins ?? []));
  app.use(limitRequestBody());
  app.use(identifyCaller);
  app.use(rateLimit);
  for (const path of access.admin) app.use(path, requireAdmin);
  for (const path of access.traveller) app.use(path, requireUser);
  // A repeat of a fresh search URL ends here, before validation; everything after is the full path.
  app.use("/v1/search/*", answerRepeatedSearch);
  if (options.compress) app.use(compressWhenAccepted());

  mountRoutes(app);

  // Built on first request, not at every cold start; the routes are all mounted by then.
  let document: ReturnType<typeof apiDocument> | undefined;
  app.get("/openapi.json", (c) => c.json((document ??= apiDocument(app, access))));
  app.route("/docs", referencePage);

  app.notFound((c) => problem(c, 404, "not-found", "Not found", `No route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => problemForError(c, error));
  return app;
}

/** The routes by prefix: what the OpenAPI document describes (mounted alone, they make the whole document). */
function mountRoutes(app: OpenAPIHono<ApiEnv>): OpenAPIHono<ApiEnv> {
  app.route("/health", healthRoutes);
  app.route("/v1/destinations", destinationRoutes);
  app.route("/v1/search", searchRoutes);
  app.route("/v1/offers", offerRoutes);
  // Reservations, orders, the traveller's lists of both and offers' seat maps.
  app.route("/v1", reservationRoutes);
  app.route("/v1", reservationChangeRoutes);
  // Reviews: public lists under /v1/hotels and /v1/airlines; writes under /v1/reviews, /v1/me and /v1/reservations.
  app.route("/v1", reviewRoutes);
  app.route("/v1/me", meRoutes);
  app.route("/v1/admin", adminRoutes);
  app.route("/v1/admin", apiKeyRoutes);
  app.route("/v1/admin/audit", auditRoutes);
  app.route("/v1/admin", reviewModerationRoutes);
  app.route("/v1/admin/analytics", analyticsRoutes);
  app.route("/v1/webhooks", webhookRoutes);
  return app;
}

export type App = ReturnType<typeof createApp>;
