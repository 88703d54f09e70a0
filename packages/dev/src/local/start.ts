import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { defaultSimulatorCredentials } from "../simulator/app";
import { MissingPrerequisiteError, requireJava, requireRedisServer, stopChildProcesses } from "./processes";
import { localResourceEnvironment } from "./resources";
import { startDataStores, type DataStores } from "./stack";
import { entryPoints, tsxArguments, type EntryPoint } from "./entry-points";
import { buildWebApp, createWebServer } from "./web-server";
import { serve } from "@hono/node-server";
import { apiNodeOptions } from "@travel/core/config";

/**
 * `pnpm start`: the whole stack on one machine. DynamoDB Local + Redis (+ tables, catalog seed),
 * the supplier simulator, the API, the worker and the issuer, each a real process, and the web app
 * served from this one; Ctrl-C stops everything it started.
 */
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const memory = process.argv.includes("--memory");
const apiPort = Number(process.env.PORT ?? 3000);
const simPort = Number(process.env.SIM_PORT ?? 3002);
const authPort = Number(process.env.AUTH_PORT ?? 3001);
const webPort = Number(process.env.WEB_PORT ?? 3003);
const stage = process.env.STAGE ?? "local";

// The SDK warns that future releases need Node 22; our versions are pinned and Lambdas run nodejs22.x.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const children: ChildProcess[] = [];
let stores: DataStores | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log("\nstopping local stack…");
    await stopChildProcesses(children);
    await stores?.stop();
  }
  process.exit(code);
}

function withApiNodeOptions(existing: string | undefined): string {
  return [existing, apiNodeOptions].filter(Boolean).join(" ");
}

function runChild(name: string, entry: EntryPoint, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, tsxArguments(entry), {
    cwd: entry.cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on("line", (line) => console.log(`[${name}] ${line}`));
  }
  child.once("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the stack.`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function waitForHttp(url: string, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`${what} did not answer at ${url} within ${timeoutMs / 1000} s`);
}

async function ensurePortFree(port: number, variable: string): Promise<void> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
  } catch {
    return; // nothing answers: free
  }
  throw new MissingPrerequisiteError(`port ${port} is already in use: stop what runs there or set ${variable} to another port.`);
}

