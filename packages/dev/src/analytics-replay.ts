import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * `pnpm analytics:replay`: rebuild the analytics aggregates in Redis from the event archive, so
 * losing Redis loses no history. Locally it reads the archives the in-process buses write (the
 * links of the running `pnpm start`, from `.data/local-links.json`, or this process's own
 * SST_RESOURCE_* variables). On AWS the archives are EventBridge's: see the README's runbook.
 */
const linksFile = process.env.LOCAL_LINKS ?? fileURLToPath(new URL("../../../.data/local-links.json", import.meta.url));
if (!process.env.SST_RESOURCE_App) {
  try {
    Object.assign(process.env, JSON.parse(readFileSync(linksFile, "utf8")) as Record<string, string>);
  } catch {
    console.error(`no links: start the local stack (pnpm start) first, or set LOCAL_LINKS (looked for ${linksFile})`);
    process.exit(1);
  }
}

// Imported after the links are in the environment: `Resource` reads them once, at import.
const { readLinks } = await import("@travel/core/config");
const { awaitFirstConnection, createRedisConnection } = await import("@travel/core/cache");
const { AnalyticsStore, rebuildAnalytics } = await import("@travel/core/analytics");
const { FileEventArchive } = await import("@travel/core/events");

const { App, Redis, Bus, ReservationBus } = readLinks(["App", "Redis", "Bus", "ReservationBus"]);
const archiveOf = (link: { archive?: string }, bus: "platform" | "reservations") => {
  if (!link.archive) throw new Error(`the ${bus} bus has no local archive: on AWS, replay from its EventBridge archive (README, "Runbooks")`);
  const archive = new FileEventArchive(fileURLToPath(link.archive));
  return { read: () => archive.read(bus) };
};
const redis = createRedisConnection(Redis);
try {
  await awaitFirstConnection(redis, 3_000);
  const { cleared, applied } = await rebuildAnalytics(new AnalyticsStore(redis, `${App.name}:${App.stage}:`), [archiveOf(Bus, "platform"), archiveOf(ReservationBus, "reservations")]);
  console.log(`analytics rebuilt: ${cleared} aggregate keys cleared, ${applied} archived events applied`);
} finally {
  redis.disconnect();
}
