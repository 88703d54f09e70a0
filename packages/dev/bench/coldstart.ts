import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { apiBundle, apiNodeOptions } from "@travel/core/config";
import { apiBundleBudget, buildAsSst } from "../src/lambda-bundle";
import { restProxyEvent } from "../src/testing/api-gateway";
import { startEventBridgeReceiver } from "../src/testing/eventbridge";
import { startDataStores } from "../src/local/stack";
import { entryPoints } from "../src/local/entry-points";
import { startSimulatorWithLinks, stopChildren, writeResults } from "./harness";

/**
 * `pnpm bench coldstart`: the API Lambda built as SST builds it (the esbuild options of SST's
 * Node runtime, with the API's `nodejs` options from core/config), beside a hello-world Hono
 * Lambda and a Lambda of the libraries every API request loads (bench/baselines), built the same way.
 * For each, fresh Node processes import the handler and answer their first API Gateway REST event:
 * `/health`, and (API only) a search whose answer is already in Redis, as a new Lambda instance
 * behind a warm cache sees it.
 */
const runs = Number(process.env.COLDSTART_RUNS ?? 7);
const targets = { bundleBytes: apiBundleBudget.importedBytes, importMs: 150 };
const functionsDir = entryPoints.api.cwd;
const helloWorldEntry = fileURLToPath(new URL("./baselines/hello-lambda.ts", import.meta.url));
const librariesEntry = fileURLToPath(new URL("./baselines/libraries-lambda.ts", import.meta.url));
const coreModules = fileURLToPath(new URL("../../core/node_modules/@aws-sdk/", import.meta.url));

/**
 * Lambda's Node.js runtime provides the AWS SDK v3 the bundle leaves external: here the pinned
 * clients of packages/core stand in for it, linked into the bundle's node_modules, beside the
 * packages SST installs there (`install`).
 */
function provideRuntimeModules(dir: string): void {
  mkdirSync(join(dir, "node_modules/@aws-sdk"), { recursive: true });
  for (const name of readdirSync(coreModules)) symlinkSync(join(coreModules, name), join(dir, "node_modules/@aws-sdk", name));
  for (const name of apiBundle.install) symlinkSync(join(functionsDir, "node_modules", name), join(dir, "node_modules", name));
}

/** What runs in each fresh process: import the handler, answer one event, print the timings. */
const measureScript = `
try {
  const started = performance.now();
  const { handler } = await import(process.env.COLDSTART_BUNDLE);
  const imported = performance.now();
  if (!process.env.COLDSTART_EVENT) {
    console.log(JSON.stringify({ importMs: imported - started, answerMs: 0, status: typeof handler === "function" ? 0 : -1 }));
    process.exit(0);
  }
  const response = await handler(JSON.parse(process.env.COLDSTART_EVENT), { awsRequestId: "coldstart", functionName: "coldstart" });
  const answered = performance.now();
  console.log(JSON.stringify({ importMs: imported - started, answerMs: answered - imported, status: response.statusCode }));
} catch (error) {
  console.log(JSON.stringify({ error: String(error && error.message).slice(0, 500) }));
}
process.exit(0);
`;

interface Sample {
  importMs: number;
  answerMs: number;
  status: number;
}

function measureOnce(bundle: string, event: unknown, env: Record<string, string>): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", measureScript], {
      env: { ...process.env, ...env, COLDSTART_BUNDLE: bundle, COLDSTART_EVENT: event ? JSON.stringify(event) : "", NODE_OPTIONS: apiNodeOptions },
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.once("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        const result = JSON.parse(line) as Sample & { error?: string };
        if (result.error) reject(new Error(`the handler failed: ${result.error}`));
        else resolve(result);
      } catch {
        reject(new Error(`measurement process exited ${code} without a result: ${out.slice(-500)}`));
      }
    });
  });
}

async function measure(bundle: string, event: unknown, env: Record<string, string>) {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await measureOnce(bundle, event, env));
  const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! * 10) / 10;
  return {
    statuses: [...new Set(samples.map((s) => s.status))],
    importMs: median(samples.map((s) => s.importMs)),
    answerMs: median(samples.map((s) => s.answerMs)),
    samples,
  };
}

