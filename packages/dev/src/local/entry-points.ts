import { fileURLToPath } from "node:url";

/** Where a script runs from: its own package, so it resolves that package's dependencies and tsconfig. */
export interface EntryPoint {
  cwd: string;
  script: string;
}

const functionsDir = fileURLToPath(new URL("../../../functions/", import.meta.url));
const devDir = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Every process the local stack and the benchmarks run, declared once. The deployables' local
 * entry points live with their Lambdas in packages/functions (the same composition module behind
 * both); the tools live here. Spawned by path, so this package never imports the deployables.
 */
export const entryPoints = {
  api: { cwd: functionsDir, script: "src/api/server.ts" },
  auth: { cwd: functionsDir, script: "src/auth/server.ts" },
  worker: { cwd: functionsDir, script: "src/worker/server.ts" },
  simulator: { cwd: devDir, script: "src/simulator/server.ts" },
  expressBaseline: { cwd: devDir, script: "bench/baselines/express-server.ts" },
  limitBaseline: { cwd: devDir, script: "bench/baselines/limit-server.ts" },
} as const satisfies Record<string, EntryPoint>;

/** `node --import tsx <script>` for an entry point. */
export function tsxArguments(entry: EntryPoint): string[] {
  return ["--import", "tsx", entry.script];
}
