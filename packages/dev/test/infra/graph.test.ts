/**
 * The infrastructure as SST would deploy it, without AWS: `sst.config.ts` evaluated for a dev
 * stage, a production stage, a production stage with a DR region, and that stage deployed again
 * in its DR region taking over the replicas (failover), and the `pipeline` stage of deploy roles,
 * under Pulumi's mocks (packages/dev/src/infra-graph), each held to the requirements in
 * requirements.ts. Then copies of the infra with a tag, a GSI or a dead-letter queue taken out
 * must fail those same checks, so the checks are shown able to fail. `pnpm test:infra` runs this
 * file alone; `-u` rewrites the snapshots in docs/infra-graph/.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateInfraGraph, repositoryRoot, type InfraGraph } from "../../src/infra-graph/evaluate";
import { renderGraph } from "../../src/infra-graph/render";
import { iam, pipelineViolations, requirements, tags, violations, type Scenario } from "./requirements";

const scenarios = {
  dev: { stage: "dev", env: {} },
  production: { stage: "production", env: {} },
  "production with a DR region": { stage: "production", env: { DR_REGION: "eu-central-1" } },
  // docs/disaster-recovery.md: the stage deployed again in the DR region, taking over the replicas.
  "production failed over to its DR region": {
    stage: "production",
    region: "eu-central-1",
    env: { ADOPT_REPLICA_TABLES: "CatalogTable=travel-platform-production-CatalogTableTable-lost,AuditTable=travel-platform-production-AuditTableTable-lost,AuthStorage=travel-platform-production-AuthStorageTable-lost" },
  },
} satisfies Record<string, Scenario & { region?: string }>;
type ScenarioName = keyof typeof scenarios;

// Evaluations run one at a time: each builds the web app into packages/web/dist, as a deploy does.
/** The deploy roles' stage (infra/pipeline.ts), deployed beside a production with a DR region. */
const pipelineStage = { stage: "pipeline", env: { GITHUB_REPOSITORY: "acme/travel-platform", DR_REGION: "eu-central-1" } };
const graphs = new Map<ScenarioName, InfraGraph>();
let pipelineGraph: InfraGraph;
beforeAll(async () => {
  for (const name of Object.keys(scenarios) as ScenarioName[]) graphs.set(name, await evaluateInfraGraph(scenarios[name]));
  pipelineGraph = await evaluateInfraGraph(pipelineStage);
}, 300_000);

describe.each(Object.keys(scenarios) as ScenarioName[])("the %s graph", (name) => {
  it("evaluates without errors", () => {
    expect(graphs.get(name)!.errors).toEqual([]);
  });
  it.each(Object.keys(requirements))("meets the requirement: %s", (requirement) => {
    expect(requirements[requirement]!(graphs.get(name)!, scenarios[name])).toEqual([]);
  });
});

describe("the pipeline stage", () => {
  it("evaluates without errors, tagged, with no IAM statement allowing everything", () => {
    expect(pipelineGraph.errors).toEqual([]);
    expect([...tags(pipelineGraph, pipelineStage), ...iam(pipelineGraph, pipelineStage)]).toEqual([]);
  });
  it("has a role per GitHub environment, for that environment only, reaching what the production graph uses and no more", () => {
    const production = graphs.get("production with a DR region")!;
    expect(pipelineViolations(pipelineGraph, production, pipelineStage.env.GITHUB_REPOSITORY, ["eu-west-1", "us-east-1", "eu-central-1"])).toEqual([]);
  });
});

it("the readable snapshots in docs/infra-graph/ are the production and pipeline graphs", async () => {
  const name = "production with a DR region";
  await expect(renderGraph(graphs.get(name)!, scenarios[name].env)).toMatchFileSnapshot(path.join(repositoryRoot, "docs/infra-graph/production.md"));
  await expect(renderGraph(pipelineGraph, pipelineStage.env)).toMatchFileSnapshot(path.join(repositoryRoot, "docs/infra-graph/pipeline.md"));
});

/**
 * A copy of sst.config.ts and infra/ with one change, outside the repository (SST's CLI leaves
 * anything under .sst/ as it is); the packages are linked, not copied.
 */
const mutants: string[] = [];
function mutatedInfra(name: string, file: string, find: string, replace: string) {
  const root = mkdtempSync(path.join(tmpdir(), `infra-${name}-`));
  mutants.push(root);
  cpSync(path.join(repositoryRoot, "infra"), path.join(root, "infra"), { recursive: true });
  cpSync(path.join(repositoryRoot, "sst.config.ts"), path.join(root, "sst.config.ts"));
  symlinkSync(path.join(repositoryRoot, "packages"), path.join(root, "packages"));
  const target = path.join(root, file);
  const source = readFileSync(target, "utf8");
  if (!source.includes(find)) throw new Error(`${file} no longer contains ${JSON.stringify(find)}: update this mutation`);
  writeFileSync(target, source.replace(find, replace));
  return root;
}

describe("an infra change that drops what the requirements demand fails the checks", () => {
  afterAll(() => mutants.forEach((root) => rmSync(root, { recursive: true, force: true })));
  const production = scenarios.production;

  it("a missing iac-rlhf-amazon tag", async () => {
    const root = mutatedInfra("tag", "sst.config.ts", `, "iac-rlhf-amazon": "true"`, "");
    const graph = await evaluateInfraGraph({ ...production, root });
    expect(graph.errors).toEqual([]);
    expect(violations(graph, production)).toEqual(expect.arrayContaining([expect.stringMatching(/^tags: the default AWS provider's defaultTags lack iac-rlhf-amazon/), expect.stringMatching(/^tags: provider UsEast1's defaultTags lack iac-rlhf-amazon/)]));
  }, 120_000);

  it("a missing GSI", async () => {
    const root = mutatedInfra("gsi", "infra/storage.ts", "{ ...shape, transform:", "{ ...shape, globalIndexes: Object.fromEntries(Object.entries(shape.globalIndexes ?? {}).slice(1)), transform:");
    const graph = await evaluateInfraGraph({ ...production, root });
    expect(graph.errors).toEqual([]);
    expect(violations(graph, production)).toEqual(expect.arrayContaining([expect.stringMatching(/^tables: reservations: GSIs \{"status-created-index"/), expect.stringMatching(/^tables: outbox: GSIs \{\}/)]));
  }, 120_000);

  it("a missing dead-letter queue", async () => {
    const root = mutatedInfra("dlq", "infra/events.ts", "        deadLetterConfig: { arn: deadLetterQueue.arn },\n      },\n      { dependsOn: [permission] },", "      },\n      { dependsOn: [permission] },");
    const graph = await evaluateInfraGraph({ ...production, root });
    expect(graph.errors).toEqual([]);
    expect(violations(graph, production)).toEqual(expect.arrayContaining([expect.stringMatching(/^targets: target \w+Target has no dead-letter queue/)]));
  }, 120_000);
});
