/**
 * The inside of an infra graph evaluation: the program SST's CLI would run for `sst deploy
 * --stage <stage>`, run instead against Pulumi's mock monitor. evaluate.ts bundles this with
 * `sst.config.ts` the way the CLI does (pkg/project/stack.go: `$app`, `$cli` and `$dev` defined,
 * SST's run shim injected, `aws` and `sst` in scope of every file) and runs the bundle in a child
 * process; this writes what was recorded as JSON to the file evaluate.ts names.
 */
import { writeFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { startCliStandIn } from "./cli-stand-in";
import { installMockCloud } from "./mock-cloud";

/** What evaluate.ts passes in `INFRA_GRAPH`. */
export interface GraphRequest {
  stage: string;
  region: string;
  root: string;
  workDir: string;
  outFile: string;
}

interface SstConfig {
  app(input: { stage: string }): Promise<AppResult> | AppResult;
  run(): Promise<unknown>;
}
interface AppResult {
  name: string;
  home: string;
  removal?: string;
  providers?: Record<string, unknown>;
  version?: string;
}

/** `app()`'s result as the CLI normalises it into `$app` (pkg/project/project.go). */
function normaliseApp(app: AppResult, stage: string) {
  const providers = Object.fromEntries(
    Object.entries(app.providers ?? {}).map(([name, args]) => [name, args === true ? {} : typeof args === "string" ? { version: args } : args]),
  );
  if (!(app.home in providers)) providers[app.home] = {};
  return { name: app.name, stage, removal: app.removal ?? "retain", providers, home: app.home, version: app.version ?? "" };
}

/** Provider settings as the CLI turns them into Pulumi config (stack.go: objects as JSON). */
function providerConfig(providers: Record<string, unknown>) {
  const config: Record<string, string> = {};
  for (const [provider, args] of Object.entries(providers)) {
    for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
      if (typeof value === "string") config[`${provider}:${key}`] = value;
      else if (Array.isArray(value)) value.forEach((item, index) => (config[`${provider}:${key}[${index}]`] = String(item)));
      else if (value && typeof value === "object") config[`${provider}:${key}`] = JSON.stringify(value);
    }
  }
  return config;
}

/** Exported by @pulumi/pulumi's runtime (what its own `disconnect` awaits) but left out of its types. */
const runtimeInternals = pulumi.runtime as unknown as { waitForRPCs(): Promise<void> };

/**
 * Resources made inside `apply` callbacks (SST makes many) register after the stack's outputs are
 * known, and dynamic providers serialise their code first; done when no registration is pending
 * and none has arrived for a while. Leftovers still fail: Pulumi exits non-zero on leaked promises.
 */
async function settled(resources: unknown[]) {
  let quietRounds = 0;
  let seen = resources.length;
  while (quietRounds < 5) {
    await runtimeInternals.waitForRPCs();
    await new Promise((resolve) => setTimeout(resolve, 100));
    quietRounds = resources.length === seen ? quietRounds + 1 : 0;
    seen = resources.length;
  }
}

export async function evaluateInMockCloud(config: SstConfig, run: (program: () => Promise<unknown>) => Promise<unknown>) {
  const request = JSON.parse(process.env.INFRA_GRAPH ?? "") as GraphRequest;
  const errors: string[] = [];
  const failed = (error: unknown) => errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.on("unhandledRejection", failed);
  process.on("uncaughtException", failed);

  const app = normaliseApp(await config.app({ stage: request.stage }), request.stage);
  (globalThis as Record<string, unknown>).__infraGraphApp = app;
  const cli = await startCliStandIn(request.root, request.workDir);
  process.env.SST_SERVER = cli.url;
  const pulumiConfig = providerConfig(app.providers);
  const cloud = installMockCloud({ project: app.name, stack: request.stage, region: request.region, config: pulumiConfig });

  let outputs: unknown;
  try {
    outputs = await pulumi.runtime.runInPulumiStack(() => run(config.run) as Promise<pulumi.Inputs>);
    await settled(cloud.resources);
  } catch (error) {
    failed(error);
  }
  cli.close();
  writeFileSync(
    request.outFile,
    JSON.stringify({ stage: request.stage, region: request.region, app, config: pulumiConfig, resources: cloud.resources, calls: cloud.calls, builds: cli.builds, secrets: [...cli.secretsRead].sort(), outputs, errors }),
  );
}
