/// <reference path="./.sst/platform/config.d.ts" />

/**
 * Travel platform: a Hono API Lambda behind API Gateway (REST v1), Redis (ElastiCache in a VPC),
 * DynamoDB tables modelled with ElectroDB, an EventBridge bus, and the web app on S3 behind a
 * CloudFront Router that also fronts the API. Each concern lives in infra/.
 */
export default $config({
  app(input) {
    // Production's data and the pipeline's deploy roles (infra/pipeline.ts) outlive a `sst remove`.
    const kept = input?.stage === "production" || input?.stage === "pipeline";
    return {
      name: "travel-platform",
      home: "aws",
      removal: kept ? "retain" : "remove",
      protect: kept,
      providers: {
        aws: {
          defaultTags: {
            tags: { project: "travel-platform", stage: input?.stage ?? "unknown", "iac-rlhf-amazon": "true" },
          },
        },
      },
    };
  },
  async run() {
    // The deploy roles of the GitHub workflows, a stage of their own (infra/pipeline.ts).
    if ($app.stage === "pipeline") {
      const { pipeline } = await import("./infra/pipeline");
      return { deployRoles: Object.fromEntries(Object.entries(pipeline()).map(([environment, role]) => [environment, role.arn])) };
    }
    await import("./infra/telemetry");
    await import("./infra/network");
    await import("./infra/cache");
    await import("./infra/storage");
    await import("./infra/booking");
    await import("./infra/auth");
    const { rules } = await import("./infra/events");
    await import("./infra/jobs");
    await import("./infra/suppliers");
    const { api } = await import("./infra/api");
    await import("./infra/web");
    const { router } = await import("./infra/router");
    const { dashboard } = await import("./infra/monitoring");
    await import("./infra/backup");
    // What an analytics rebuild replays to (README, "Runbooks").
    return {
      api: api.url,
      web: router.url,
      dashboard: $interpolate`https://console.aws.amazon.com/cloudwatch/home#dashboards/dashboard/${dashboard.dashboardName}`,
      analyticsReplayRules: [rules.AnalyticsRecorded.arn, rules.ReservationAnalytics.arn],
    };
  },
});
