import { logger } from "@travel/core/observability";
import { relayFromLinks } from "../events/outbox-relay";

/**
 * Cron: publishes outbox rows whose retry is due. Rows younger than a minute are left to the
 * stream handler, which normally sends them within a second.
 */
export async function handler(): Promise<void> {
  const report = await relayFromLinks().sweep({ settleMs: 60_000, limit: 500 });
  logger.info("outbox sweep", { ...report });
}
