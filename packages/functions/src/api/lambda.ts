import { handle } from "hono/aws-lambda";
import { readConfig } from "@travel/core/config";
import { createApp } from "./app";
import { createApiDependencies } from "./deps";

/** The API Lambda behind API Gateway REST (v1) proxy integration. Built once per cold start. */
const config = readConfig();
export const handler = handle(createApp(createApiDependencies(config), { adminApiKey: config.AdminApiKey.value }));
