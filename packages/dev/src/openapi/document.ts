import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { entryPoints, tsxArguments } from "../local/entry-points";
import { freePort, stopChildProcesses } from "../local/processes";
import { localResourceEnvironment } from "../local/resources";

/** Port 9 (discard) on loopback: nothing listens, so any call the API made would fail at once. */
const nowhere = "http://127.0.0.1:9";

/**
 * The API's OpenAPI document as its own process serves it. The document is built from the routes
 * alone, so the API runs linked to data stores, suppliers and an issuer that do not exist: nothing
 * is called before a request needs it, and `/openapi.json` needs none.
 */
export async function fetchOpenApiDocument(options: { timeoutMs?: number } = {}): Promise<Record<string, unknown>> {
  const port = await freePort();
  const env = localResourceEnvironment({
    stage: "openapi",
    dynamoEndpoint: nowhere,
    redis: { host: "127.0.0.1", port: 9 },
    supplier: { baseUrl: nowhere, clientId: "none", clientSecret: "none", timeoutMs: 500 },
    dataDir: join(tmpdir(), "travel-platform-openapi"),
    authUrl: nowhere,
  });
  const child = spawn(process.execPath, tsxArguments(entryPoints.api), {
    cwd: entryPoints.api.cwd,
    env: { ...process.env, ...env, PORT: String(port), POWERTOOLS_LOG_LEVEL: "CRITICAL" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    const url = `http://127.0.0.1:${port}`;
    while (!(await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode} before serving its document\n${stderr.trim()}`);
      if (Date.now() > deadline) throw new Error(`the API did not start within ${options.timeoutMs ?? 60_000} ms\n${stderr.trim()}`);
      await sleep(200);
    }
    const response = await fetch(`${url}/openapi.json`, { signal: AbortSignal.timeout(Math.max(deadline - Date.now(), 10_000)) });
    if (!response.ok) throw new Error(`GET /openapi.json answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  } finally {
    await stopChildProcesses([child]);
  }
}
