import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { trackCallFor, WebhookForwarder, type TrackCall, type WebhookSettings } from "@travel/core/analytics";
import { readLinks } from "@travel/core/config";
import type { BatchHandler, BusEvent } from "@travel/core/events";
import { logger } from "@travel/core/observability";
import { instrumented } from "../telemetry";

/**
 * Third-party analytics: a batch of bus events becomes one batch of Segment-compatible track
 * calls. A failed batch throws, so the queue (AWS) or the in-process bus retries it and finally
 * dead-letters it; the receiver dedupes on messageId, so a retried batch counts once.
 */
export function forwardAnalytics(forwarder: WebhookForwarder): BatchHandler {
  return async (events: BusEvent[]) => {
    const calls = events.map(trackCallFor).filter((call): call is TrackCall => call !== undefined);
    if (calls.length === 0) return;
    const { requests } = await forwarder.forward(calls);
    logger.info("analytics forwarded", { events: events.length, calls: calls.length, requests });
  };
}

let forward: BatchHandler | undefined;

/** The SQS consumer on AWS: each record's body is the EventBridge event the rule put on the queue. */
export const handler = instrumented(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  forward ??= (() => {
    const { AnalyticsForwarding } = readLinks(["AnalyticsForwarding"]);
    if (!AnalyticsForwarding.url) throw new Error("AnalyticsForwarding link has no url: deploy with ANALYTICS_WEBHOOK_URL set");
    return forwardAnalytics(new WebhookForwarder(AnalyticsForwarding as WebhookSettings));
  })();
  await forward(event.Records.map((record) => JSON.parse(record.body) as BusEvent));
  // All or nothing: one webhook request carries the whole batch.
  return { batchItemFailures: [] };
});
