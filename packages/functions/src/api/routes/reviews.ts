import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ReviewSubjectKind } from "@travel/core/reviews";
import { actorOf, audit } from "../caller";
import type { ApiEnv } from "../env";
import { problemResponse } from "../problem";
import { answering, idempotentReviewWrite, sendReviewOutcome } from "../review-http";
import { common, data, idempotencyHeaders, listOf, page, reservationId } from "./reservation-schemas";
import { fullReview, fullReviewSchema, newReviewBody, publicReview, publicReviewSchema, reportBody, reservationReviewSchema, reviewChangesBody, reviewId, reviewListQuery, reviewSummarySchema } from "./review-schemas";

/**
 * Reviews: anyone reads a hotel's or airline's published reviews with their figures; a signed-in
 * traveller writes one per confirmed trip once it is over, changes it for 30 days, marks others
 * helpful and reports them. Review writes count against the caller's write limit like any other.
 */
const unsafe = {
  ...common,
  404: problemResponse("Not found (or not yours)"),
  409: problemResponse("Conflict: reviewed, voted or reported already, no longer changeable, or the same Idempotency-Key still in flight"),
  422: problemResponse("Not reviewable (not confirmed, a car rental), not open yet (`opensAt` says when), one's own review, or Idempotency-Key reused with a different request"),
};

const subjects = [
  { kind: "hotel", path: "/hotels/{subjectId}/reviews", param: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, { message: "a hotel id from a search result (hotel.hotelId)" }), name: "Hotel", description: "`hotel.hotelId` of a search result" },
  { kind: "airline", path: "/airlines/{subjectId}/reviews", param: z.string().regex(/^[A-Z0-9]{2}$/, { message: "an airline's 2-character IATA code, like BA" }).meta({ maxLength: 2 }), name: "Airline", description: "The airline's IATA code (a flight offer's `validatingCarrier.code`)" },
] as const;

const listRoute = (subject: (typeof subjects)[number]) =>
  createRoute({
    method: "get",
    path: subject.path,
    operationId: `list${subject.name}Reviews`,
    tags: ["Reviews"],
    summary: `A ${subject.kind}'s published reviews and figures (paginated)`,
    description: "Verified reviews only: each from a traveller whose confirmed trip we sold. `meta.summary` holds the figures over every published review, whatever the filters.",
    request: { params: z.object({ subjectId: subject.param.meta({ description: subject.description }) }), query: reviewListQuery },
    responses: {
      200: {
        description: "A page of reviews, and the figures",
        content: { "application/json": { schema: z.object({ data: z.array(publicReviewSchema), meta: z.object({ nextCursor: z.string().nullable(), summary: reviewSummarySchema }) }) } },
      },
      400: problemResponse("Invalid query or cursor"),
      503: problemResponse("The review store is unavailable; retry"),
    },
  });

const write = createRoute({
  method: "post",
  path: "/reviews",
  operationId: "writeReview",
  tags: ["Reviews"],
  summary: "Review a trip of yours",
  description:
    "One review per reservation, by its traveller, once a CONFIRMED stay has checked out (noon UTC on the check-out day) or a CONFIRMED flight has departed (reviewing its validating airline). " +
    "Contact details in it are replaced and it is published at once; a link, a listed word or shouting sends it to a moderator first (`status` PENDING). Shown with your profile's display name.",
  request: { headers: idempotencyHeaders, body: { required: true, content: { "application/json": { schema: newReviewBody } } } },
  responses: { 201: { description: "Written: APPROVED (published) or PENDING (waiting for a moderator)", content: data(fullReviewSchema) }, ...unsafe, 404: problemResponse("No such reservation of yours") },
});

const change = createRoute({
  method: "put",
  path: "/reviews/{reviewId}",
  operationId: "changeReview",
  tags: ["Reviews"],
  summary: "Change your review (30 days)",
  description: "Replaces the review's content, checked again: a published review stays published unless the check now flags it (then it waits for a moderator, unshown).",
  request: { params: z.object({ reviewId }), body: { required: true, content: { "application/json": { schema: reviewChangesBody } } } },
  responses: {
    200: { description: "The review as it now reads", content: data(fullReviewSchema) },
    ...common,
    404: problemResponse("No such review of yours"),
    409: problemResponse("Past its 30 days, rejected or removed, or changed meanwhile"),
  },
});

const helpful = createRoute({
  method: "post",
  path: "/reviews/{reviewId}/helpful",
  operationId: "markReviewHelpful",
  tags: ["Reviews"],
  summary: "Mark a review helpful (once per traveller)",
  request: { headers: idempotencyHeaders, params: z.object({ reviewId }) },
  responses: { 201: { description: "Counted", content: data(z.object({ helpfulCount: z.number().int() })) }, ...unsafe, 404: problemResponse("No such published review") },
});

