import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { chromiumPath, isLocalUrl, requireChromium } from "../src/testing/chromium";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { launch, type LaunchedChrome } from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import { apiNodeOptions } from "@travel/core/config";
import { entryPoints } from "../src/local/entry-points";
import { freePort } from "../src/local/processes";
import { startDataStores } from "../src/local/stack";
import { buildWebApp, createWebServer } from "../src/local/web-server";
import { startChild, startIssuer, startSimulatorWithLinks, stopChildren, waitFor, writeResults } from "./harness";

/**
 * `pnpm bench web`: Lighthouse (mobile: the default config's Moto G Power screen, simulated slow
 * 4G and 4× CPU slowdown) on the traveller app's search and results pages, served as `pnpm start`
 * serves them (the built app behind the local web server, the API at the same origin, the API's
 * stores, simulator and issuer as their own processes), in Debian's Chromium.
 *
 * The same-run baseline: a minimal page (a heading, a paragraph, one small external script, a
 * favicon) served by the same web server code (createWebServer: same compression, headers and
 * CSP). Its scores and metrics are this machine's ceiling in this run; our pages' metrics are
 * reported as ratios to it. Pages are measured in rounds (baseline, search, results, results with
 * a cold cache), `runs` rounds, and each page's median run (Lighthouse's own computeMedianRun:
 * closest to the median FCP and TTI) is reported. Bytes are stable: JavaScript transferred on
 * first load is summed from Lighthouse's network requests (script responses, gzipped as served,
 * headers included) and compared with the 200 KB target.
 * Results: bench/results/web.json and web.md.
 */
const settings = {
  /** Rounds; Lighthouse's own advice for a median is five runs. */
  runs: Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5),
  chromePath: chromiumPath,
  /** When set, every run's full Lighthouse report (JSON) is kept there too, to open in the Lighthouse viewer. */
  reportsDir: process.env.BENCH_WEB_REPORTS_DIR,
  /** The simulator's default (as `pnpm start` runs it): what a cache miss waits for. */
  simulatorLatency: "150-600",
  targets: { score: 0.9, firstLoadJsBytes: 200 * 1024 },
};

/** Everything but the machine's own addresses fails to resolve: nothing a page or Chromium does may leave the machine. */
const chromeFlags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"];

const categories = ["performance", "accessibility", "best-practices"] as const;
type Category = (typeof categories)[number];
const metrics = {
  fcpMs: "first-contentful-paint",
  lcpMs: "largest-contentful-paint",
  tbtMs: "total-blocking-time",
  cls: "cumulative-layout-shift",
  speedIndexMs: "speed-index",
  ttiMs: "interactive",
} as const;
type Metrics = Record<keyof typeof metrics, number>;

interface NetworkRequest {
  url: string;
  resourceType?: string;
  transferSize?: number;
  resourceSize?: number;
  statusCode: number;
  mimeType?: string;
}

interface FailingAudit {
  id: string;
  title: string;
  score: number;
  displayValue?: string;
  /** What it found, for fixing: element selectors or snippets, URLs, console messages (first five). */
  items: string[];
}

interface PageFigures {
  page: string;
  url: string;
  scores: Record<Category, number>;
  metrics: Metrics;
  bytes: { firstLoadJs: number; firstLoadJsUncompressed: number; scripts: number; total: number; requests: number };
  lcpElement?: string;
  /** Requests of the page that did not answer 2xx/3xx, and any that were not to this machine. */
  failedRequests: string[];
  offMachineRequests: string[];
  failing: Record<Category, FailingAudit[]>;
  runWarnings: string[];
  /** Audits Lighthouse could not compute in this browser (id: why); none of them counts toward a score when its weight is 0. */
  erroredAudits: Array<{ id: string; weight: number; error: string }>;
  benchmarkIndex: number;
  /** Every run's score and headline metrics, to see the noise, with the machine's state at the time. */
  runs: Array<{ performance: number; fcpMs: number; lcpMs: number; tbtMs: number; speedIndexMs: number; benchmarkIndex: number; loadAverage: number }>;
}

/** A page Lighthouse measures, and what to do before each run (warm a cache, pick a new question). */
interface Target {
  page: string;
  url: (round: number) => string;
  before?: (url: string) => Promise<void>;
}

