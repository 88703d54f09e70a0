import { logger } from "@travel/core/observability";
import { relayFromLinks } from "../events/outbox-relay";
import { instrumented } from "../telemetry";

/**
 * Cron: publishes outbox rows whose retry is due. Rows younger than a minute are left to the
 * stream handler, which normally sends them within a second.
 */
export const handler = instrumented(async (): Promise<void> => {
  const report = await relayFromLinks().sweep({ settleMs: 60_000, limit: 500 });
  logger.info("outbox sweep", { ...report });
});