async function main() {
  const started = Date.now();
  const out = mkdtempSync(join(tmpdir(), "travel-coldstart-"));
  console.log("bench coldstart: building the API handler and the hello-world Lambda as SST would…");
  const api = await buildAsSst(join(functionsDir, "src/api/lambda.ts"), join(out, "api"));
  const hello = await buildAsSst(helloWorldEntry, join(out, "hello"));
  const libraries = await buildAsSst(librariesEntry, join(out, "libraries"));
  provideRuntimeModules(out);

  console.log("  starting DynamoDB Local, redis-server and the supplier simulator for the API's links…");
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const stores = await startDataStores({ stage: "coldstart", seed: false, onProgress: (m) => console.log(`  ${m}`) });
  const eventBridge = await startEventBridgeReceiver();
  try {
    const { env: links } = await startSimulatorWithLinks(stores, { stage: "coldstart", authUrl: "http://127.0.0.1:9" });
    // As on AWS: the Lambda publishes to EventBridge (served locally) and runs inside Lambda.
    const lambdaEnv = {
      ...links,
      SST_RESOURCE_Bus: JSON.stringify({ ...JSON.parse(links.SST_RESOURCE_Bus!), delivery: "eventbridge" }),
      AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.endpoint,
      AWS_LAMBDA_FUNCTION_NAME: "travel-platform-coldstart-Api",
      POWERTOOLS_LOG_LEVEL: "WARN",
    };
    const health = restProxyEvent("/health", {});
    const inSixtyDays = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const search = restProxyEvent("/v1/search/flights", { origin: "LHR", destination: "JFK", departureDate: inSixtyDays }, undefined, { sourceIp: "203.0.113.10" });
    // One process asks the supplier, so the answer is in Redis for every measured process after it.
    const warming = await measureOnce(api.file, search, lambdaEnv);
    if (warming.status !== 200) throw new Error(`the warming search answered ${warming.status}`);

    const report = {
      date: new Date().toISOString(),
      node: process.version,
      runsPerFigure: runs,
      build: { ...apiBundle, target: "esnext", platform: "node" },
      targets,
      helloWorld: { bundleBytes: hello.totalBytes, importedBytes: hello.importedBytes, health: await measure(hello.file, health, {}) },
      // As inside Lambda (with the X-Ray tracer), like the API's figures.
      libraries: {
        bundleBytes: libraries.totalBytes,
        importedBytes: libraries.importedBytes,
        health: await measure(libraries.file, health, { AWS_LAMBDA_FUNCTION_NAME: "travel-platform-coldstart-Libraries" }),
        importOutsideLambda: await measure(libraries.file, null, {}),
      },
      api: {
        bundleBytes: api.totalBytes,
        importedBytes: api.importedBytes,
        importedPackages: api.importedPackages,
        /** Loaded at import too inside Lambda, where X-Ray tracing is on. */
        tracerChunkBytes: api.lazyChunkBytes["@aws-lambda-powertools/tracer"] ?? 0,
        // Only imported: with no link set, the first event would fail naming the missing link.
        importWithoutLinks: await measure(api.file, null, { AWS_LAMBDA_FUNCTION_NAME: "travel-platform-coldstart-Api" }),
        // Neither the tracer nor its async hook: the import as a process outside Lambda pays it.
        importOutsideLambda: await measure(api.file, null, {}),
        health: await measure(api.file, health, lambdaEnv),
        cachedSearch: await measure(api.file, search, lambdaEnv),
      },
      seconds: 0,
    };
    report.seconds = Math.round((Date.now() - started) / 1000);
    writeResults("coldstart", report, markdown);
  } finally {
    await stopChildren();
    await eventBridge.close();
    await stores.stop();
  }
}

interface Figures {
  bundleBytes: number;
  importedBytes: number;
  health: { importMs: number; answerMs: number; statuses: number[] };
}

function markdown(r: {
  date: string;
  node: string;
  runsPerFigure: number;
  targets: typeof targets;
  helloWorld: Figures;
  libraries: Figures & { importOutsideLambda: { importMs: number } };
  api: Figures & { importWithoutLinks: { importMs: number }; importOutsideLambda: { importMs: number }; cachedSearch: { importMs: number; answerMs: number; statuses: number[] }; importedPackages: string[]; tracerChunkBytes: number };
}): string {
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
  const bytes = (n: number) => n.toLocaleString("en");
  const { helloWorld: hello, libraries, api } = r;
  const coldStart = (f: Figures) => Math.round((f.health.importMs + f.health.answerMs) * 10) / 10;
  return `# Cold start — ${r.date.slice(0, 10)}

The API Lambda handler bundled as SST's Node runtime bundles it (${"`"}nodejs${"`"} options from core/config/node-options.ts),
beside two baselines built the same way, in the same run: a hello-world Hono Lambda, and a Lambda of the libraries
every API request loads (validation and routing, the Redis client, the two-tier cache, logs and metrics) with none
of the API's code (bench/baselines/libraries-lambda.ts). Medians of ${r.runsPerFigure} fresh Node ${r.node} processes.
Targets: ≤ ${bytes(r.targets.bundleBytes)} bytes loaded at import; import ≤ ${r.targets.importMs} ms.

| | hello-world | libraries alone | API | API / libraries alone |
|---|---:|---:|---:|---:|
| bundle bytes (all files) | ${bytes(hello.bundleBytes)} | ${bytes(libraries.bundleBytes)} | ${bytes(api.bundleBytes)} | ${ratio(api.bundleBytes, libraries.bundleBytes)} |
| bytes loaded at import (handler and its static chunks) | ${bytes(hello.importedBytes)} | ${bytes(libraries.importedBytes)} | ${bytes(api.importedBytes)} | ${ratio(api.importedBytes, libraries.importedBytes)} |
| … and with the X-Ray tracer's chunk, loaded at import inside Lambda | — | — | ${bytes(api.importedBytes + api.tracerChunkBytes)} | |
| import (inside Lambda: with the tracer), ms | ${hello.health.importMs} | ${libraries.health.importMs} | ${api.health.importMs} | ${ratio(api.health.importMs, libraries.health.importMs)} |
| import without any link set, ms | — | — | ${api.importWithoutLinks.importMs} | |
| import outside Lambda (no tracer), ms | ${hello.health.importMs} | ${libraries.importOutsideLambda.importMs} | ${api.importOutsideLambda.importMs} | ${ratio(api.importOutsideLambda.importMs, libraries.importOutsideLambda.importMs)} |
| first event \`/health\`, ms after import | ${hello.health.answerMs} | ${libraries.health.answerMs} | ${api.health.answerMs} (${api.health.statuses.join(", ")}) | |
| import + first \`/health\`, ms | ${coldStart(hello)} | ${coldStart(libraries)} | ${coldStart(api)} | ${ratio(coldStart(api), coldStart(libraries))} |
| first event: a search cached in Redis, ms after import | — | — | ${api.cachedSearch.answerMs} (${api.cachedSearch.statuses.join(", ")}) | |

Loaded later, by the requests that need them: ElectroDB and the services over DynamoDB (the first table access),
jose (the first bearer token), Stripe (the first payment), the Duffel client (the first Duffel call). The X-Ray
tracer is loaded at import inside Lambda only (hello-world does not load it). Packages in what import loads:
${api.importedPackages.join(", ")}.
`;
}

await main();
