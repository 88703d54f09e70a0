/// <reference path="../.sst/platform/config.d.ts" />
import { redis } from "./cache";
import { auth } from "./auth";
import { bookingSettings, email, payments } from "./booking";
import { bus } from "./events";
import { vpc } from "./network";
import { catalog, idempotency, orders, outbox, reservations } from "./storage";
import { carSupplierApi, supplierApi } from "./suppliers";
import { apiNodeOptions } from "../packages/functions/src/api/runtime-flags";

/** Interim operator credential for /v1/admin/*: `sst secret set AdminApiKey …`. */
const adminApiKey = new sst.Secret("AdminApiKey");

/** API Gateway REST (v1): every path goes to the one Hono Lambda, which routes internally. */
export const api = new sst.aws.ApiGatewayV1("Api", {
  endpoint: { type: "regional" },
  transform: {
    // API Gateway compresses responses over 1 KiB for clients that accept gzip/deflate.
    api: (args) => {
      args.minimumCompressionSize = "1024";
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
  link: [
    catalog,
    reservations,
    orders,
    idempotency,
    outbox,
    redis,
    bus,
    bookingSettings,
    payments,
    auth,
    email,
    supplierApi,
    carSupplierApi,
    adminApiKey,
  ],
} satisfies sst.aws.FunctionArgs;

api.route("ANY /", handler);
api.route("ANY /{proxy+}", handler);
api.deploy();
