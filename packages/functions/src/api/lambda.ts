import { handle } from "hono/aws-lambda";
import { readApiConfig } from "@travel/core/config";
import { createApp } from "./app";
import { createApiDependencies } from "./deps";

/** The API Lambda behind API Gateway REST (v1) proxy integration. Built once per cold start. */
const config = readApiConfig();
export const handler = handle(createApp(createApiDependencies(config), { adminApiKey: config.AdminApiKey.value }));