const report = createRoute({
  method: "post",
  path: "/reviews/{reviewId}/reports",
  operationId: "reportReview",
  tags: ["Reviews"],
  summary: "Report a review to the moderators (once per traveller)",
  request: { headers: idempotencyHeaders, params: z.object({ reviewId }), body: { required: true, content: { "application/json": { schema: reportBody } } } },
  responses: { 201: { description: "Reported; it waits in the moderation queue", content: data(z.object({ reportCount: z.number().int() })) }, ...unsafe, 404: problemResponse("No such published review") },
});

const mine = createRoute({
  method: "get",
  path: "/me/reviews",
  operationId: "listMyReviews",
  tags: ["Reviews"],
  summary: "My reviews, newest first (paginated)",
  request: { query: page },
  responses: { 200: { description: "A page of my reviews, whatever their status", content: listOf(fullReviewSchema) }, ...common },
});

const ofReservation = createRoute({
  method: "get",
  path: "/reservations/{id}/review",
  operationId: "getReservationReview",
  tags: ["Reviews"],
  summary: "Can I review this trip, from when, or my review of it",
  request: { params: z.object({ id: reservationId }) },
  responses: { 200: { description: "open, not_yet_open (with `opensAt`), reviewed (with `review`) or not_reviewable (with `reason`)", content: data(reservationReviewSchema) }, ...common, 404: problemResponse("Not found (or not yours)") },
});

const routes = new OpenAPIHono<ApiEnv>();

for (const subject of subjects) {
  routes.openapi(listRoute(subject), async (c) => {
    const { subjectId } = c.req.valid("param");
    const { sort, language, tripType, limit, cursor } = c.req.valid("query");
    const { service } = c.get("deps").reviews;
    const kind: ReviewSubjectKind = subject.kind;
    const [page, summary] = await Promise.all([
      service.published(kind, subjectId, { sort, limit, ...(language ? { language } : {}), ...(tripType ? { tripType } : {}), ...(cursor ? { cursor } : {}) }),
      service.figures(kind, subjectId),
    ]);
    // Public, but asked again each time: an author who just wrote a review expects to see it.
    c.header("Cache-Control", "public, no-cache");
    return c.json({ data: page.items.map(publicReview), meta: { nextCursor: page.cursor ?? null, summary } }, 200);
  });
}

/** The name a review is shown under: the profile's display name, else a neutral one (never the email). */
async function displayNameOf(c: Context<ApiEnv>): Promise<string> {
  const user = c.get("user")!;
  const profile = await c.get("deps").identity.profiles.get(user.userId);
  return profile.displayName ?? "Verified traveller";
}

export const reviewRoutes = routes
  .openapi(write, async (c) => {
    const { reservationId: reserved, ...content } = c.req.valid("json");
    const userId = c.get("userId");
    return idempotentReviewWrite(c, c.req.valid("json"), 201, async () =>
      answering(await c.get("deps").reviews.service.submit(userId, await displayNameOf(c), reserved, content, c.get("requestId")), fullReview),
    ) as never;
  })
  .openapi(change, async (c) => {
    const { reviewId: id } = c.req.valid("param");
    return sendReviewOutcome(c, answering(await c.get("deps").reviews.interactions.edit(c.get("userId"), id, c.req.valid("json"), c.get("requestId")), fullReview), 200) as never;
  })
  .openapi(helpful, async (c) => {
    const { reviewId: id } = c.req.valid("param");
    return idempotentReviewWrite(c, { reviewId: id }, 201, () => c.get("deps").reviews.interactions.markHelpful(c.get("userId"), id)) as never;
  })
  .openapi(report, async (c) => {
    const { reviewId: id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    return idempotentReviewWrite(c, { reviewId: id, reason }, 201, async () => {
      const outcome = await c.get("deps").reviews.interactions.report(c.get("userId"), id, reason);
      if ("ok" in outcome) await audit(c, { action: "review.reported", outcome: "success", actor: actorOf(c), target: { type: "review", id } });
      return outcome;
    }) as never;
  })
  .openapi(mine, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await c.get("deps").reviews.interactions.mine(c.get("userId"), { limit, ...(cursor ? { cursor } : {}) });
    c.header("Cache-Control", "no-store");
    return c.json({ data: page.items.map(fullReview), meta: { nextCursor: page.cursor ?? null } }, 200);
  })
  .openapi(ofReservation, async (c) => {
    const { id } = c.req.valid("param");
    const state = await c.get("deps").reviews.service.forReservation(c.get("userId"), id);
    c.header("Cache-Control", "no-store");
    return sendReviewOutcome(c, answering(state, (s) => (s.state === "reviewed" ? { ...s, review: fullReview(s.review) } : s)), 200) as never;
  });
