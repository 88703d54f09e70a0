import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { apiKeyIdPattern, usagePlanNames, usagePlans, type ApiKeyView } from "@travel/core/identity";
import { actorOf, audit } from "../caller";
import type { ApiEnv } from "../env";
import { problemResponse } from "../problem";

/**
 * Partner API keys (admins only): create, list, read, rotate, revoke. The key itself is in the
 * create and rotate responses only; we keep a hash. Not under Idempotency-Key: replaying a
 * creation would mean storing the key to answer with it again. A retried create makes a second
 * key, which is revoked like any other.
 */
const keyId = z.string().regex(apiKeyIdPattern, { message: "must be a key id (20 hex characters)" }).meta({ maxLength: 20 });
const planDescriptions = usagePlanNames.map((name) => `\`${name}\`: ${usagePlans[name].description}`).join("; ");

const keySchema = z
  .object({
    keyId: z.string(),
    name: z.string(),
    plan: z.enum(usagePlanNames),
    status: z.enum(["ACTIVE", "REVOKED"]),
    preview: z.string().meta({ description: "The key's prefix and last four characters" }),
    createdAt: z.string(),
    createdBy: z.string(),
    rotatedAt: z.string().optional(),
    previousSecretValidUntil: z.string().optional(),
    revokedAt: z.string().optional(),
    revokedBy: z.string().optional(),
  })
  .meta({ id: "ApiKey" });
const withUsage = keySchema.extend({ usageToday: z.object({ requests: z.number().int(), quotaPerDay: z.number().int() }) });
const issuedKey = keySchema.extend({ key: z.string().meta({ description: "The key itself (x-api-key). Shown this once: store it now." }) });

const planSchema = z.object({ name: z.enum(usagePlanNames), ratePerSecond: z.number(), burst: z.number(), quotaPerDay: z.number(), description: z.string() });

const data = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema: z.object({ data: schema }) } });
const notFound = problemResponse("No such key");

const listPlans = createRoute({
  method: "get",
  path: "/usage-plans",
  operationId: "listUsagePlans",
  tags: ["Admin: API keys"],
  summary: "The usage plans partner keys can be on",
  responses: { 200: { description: "Every plan", content: data(z.array(planSchema)) } },
});

const createKey = createRoute({
  method: "post",
  path: "/api-keys",
  operationId: "createApiKey",
  tags: ["Admin: API keys"],
  summary: "Issue a partner API key",
  description: `Plans: ${planDescriptions}.`,
  request: {
    body: {
      required: true,
      content: { "application/json": { schema: z.strictObject({ name: z.string().trim().min(1).max(100).meta({ example: "Acme Travel (production)" }), plan: z.enum(usagePlanNames) }) } },
    },
  },
  responses: { 201: { description: "The key, shown once", content: data(issuedKey) } },
});

const listKeys = createRoute({
  method: "get",
  path: "/api-keys",
  operationId: "listApiKeys",
  tags: ["Admin: API keys"],
  summary: "Partner API keys, newest first (paginated)",
  request: {
    query: z.object({
      status: z.enum(["ACTIVE", "REVOKED"]).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: z.string().max(2048).optional(),
    }),
  },
  responses: {
    200: { description: "A page of keys", content: { "application/json": { schema: z.object({ data: z.array(keySchema), meta: z.object({ nextCursor: z.string().nullable() }) }) } } },
  },
});

const getKey = createRoute({
  method: "get",
  path: "/api-keys/{keyId}",
  operationId: "getApiKey",
  tags: ["Admin: API keys"],
  summary: "A partner API key and today's usage",
  request: { params: z.object({ keyId }) },
  responses: { 200: { description: "The key", content: data(withUsage) }, 404: notFound },
});

const rotateKey = createRoute({
  method: "post",
  path: "/api-keys/{keyId}/rotate",
  operationId: "rotateApiKey",
  tags: ["Admin: API keys"],
  summary: "Give a key a new secret (same id, plan and usage)",
  description: "The old secret keeps working for `graceSeconds` (default 86,400: a day to deploy the new one; 0 ends it now).",
  request: {
    params: z.object({ keyId }),
    body: { required: false, content: { "application/json": { schema: z.strictObject({ graceSeconds: z.number().int().min(0).max(7 * 86_400).default(86_400) }) } } },
  },
  responses: {
    200: { description: "The new key, shown once", content: data(issuedKey) },
    404: notFound,
    409: problemResponse("Revoked keys cannot be rotated"),
  },
});

const revokeKey = createRoute({
  method: "post",
  path: "/api-keys/{keyId}/revoke",
  operationId: "revokeApiKey",
  tags: ["Admin: API keys"],
  summary: "Revoke a key (at once, on every instance)",
  request: { params: z.object({ keyId }) },
  responses: { 200: { description: "Revoked (revoking again changes nothing)", content: data(keySchema) }, 404: notFound },
});

const routes = new OpenAPIHono<ApiEnv>();

const issued = (key: string, view: ApiKeyView) => ({ data: { ...view, key } });

export const apiKeyRoutes = routes
  .openapi(listPlans, (c) => c.json({ data: usagePlanNames.map((name) => ({ name, ...usagePlans[name] })) }, 200))
  .openapi(createKey, async (c) => {
    const { name, plan } = c.req.valid("json");
    const { key, view } = await c.get("deps").identity.apiKeys.create({ name, plan, createdBy: c.get("user")!.userId });
    await audit(c, { action: "api-key.created", outcome: "success", actor: actorOf(c), target: { type: "api-key", id: view.keyId }, details: { plan, name } });
    c.header("Cache-Control", "no-store");
    return c.json(issued(key, view), 201);
  })
  .openapi(listKeys, async (c) => {
    const { status, limit, cursor } = c.req.valid("query");
    const page = await c.get("deps").identity.apiKeys.list({ limit, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
    return c.json({ data: page.items, meta: { nextCursor: page.nextCursor } }, 200);
  })
  .openapi(getKey, async (c) => {
    const { identity } = c.get("deps");
    const view = await identity.apiKeys.get(c.req.valid("param").keyId);
    const requests = await identity.limiter.quotaUsedToday(view.keyId, view.plan);
    return c.json({ data: { ...view, usageToday: { requests, quotaPerDay: usagePlans[view.plan].quotaPerDay } } }, 200);
  })
  .openapi(rotateKey, async (c) => {
    const id = c.req.valid("param").keyId;
    // The body is optional: without one, the default grace applies.
    const grace = (c.req.valid("json") as { graceSeconds?: number } | undefined)?.graceSeconds ?? 86_400;
    const { key, view } = await c.get("deps").identity.apiKeys.rotate(id, { graceSeconds: grace });
    await audit(c, { action: "api-key.rotated", outcome: "success", actor: actorOf(c), target: { type: "api-key", id }, details: { graceSeconds: grace } });
    c.header("Cache-Control", "no-store");
    return c.json(issued(key, view), 200);
  })
  .openapi(revokeKey, async (c) => {
    const id = c.req.valid("param").keyId;
    const view = await c.get("deps").identity.apiKeys.revoke(id, c.get("user")!.userId);
    await audit(c, { action: "api-key.revoked", outcome: "success", actor: actorOf(c), target: { type: "api-key", id } });
    return c.json({ data: view }, 200);
  });
