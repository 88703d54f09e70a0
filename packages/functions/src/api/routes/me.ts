import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { erasedMarker } from "@travel/core/booking";
import { currencies } from "@travel/core/search";
import { actorOf, audit } from "../caller";
import type { ApiEnv } from "../env";
import { problem, problemResponse } from "../problem";

/**
 * The signed-in traveller's own account: profile (read, change), a copy of all their personal
 * data, and erasure. Always the caller's own: there is no user id in these paths to change.
 */
const profileSchema = z
  .object({
    userId: z.string(),
    email: z.string().optional(),
    role: z.enum(["traveller", "admin"]),
    displayName: z.string().optional(),
    phone: z.string().optional(),
    locale: z.string().optional(),
    currency: z.string().optional(),
    marketingOptIn: z.boolean(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .meta({ id: "Profile" });

const profileChanges = z
  .strictObject({
    displayName: z.string().trim().min(1).max(100).regex(/^[\p{L}\p{M}' .-]+$/u, { message: "letters, spaces, apostrophes, dots and hyphens only" }).nullable().optional(),
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, { message: "must be an E.164 number, e.g. +442071234567" }).meta({ maxLength: 16 }).nullable().optional(),
    locale: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: "must be a language tag like en or en-GB" }).meta({ maxLength: 6 }).nullable().optional(),
    currency: z.enum(currencies).nullable().optional(),
    marketingOptIn: z.boolean().optional(),
  })
  .meta({ id: "ProfileChanges", description: "Fields to change; `null` clears one. Unknown fields are refused." });

const getMe = createRoute({
  method: "get",
  path: "/",
  operationId: "getMyProfile",
  tags: ["Account"],
  summary: "My profile",
  responses: { 200: { description: "The profile (defaults until first changed)", content: { "application/json": { schema: z.object({ data: profileSchema }) } } } },
});

const patchMe = createRoute({
  method: "patch",
  path: "/",
  operationId: "updateMyProfile",
  tags: ["Account"],
  summary: "Change my profile",
  request: { body: { required: true, content: { "application/json": { schema: profileChanges } } } },
  responses: {
    200: { description: "The profile after the change", content: { "application/json": { schema: z.object({ data: profileSchema }) } } },
    400: problemResponse("Invalid or unknown field"),
  },
});

const exportMe = createRoute({
  method: "get",
  path: "/export",
  operationId: "exportMyData",
  tags: ["Account"],
  summary: "All my personal data, as JSON (GDPR articles 15 and 20)",
  description: "Profile, every reservation (with travellers) and order, every review I wrote (whatever its status), and the audit entries of my actions (sign-ins, changes, exports).",
  responses: {
    200: {
      description: "A JSON document, sent as an attachment",
      content: {
        "application/json": {
          schema: z.object({
            exportedAt: z.string(),
            user: z.object({ userId: z.string(), email: z.string().optional() }),
            profile: profileSchema.omit({ role: true }),
            reservations: z.array(z.record(z.string(), z.unknown())),
            orders: z.array(z.record(z.string(), z.unknown())),
            reviews: z.array(z.record(z.string(), z.unknown())),
            auditEntries: z.array(z.record(z.string(), z.unknown())),
          }),
        },
      },
    },
  },
});

const keptAfterErasure = [
  `reservations and orders: amounts, currency, payment reference, dates and what was sold, for accounting and tax records; travellers' names, birth dates and emails are replaced by "${erasedMarker}" and the owner by a new random id`,
  "audit entries of your actions (what and when, under your former user id, without addresses or user agents), for security investigations, until they expire after a year",
  "events already published (they carry your former user id and no other personal data)",
  'your reviews, shown as by "Former traveller" and linked to nobody: they are about a hotel or an airline, and its figures count them',
];

const deleteMe = createRoute({
  method: "delete",
  path: "/",
  operationId: "eraseMyData",
  tags: ["Account"],
  summary: "Erase my personal data (GDPR article 17)",
  description:
    "Deletes the profile, sign-in data (refresh tokens; the email → user id link) and request records; anonymises bookings. " +
    `What is kept, and why: ${keptAfterErasure.join("; ")}. Refused (409) while a hold is running. Signing in again afterwards starts a new, empty account.`,
  responses: {
    200: {
      description: "Erased; what was removed and what was kept",
      content: {
        "application/json": {
          schema: z.object({
            data: z.object({
              profileDeleted: z.boolean(),
              reservationsAnonymised: z.number().int(),
              ordersAnonymised: z.number().int(),
              idempotencyRecordsDeleted: z.number().int(),
              auditEntriesScrubbed: z.number().int(),
              reviewsDetached: z.number().int(),
              kept: z.array(z.string()),
            }),
          }),
        },
      },
    },
    409: problemResponse("A hold is still running: cancel it or let it expire first"),
    503: problemResponse("A data store or the sign-in service did not answer; erasure is not complete. Retry: it continues where it stopped."),
  },
});

const routes = new OpenAPIHono<ApiEnv>();

export const meRoutes = routes
  .openapi(getMe, async (c) => {
    const user = c.get("user")!;
    const profile = await c.get("deps").identity.profiles.get(user.userId, user.email);
    c.header("Cache-Control", "no-store");
    return c.json({ data: { ...profile, role: user.role } }, 200);
  })
  .openapi(patchMe, async (c) => {
    const user = c.get("user")!;
    const changes = c.req.valid("json");
    if (Object.keys(changes).length === 0) {
      return problem(c, 400, "invalid-request", "The request is invalid", "send at least one field to change", { errors: [{ field: "(body)", message: "send at least one field to change" }] }) as never;
    }
    const profile = await c.get("deps").identity.profiles.update(user.userId, user.email, changes);
    await audit(c, { action: "user.profile-updated", outcome: "success", actor: actorOf(c), details: { fields: Object.keys(changes) } });
    c.header("Cache-Control", "no-store");
    return c.json({ data: { ...profile, role: user.role } }, 200);
  })
  .openapi(exportMe, async (c) => {
    const user = c.get("user")!;
    const exported = await c.get("deps").identity.personalData.export({ userId: user.userId, ...(user.email ? { email: user.email } : {}) });
    await audit(c, { action: "user.data-exported", outcome: "success", actor: actorOf(c), details: { reservations: exported.reservations.length, orders: exported.orders.length, reviews: exported.reviews.length } });
    c.header("Cache-Control", "no-store");
    c.header("Content-Disposition", `attachment; filename="travel-platform-data-${exported.exportedAt.slice(0, 10)}.json"`);
    return c.json(exported, 200);
  })
  .openapi(deleteMe, async (c) => {
    const user = c.get("user")!;
    const { identity } = c.get("deps");
    const report = await identity.personalData.erase({ userId: user.userId, ...(user.email ? { email: user.email } : {}) }, user.accessToken);
    // No address or user agent: this entry outlives the data it speaks of.
    await identity.audit.record({ action: "user.erased", outcome: "success", actor: actorOf(c), requestId: c.get("requestId"), details: { ...report, profileDeleted: true } });
    return c.json({ data: { ...report, kept: keptAfterErasure } }, 200);
  });
