import { appendFile, mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { BusEvent, BusName } from "./catalog";

/**
 * The local stand-in for an EventBridge archive: every event a local bus accepts, as one JSON line
 * in `<directory>/<bus>/<UTC day>.jsonl`. On AWS the buses' archives keep them (infra/events.ts);
 * either way, what was published can be read back (analytics rebuilds its aggregates from it).
 */
export class FileEventArchive {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly directory: string) {}

  /** Appends in publish order (one write at a time); a failed write is reported and skipped. */
  append(bus: BusName, event: BusEvent): Promise<void> {
    const dir = join(this.directory, bus);
    const line = `${JSON.stringify(event)}\n`;
    this.writing = this.writing
      .then(async () => {
        await mkdir(dir, { recursive: true });
        await appendFile(join(dir, `${event.time.slice(0, 10)}.jsonl`), line);
      })
      .catch((error: Error) => {
        // The event was delivered; only its archive copy is missing. Say so where it is seen.
        console.error(`event ${event.id} not archived: ${error.message}`);
      });
    return this.writing;
  }

  /** Every archived event of a bus, oldest day first, in the order they were published. */
  async *read(bus: BusName): AsyncGenerator<BusEvent> {
    const dir = join(this.directory, bus);
    const days = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".jsonl")).sort();
    for (const day of days) {
      for (const line of (await readFile(join(dir, day), "utf8")).split("\n")) {
        if (line.trim()) yield JSON.parse(line) as BusEvent;
      }
    }
  }

  /** Resolves once every append so far is written (tests, shutdown). */
  flushed(): Promise<void> {
    return this.writing;
  }
}
