import { serve } from "@hono/node-server";
import { createSupplierSimulator } from "./app";

/** `pnpm sim`: the supplier simulator on SIM_PORT (default 3002). */
function parseLatency(value: string | undefined): { min: number; max: number } | undefined {
  if (!value) return undefined;
  const [min, max = min] = value.split("-").map(Number);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min! < 0 || max! < min!) {
    throw new Error(`SIM_LATENCY_MS must look like "150-600" or "200", got "${value}"`);
  }
  return { min: min!, max: max! };
}

const port = Number(process.env.SIM_PORT ?? 3002);
const latencyMs = parseLatency(process.env.SIM_LATENCY_MS);
const errorRate = process.env.SIM_ERROR_RATE ? Number(process.env.SIM_ERROR_RATE) : undefined;
const simulator = createSupplierSimulator({
  ...(latencyMs ? { latencyMs } : {}),
  ...(errorRate !== undefined ? { errorRate } : {}),
  ...(process.env.SIM_CLIENT_ID ? { clientId: process.env.SIM_CLIENT_ID } : {}),
  ...(process.env.SIM_CLIENT_SECRET ? { clientSecret: process.env.SIM_CLIENT_SECRET } : {}),
  ...(process.env.SIM_DUFFEL_TOKEN ? { duffelAccessToken: process.env.SIM_DUFFEL_TOKEN } : {}),
  ...(process.env.SIM_DUFFEL_WEBHOOK_URL && process.env.SIM_DUFFEL_WEBHOOK_SECRET
    ? { duffelWebhooks: { url: process.env.SIM_DUFFEL_WEBHOOK_URL, secret: process.env.SIM_DUFFEL_WEBHOOK_SECRET } }
    : {}),
});

const server = serve({ fetch: simulator.app.fetch, port, hostname: "127.0.0.1" }, (info) => {
  const { latencyMs: { min, max }, errorRate } = simulator.settings.amadeus;
  console.log(`supplier simulator on http://127.0.0.1:${info.port}: Amadeus, Duffel and cars (latency ${min}-${max} ms, error rate ${errorRate})`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => server.close(() => process.exit(0)));