async function main(): Promise<void> {
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));

  requireJava();
  if (!process.env.REDIS_URL) requireRedisServer();
  await ensurePortFree(apiPort, "PORT");
  await ensurePortFree(simPort, "SIM_PORT");
  await ensurePortFree(authPort, "AUTH_PORT");
  await ensurePortFree(webPort, "WEB_PORT");

  console.log(`starting local stack (stage "${stage}", ${memory ? "in memory" : "data in .data/"})…`);
  stores = await startDataStores({
    stage,
    ...(memory ? {} : { dataDir: `${repoRoot}.data` }),
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
    onProgress: (message) => console.log(`  ${message}`),
  });

  // The simulator accepts the Duffel token the API is given, unless the API talks to another server.
  const duffel = { baseUrl: process.env.DUFFEL_API_URL, accessToken: process.env.DUFFEL_ACCESS_TOKEN };
  // Duffel's webhooks work out of the box: a secret made up for this run (never printed) unless
  // DUFFEL_WEBHOOK_SECRET gives one, shared by the API and the simulator that signs with it.
  const duffelWebhookSecret = process.env.DUFFEL_WEBHOOK_SECRET || randomBytes(32).toString("hex");
  runChild("sim", entryPoints.simulator, {
    SIM_PORT: String(simPort),
    ...(!duffel.baseUrl && duffel.accessToken ? { SIM_DUFFEL_TOKEN: duffel.accessToken } : {}),
    SIM_DUFFEL_WEBHOOK_URL: `http://127.0.0.1:${apiPort}/v1/webhooks/duffel`,
    SIM_DUFFEL_WEBHOOK_SECRET: duffelWebhookSecret,
  });
  await waitForHttp(`http://127.0.0.1:${simPort}/__stats`, "supplier simulator");

  const dataDir = memory ? mkdtempSync(join(tmpdir(), "travel-platform-")) : `${repoRoot}.data`;
  const resources = localResourceEnvironment({
    dataDir,
    allowedOrigins: (process.env.CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean),
    authUrl: `http://127.0.0.1:${authPort}`,
    ...(process.env.HOLD_MINUTES ? { booking: { holdMinutes: Number(process.env.HOLD_MINUTES) } } : {}),
    ...(process.env.ANALYTICS_WEBHOOK_URL
      ? { analyticsWebhook: { url: process.env.ANALYTICS_WEBHOOK_URL, ...(process.env.ANALYTICS_WEBHOOK_WRITE_KEY ? { writeKey: process.env.ANALYTICS_WEBHOOK_WRITE_KEY } : {}) } }
      : {}),
    stage,
    dynamoEndpoint: stores.dynamoEndpoint,
    redis: stores.redis,
    supplier: { baseUrl: `http://127.0.0.1:${simPort}`, ...defaultSimulatorCredentials },
    suppliers: { flights: process.env.FLIGHT_SUPPLIERS, stays: process.env.STAY_SUPPLIERS },
    duffel,
    duffelWebhookSecret,
  });
  // The links of this stack, for local commands that need them (`pnpm analytics:replay`), as
  // `sst shell` gives them on AWS.
  mkdirSync(`${repoRoot}.data`, { recursive: true });
  writeFileSync(`${repoRoot}.data/local-links.json`, `${JSON.stringify(resources, null, 2)}\n`);
  runChild("api", entryPoints.api, { ...resources, PORT: String(apiPort), NODE_OPTIONS: withApiNodeOptions(process.env.NODE_OPTIONS) });
  await waitForHttp(`http://127.0.0.1:${apiPort}/health`, "API");
  // The outbox relay, hold expiry and reservation subscribers (Lambdas and Crons on AWS).
  runChild("worker", entryPoints.worker, resources);
  // The OAuth issuer (sst.aws.Auth on AWS); sign-in codes go to the console and .data/auth-codes.
  runChild("auth", entryPoints.auth, { ...resources, AUTH_PORT: String(authPort), AUTH_CODES_DIR: `${repoRoot}.data/auth-codes` });
  await waitForHttp(`http://127.0.0.1:${authPort}/.well-known/jwks.json`, "auth issuer");

  // The web app, built now and served with the API at the same origin (the Router on AWS).
  const api = `http://127.0.0.1:${apiPort}`;
  const distDir = await buildWebApp();
  const web = createWebServer({ distDir, apiUrl: api, appConfig: { authUrl: `http://127.0.0.1:${authPort}` } });
  await new Promise<void>((resolve) => serve({ fetch: web.fetch, port: webPort, hostname: "127.0.0.1" }, () => resolve()));

  const inSixtyDays = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  console.log(`
local stack is up — Ctrl-C stops it
  web app        http://127.0.0.1:${webPort}   (sign in with any email: the code is printed here as [auth])
  API            ${api}
  API reference  ${api}/docs   (OpenAPI: ${api}/openapi.json)
  simulator      http://127.0.0.1:${simPort}/__stats
  auth issuer    http://127.0.0.1:${authPort}   (TOKEN=$(pnpm -s run token <email>); reservations need it)
  admin          ADMIN=$(pnpm -s run token --admin)   (Authorization: Bearer $ADMIN on /v1/admin/*)
  mail drop      ${join(dataDir, "mail")}   (booking emails as .eml files)
  dead letters   ${join(dataDir, "dlq")}

try:
  curl '${api}/v1/destinations?q=heathrow'
  curl -i '${api}/v1/search/flights?origin=LHR&destination=JFK&departureDate=${inSixtyDays}'
`);
}


main().catch(async (error: Error) => {
  if (error instanceof MissingPrerequisiteError) {
    console.error(error.message);
  } else {
    console.error(`local stack failed to start: ${error.message}`);
  }
  await shutdown(1);
});
