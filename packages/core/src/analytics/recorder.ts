import { logger } from "../observability";
import { FactBuffer, isEmpty, minuteOf, visitorHash, type AnalyticsFacts } from "./facts";
import { counters, type Vertical } from "./metrics";

/**
 * Records what happens on the request path without slowing it: a call only adds to an in-process
 * buffer (merged, so a hot search is one entry however often it repeats); every `flushMs` the
 * buffer goes to the sink (the bus) as one batch. The buffer is bounded: past `maxEntries`
 * distinct entries, new facts are dropped and counted, never queued without end. A batch the sink
 * refuses is merged back and tried again with the next one.
 */
export interface SearchRecord {
  vertical: Vertical;
  /** `LHR-JFK` for flights. */
  route?: string;
  /** The destination airport or city (flights), city (hotels) or pick-up place (cars). */
  destination: string;
  /** Who searched (user id, partner key id or address); only a hash of it is kept. */
  visitor: string;
  cache: "HIT" | "MISS" | "STALE";
}

/** A sink that sent part of a batch throws this with the part it did not send. */
export class UnsentFactsError extends Error {
  override name = "UnsentFactsError";
  constructor(
    readonly unsent: AnalyticsFacts,
    cause: unknown,
  ) {
    super(`analytics facts not sent: ${(cause as Error).message}`, { cause });
  }
}

export interface RecorderSettings {
  flushMs: number;
  maxEntries: number;
  now: () => number;
}

export class AnalyticsRecorder {
  private readonly buffer = new FactBuffer();
  private readonly settings: RecorderSettings;
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private dropped = 0;
  /** Visitors repeat (a partner, a signed-in user): their hash is computed once, not per search. */
  private readonly visitorHashes = new Map<string, string>();

  constructor(
    private readonly sink: (facts: AnalyticsFacts) => Promise<void>,
    settings: Partial<RecorderSettings> = {},
  ) {
    this.settings = { flushMs: 1_000, maxEntries: 20_000, now: Date.now, ...settings };
    this.timer = setInterval(() => void this.flush(), this.settings.flushMs);
    this.timer.unref();
  }

  searched(search: SearchRecord): void {
    if (this.full()) return;
    const at = minuteOf(this.settings.now());
    this.buffer.count(at, counters.searches(search.vertical));
    this.buffer.count(at, counters.cache(search.cache));
    this.buffer.rank(at, "destinations", search.destination);
    if (search.route) this.buffer.rank(at, "routes", search.route);
    this.buffer.unique(at, "visitors", this.visitorHashOf(search.visitor));
  }

  offerViewed(vertical: Vertical): void {
    if (this.full()) return;
    this.buffer.count(minuteOf(this.settings.now()), counters.offerViews(vertical));
  }

  supplierCalled(supplier: string, ms: number, ok: boolean): void {
    if (this.full()) return;
    const at = minuteOf(this.settings.now());
    this.buffer.count(at, counters.supplierCalls(supplier));
    this.buffer.count(at, counters.supplierMs(supplier), Math.round(ms));
    if (!ok) this.buffer.count(at, counters.supplierErrors(supplier));
  }

  /** Send what is buffered now (one flush at a time). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.dropped > 0) {
        logger.warn("analytics facts dropped (buffer full)", { dropped: this.dropped, maxEntries: this.settings.maxEntries });
        this.dropped = 0;
      }
      const facts = this.buffer.drain();
      if (isEmpty(facts)) return;
      try {
        await this.sink(facts);
      } catch (error) {
        logger.warn("analytics batch not sent; kept for the next flush", { error: (error as Error).message });
        this.buffer.add(error instanceof UnsentFactsError ? error.unsent : facts);
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** A visitor's hash (visitorHash), remembered: the request log names callers by it too. */
  visitorHashOf(visitor: string): string {
    let hash = this.visitorHashes.get(visitor);
    if (hash === undefined) {
      if (this.visitorHashes.size >= 10_000) this.visitorHashes.clear();
      this.visitorHashes.set(visitor, (hash = visitorHash(visitor)));
    }
    return hash;
  }

  private full(): boolean {
    if (this.buffer.size < this.settings.maxEntries) return false;
    this.dropped += 1;
    return true;
  }
}
