import { priceRegion, pricesAsOf, type PriceName } from "./cost-prices";

/**
 * bench/results/cost.md from the report `pnpm bench cost` writes as cost.json. The shapes below
 * are what cost.ts produces; they live here so that cost.ts imports the report and not the
 * other way round.
 */

export interface LineItem { service: string; item: string; quantity: number; unit: string; price: PriceName; unitPrice: string; monthlyUsd: number; fixed: boolean }
/** One priced month of a stage at a volume: the model's output (cost.ts `monthOf`) with its name. */
export interface Scenario {
  name: string;
  stage: string;
  searchesPerDay: number;
  edgeCacheHitShare: number;
  traffic: Record<string, number> & { searches: number; apiRequests: number };
  fixedUsd: number;
  variableUsd: number;
  totalUsd: number;
  usdPerSearch: number;
  usdPerApiRequest: number;
  meetsRequirement: boolean;
  breakEvenSearchesPerDay: number;
  lineItems: LineItem[];
}
export interface CostReport {
  ranAt: string;
  requirementUsdPerRequest: number;
  graph: Record<string, [string, string][]>;
  figures: Record<string, { value: number; source: string }>;
  assumptions: Record<string, unknown> & { edgeCacheHitShare: number };
  scenarios: Scenario[];
}

const usd = (n: number, digits = 2) => `$${n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
export const count = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: n < 10 ? 3 : 0 });
/** Dollars per request, with the micro-dollars beside them. */
const perRequest = (n: number) => `${usd(n, 6)} (${(n * 1e6).toFixed(1)} µ$)`;

export function costMarkdown(r: CostReport): string {
  const requirement = r.requirementUsdPerRequest;
  // The main scenarios: production without the edge-cache sensitivity, one per volume.
  const main = r.scenarios.filter((s) => s.stage === "production" && s.edgeCacheHitShare === r.assumptions.edgeCacheHitShare);
  const flatten = (prefix: string, value: unknown): [string, string][] =>
    value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => flatten(prefix ? `${prefix}.${k}` : k, v)) : [[prefix, JSON.stringify(value)]];
  const largestFirst = (s: Scenario) => [...s.lineItems].sort((x, y) => y.monthlyUsd - x.monthlyUsd);
  const lineItems = (s: Scenario) => largestFirst(s).map((i) =>
    `| ${i.service} | ${i.item} | ${count(i.quantity)} ${i.unit} | ${i.unitPrice} | ${usd(i.monthlyUsd)} | ${i.fixed ? "fixed" : "traffic"} |`).join("\n");
  return `# Cost per request

${r.ranAt.slice(0, 10)}: AWS on-demand list prices for **${priceRegion}** as of ${pricesAsOf} (packages/dev/bench/cost-prices.ts; re-check them on AWS's pricing pages), no free tier, no Savings Plans.
Resources from the production graph (sst.config.ts evaluated under Pulumi mocks), figures from bench/results/*.json, assumptions below; the model: docs/cost.md.
Requirement: cost per request < ${usd(requirement, 3)}.

| scenario | searches a month | API requests a month | fixed / month | traffic / month | total / month | per search | per API request | < $0.001 |
|---|---:|---:|---:|---:|---:|---:|---:|---|
${r.scenarios.map((s) => `| ${s.name} | ${count(s.traffic.searches)} | ${count(s.traffic.apiRequests)} | ${usd(s.fixedUsd)} | ${usd(s.variableUsd)} | **${usd(s.totalUsd)}** | ${perRequest(s.usdPerSearch)} | ${perRequest(s.usdPerApiRequest)} | ${s.meetsRequirement ? "met" : "**missed**"} |`).join("\n")}

Break-even: ${main.map((s) => `at the traffic cost per search of ${count(s.searchesPerDay)} a day, a search costs under ${usd(requirement, 3)} from ${count(s.breakEvenSearchesPerDay)} searches a day`).join("; ")} (fixed costs ÷ what is left of $0.001 after the traffic cost per search).

Largest line items:
${main.map((s) => `- ${count(s.searchesPerDay)} a day: ${largestFirst(s).slice(0, 5).map((i) => `${i.service} ${i.item} ${usd(i.monthlyUsd)}`).join("; ")}`).join("\n")}

## What the graph says
| | production | dev |
|---|---|---|
${r.graph.production!.map(([what, value], i) => `| ${what} | ${value} | ${r.graph.dev![i]?.[1] ?? ""} |`).join("\n")}

## Benchmark figures
| figure | value | from |
|---|---:|---|
${Object.entries(r.figures).map(([name, f]) => `| ${name} | ${f.value} | ${f.source} |`).join("\n")}

## Assumptions
| assumption | value |
|---|---|
${flatten("", r.assumptions).map(([k, v]) => `| ${k} | ${v} |`).join("\n")}

${main.map((s) => `## Line items: ${s.name}
Traffic: ${Object.entries(s.traffic).map(([k, v]) => `${k} ${count(v)}`).join(", ")}.

| service | item | quantity | unit price | per month | |
|---|---|---:|---|---:|---|
${lineItems(s)}
| | **total** | | | **${usd(s.totalUsd)}** | |
`).join("\n")}`;
}
