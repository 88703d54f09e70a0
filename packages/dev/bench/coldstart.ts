import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { apiBundle, apiNodeOptions } from "@travel/core/config";
import { restProxyEvent } from "../src/testing/api-gateway";
import { startEventBridgeReceiver } from "../src/testing/eventbridge";
import { startDataStores } from "../src/local/stack";
import { entryPoints } from "../src/local/entry-points";
import { startSimulatorWithLinks, stopChildren, writeResults } from "./harness";

/**
 * `pnpm bench coldstart`: the API Lambda built as SST builds it (the esbuild options of SST's
 * Node runtime, with the API's `nodejs` options from core/config), beside a hello-world Hono
 * Lambda built the same way. For each, fresh Node processes import the handler and answer their
 * first API Gateway REST event: `/health`, and (API only) a search whose answer is already in
 * Redis, as a new Lambda instance behind a warm cache sees it.
 */
const runs = Number(process.env.COLDSTART_RUNS ?? 7);
const targets = { bundleBytes: 1_000_000, importMs: 150 };
const functionsDir = entryPoints.api.cwd;
const helloWorldEntry = fileURLToPath(new URL("./baselines/hello-lambda.ts", import.meta.url));
const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
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

/** SST's Node runtime (pkg/runtime/node/build.go) for a deployed function, with our options on top. */
async function buildAsSst(entry: string, outdir: string): Promise<{ file: string; mainBytes: number; totalBytes: number }> {
  const { default: plugins } = (await import(join(repositoryRoot, apiBundle.plugins))) as { default: Plugin[] };
  await build({
    plugins,
    entryPoints: [entry],
    platform: "node",
    external: ["sharp", "pg-native", ...apiBundle.install, ...apiBundle.esbuild.external],
    keepNames: true,
    bundle: true,
    splitting: apiBundle.splitting,
    outdir,
    outExtension: { ".js": ".mjs" },
    format: apiBundle.format,
    target: "esnext",
    mainFields: ["module", "main"],
    minify: apiBundle.minify,
    sourcemap: false,
    logLevel: "warning",
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __filename = topLevelFileUrlToPath(import.meta.url)`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
      ].join("\n"),
    },
  });
  const files = readdirSync(outdir).filter((f) => f.endsWith(".mjs"));
  const main = `${basename(entry, extname(entry))}.mjs`;
  return { file: join(outdir, main), mainBytes: statSync(join(outdir, main)).size, totalBytes: files.reduce((sum, f) => sum + statSync(join(outdir, f)).size, 0) };
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
      helloWorld: { bundleBytes: hello.totalBytes, health: await measure(hello.file, health, {}) },
      api: {
        bundleBytes: api.totalBytes,
        mainChunkBytes: api.mainBytes,
        // Only imported: with no link set, the first event would fail naming the missing link.
        importWithoutLinks: await measure(api.file, null, { AWS_LAMBDA_FUNCTION_NAME: "travel-platform-coldstart-Api" }),
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

function markdown(r: {
  date: string;
  node: string;
  runsPerFigure: number;
  targets: typeof targets;
  helloWorld: { bundleBytes: number; health: { importMs: number; answerMs: number } };
  api: { bundleBytes: number; mainChunkBytes: number; importWithoutLinks: { importMs: number; statuses: number[] }; health: { importMs: number; answerMs: number; statuses: number[] }; cachedSearch: { importMs: number; answerMs: number; statuses: number[] } };
}): string {
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
  const hello = r.helloWorld;
  return `# Cold start — ${r.date.slice(0, 10)}

The API Lambda handler bundled as SST's Node runtime bundles it (${"`"}nodejs${"`"} options from core/config/node-options.ts),
beside a hello-world Hono Lambda built the same way, in the same run. Medians of ${r.runsPerFigure} fresh Node ${r.node} processes.
Targets: bundle ≤ ${r.targets.bundleBytes.toLocaleString("en")} bytes; import ≤ ${r.targets.importMs} ms.

| | hello-world | API | API / hello-world |
|---|---:|---:|---:|
| bundle bytes (all files) | ${hello.bundleBytes.toLocaleString("en")} | ${r.api.bundleBytes.toLocaleString("en")} | ${ratio(r.api.bundleBytes, hello.bundleBytes)} |
| bundle bytes loaded at import (main chunk) | ${hello.bundleBytes.toLocaleString("en")} | ${r.api.mainChunkBytes.toLocaleString("en")} | ${ratio(r.api.mainChunkBytes, hello.bundleBytes)} |
| import, ms | ${hello.health.importMs} | ${r.api.health.importMs} | ${ratio(r.api.health.importMs, hello.health.importMs)} |
| import without any link set, ms | — | ${r.api.importWithoutLinks.importMs} | |
| first event \`/health\`, ms after import | ${hello.health.answerMs} | ${r.api.health.answerMs} (${r.api.health.statuses.join(", ")}) | ${ratio(r.api.health.answerMs, hello.health.answerMs)} |
| first event: a search cached in Redis, ms after import | — | ${r.api.cachedSearch.answerMs} (${r.api.cachedSearch.statuses.join(", ")}) | |
`;
}

await main();
