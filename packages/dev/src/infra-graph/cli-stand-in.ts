/**
 * What SST's CLI gives a running program besides Pulumi: its RPC server (`SST_SERVER`, which SST's
 * components call for function builds and per-region bootstrap data) and the secrets
 * (`SST_SECRET_<name>` variables). The real server is the Go binary's, started only by `sst deploy`
 * / `sst dev` with AWS credentials, so the graph evaluation answers those calls itself:
 * - `Runtime.Build` checks that the handler's source file exists and exports the handler, then
 *   answers with a placeholder bundle (the graph test checks wiring, not bundles; the Lambda bundle
 *   is tested in packages/dev/test/lambda-bundle.test.ts);
 * - `Provider.Aws.Bootstrap` names a made-up bootstrap bucket for the region;
 * - every secret reads as `mock-secret-<name>`, and which ones were read is recorded.
 * Bundled into the evaluated program with mock-cloud.ts.
 */
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface RecordedBuild {
  functionID: string;
  handler: string;
  runtime: string;
  architecture?: string;
  links: string[];
}

interface BuildInput {
  functionID: string;
  handler: string;
  runtime: string;
  links?: Record<string, unknown>;
  properties?: { architecture?: string };
}

const handlerSourceExtensions = [".ts", ".mts", ".js", ".mjs"];

/** An error message when `handler` ("dir/file.export") does not name an exported function, else undefined. */
export function missingHandler(root: string, handler: string): string | undefined {
  const exportName = path.extname(handler).slice(1);
  const base = handler.slice(0, -(exportName.length + 1));
  const source = handlerSourceExtensions.map((ext) => path.join(root, base + ext)).find(existsSync);
  if (!source) return `handler "${handler}": no ${base}{${handlerSourceExtensions.join(",")}} in the repository`;
  const exported = new RegExp(`export\\s+(const|let|async\\s+function|function)\\s+${exportName}\\b|export\\s*\\{[^}]*\\b${exportName}\\b[^}]*\\}`);
  if (!exported.test(readFileSync(source, "utf8"))) return `handler "${handler}": ${path.relative(root, source)} does not export "${exportName}"`;
  return undefined;
}

export async function startCliStandIn(root: string, workDir: string) {
  const builds: RecordedBuild[] = [];
  const handlers: Record<string, (input: never) => unknown> = {
    "Runtime.Build": (input: BuildInput) => {
      builds.push({ functionID: input.functionID, handler: input.handler, runtime: input.runtime, architecture: input.properties?.architecture, links: Object.keys(input.links ?? {}).sort() });
      const problem = missingHandler(root, input.handler);
      if (problem) return { handler: input.handler, out: "", errors: [problem], sourcemaps: [] };
      const out = path.join(workDir, "build", input.functionID);
      const file = path.join(out, `${input.handler.slice(0, input.handler.lastIndexOf("."))}.mjs`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, "// placeholder bundle written by the infra graph evaluation (no code is built)\n");
      return { handler: input.handler, out, errors: [], sourcemaps: [] };
    },
    "Provider.Aws.Bootstrap": ({ region }: { region: string }) => ({
      asset: `sst-asset-mock-${region}`,
      assetEcrRegistryId: "123456789012",
      assetEcrUrl: `123456789012.dkr.ecr.${region}.amazonaws.com/sst-asset`,
      state: `sst-state-mock-${region}`,
      appsyncHttp: "",
      appsyncRealtime: "",
    }),
  };

  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const { method, params } = JSON.parse(body) as { method: string; params: [unknown] };
      const handler = handlers[method];
      const answer = handler ? { result: handler(params[0] as never) } : { error: `rpc: can't find method ${method}` };
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the CLI stand-in did not get a port");

  const secretsRead = new Set<string>();
  const environment = process.env;
  process.env = new Proxy(environment, {
    get(target, key) {
      if (typeof key === "string" && key.startsWith("SST_SECRET_")) {
        const name = key.slice("SST_SECRET_".length);
        secretsRead.add(name);
        return target[key] ?? `mock-secret-${name}`;
      }
      return Reflect.get(target, key);
    },
  });

  return { url: `http://127.0.0.1:${address.port}`, builds, secretsRead, close: () => server.close() };
}
