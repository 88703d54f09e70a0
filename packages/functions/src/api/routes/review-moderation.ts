import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { actorOf, audit } from "../caller";
import type { ApiEnv } from "../env";
import { problemResponse } from "../problem";
import { answering, idempotentReviewWrite, sendReviewOutcome } from "../review-http";
import { common, data, idempotencyHeaders, listOf, page } from "./reservation-schemas";
import { fullReview, fullReviewSchema, moderationBody, replyBody, reviewId } from "./review-schemas";

/** The moderation queue and its decisions, and replies on a hotel's or airline's behalf: admins only (app.ts guards /v1/admin/*); each decision and reply is audited. */
const queue = createRoute({
  method: "get",
  path: "/reviews/queue",
  operationId: "listReviewQueue",
  tags: ["Admin"],
  summary: "Reviews waiting for a moderator, oldest first (paginated)",
  description: "PENDING reviews the automatic check flagged (see `flags`), and published ones travellers reported (`reportCount`).",
  request: { query: page },
  responses: { 200: { description: "A page of the queue", content: listOf(fullReviewSchema) }, ...common },
});

const decide = createRoute({
  method: "post",
  path: "/reviews/{reviewId}/moderation",
  operationId: "moderateReview",
  tags: ["Admin"],
  summary: "Approve or reject a queued review; remove or keep a reported one",
  description: "Approving publishes the review and counts it in its subject's figures; removing takes it down and out of them. Each decision is recorded with its reason and audited.",
  request: { headers: idempotencyHeaders, params: z.object({ reviewId }), body: { required: true, content: { "application/json": { schema: moderationBody } } } },
  responses: {
    200: { description: "Decided", content: data(fullReviewSchema) },
    ...common,
    404: problemResponse("No such review"),
    409: problemResponse("Not in a status this decision applies to (decided already), or the same Idempotency-Key still in flight"),
    422: problemResponse("Idempotency-Key reused with a different request"),
  },
});

const reply = createRoute({
  method: "put",
  path: "/reviews/{reviewId}/reply",
  operationId: "replyToReview",
  tags: ["Admin"],
  summary: "The hotel's or airline's reply, shown beside a published review",
  description: "Replaces any earlier reply. Contact details and links in it are replaced, as in reviews.",
  request: { params: z.object({ reviewId }), body: { required: true, content: { "application/json": { schema: replyBody } } } },
  responses: { 200: { description: "The review with its reply", content: data(fullReviewSchema) }, ...common, 404: problemResponse("No such published review") },
});

export const reviewModerationRoutes = new OpenAPIHono<ApiEnv>()
  .openapi(queue, async (c) => {
    const { limit, cursor } = c.req.valid("query");
    const page = await c.get("deps").reviews.service.queue({ limit, ...(cursor ? { cursor } : {}) });
    c.header("Cache-Control", "no-store");
    return c.json({ data: page.items.map(fullReview), meta: { nextCursor: page.cursor ?? null } }, 200);
  })
  .openapi(decide, async (c) => {
    const { reviewId: id } = c.req.valid("param");
    const body = c.req.valid("json");
    return idempotentReviewWrite(c, { reviewId: id, ...body }, 200, async () => {
      const outcome = await c.get("deps").reviews.service.moderate(id, body.decision, { by: c.get("userId"), reason: body.reason }, c.get("requestId"));
      await audit(c, { action: "review.moderated", outcome: "ok" in outcome ? "success" : "failure", actor: actorOf(c), target: { type: "review", id }, details: { decision: body.decision, reason: body.reason } });
      return answering(outcome, fullReview);
    }) as never;
  })
  .openapi(reply, async (c) => {
    const { reviewId: id } = c.req.valid("param");
    const { text, by } = c.req.valid("json");
    const outcome = await c.get("deps").reviews.interactions.reply(id, text, by);
    if ("ok" in outcome) await audit(c, { action: "review.replied", outcome: "success", actor: actorOf(c), target: { type: "review", id }, details: { by } });
    return sendReviewOutcome(c, answering(outcome, fullReview), 200) as never;
  });
