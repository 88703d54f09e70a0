import { readdirSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile, type Plugin } from "esbuild";
import { apiBundle } from "@travel/core/config";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface LambdaBundle {
  /** The handler module. */
  file: string;
  /** Every file of the bundle, chunks loaded later included. */
  totalBytes: number;
  /** What importing the handler loads: its module and the chunks it imports statically. */
  importedBytes: number;
  /** The packages (node_modules) whose code is in what importing the handler loads. */
  importedPackages: string[];
  /** The packages whose code is anywhere in the bundle. */
  bundledPackages: string[];
  /** Bytes of the chunks, outside what import loads, that hold a package's code (by package). */
  lazyChunkBytes: Record<string, number>;
}

/**
 * A Lambda handler built as SST's Node runtime builds a deployed function (pkg/runtime/node/build.go),
 * with the API's `nodejs` options (core/config/node-options.ts) on top. `pnpm bench coldstart` measures
 * these bundles; a test holds the API's to its size budget.
 */
export async function buildAsSst(entry: string, outdir: string, options: { nodePaths?: string[] } = {}): Promise<LambdaBundle> {
  const { default: plugins } = (await import(join(repositoryRoot, apiBundle.plugins))) as { default: Plugin[] };
  const { metafile } = await build({
    plugins,
    entryPoints: [entry],
    platform: "node",
    external: ["sharp", "pg-native", ...apiBundle.install, ...apiBundle.esbuild.external],
    keepNames: true,
    bundle: true,
    splitting: apiBundle.splitting,
    outdir,
    outExtension: { ".js": ".mjs" },
    format: apiBundle.format,
    target: "esnext",
    mainFields: ["module", "main"],
    minify: apiBundle.minify,
    sourcemap: false,
    metafile: true,
    logLevel: "warning",
    ...(options.nodePaths ? { nodePaths: options.nodePaths } : {}),
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        `const require = topLevelCreateRequire(import.meta.url);`,
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __filename = topLevelFileUrlToPath(import.meta.url)`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
      ].join("\n"),
    },
  });
  const file = join(outdir, `${basename(entry, extname(entry))}.mjs`);
  const imported = staticallyImported(metafile, entry);
  return {
    file,
    totalBytes: readdirSync(outdir)
      .filter((f) => f.endsWith(".mjs"))
      .reduce((sum, f) => sum + statSync(join(outdir, f)).size, 0),
    importedBytes: imported.reduce((sum, output) => sum + output.bytes, 0),
    importedPackages: packagesIn(imported),
    bundledPackages: packagesIn(Object.values(metafile.outputs)),
    lazyChunkBytes: lazyChunkBytesOf(Object.values(metafile.outputs).filter((output) => !imported.includes(output))),
  };
}

/** The entry's output and every chunk reachable from it by static imports (not `import()`). */
function staticallyImported(metafile: Metafile, entry: string): Metafile["outputs"][string][] {
  const outputs = metafile.outputs;
  const handler = Object.keys(outputs).find((path) => outputs[path]!.entryPoint && resolve(outputs[path]!.entryPoint!) === resolve(entry));
  if (!handler) throw new Error(`the build has no output for ${entry}`);
  const seen = new Set<string>();
  const pending = [handler];
  while (pending.length) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const i of outputs[path]!.imports) if (i.kind === "import-statement" && outputs[i.path]) pending.push(i.path);
  }
  return [...seen].map((path) => outputs[path]!);
}

/** Each package's bytes: the sizes of the chunks that hold its code, summed. */
function lazyChunkBytesOf(chunks: Metafile["outputs"][string][]): Record<string, number> {
  const bytes: Record<string, number> = {};
  for (const chunk of chunks) for (const name of packagesIn([chunk])) bytes[name] = (bytes[name] ?? 0) + chunk.bytes;
  return bytes;
}

function packagesIn(outputs: Metafile["outputs"][string][]): string[] {
  const packageOf = (input: string) => /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  return [...new Set(outputs.flatMap((output) => Object.keys(output.inputs).map(packageOf).filter((p): p is string => !!p)))].sort();
}

/**
 * The API handler's budget, held by a test (dev/test/lambda-bundle.test.ts) so that a change which
 * pulls a lazily loaded part back into every cold start fails there rather than in a benchmark.
 */
export const apiBundleBudget = {
  /** What importing the handler loads; the issue that made the Lambda lean set 1.0 MB. */
  importedBytes: 1_000_000,
  /** Chunks of their own, and when they are loaded. */
  lazyPackages: {
    electrodb: "at the first table access (api/dynamo-backed.ts)",
    jsonschema: "with ElectroDB",
    jose: "with the first bearer token",
    stripe: "at the first Stripe payment",
    "@duffel/api": "at the first Duffel call",
    "@aws-lambda-powertools/tracer": "at import where X-Ray tracing is on (inside Lambda), never elsewhere",
  } as Record<string, string>,
};