// Chromium's own pages (chrome:, chrome-extension:) stay on the machine too.
const isLocal = (url: string) => /^(chrome|chrome-extension):/.test(url) || isLocalUrl(url);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ url: string; server: ServerType }> {
  const port = await freePort();
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve({ url: `http://127.0.0.1:${info.port}`, server }));
  });
}

const close = (server: ServerType) => new Promise<void>((resolve) => server.close(() => resolve()));

/**
 * The baseline page, laid out as a build: an HTML page, one small external script (the CSP
 * allows no inline script), a favicon; served by createWebServer like the app.
 */
function writeBaselinePage(dir: string): string {
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="description" content="A minimal page: the baseline of the web benchmark." />
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <title>Hello</title>
  </head>
  <body>
    <main>
      <h1>Hello</h1>
      <p id="greeting">This page is the baseline: as little as a page can be.</p>
    </main>
    <script type="module" src="/assets/hello.js"></script>
  </body>
</html>
`,
  );
  writeFileSync(join(dir, "assets", "hello.js"), `document.getElementById("greeting").textContent = "Hello from a script, at " + new Date().toISOString() + ".";\n`);
  writeFileSync(join(dir, "favicon.svg"), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#0b4f6c"/></svg>\n`);
  return dir;
}

async function runLighthouse(chrome: LaunchedChrome, url: string): Promise<Result> {
  const result = await lighthouse(url, {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: [...categories],
    // The default config's mobile settings, stated: Moto G Power screen, simulated slow 4G, 4× CPU.
    formFactor: "mobile",
    throttlingMethod: "simulate",
  });
  if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not measure ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  for (const category of categories) {
    if (typeof lhr.categories[category]?.score !== "number") throw new Error(`Lighthouse gave ${url} no ${category} score (${lhr.runWarnings.join("; ")})`);
  }
  return lhr;
}

function itemsOf(audit: Result["audits"][string]): string[] {
  const details = audit.details as { items?: Array<Record<string, unknown>> } | undefined;
  if (!details?.items) return [];
  return details.items.slice(0, 5).map((item) => {
    const node = item.node as { selector?: string; snippet?: string } | undefined;
    const source = item.source as { url?: string } | undefined;
    const text = node?.selector ?? node?.snippet ?? item.description ?? item.url ?? source?.url ?? item.label ?? JSON.stringify(item).slice(0, 160);
    return String(text).slice(0, 200);
  });
}

/** Audits of a category that count toward its score and scored under 0.9 (informative, manual and not-applicable ones have no score). */
function failingAudits(lhr: Result, category: Category): FailingAudit[] {
  return lhr.categories[category]!.auditRefs.flatMap((ref) => {
    const audit = lhr.audits[ref.id]!;
    if (audit.score === null || audit.score >= settings.targets.score || audit.scoreDisplayMode === "informative") return [];
    if (category === "performance" && ref.weight === 0 && !audit.metricSavings) return [];
    return [{ id: audit.id, title: audit.title, score: audit.score, ...(audit.displayValue ? { displayValue: audit.displayValue } : {}), items: itemsOf(audit) }];
  });
}

