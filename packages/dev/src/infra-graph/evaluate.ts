/**
 * Evaluates `sst.config.ts` for one stage without AWS: bundles the program as SST's CLI does
 * (`sst deploy`, pkg/project/stack.go and pkg/js/js.go in SST's repository) with graph-program.ts
 * as its driver, runs it in a child process against Pulumi's mock monitor, and returns every
 * resource the program registered with its inputs. Needs `.sst/platform` (`pnpm sst:types`).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { RecordedBuild } from "./cli-stand-in";
import type { GraphRequest } from "./graph-program";
import type { RecordedCall, RecordedResource } from "./mock-cloud";

export const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const workDir = path.join(repositoryRoot, ".sst");
const platformDir = path.join(workDir, "platform");

export interface InfraGraph {
  stage: string;
  region: string;
  app: { name: string; stage: string; removal: string; providers: Record<string, unknown>; home: string };
  /** The Pulumi config the CLI would set from `app().providers` (`aws:defaultTags` …). */
  config: Record<string, string>;
  resources: RecordedResource[];
  calls: RecordedCall[];
  builds: RecordedBuild[];
  secrets: string[];
  outputs: Record<string, unknown>;
  errors: string[];
}

export interface GraphOptions {
  stage: string;
  /** The deploy's region (what AWS_REGION would be). */
  region?: string;
  /** Deploy-time variables the infra reads (DR_REGION, ALARM_EMAIL …), on top of a clean set. */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Where `sst.config.ts` and `infra/` are read from (a changed copy, in the tests that prove the checks can fail). */
  root?: string;
}

/** The deploy-time variables infra/*.ts reads: none of the caller's leak into a graph. */
const deployVariables = [
  "ADMIN_EMAILS", "ALARM_EMAIL", "ANALYTICS_WEBHOOK_URL", "BOOKING_EMAIL_SENDER", "CORS_ORIGINS", "COST_ALLOCATION_TAGS", "DR_REGION", "ADOPT_REPLICA_TABLES",
  "DUFFEL_API_URL", "FLIGHT_SUPPLIERS", "MONTHLY_BUDGET_USD", "STAY_SUPPLIERS", "STRIPE_PUBLISHABLE_KEY", "WEB_DOMAIN", "GITHUB_REPOSITORY", "DEPLOY_OIDC_PROVIDER_ARN",
];

export async function evaluateInfraGraph(options: GraphOptions): Promise<InfraGraph> {
  if (!existsSync(path.join(platformDir, "src", "auto", "run.ts"))) {
    throw new Error(".sst/platform is missing: run `pnpm sst:types` (sst install) first");
  }
  const region = options.region ?? "eu-west-1";
  const runId = `${options.stage}-${process.pid}-${Date.now()}`;
  const graphDir = path.join(workDir, "graph", runId);
  mkdirSync(graphDir, { recursive: true });
  // The bundle sits in .sst/platform so that its @pulumi/* imports resolve to SST's installed copies.
  const outfile = path.join(platformDir, `graph.${runId}.mjs`);
  const outFile = path.join(graphDir, "graph.json");
  try {
    const root = options.root ?? repositoryRoot;
    await bundleProgram(outfile, root);
    const request: GraphRequest = { stage: options.stage, region, root, workDir: graphDir, outFile };
    // A deploy runs from a shell, not from a test runner: vitest's NODE_ENV=test would make the
    // site's build (a command the program runs) a development build.
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !deployVariables.includes(key) && !key.startsWith("SST_") && !key.startsWith("VITEST") && key !== "NODE_ENV"));
    const exit = await runChild(outfile, { ...env, ...options.env, INFRA_GRAPH: JSON.stringify(request), NODE_OPTIONS: "--no-deprecation", PULUMI_DEBUG_PROMISE_LEAKS: process.env.PULUMI_DEBUG_PROMISE_LEAKS ?? "" }, options.timeoutMs ?? 120_000);
    if (!existsSync(outFile)) throw new Error(`the infra graph evaluation ended (${exit.status}) without a graph:\n${exit.output}`);
    const graph = JSON.parse(readFileSync(outFile, "utf8")) as InfraGraph;
    // Pulumi exits non-zero when promises are left (a resource that never finished registering).
    if (exit.status !== 0) graph.errors.push(`the evaluation exited with ${exit.status}: ${exit.output}`);
    return graph;
  } finally {
    rmSync(outfile, { force: true });
    rmSync(`${outfile}.map`, { force: true });
    rmSync(graphDir, { recursive: true, force: true });
  }
}

