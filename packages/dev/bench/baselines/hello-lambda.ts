import { Hono } from "hono";
import { handle } from "hono/aws-lambda";

/** The cold-start baseline: the smallest Hono Lambda that answers `/health`, built like the API. */
const app = new Hono().get("/health", (c) => c.json({ status: "ok" }));
export const handler = handle(app);
