import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { actorTypes, auditActions, auditMaxRangeDays, auditOutcomes } from "@travel/core/identity";
import type { ApiEnv } from "../env";
import { validationProblem } from "../problem";

/** The audit log (admins only): newest first, filtered by time, action, actor and outcome. */
const entrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    action: z.enum(auditActions),
    outcome: z.enum(auditOutcomes),
    actor: z.object({ type: z.enum(actorTypes), id: z.string() }),
    target: z.object({ type: z.string(), id: z.string() }).optional(),
    ip: z.string().optional(),
    userAgent: z.string().optional(),
    requestId: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: "AuditEntry" });

const query = z.object({
  since: z.iso.datetime({ offset: true }).max(64).optional().meta({ description: "Default: 7 days before `until`" }),
  until: z.iso.datetime({ offset: true }).max(64).optional().meta({ description: "Default: now" }),
  action: z.enum(auditActions).optional(),
  actorId: z.string().min(1).max(128).optional().meta({ description: "A user id, API key id, or address (refused credentials)" }),
  outcome: z.enum(auditOutcomes).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional().meta({ description: "`meta.nextCursor` of the previous page, with the same filters" }),
});

const listAudit = createRoute({
  method: "get",
  path: "/",
  operationId: "listAuditEntries",
  tags: ["Admin"],
  summary: "Audit log: sign-ins, refused credentials, admin actions, API key lifecycle, exports and erasures",
  description: `At most ${auditMaxRangeDays} days per query; entries are kept a year.`,
  request: { query },
  responses: {
    200: {
      description: "A page of entries, newest first",
      content: { "application/json": { schema: z.object({ data: z.array(entrySchema), meta: z.object({ nextCursor: z.string().nullable(), since: z.string(), until: z.string() }) }) } },
    },
  },
});

const routes = new OpenAPIHono<ApiEnv>();

export const auditRoutes = routes.openapi(listAudit, async (c) => {
  const filter = c.req.valid("query");
  const until = filter.until ? new Date(filter.until) : new Date();
  const since = filter.since ? new Date(filter.since) : new Date(until.getTime() - 7 * 86_400_000);
  if (since > until) return validationProblem(c, new z.ZodError([{ code: "custom", path: ["since"], message: "must not be after until", input: filter.since }])) as never;
  if (until.getTime() - since.getTime() > auditMaxRangeDays * 86_400_000) {
    return validationProblem(c, new z.ZodError([{ code: "custom", path: ["since"], message: `the range may cover at most ${auditMaxRangeDays} days`, input: filter.since }])) as never;
  }
  const page = await c.get("deps").identity.audit.list({
    since,
    until,
    limit: filter.limit,
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.cursor ? { cursor: filter.cursor } : {}),
  });
  return c.json({ data: page.items as Array<z.infer<typeof entrySchema>>, meta: { nextCursor: page.nextCursor, since: since.toISOString(), until: until.toISOString() } }, 200);
});