/** The CLI's esbuild options (pkg/js/js.go `Build`, pkg/project/stack.go), driven by graph-program.ts. */
async function bundleProgram(outfile: string, root: string) {
  const providerLock = JSON.parse(readFileSync(path.join(workDir, "provider-lock.json"), "utf8")) as { alias: string; package: string }[];
  const globals = [...providerLock.map((p) => `import * as ${p.alias} from "${p.package}";`), `import * as sst from "${path.join(platformDir, "src/components")}";`].join("\n");
  const cli = {
    command: "deploy",
    dev: false,
    paths: { home: path.join(workDir, "home"), root, work: workDir, platform: platformDir },
    state: { version: {} },
  };
  await build({
    stdin: {
      contents: `
        import { run } from ${JSON.stringify(path.join(platformDir, "src/auto/run.ts"))};
        import config from ${JSON.stringify(path.join(root, "sst.config.ts"))};
        import { evaluateInMockCloud } from ${JSON.stringify(fileURLToPath(new URL("./graph-program.ts", import.meta.url)))};
        await evaluateInMockCloud(config, run);
        process.exit(0);
      `,
      resolveDir: root,
      sourcefile: "eval.ts",
      loader: "ts",
    },
    banner: {
      js: `import { createRequire as topLevelCreateRequire } from 'module';
const require = topLevelCreateRequire(import.meta.url);
import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"
const __filename = topLevelFileUrlToPath(import.meta.url)
const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
    },
    mainFields: ["module", "main"],
    format: "esm",
    platform: "node",
    nodePaths: [path.join(platformDir, "node_modules")],
    plugins: [
      {
        // The CLI puts `aws` and `sst` in scope of every file outside .sst (its InjectGlobals plugin).
        name: "inject-globals",
        setup(pluginBuild) {
          pluginBuild.onLoad({ filter: /\.(js|ts|jsx|tsx)$/ }, (args) => {
            const contents = args.path.endsWith(namingModule) ? stableNames(readFileSync(args.path, "utf8")) : readFileSync(args.path, "utf8");
            const ownFile = args.path.includes(`${path.sep}infra-graph${path.sep}`);
            return { contents: args.path.includes(".sst") || ownFile ? contents : `${globals}\n${contents}`, loader: "default" };
          });
        },
      },
    ],
    external: ["@pulumi/*", "undici", "@pulumiverse/*", "@sst-provider/*", "@aws-sdk/*", "esbuild", "archiver", "glob", "vite"],
    define: { $app: "globalThis.__infraGraphApp", $cli: JSON.stringify(cli), $dev: "false" },
    inject: [path.join(platformDir, "src/shim/run.js")],
    outfile,
    bundle: true,
    write: true,
    logLevel: "silent",
  });
}

/**
 * SST ends the physical names it makes with 8 random characters (components/naming.ts). Here they
 * come from a hash of the name instead, so a graph, and the snapshot of it, is the same on every run.
 */
const namingModule = path.join("src", "components", "naming.ts");
const randomNameSource = 'crypto.randomBytes(8).toString("hex")';
function stableNames(source: string) {
  if (!source.includes(randomNameSource)) throw new Error(`SST's naming.ts no longer makes names with ${randomNameSource}: update evaluate.ts`);
  return source.replace(randomNameSource, 'crypto.createHash("sha256").update(`${max}:${name}:${suffix}`).digest("hex").slice(0, 16)');
}

function runChild(file: string, env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<{ status: number | string; output: string }>((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: repositoryRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ status: signal ?? code ?? "unknown", output: output.slice(-4000) });
    });
  });
}