function figures(page: string, url: string, runs: Result[], loads: number[]): PageFigures {
  const lhr = runs.length > 1 ? computeMedianRun(runs) : runs[0]!;
  const metric = (r: Result, id: string) => r.audits[id]?.numericValue ?? Number.NaN;
  const requests = ((lhr.audits["network-requests"]?.details as { items?: NetworkRequest[] } | undefined)?.items ?? []).filter((r) => !r.url.startsWith("data:"));
  const scripts = requests.filter((r) => r.resourceType === "Script");
  // A list of tables: the element first, then the LCP's phases.
  const lcpTable = (lhr.audits["largest-contentful-paint-element"]?.details as { items?: Array<{ items?: Array<{ node?: { snippet?: string; selector?: string } }> }> } | undefined)?.items?.[0];
  const lcpNode = lcpTable?.items?.[0]?.node;
  const lcpItems = lcpNode ? [`${lcpNode.selector ?? ""} ${lcpNode.snippet ?? ""}`.trim().slice(0, 200)] : [];
  return {
    page,
    url,
    scores: Object.fromEntries(categories.map((c) => [c, lhr.categories[c]!.score!])) as Record<Category, number>,
    metrics: Object.fromEntries(Object.entries(metrics).map(([key, id]) => [key, round(metric(lhr, id), key === "cls" ? 3 : 0)])) as Metrics,
    bytes: {
      firstLoadJs: scripts.reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
      firstLoadJsUncompressed: scripts.reduce((sum, r) => sum + (r.resourceSize ?? 0), 0),
      scripts: scripts.length,
      total: round(metric(lhr, "total-byte-weight")),
      requests: requests.length,
    },
    ...(lcpItems[0] ? { lcpElement: lcpItems[0] } : {}),
    failedRequests: requests.filter((r) => !(r.statusCode >= 200 && r.statusCode < 400)).map((r) => `${r.statusCode} ${r.url}`),
    offMachineRequests: requests.filter((r) => !isLocal(r.url)).map((r) => r.url),
    failing: Object.fromEntries(categories.map((c) => [c, failingAudits(lhr, c)])) as Record<Category, FailingAudit[]>,
    runWarnings: lhr.runWarnings,
    erroredAudits: Object.values<Result["audits"][string]>(lhr.audits)
      .filter((a) => a.scoreDisplayMode === "error")
      .map((a) => ({
        id: a.id,
        weight: Math.max(0, ...categories.map((c) => lhr.categories[c]?.auditRefs.find((ref: { id: string }) => ref.id === a.id)?.weight ?? 0)),
        error: (a.errorMessage ?? "").slice(0, 300),
      })),
    benchmarkIndex: round(lhr.environment.benchmarkIndex),
    runs: runs.map((r, i) => ({
      performance: r.categories.performance!.score!,
      fcpMs: round(metric(r, metrics.fcpMs)),
      lcpMs: round(metric(r, metrics.lcpMs)),
      tbtMs: round(metric(r, metrics.tbtMs)),
      speedIndexMs: round(metric(r, metrics.speedIndexMs)),
      benchmarkIndex: round(r.environment.benchmarkIndex),
      loadAverage: loads[i]!,
    })),
  };
}

/** Our page's figure over the baseline's: undefined when the baseline's is zero (TBT, CLS often are). */
const ratio = (ours: number, baseline: number) => (baseline > 0 ? round(ours / baseline, 2) : undefined);

