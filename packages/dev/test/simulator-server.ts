import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createSupplierSimulator, type SimulatorOptions } from "../src/simulator/app";

/** The simulator on a free loopback port, for tests that drive it with the suppliers' official clients. */
export async function startSimulator(options: SimulatorOptions = {}) {
  const simulator = createSupplierSimulator({ latencyMs: { min: 0, max: 0 }, ...options });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: simulator.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    /** `/__control` is the simulator's own endpoint, not a supplier's: plain HTTP. */
    control: async (body: Record<string, unknown>) => {
      const response = await fetch(`${url}/__control`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
      if (!response.ok) throw new Error(`__control answered ${response.status}`);
    },
    stats: () => simulator.stats(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A date `days` from today (UTC), as YYYY-MM-DD. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
