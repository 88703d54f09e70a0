/**
 * Test helpers that do not load `sst`: the Lambda test sets SST_RESOURCE_* before `sst` is first
 * imported, because `Resource` reads the environment once, at import.
 */
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { inject } from "vitest";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { catalogTable, ensureTables } from "@travel/core/db";
import { localResourceEnvironment, localTableName } from "@travel/dev/local/resources";
import { localTables } from "@travel/dev/local/stack";
import { createSupplierSimulator, defaultSimulatorCredentials, type SimulatorOptions } from "@travel/dev/simulator/app";

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Serve a fetch handler on a free loopback port: tests talk real HTTP to it. */
export async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Listening> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface RunningSimulator extends Listening {
  /** The simulator's own call counter, read over HTTP like any client would. */
  stats(): Promise<{ total: number; errors: number; byEndpoint: Record<string, number> }>;
  control(settings: Record<string, unknown>): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const simulator = createSupplierSimulator({ latencyMs: { min: 5, max: 20 }, ...options });
  const server = await listen(simulator.app.fetch);
  return {
    ...server,
    stats: async () => (await fetch(`${server.url}/__stats`)).json() as never,
    control: async (settings) => {
      await fetch(`${server.url}/__control`, { method: "POST", body: JSON.stringify(settings), headers: { "content-type": "application/json" } });
    },
  };
}

/** Which suppliers a test's API asks (the variables' comma lists). */
export type SupplierChoice = { flights?: string; stays?: string };

/**
 * For suites about one supplier's path (cache counts, its seat layout, its names): the
 * Amadeus-format supplier alone. Several suppliers side by side: suppliers-side-by-side.test.ts.
 */
export const amadeusAlone: SupplierChoice = { flights: "amadeus", stays: "amadeus" };

/**
 * The `SST_RESOURCE_*` environment of the run's data stores and the given simulator. Each call
 * gets its own stage so cache keys never collide between test files.
 */
export function testResourceEnvironment(
  simulatorUrl: string,
  stage = `test-${randomUUID().slice(0, 8)}`,
  // Nothing listens here: suites that sign in start an issuer and link it (startApi does).
  authUrl = "http://127.0.0.1:9",
  // FLIGHT_SUPPLIERS / STAY_SUPPLIERS as written; unset: every supplier, as deployed by default.
  suppliers?: SupplierChoice,
): Record<string, string> {
  const stores = inject("stores");
  const env = localResourceEnvironment({
    stage,
    dynamoEndpoint: stores.dynamoEndpoint,
    redis: stores.redis,
    supplier: { baseUrl: simulatorUrl, ...defaultSimulatorCredentials },
    dataDir: join(tmpdir(), `travel-platform-${stage}`),
    authUrl,
    ...(suppliers ? { suppliers } : {}),
  });
  // The catalog was created and seeded once for the run, under the run's stage. Booking tables
  // are the stage's own (startApi creates them), so one file's outbox relay never sees another's rows.
  env[`SST_RESOURCE_${catalogTable.linkName}`] = JSON.stringify({ name: localTableName(stores.stage, catalogTable) });
  return env;
}

/** A departure date `days` from today (UTC), as YYYY-MM-DD. */
export function daysFromNow(days: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export { freePort as freePortForTest } from "@travel/dev/local/processes";

/** Create the stage's tables other than the shared catalog (idempotent). */
export async function ensureStageTables(links: Record<string, { name: string }>): Promise<void> {
  const client = new DynamoDBClient({});
  try {
    await ensureTables(client, localTables.filter((t) => t.linkName !== catalogTable.linkName), (t) => links[t.linkName]!.name);
  } finally {
    client.destroy();
  }
}