async function main() {
  const started = Date.now();
  // Checked first: chrome-launcher's spawn error for a missing binary escapes every try/finally.
  requireChromium("pnpm bench web");
  console.log("bench web: starting the local stack (in memory)…");
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  // The catalog is seeded: the results page's place fields ask /v1/destinations for suggestions.
  const stores = await startDataStores({ stage: "bench", onProgress: (m) => console.log(`  ${m}`) });
  const servers: ServerType[] = [];
  const tempDirs: string[] = [];
  let chrome: LaunchedChrome | undefined;
  try {
    const [apiPort, authPort] = [await freePort(), await freePort()];
    const { env } = await startSimulatorWithLinks(stores, { stage: "bench", authUrl: `http://127.0.0.1:${authPort}`, latency: settings.simulatorLatency });
    // The issuer the app's configuration names (the pages measured do not call it unless someone signs in).
    const issuer = await startIssuer(env, authPort);
    const nodeOptions = [process.env.NODE_OPTIONS, apiNodeOptions].filter(Boolean).join(" ");
    startChild(entryPoints.api, { ...env, PORT: String(apiPort), POWERTOOLS_LOG_LEVEL: "WARN", NODE_OPTIONS: nodeOptions });
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${apiUrl}/health`);

    console.log("building the web app…");
    const appDir = mkdtempSync(join(tmpdir(), "travel-bench-web-"));
    const baselineDir = mkdtempSync(join(tmpdir(), "travel-bench-hello-"));
    tempDirs.push(appDir, baselineDir);
    await buildWebApp(appDir);
    writeBaselinePage(baselineDir);
    const appConfig = { authUrl: issuer.url };
    const app = await listen(createWebServer({ distDir: appDir, apiUrl, appConfig }).fetch);
    const hello = await listen(createWebServer({ distDir: baselineDir, apiUrl, appConfig }).fetch);
    servers.push(app.server, hello.server);

    // The results page asks what a traveller's link asks; the API must answer it with offers.
    const question = (date: string) => `origin=LHR&destination=JFK&departureDate=${date}&adults=1`;
    const cachedDate = inDays(30);
    const search = async (date: string) => {
      const response = await fetch(`${app.url}/v1/search/flights?${question(date)}`);
      if (response.status !== 200) throw new Error(`the search behind the results page answered HTTP ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { data: unknown[] };
      if (body.data.length === 0) throw new Error("the search behind the results page found no offers");
      return body.data.length;
    };
    const offers = await search(cachedDate);
    const targets: Target[] = [
      { page: "baseline (hello page)", url: () => `${hello.url}/` },
      { page: "search", url: () => `${app.url}/` },
      // Most searches are answered from cache (the search benchmark's hit ratio is 0.97): the
      // question is asked just before each run, so the page's own search is a fresh cache hit.
      { page: "results (cached search)", url: () => `${app.url}/?vertical=flights&${question(cachedDate)}`, before: async () => void (await search(cachedDate)) },
      // And a question nobody asked before: the page waits for the suppliers (simulated 150–600 ms).
      { page: "results (cache miss)", url: (r) => `${app.url}/?vertical=flights&${question(inDays(90 + r))}` },
    ];

    const chromePort = await freePort();
    chrome = await launch({ chromePath: settings.chromePath, chromeFlags, port: chromePort, logLevel: "silent" });
    const version = (await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json()) as { Browser: string };
    console.log(`${version.Browser}; Lighthouse ${settings.runs} round(s) of ${targets.length} pages (about 20 s a run)…`);

    const runs = new Map<string, Result[]>(targets.map((t) => [t.page, []]));
    // The machine's 1-minute load average when each run started: a shared machine's noise, on record.
    const loads = new Map<string, number[]>(targets.map((t) => [t.page, []]));
    for (let r = 0; r < settings.runs; r++) {
      for (const target of targets) {
        const url = target.url(r);
        await target.before?.(url);
        loads.get(target.page)!.push(round(loadavg()[0]!, 1));
        const lhr = await runLighthouse(chrome, url);
        runs.get(target.page)!.push(lhr);
        if (settings.reportsDir) {
          mkdirSync(settings.reportsDir, { recursive: true });
          writeFileSync(join(settings.reportsDir, `${target.page.replace(/[^a-z]+/g, "-").replace(/-$/, "")}-${r + 1}.json`), JSON.stringify(lhr));
        }
        console.log(`  round ${r + 1}, ${target.page}: performance ${lhr.categories.performance!.score}, accessibility ${lhr.categories.accessibility!.score}, best practices ${lhr.categories["best-practices"]!.score}`);
      }
    }
    const [baselineTarget, ...pageTargets] = targets;
    const figuresOf = (t: Target) => figures(t.page, t.url(0), runs.get(t.page)!, loads.get(t.page)!);
    const baseline = figuresOf(baselineTarget!);
    const pages = pageTargets.map(figuresOf);
    const lighthouseVersion = runs.get(targets[0]!.page)![0]!.lighthouseVersion;

    const vsBaseline = pages.map((p) => ({
      page: p.page,
      performanceScore: ratio(p.scores.performance, baseline.scores.performance),
      fcp: ratio(p.metrics.fcpMs, baseline.metrics.fcpMs),
      lcp: ratio(p.metrics.lcpMs, baseline.metrics.lcpMs),
      speedIndex: ratio(p.metrics.speedIndexMs, baseline.metrics.speedIndexMs),
      tbtMsOver: round(p.metrics.tbtMs - baseline.metrics.tbtMs),
      totalBytes: ratio(p.bytes.total, baseline.bytes.total),
      firstLoadJsBytes: ratio(p.bytes.firstLoadJs, baseline.bytes.firstLoadJs),
    }));
    const targetsMet = pages.map((p) => ({
      page: p.page,
      ...Object.fromEntries(categories.map((c) => [c, { value: p.scores[c], target: `>= ${settings.targets.score}`, met: p.scores[c] >= settings.targets.score }])),
      firstLoadJsBytes: { value: p.bytes.firstLoadJs, target: `<= ${settings.targets.firstLoadJsBytes}`, met: p.bytes.firstLoadJs <= settings.targets.firstLoadJsBytes },
    }));
    const first = runs.get(targets[1]!.page)![0]!;
    const report = {
      benchmark: "web",
      ranAt: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: { cpus: cpus().length, node: process.version },
      chromium: version.Browser,
      chromiumPath: settings.chromePath,
      lighthouseVersion,
      settings: {
        runs: settings.runs,
        formFactor: first.configSettings.formFactor,
        throttlingMethod: first.configSettings.throttlingMethod,
        throttling: first.configSettings.throttling,
        screenEmulation: first.configSettings.screenEmulation,
        chromeFlags,
        simulatorLatencyMs: settings.simulatorLatency,
        offersOnTheResultsPage: offers,
        targets: settings.targets,
      },
      baseline,
      pages,
      vsBaseline,
      targets: targetsMet,
    };
    writeResults("web", report, webMarkdown);
  } finally {
    chrome?.kill();
    await Promise.all(servers.map(close));
    await stopChildren();
    await stores.stop();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  }
}

