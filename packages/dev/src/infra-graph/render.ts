/**
 * A resource graph as a Markdown document people can read and diff: what the stage reads (config,
 * secrets), what each function is built with and linked to, a count per type, then every AWS
 * resource with its inputs. Keys are sorted, JSON held in strings (policies, event patterns) is
 * shown as JSON, and secret values as [secret], so the text changes only when the graph does.
 */
import { repositoryRoot, type InfraGraph } from "./evaluate";
import { isPulumiSecret } from "./secret-marker";

const jsonStringFields = new Set(["policy", "assumeRolePolicy", "eventPattern", "defaultTags", "redrivePolicy", "redriveAllowPolicy", "dashboardBody", "input"]);

function readable(value: unknown, key = ""): unknown {
  // SST rebuilds a site on every deploy by triggering its build command with the time.
  if (key === "triggers" && Array.isArray(value) && value.every((v) => /^\d{13}$/.test(String(v)))) return ["[the deploy's time]"];
  if (typeof value === "string" && value.includes(repositoryRoot)) return value.replaceAll(repositoryRoot, "<repository>/");
  if (typeof value === "string" && jsonStringFields.has(key) && /^[[{]/.test(value)) {
    try {
      return readable(JSON.parse(value));
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((item) => readable(item));
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (isPulumiSecret(value)) return "[secret]";
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, readable(record[k], k)]));
  }
  return value;
}

export function renderGraph(graph: InfraGraph, settings: Record<string, string>): string {
  const aws = graph.resources.filter((r) => r.custom && r.type !== "pulumi:pulumi:Stack").sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
  const counts = new Map<string, number>();
  for (const r of graph.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const lines = [
    `# Resource graph of the \`${graph.stage}\` stage`,
    "",
    `What \`sst deploy --stage ${graph.stage}\` would create in ${graph.region}, as SST's components register it with Pulumi, evaluated without AWS`,
    `(packages/dev/src/infra-graph; docs/testing.md, "Infrastructure"). Written by \`pnpm test:infra -- -u\`; the test fails when the graph and this file differ.`,
    `Deploy-time settings: ${Object.entries(settings).map(([k, v]) => `\`${k}=${v}\``).join(", ") || "none"}.`,
    "",
    "## Pulumi config",
    "",
    "```json",
    JSON.stringify(readable(Object.fromEntries(Object.entries(graph.config).map(([k, v]) => [k, k.endsWith(":defaultTags") ? JSON.parse(v) : v]))), null, 2),
    "```",
    "",
    `Secrets the stage reads: ${graph.secrets.map((s) => `\`${s}\``).join(", ") || "none"}.`,
    "",
    "## Functions: handler, runtime and links",
    "",
    "| function | handler | runtime | links |",
    "|---|---|---|---|",
    ...[...graph.builds].sort((a, b) => a.functionID.localeCompare(b.functionID)).map((b) => `| ${b.functionID} | \`${b.handler}\` | ${b.runtime} ${b.architecture ?? ""} | ${b.links.join(", ")} |`),
    "",
    "## Resources by type",
    "",
    "| type | count |",
    "|---|---|",
    ...[...counts].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => `| \`${type}\` | ${count} |`),
    "",
    "## AWS resources and their inputs",
    "",
  ];
  for (const resource of aws) {
    // SST versions a CloudFront invalidation by an MD5 of the site's files in the order the file
    // system lists them, which differs between file systems; the files themselves are listed above it.
    let inputs = resource.inputs;
    if (resource.name.endsWith(".sst.aws.DistributionInvalidation")) inputs = { ...inputs, version: "[MD5 of the site's files]" };
    // The site's files come in the order the file system lists them too; sorted by their key here.
    if (resource.name.endsWith(".sst.aws.BucketFiles")) inputs = { ...inputs, files: [...(inputs.files as { key: string }[])].sort((a, b) => a.key.localeCompare(b.key)) };
    const provider = resource.provider ? ` (provider ${resource.provider.split("::")[3]})` : "";
    lines.push(`### \`${resource.type}\` ${resource.name}${provider}`, "", "```json", JSON.stringify(readable(inputs), null, 2), "```", "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
