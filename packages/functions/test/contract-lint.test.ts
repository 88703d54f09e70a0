import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { lint, loadConfig } from "@redocly/openapi-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fetchDocument } from "./support/contract";
import { startApi, startSimulator, type RunningSimulator, type TestApi } from "./support/helpers";

/**
 * The API's live OpenAPI document through two outside linters, with the rulesets committed at the
 * repository root: Spectral (`.spectral.yaml`: spectral:oas and the OWASP API Security Top 10) and
 * Redocly (`redocly.yaml`: its recommended rules). Errors fail; each is printed with its rule, its
 * place in the document and the linter's message.
 */
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const spectralBin = join(dirname(createRequire(import.meta.url).resolve("@stoplight/spectral-cli/package.json")), "dist/index.js");

let simulator: RunningSimulator;
let api: TestApi;
let directory: string;
let documentFile: string;

beforeAll(async () => {
  simulator = await startSimulator();
  api = await startApi(simulator.url);
  directory = await mkdtemp(join(tmpdir(), "openapi-lint-"));
  documentFile = join(directory, "openapi.json");
  await writeFile(documentFile, JSON.stringify(await fetchDocument(api.url), null, 2));
});

afterAll(async () => {
  await api?.close();
  await simulator?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

interface Finding {
  rule: string;
  at: string;
  message: string;
}

function expectNoErrors(linter: string, errors: Finding[]): void {
  if (errors.length > 0) {
    const perRule = new Map<string, number>();
    for (const { rule } of errors) perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
    console.error(`${linter}: ${errors.length} errors (${[...perRule].map(([rule, count]) => `${rule}: ${count}`).join(", ")})\n${errors.map((e) => `  ${e.rule} at ${e.at}: ${e.message}`).join("\n")}`);
  }
  expect(errors.length, `${linter} errors in the OpenAPI document (listed above)`).toBe(0);
}

it("Spectral (spectral:oas, OWASP) finds no error", { timeout: 120_000 }, async () => {
  const run = promisify(execFile)(
    process.execPath,
    [spectralBin, "lint", documentFile, "--ruleset", join(repoRoot, ".spectral.yaml"), "--format", "json", "--quiet", "--fail-severity", "error"],
    { cwd: repoRoot, timeout: 100_000, maxBuffer: 64 * 1024 * 1024 },
  );
  // Exit code 1 means "errors found": the findings are on stdout either way.
  const { stdout } = await run.catch((failure: { code?: number; stdout?: string; stderr?: string }) => {
    if (failure.code === 1 && failure.stdout) return { stdout: failure.stdout };
    throw new Error(`spectral did not run: ${failure.stderr ?? String(failure)}`);
  });
  const results = JSON.parse(stdout) as Array<{ code: string; path: string[]; message: string; severity: number }>;
  // Spectral's severities: 0 error, 1 warning, 2 information, 3 hint.
  expectNoErrors("Spectral", results.filter((r) => r.severity === 0).map((r) => ({ rule: r.code, at: r.path.join("."), message: r.message })));
});

it("Redocly (recommended) finds no error", { timeout: 60_000 }, async () => {
  const config = await loadConfig({ configPath: join(repoRoot, "redocly.yaml") });
  const problems = await lint({ ref: documentFile, config });
  expectNoErrors(
    "Redocly",
    problems.filter((p) => p.severity === "error" && !p.ignored).map((p) => ({ rule: p.ruleId, at: p.location[0]?.pointer ?? "(document)", message: p.message })),
  );
});