type Report = {
  ranAt: string;
  durationSeconds: number;
  machine: { cpus: number; node: string };
  chromium: string;
  lighthouseVersion: string;
  settings: { runs: number; throttling: Record<string, number>; screenEmulation: { width: number; height: number }; simulatorLatencyMs: string; offersOnTheResultsPage: number; targets: typeof settings.targets };
  baseline: PageFigures;
  pages: PageFigures[];
  vsBaseline: Array<{ page: string; performanceScore?: number; fcp?: number; lcp?: number; speedIndex?: number; tbtMsOver: number; totalBytes?: number; firstLoadJsBytes?: number }>;
  targets: Array<{ page: string; firstLoadJsBytes: { value: number; met: boolean } } & Record<string, unknown>>;
};

/** bench/results/web.md from the report. */
export function webMarkdown(r: Report): string {
  const n = (v: number) => v.toLocaleString("en-US");
  const score = (v: number) => String(Math.round(v * 100));
  const mark = (met: boolean) => (met ? "met" : "**missed**");
  const x = (v: number | undefined) => (v === undefined ? "—" : `${v.toFixed(2)}×`);
  const all = [r.baseline, ...r.pages];
  const row = (p: PageFigures) =>
    `| ${p.page} | ${score(p.scores.performance)} | ${score(p.scores.accessibility)} | ${score(p.scores["best-practices"])} | ${n(p.metrics.fcpMs)} | ${n(p.metrics.lcpMs)} | ${n(p.metrics.tbtMs)} | ${p.metrics.cls} | ${n(p.metrics.speedIndexMs)} | ${n(p.bytes.firstLoadJs)} (${p.bytes.scripts}) | ${n(p.bytes.total)} |`;
  const t = r.settings.throttling;
  const withLcp = all.filter((p) => p.lcpElement);
  const lcpLine = withLcp.length ? `\nLargest contentful paint element: ${withLcp.map((p) => `${p.page}: \`${p.lcpElement!.replace(/`/g, "'")}\``).join("; ")}.\n` : "";
  const errored = [...new Map(all.flatMap((p) => p.erroredAudits).map((a) => [a.id, a])).values()];
  const erroredLine = errored.length
    ? `\nAudits Lighthouse ${r.lighthouseVersion} could not compute in this Chromium (${errored.every((a) => a.weight === 0) ? "none counts toward a score" : "**some count toward a score**"}): ${errored.map((a) => `\`${a.id}\`${a.weight ? ` (weight ${a.weight})` : ""}`).join(", ")} — ${errored.map((a) => a.error).sort((a, b) => a.length - b.length)[0]}\n`
    : "";
  const failing = r.pages
    .map((p) => {
      const lines = (["accessibility", "best-practices", "performance"] as const).flatMap((c) =>
        p.failing[c].map((a) => `- ${c}: \`${a.id}\` — ${a.title} (score ${a.score}${a.displayValue ? `, ${a.displayValue}` : ""})${a.items.length ? `: ${a.items.map((i) => `\`${i.replace(/`/g, "'")}\``).join(", ")}` : ""}`),
      );
      const extra = [
        ...(p.failedRequests.length ? [`- requests that failed: ${p.failedRequests.join(", ")}`] : []),
        ...(p.offMachineRequests.length ? [`- requests that tried to leave the machine: ${p.offMachineRequests.join(", ")}`] : []),
        ...(p.runWarnings.length ? [`- Lighthouse warnings: ${p.runWarnings.join(" / ")}`] : []),
      ];
      return lines.length + extra.length ? `### ${p.page}\n${[...lines, ...extra].join("\n")}\n` : `### ${p.page}\nNo audit under 0.9.\n`;
    })
    .join("\n");
  return `# Web app benchmark (Lighthouse, mobile)

Ran ${r.ranAt} on ${r.machine.cpus} CPUs, Node ${r.machine.node}, in ${r.durationSeconds} s; ${r.chromium} (Debian's Chromium, headless), Lighthouse ${r.lighthouseVersion}.
Lighthouse's default mobile settings: ${r.settings.screenEmulation.width}×${r.settings.screenEmulation.height} screen, simulated throttling (RTT ${t.rttMs} ms, ${n(t.throughputKbps ?? 0)} kbit/s, CPU ×${t.cpuSlowdownMultiplier}).
${r.settings.runs} round(s); in each, every page once (baseline, then ours); each page's median run (closest to the median FCP and TTI) is reported.
The app is built (\`vite build\`) and served by the local web server (\`createWebServer\`: gzip, the production CSP and headers, the API at the same origin) with the API, Redis, DynamoDB Local (catalog seeded), the issuer and the supplier simulator (latency ${r.settings.simulatorLatencyMs} ms) running on the same machine.
The baseline is a minimal page (a heading, a paragraph, one small script, a favicon) served by the same server code, measured in the same rounds: this machine's ceiling in this run (Lighthouse's CPU benchmark index: ${r.baseline.benchmarkIndex}).
The results pages show ${r.settings.offersOnTheResultsPage} flight offers (LHR → JFK); "cached search" was asked just before each run (a cache hit, as most searches are), "cache miss" asks a new date each run.

## Scores and metrics (median run)
Scores 0–100; times in ms; "JS first load" is the JavaScript transferred (gzipped as served, headers included) and the number of scripts; total is Lighthouse's total byte weight.

| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS | Speed Index | JS first load, bytes | total bytes |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${all.map(row).join("\n")}

## Against the baseline (same run)

| page | performance score | FCP | LCP | Speed Index | TBT over baseline, ms | total bytes |
|---|---:|---:|---:|---:|---:|---:|
${r.vsBaseline.map((v) => `| ${v.page} | ${x(v.performanceScore)} | ${x(v.fcp)} | ${x(v.lcp)} | ${x(v.speedIndex)} | ${n(v.tbtMsOver)} | ${x(v.totalBytes)} |`).join("\n")}

## Targets

| page | performance ≥ 90 | accessibility ≥ 90 | best practices ≥ 90 | JS first load ≤ ${n(r.settings.targets.firstLoadJsBytes)} bytes |
|---|---|---|---|---|
${r.pages
  .map((p) => {
    const range = p.runs.length > 1 ? `, runs ${score(Math.min(...p.runs.map((x) => x.performance)))}–${score(Math.max(...p.runs.map((x) => x.performance)))}` : "";
    const s = (c: Category) => `${score(p.scores[c])} (${mark(p.scores[c] >= r.settings.targets.score)}${c === "performance" ? range : ""})`;
    return `| ${p.page} | ${s("performance")} | ${s("accessibility")} | ${s("best-practices")} | ${n(p.bytes.firstLoadJs)} (${mark(p.bytes.firstLoadJs <= r.settings.targets.firstLoadJsBytes)}) |`;
  })
  .join("\n")}

## Every run (performance score, FCP / LCP / TBT / Speed Index ms)

Each run also shows Lighthouse's CPU benchmark index (higher is a faster machine at that moment) and the 1-minute load average when it started: the machine is shared, and a busy moment inflates TBT most (Lighthouse multiplies the main-thread time it observes by 4).

| page | ${Array.from({ length: r.settings.runs }, (_, i) => `run ${i + 1}`).join(" | ")} |
|---|${"---|".repeat(r.settings.runs)}
${all.map((p) => `| ${p.page} | ${p.runs.map((run) => `${score(run.performance)}: ${n(run.fcpMs)} / ${n(run.lcpMs)} / ${n(run.tbtMs)} / ${n(run.speedIndexMs)} (index ${n(run.benchmarkIndex)}, load ${run.loadAverage})`).join(" | ")} |`).join("\n")}
${lcpLine}${erroredLine}

## Audits under 0.9 on our pages (median run)
Accessibility and best-practices audits that count toward the score, and performance metrics and opportunities.

${failing}`;
}

main().catch((error) => {
  console.error(error);
  void stopChildren().then(() => process.exit(1));
});
