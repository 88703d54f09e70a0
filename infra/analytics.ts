/// <reference path="../.sst/platform/config.d.ts" />

/**
 * Third-party analytics forwarding (Segment-compatible batch webhook), off unless configured:
 * deploy with `ANALYTICS_WEBHOOK_URL=https://api.segment.io/v1/batch` and set the write key with
 * `sst secret set AnalyticsWebhookWriteKey …`. Without the URL nothing of it is deployed.
 */
const webhookUrl = process.env.ANALYTICS_WEBHOOK_URL;

export const analyticsForwarding = webhookUrl
  ? new sst.Linkable("AnalyticsForwarding", {
      properties: { url: webhookUrl, writeKey: new sst.Secret("AnalyticsWebhookWriteKey").value },
    })
  : undefined;
