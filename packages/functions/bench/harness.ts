import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { stopChildProcesses } from "../src/local/processes";

/** What every benchmark shares: child processes of the stack, readiness waits, percentiles. */
export const functionsDir = fileURLToPath(new URL("..", import.meta.url));
export const resultsDir = fileURLToPath(new URL("../../../bench/results/", import.meta.url));
export const children: ChildProcess[] = [];

export function startChild(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: functionsDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
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
