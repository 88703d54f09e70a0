/**
 * The document's shared parts: security schemes, the headers every response carries, and the
 * problem responses the pipeline (not the route) can answer with. Referenced by document.ts.
 */

const tokenVerification =
  "Verified as RFC8725 recommends: ES256 only, against the issuer's published keys, with issuer, audience, expiry and not-before checked.";

export const securitySchemes = {
  apiKey: {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description: "A partner API key (`tpk_…`), issued by an admin: identifies the partner and applies its usage plan's rate and daily quota.",
  },
  bearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: `A traveller's (or an admin's) access token from the sign-in issuer (authorization code + PKCE). ${tokenVerification}`,
  },
  adminBearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: `An admin's access token from the sign-in issuer (role from the issuer's admin list); a traveller's token gets 403. ${tokenVerification}`,
  },
  duffelSignature: {
    type: "apiKey",
    in: "header",
    name: "X-Duffel-Signature",
    description:
      "Duffel's webhook signature, `t=<unix seconds>,v1=<hex>`: HMAC-SHA256 of `<t>.<raw body>` keyed with the webhook's secret (the DuffelWebhookSecret). " +
      "Compared in constant time; a timestamp more than 5 minutes from now is refused.",
  },
} as const;

const count = (description: string) => ({ description, schema: { type: "integer", format: "int32", minimum: 0 } });

/** Response headers, by name. `required` only where every response that declares one has it. */
export const headers = {
  "X-Request-Id": {
    description: "The caller's X-Request-Id when it is a sane token, else a new UUID: quote it when reporting a problem",
    required: true,
    schema: { type: "string", maxLength: 255, pattern: "^[\\w\\-=]{1,255}$" },
  },
  "RateLimit-Limit": count("Requests allowed in the current window (draft-ietf-httpapi-ratelimit-headers); on every response that reached the rate limit"),
  "RateLimit-Remaining": count("Requests left in the current window"),
  "RateLimit-Reset": count("Seconds until the window starts again"),
  "RateLimit-Policy": {
    description: "Every limit that applies: `limit;w=seconds`, the partner's daily quota after the rate",
    schema: { type: "string", maxLength: 100, pattern: "^\\d+;w=\\d+(, \\d+;w=\\d+)*$" },
  },
  "X-Quota-Limit": count("Partners (x-api-key): requests a day on the key's plan"),
  "X-Quota-Remaining": count("Partners: requests left today"),
  "X-Quota-Reset": { description: "Partners: when the daily quota starts again (00:00 UTC)", schema: { type: "string", format: "date-time", maxLength: 30 } },
  "Access-Control-Allow-Origin": {
    description: "The request's Origin, when it is on the deployment's allow-list (CORS); absent otherwise",
    schema: { type: "string", format: "uri", maxLength: 2048 },
  },
  "Retry-After": { description: "Seconds to wait before trying again: on every 429, and on a 503 that a retry can cure", schema: { type: "integer", format: "int32", minimum: 0 } },
  "Idempotent-Replayed": {
    description: "`true` when this is the stored response of an earlier request with the same Idempotency-Key",
    schema: { type: "string", enum: ["true"] },
  },
} as const;

export type HeaderName = keyof typeof headers;

export const headerRef = (name: HeaderName) => ({ $ref: `#/components/headers/${name}` });

/** What every response carries: its request id, where the caller stands on its limits, CORS. */
export const everyResponseHeaders: HeaderName[] = [
  "X-Request-Id",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
  "RateLimit-Policy",
  "X-Quota-Limit",
  "X-Quota-Remaining",
  "X-Quota-Reset",
  "Access-Control-Allow-Origin",
];

export const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: true,
  description:
    "Unique per request (e.g. a UUID); resend it only to retry the same request. The same key with the same body replays " +
    "the first response (`Idempotent-Replayed: true`); with another body: 422; while the first is still running: 409; missing: 400.",
  schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x20-\\x7E]{1,255}$" },
} as const;

const problemContent = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };

export const headersOf = (names: HeaderName[]) => Object.fromEntries(names.map((name) => [name, headerRef(name)]));

const problemResponse = (description: string, extra: HeaderName[] = []) => ({
  description,
  headers: headersOf([...everyResponseHeaders, ...extra]),
  content: problemContent,
});

/** Problems the pipeline answers for any route of a kind (see standardResponses in document.ts). */
export const responses = {
  BadRequest: problemResponse("Invalid request: `errors` names each invalid field and what is wrong with it"),
  InvalidCredential: problemResponse("A credential was sent and is not valid (unknown or revoked x-api-key, invalid or expired token; see WWW-Authenticate). Without one the route answers anonymously."),
  SignInRequired: problemResponse("Not signed in, or the access token is not valid (see WWW-Authenticate). An x-api-key identifies a partner, not a traveller."),
  Forbidden: problemResponse("Signed in, but not an admin"),
  PayloadTooLarge: problemResponse("The request body is over 64 KiB; refused before it is read"),
  UnsupportedMediaType: problemResponse("The body is not `application/json`"),
  TooManyRequests: problemResponse("Over the caller's rate limit or daily quota, or too many refused credentials from this address", ["Retry-After"]),
  InternalError: problemResponse("Something went wrong on our side; the request id identifies it in our logs"),
  ServiceUnavailable: problemResponse("A data store or the sign-in service did not answer; nothing was changed. Retry after Retry-After.", ["Retry-After"]),
} as const;

export type StandardResponse = keyof typeof responses;

/** The document's tags, in reading order. */
export const tags = [
  { name: "Search", description: "Flights, hotels and cars through the suppliers, behind the cache; open to anonymous callers, partners and travellers" },
  { name: "Offers", description: "An offer from a search, re-priced before booking" },
  { name: "Destinations", description: "Airports and cities: autocomplete, details, popular destinations" },
  { name: "Reservations", description: "Holds, confirmations, cancellations and orders of the signed-in traveller (each unsafe POST under an Idempotency-Key)" },
  { name: "Account", description: "The signed-in traveller's profile and personal data" },
  { name: "Webhooks", description: "Events suppliers send us, signed with a shared secret (not for travellers or partners)" },
  { name: "Admin", description: "Operators: cache, suppliers, events, audit log (an admin's token)" },
  { name: "Admin: API keys", description: "Partner API keys and their usage plans" },
  { name: "Admin: analytics", description: "Real-time figures for the dashboard" },
  { name: "Health", description: "Liveness and readiness probes" },
];
