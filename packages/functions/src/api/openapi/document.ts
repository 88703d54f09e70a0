import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiEnv } from "../env";
import { problemSchema } from "../problem";
import { everyResponseHeaders, headers, headersOf, idempotencyKey, responses, securitySchemes, tags, type HeaderName, type StandardResponse } from "./components";
import { correctGeneratorOutput } from "./generator-fixes";

/**
 * The OpenAPI document of the app: what the routes declare (their own parameters, bodies and
 * answers), plus what the pipeline does to every route of a kind, added here once: who may call
 * it (from the same path rules the guards enforce), and the problems the middleware answers with
 * (invalid input, credentials, body size and type, rate limits, failures), with their headers.
 */

/** Hono path patterns guarded by requireAdmin and requireUser (app.ts); everything else is public. */
export interface AccessRules {
  admin: readonly string[];
  traveller: readonly string[];
  /** Suppliers' webhooks: authenticated by their signature alone. */
  signedBySupplier: readonly string[];
}

type Access = "public" | "traveller" | "admin" | "signedBySupplier";

/** Public routes take anyone; a credential, when sent, must be valid (401 otherwise). */
const securityOf: Record<Access, Array<Record<string, string[]>>> = {
  public: [{}, { apiKey: [] }, { bearer: [] }],
  traveller: [{ bearer: [] }],
  admin: [{ adminBearer: [] }],
  signedBySupplier: [{ duffelSignature: [] }],
};

const info = {
  title: "Travel Platform API",
  version: "0.1.0",
  description:
    "Flight, hotel, car and destination search through supplier APIs behind a Redis cache; reservations and orders; " +
    "accounts and partner API keys. Search is open to anonymous callers (rate-limited per address), partners " +
    "(`x-api-key`, limited by their usage plan) and signed-in users (`Authorization: Bearer`, per user). Every " +
    "response carries `RateLimit-*` headers; over a limit: 429 with `Retry-After`. Errors are " +
    "`application/problem+json` (RFC 9457). Codes (IATA, currencies, cabins, car types, amenities) are " +
    "case-insensitive: they are normalised to upper case.",
};

// Relative: each deployment's document describes that deployment, under an API Gateway stage prefix too.
const servers = [{ url: ".", description: "This deployment (local, staging or production): the API that serves this document", "x-internal": false }];

type Json = Record<string, unknown>;
const methods = new Set(["get", "put", "post", "patch", "delete", "head", "options"]);
const methodsWithoutBody = new Set(["get", "head", "options"]);

function accessMatcher(rules: AccessRules): (path: string) => Access {
  // Hono's `/prefix/*` also matches the prefix itself.
  const toRegex = (pattern: string) => new RegExp(`^${pattern.replace(/\/\*$/, "(/.*)?")}$`);
  const admin = rules.admin.map(toRegex);
  const traveller = rules.traveller.map(toRegex);
  const signed = rules.signedBySupplier.map(toRegex);
  return (path) =>
    admin.some((r) => r.test(path)) ? "admin" : traveller.some((r) => r.test(path)) ? "traveller" : signed.some((r) => r.test(path)) ? "signedBySupplier" : "public";
}

const ref = (name: StandardResponse) => ({ $ref: `#/components/responses/${name}` });

/** The problems the pipeline can answer an operation of this kind with. */
function standardResponses(operation: Json, method: string, access: Access): Record<string, unknown> {
  const takesInput = (operation.parameters as unknown[] | undefined)?.length || operation.requestBody;
  return {
    ...(takesInput ? { 400: ref("BadRequest") } : {}),
    401: ref(access === "public" ? "InvalidCredential" : "SignInRequired"),
    ...(access === "admin" ? { 403: ref("Forbidden") } : {}),
    ...(methodsWithoutBody.has(method) ? {} : { 413: ref("PayloadTooLarge") }),
    // Hono's validator refuses other media types wherever a JSON body is declared.
    ...(operation.requestBody ? { 415: ref("UnsupportedMediaType") } : {}),
    429: ref("TooManyRequests"),
    500: ref("InternalError"),
    503: ref("ServiceUnavailable"),
  };
}

/** An unsafe POST under an Idempotency-Key: the shared parameter, and the replay header on its answers. */
function takesIdempotencyKey(operation: Json): boolean {
  const parameters = (operation.parameters ?? []) as Json[];
  const index = parameters.findIndex((p) => typeof p.name === "string" && p.name.toLowerCase() === "idempotency-key");
  if (index < 0) return false;
  parameters[index] = { $ref: "#/components/parameters/Idempotency-Key" };
  return true;
}

function describeOperation(operation: Json, method: string, access: Access): void {
  operation.security = securityOf[access];
  const idempotent = takesIdempotencyKey(operation);
  const merged = { ...standardResponses(operation, method, access), ...(operation.responses as Record<string, Json>) } as Record<string, Json>;
  for (const [status, response] of Object.entries(merged)) {
    if ("$ref" in response) continue;
    const extra: HeaderName[] = [...(status === "429" || status === "503" ? ["Retry-After" as const] : []), ...(idempotent ? ["Idempotent-Replayed" as const] : [])];
    response.headers = { ...headersOf([...everyResponseHeaders, ...extra]), ...(response.headers as Json | undefined) };
  }
  operation.responses = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}

/** Build the document once the routes are mounted (a route mounted later is not in it). */
export function apiDocument(app: OpenAPIHono<ApiEnv>, access: AccessRules): Json {
  app.openAPIRegistry.register("Problem", problemSchema);
  const document = app.getOpenAPI31Document({ openapi: "3.1.0", info, servers }) as unknown as Json;
  correctGeneratorOutput(document);
  const accessOf = accessMatcher(access);
  const used = new Set<string>();
  for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!methods.has(method)) continue;
      describeOperation(operation as Json, method, accessOf(path));
      for (const tag of ((operation as Json).tags ?? []) as string[]) used.add(tag);
    }
  }
  const components = (document.components ?? {}) as Json;
  document.components = {
    ...components,
    securitySchemes,
    headers: Object.fromEntries(Object.keys(headers).map((name) => [name, headers[name as HeaderName]])),
    responses,
    parameters: { "Idempotency-Key": idempotencyKey },
  };
  document.tags = tags.filter((tag) => used.has(tag.name));
  return document;
}

