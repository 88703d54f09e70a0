// Fails (exit 1) on an import cycle in the sources, type-only imports included, at two levels:
// - between files;
// - between the top-level folders of a package's src: core's domains (search, suppliers, booking …)
//   and functions' parts (api, events …). A domain may import another only if that one never
//   imports it back, directly or through others. Each file may be acyclic while its folders are
//   not, so madge also checks the folder graph, which is derived here from its file graph.
import { fileURLToPath } from "node:url";
import madge from "madge";

const sourceRoots = ["packages/core/src", "packages/functions/src", "packages/dev/src"];
const repository = fileURLToPath(new URL("../../..", import.meta.url));

const problems = [];
const checked = [];
for (const root of sourceRoots) {
  const files = await madge(`${repository}${root}`, { fileExtensions: ["ts"], tsConfig: `${repository}${root}/../tsconfig.json` });
  const imports = files.obj();
  checked.push(`${Object.keys(imports).length} files in ${root}`);
  // An import madge cannot resolve would hide any cycle through it.
  for (const skipped of files.warnings().skipped) if (skipped.startsWith(".")) problems.push(`${root}: cannot resolve ${skipped}`);
  for (const cycle of files.circular()) problems.push(`${root}: ${[...cycle, cycle[0]].join(" → ")}`);

  const crossings = Object.entries(imports).flatMap(([file, dependencies]) =>
    dependencies.map((dependency) => ({ file, dependency, from: folderOf(file), to: folderOf(dependency) })).filter((c) => c.from !== c.to),
  );
  const folderGraph = {};
  for (const { from, to } of crossings) (folderGraph[from] ??= new Set()).add(to);
  const folders = await madge(Object.fromEntries(Object.entries(folderGraph).map(([from, to]) => [from, [...to]])));
  for (const cycle of folders.circular()) {
    const steps = cycle.map((from, i) => {
      const to = cycle[(i + 1) % cycle.length];
      const examples = crossings.filter((c) => c.from === from && c.to === to).map((c) => `${c.file} → ${c.dependency}`);
      return `    ${from} → ${to}: ${examples.join(", ")}`;
    });
    problems.push(`${root}: folders ${[...cycle, cycle[0]].join(" → ")}\n${steps.join("\n")}`);
  }
}

if (problems.length > 0) {
  console.error(`Import cycles (${problems.length}):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`No import cycles between files or folders (${checked.join(", ")}).`);

/** A file's top-level folder under src (a file directly in src is its own folder). */
function folderOf(file) {
  return file.split("/")[0];
}
