/// <reference path="../.sst/platform/config.d.ts" />
import { redis } from "./cache";
import { auth } from "./auth";
import { bookingSettings, email, payments } from "./booking";
import { bus } from "./events";
import { vpc } from "./network";
import { audit, catalog, idempotency, orders, outbox, reservations } from "./storage";
import { carSupplierApi, duffelApiLink, duffelWebhookSecret, searchSuppliers, supplierApi } from "./suppliers";
import { apiBundle, apiNodeOptions } from "../packages/core/src/config/node-options";
import { stageThrottle, usagePlans, type UsagePlanName } from "../packages/core/src/identity/plans";
import { firewall } from "./firewall";

/** Browser origins allowed by CORS: `CORS_ORIGINS=https://www.example.com,…` at deploy time. */
const apiSettings = new sst.Linkable("ApiSettings", {
  properties: { allowedOrigins: (process.env.CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean) },
});

/**
 * API Gateway REST (v1): every path goes to the one Hono Lambda, which routes internally. CORS is
 * the app's (an allow-list), not API Gateway's allow-everything default.
 */
export const api = new sst.aws.ApiGatewayV1("Api", {
  endpoint: { type: "regional" },
  cors: false,
  accessLog: { retention: "1 month" },
  transform: {
    // API Gateway compresses responses over 1 KiB for clients that accept gzip/deflate.
    api: (args) => {
      args.minimumCompressionSize = "1024";
    },
    stage: (args) => {
      args.xrayTracingEnabled = true;
    },
  },
});

const handler = {
  handler: "packages/functions/src/api/lambda.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  memory: "1024 MB",
  timeout: "15 seconds",
  vpc,
  environment: { NODE_OPTIONS: apiNodeOptions },
  nodejs: apiBundle,
  link: [catalog, audit, reservations, orders, idempotency, outbox, redis, bus, bookingSettings, payments, auth, email, supplierApi, carSupplierApi, searchSuppliers, duffelApiLink, duffelWebhookSecret, apiSettings],
} satisfies sst.aws.FunctionArgs;

/** Each route gets its own copy of the function (monitoring alarms on both). */
export const apiRoutes = [api.route("ANY /", handler), api.route("ANY /{proxy+}", handler)];
api.deploy();

// The whole stage (the platform requirements): 10,000 requests/s steady, 5,000 burst.
new aws.apigateway.MethodSettings("ApiStageThrottle", {
  restApi: api.nodes.api.id,
  stageName: api.nodes.stage!.stageName,
  methodPath: "*/*",
  settings: { throttlingRateLimit: stageThrottle.ratePerSecond, throttlingBurstLimit: stageThrottle.burst },
});

/**
 * The partner usage plans, from the declaration the API enforces (core/identity/plans.ts). The API
 * issues and checks partner keys itself (`/v1/admin/api-keys`), so these plans carry no keys of
 * ours; they are there for partners who need API Gateway usage reports or edge enforcement
 * (attach a key with `plan.addApiKey`, and require keys on a route with `apiKey: true`).
 */
export const apiUsagePlans = Object.fromEntries(
  (Object.keys(usagePlans) as UsagePlanName[]).map((name) => {
    const plan = usagePlans[name];
    return [
      name,
      api.addUsagePlan(`${name[0]!.toUpperCase()}${name.slice(1)}Plan`, {
        throttle: { rate: plan.ratePerSecond, burst: plan.burst },
        quota: { limit: plan.quotaPerDay, period: "day" },
      }),
    ];
  }),
);

/** WAF in front of the stage (the rules: infra/firewall.ts). */
export const webAcl = firewall("ApiFirewall", "REGIONAL", `${$app.name}-${$app.stage}-api`);

new aws.wafv2.WebAclAssociation("ApiFirewallAssociation", {
  resourceArn: api.nodes.stage!.arn,
  webAclArn: webAcl.arn,
});
