import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";

/** RFC 9457 problem details; `type` URIs are stable identifiers documented in the API reference. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export const problemSchema = z
  .object({
    type: z.string().meta({ example: "https://travel-platform.dev/problems/invalid-request" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    supplier: z.string().optional().meta({ description: "On supplier failures: which supplier" }),
    supplierCode: z.string().optional().meta({ description: "On supplier failures: the supplier's own error code (Duffel's `errors[].code`)" }),
    fields: z.array(z.string()).optional().meta({ description: "On `traveller-details-missing`: the request fields the supplier needs, like `travelers[0].dateOfBirth`" }),
  })
  .meta({ id: "Problem" });

/** An OpenAPI response entry whose body is problem details. */
export const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

export const problemTypeBase = "https://travel-platform.dev/problems/";

export function problemBody(c: Context, status: number, slug: string, title: string, detail?: string, extensions: Record<string, unknown> = {}): Problem {
  return {
    type: `${problemTypeBase}${slug}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    instance: c.req.path,
    requestId: c.get("requestId"),
    ...extensions,
  };
}

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  slug: string,
  title: string,
  detail?: string,
  extensions: Record<string, unknown> = {},
): Response {
  return c.body(JSON.stringify(problemBody(c, status, slug, title, detail, extensions)), status, { "content-type": "application/problem+json" });
}

/** One entry per invalid field, named by its query/body path. */
export function fieldErrors(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.flatMap((issue) => {
    // An unknown field is named itself, not its parent object.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: [...issue.path.map(String), key].join("."), message: "unknown field" }));
    }
    const field = issue.path.map(String).join(".") || "(request)";
    return { field, message: invalidTypeMessage(issue, field) ?? issue.message };
  });
}

/**
 * Zod's own wording for a missing field or a number that is not finite (`minPrice=Infinity`
 * coerces to one); a schema's custom message stays as it is.
 */
function invalidTypeMessage(issue: z.core.$ZodIssue, field: string): string | undefined {
  if (issue.code !== "invalid_type") return undefined;
  const received = (issue as { received?: unknown }).received;
  if (received === "NaN") return "must be a number";
  if (received === "Infinity" || received === "-Infinity") return `must be a finite number (got ${received})`;
  if (issue.input === undefined && /received undefined$/.test(issue.message)) return `${field} is required`;
  return undefined;
}

export function validationProblem(c: Context, error: z.ZodError): Response {
  const errors = fieldErrors(error);
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  return problem(c, 400, "invalid-request", "The request is invalid", detail, { errors });
}
