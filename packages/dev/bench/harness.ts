import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { fileCodeSink } from "@travel/core/identity";
import { tsxArguments, entryPoints, type EntryPoint } from "../src/local/entry-points";
import { signInWithCode } from "../src/auth/sign-in";
import { freePort, stopChildProcesses } from "../src/local/processes";
import { localResourceEnvironment } from "../src/local/resources";
import type { DataStores } from "../src/local/stack";
import { defaultSimulatorCredentials } from "../src/simulator/app";

/** What every benchmark shares: child processes of the stack, readiness waits, percentiles. */
export const resultsDir = fileURLToPath(new URL("../../../bench/results/", import.meta.url));
export const children: ChildProcess[] = [];

/** Write a benchmark's report as bench/results/<name>.json and .md, and print the Markdown. */
export function writeResults<R>(name: string, report: R, markdown: (report: R) => string): void {
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(`${resultsDir}${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${resultsDir}${name}.md`, markdown(report));
  console.log(markdown(report));
}

export function startChild(entry: EntryPoint, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, tsxArguments(entry), {
    cwd: entry.cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

/**
 * The supplier simulator as its own process, and the links a stack around it gets (as `pnpm
 * start` gives them): what every benchmark starts before its API.
 */
export async function startSimulatorWithLinks(
  stores: DataStores,
  options: { stage: string; authUrl: string; latency?: string },
): Promise<{ simUrl: string; env: Record<string, string> }> {
  const simPort = await freePort();
  const simUrl = `http://127.0.0.1:${simPort}`;
  startChild(entryPoints.simulator, { SIM_PORT: String(simPort), ...(options.latency ? { SIM_LATENCY_MS: options.latency } : {}) });
  await waitFor(`${simUrl}/__stats`);
  const env = localResourceEnvironment({
    stage: options.stage,
    dynamoEndpoint: stores.dynamoEndpoint,
    redis: stores.redis,
    supplier: { baseUrl: simUrl, ...defaultSimulatorCredentials },
    dataDir: mkdtempSync(join(tmpdir(), `travel-${options.stage}-`)),
    authUrl: options.authUrl,
  });
  return { simUrl, env };
}

/** Stop every child (SIGKILL after 5 s), so the stores can stop after them. */
export function stopChildren(): Promise<void> {
  return stopChildProcesses(children);
}

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await fetch(url).then((r) => r.status < 500, () => false)) return;
    await sleep(200);
  }
  throw new Error(`${url} did not come up`);
}

/** Nearest-rank percentile of sorted latencies, to 0.1 ms. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

/** The OAuth issuer as its own process (as `pnpm start` runs it); sign-ins go through the real flow. */
export async function startIssuer(env: Record<string, string>, port: number): Promise<{ url: string; signIn(email: string): Promise<string> }> {
  const codes = mkdtempSync(join(tmpdir(), "travel-bench-codes-"));
  startChild(entryPoints.auth, { ...env, AUTH_PORT: String(port), AUTH_CODES_DIR: codes });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/.well-known/jwks.json`);
  const sink = fileCodeSink(codes);
  return { url, signIn: async (email) => (await signInWithCode({ issuerUrl: url, email, readCode: (e) => sink.read(e) })).access_token };
}

/**
 * Partner keys on a plan, issued by an admin through the API. Load that one client generates is
 * spread over many partners' keys, as production traffic is: one key is held to its plan's rate.
 */
export async function issuePartnerKeys(apiUrl: string, adminToken: string, count: number, plan: string): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${apiUrl}/v1/admin/api-keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `bench partner ${i}`, plan }),
    });
    // The admin is a signed-in user with a user's rate limit: wait as told, then go on.
    if (response.status === 429) {
      await sleep(Number(response.headers.get("retry-after") ?? 1) * 1000);
      i--;
      continue;
    }
    if (response.status !== 201) throw new Error(`issuing a partner key failed: HTTP ${response.status} ${await response.text()}`);
    keys.push(((await response.json()) as { data: { key: string } }).data.key);
  }
  return keys;
}
