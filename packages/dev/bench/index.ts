/** `pnpm bench <name>`: runs one benchmark. */
export {};
const benchmarks: Record<string, () => Promise<unknown>> = {
  search: () => import("./search"),
  booking: () => import("./booking"),
  coldstart: () => import("./coldstart"),
  web: () => import("./web"),
  cost: () => import("./cost"),
};
const name = process.argv[2] ?? "";
const run = benchmarks[name];
if (!run) {
  console.error(`usage: pnpm bench <${Object.keys(benchmarks).join("|")}>`);
  process.exit(2);
}
await run();
