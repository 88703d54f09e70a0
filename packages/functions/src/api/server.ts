import { serve } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { readApiConfig } from "@travel/core/config";
import { logger, metrics } from "@travel/core/observability";
import { metricsFlushMs } from "../telemetry";
import { createApp } from "./app";
import { createApiDependencies } from "./deps";
import { inProcessBus } from "./in-process-bus";

/**
 * The same Hono app on Node's HTTP server (local stack). Port from PORT, default 3000. Clients are
 * told apart by the socket's address (X-Forwarded-For is not trusted: nothing sits in front).
 */
const config = readApiConfig();
metrics.flushEvery(metricsFlushMs);
const deps = createApiDependencies(config, config.Bus.delivery === "in-process" ? { bus: inProcessBus(config) } : {});
const port = Number(process.env.PORT ?? 3000);
await deps.warmUp().catch((error: Error) => logger.warn("supplier warm-up failed; first search will retry", { error: error.message }));
const app = createApp(deps, { clientAddress: (c) => getConnInfo(c).remote.address, allowedOrigins: config.ApiSettings.allowedOrigins, compress: true });
const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? "127.0.0.1" }, (info) => {
  console.log(`travel API on http://127.0.0.1:${info.port} (docs: /docs)`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => server.close(() => void deps.close().then(() => (metrics.stop(), process.exit(0)))));
}
