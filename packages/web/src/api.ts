import { createTravelClient, type components } from "@travel/client";
import { accessToken, accessTokenRefused } from "./auth";

export type Schemas = components["schemas"];

/** RFC 9457 problem details, as every error of the API is written. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type?: string; title?: string; detail?: string; errors?: Array<{ field: string; message: string }>; [key: string]: unknown },
  ) {
    const said = problem.detail ?? problem.title ?? `The request failed (HTTP ${status})`;
    // Field errors the detail does not already spell out.
    const fields = problem.errors?.filter((e) => !said.includes(e.message)).map((e) => `${e.field}: ${e.message}`).join("; ");
    super([said, fields].filter(Boolean).join(" — "));
  }
}

/**
 * Paths that act for someone: only these carry the access token. Public searches go without it,
 * so CloudFront may serve them from its edge cache (the Router never caches a request with
 * credentials), and a signed-in traveller's searches are as fast as anyone's.
 */
const personal = /^\/v1\/(reservations|me|orders|admin|reviews)(\/|$)/;

/** The API at this site's own origin (the Router on AWS, the local web server on one machine). */
export const api = createTravelClient({ baseUrl: window.location.origin });

api.use({
  async onRequest({ request, schemaPath }) {
    if (!personal.test(schemaPath)) return request;
    const token = await accessToken();
    if (token) request.headers.set("Authorization", `Bearer ${token}`);
    return request;
  },
  async onResponse({ response, schemaPath }) {
    // A token the API no longer accepts: refresh (signed out only if the issuer refuses too).
    if (response.status === 401 && personal.test(schemaPath)) accessTokenRefused();
    return response;
  },
});

/** The `data` of a successful answer, or an ApiProblem thrown with the API's own words. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || data === undefined) {
    throw new ApiProblem(response.status, (typeof error === "object" && error !== null ? error : { detail: String(error ?? response.statusText) }) as ApiProblem["problem"]);
  }
  return data;
}

/** One Idempotency-Key per user action: a retry of the same action reuses it (the API replays). */
export const newIdempotencyKey = () => crypto.randomUUID();

/**
 * Whether the API gave a final answer to a request (a success, or a refusal that will not change),
 * so the next attempt is a new action with a new key. After a lost answer, a 5xx or "still
 * running" (409 idempotency-request-in-flight), the outcome is unknown: the same key is sent
 * again, and the API replays what it did instead of doing it twice.
 */
export function answeredFinally(error: unknown): boolean {
  if (!(error instanceof ApiProblem)) return false;
  return error.status < 500 && !String(error.problem.type ?? "").endsWith("idempotency-request-in-flight");
}

/**
 * The Idempotency-Keys of one form's submissions: sending the same body again after an unknown
 * outcome reuses its key (the API replays the first answer); a changed body, or anything sent
 * after a final answer, is a new action with a new key.
 */
export class AttemptKeys {
  private last: { key: string; body: string } | undefined;
  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.last?.body !== text) this.last = { key: newIdempotencyKey(), body: text };
    return this.last.key;
  }
  /** After an answer: a success or a final refusal forgets the key; an unknown outcome keeps it. */
  settled(error?: unknown): void {
    if (error === undefined || answeredFinally(error)) this.last = undefined;
  }
}

export function money(amount: string | number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(Number(amount));
}

export function when(iso: string, options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" }): string {
  return new Intl.DateTimeFormat(undefined, options).format(new Date(iso));
}
