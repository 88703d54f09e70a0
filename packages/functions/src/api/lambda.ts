import { getConnInfo, handle } from "hono/aws-lambda";
import { readApiConfig } from "@travel/core/config";
import { createApp } from "./app";
import { createApiDependencies } from "./deps";
import { instrumented } from "../telemetry";

/**
 * The API Lambda behind API Gateway REST (v1) proxy integration. The app is built at the first
 * invocation, not at import, so the module loads without its links (the cold-start benchmark
 * imports it bare) and a missing link fails that invocation with its name. The client's address
 * is API Gateway's `requestContext.identity.sourceIp`, never a client-sent header.
 */
let app: ReturnType<typeof handle> | undefined;

function built(): ReturnType<typeof handle> {
  if (app) return app;
  const config = readApiConfig();
  const deps = createApiDependencies(config);
  app = handle(createApp(deps, { clientAddress: (c) => getConnInfo(c as never).remote.address, allowedOrigins: config.ApiSettings.allowedOrigins }));
  return app;
}

export const handler = instrumented((event: Parameters<ReturnType<typeof handle>>[0], context: Parameters<ReturnType<typeof handle>>[1]) => built()(event, context));
