import { readConfig } from "@travel/core/config";
import { logger, metrics } from "@travel/core/observability";
import { metricsFlushMs } from "../telemetry";
import { createBookingWorker } from "./booking-worker";

/** `pnpm start`'s background process: outbox relay, hold expiry and the reservation subscribers. */
const worker = createBookingWorker(readConfig());
metrics.flushEvery(metricsFlushMs);
worker.start({ relayMs: Number(process.env.RELAY_INTERVAL_MS ?? 250), expiryMs: Number(process.env.EXPIRY_INTERVAL_MS ?? 5_000) });
logger.info("booking worker running", { relayMs: Number(process.env.RELAY_INTERVAL_MS ?? 250), expiryMs: Number(process.env.EXPIRY_INTERVAL_MS ?? 5_000) });

const stop = async () => {
  await worker.stop();
  metrics.stop();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
