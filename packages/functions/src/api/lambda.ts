import { getConnInfo, handle } from "hono/aws-lambda";
import { readApiConfig } from "@travel/core/config";
import { createApp } from "./app";
import { createApiDependencies } from "./deps";
import { instrumented } from "../telemetry";

/**
 * The API Lambda behind API Gateway REST (v1) proxy integration. Built once per cold start. The
 * client's address is API Gateway's `requestContext.identity.sourceIp`, never a client-sent header.
 */
const config = readApiConfig();
export const handler = instrumented(
  handle(createApp(createApiDependencies(config), { clientAddress: (c) => getConnInfo(c as never).remote.address, allowedOrigins: config.ApiSettings.allowedOrigins })),
);
