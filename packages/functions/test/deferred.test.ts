import { describe, expect, it } from "vitest";
import { deferred } from "../src/api/deferred";

class Counter {
  constructor(private count = 0) {}
  async add(n: number): Promise<number> {
    return (this.count += n);
  }
}

describe("a deferred service", () => {
  it("is loaded once, at its first call, and then answers as the service", async () => {
    let loads = 0;
    const counter = deferred("counter", async () => {
      loads++;
      return new Counter();
    });
    expect(loads).toBe(0);
    expect(await Promise.all([counter.add(1), counter.add(2)])).toEqual([1, 3]);
    expect(await counter.add(3)).toBe(6);
    expect(loads).toBe(1);
  });

  it("tries the load again at the next call when it failed, naming what it loads", async () => {
    let attempts = 0;
    const counter = deferred("counter", async () => {
      if (++attempts === 1) throw new Error("chunk not found");
      return new Counter();
    });
    await expect(counter.add(1)).rejects.toThrow("could not load counter: chunk not found");
    expect(await counter.add(1)).toBe(1);
    expect(attempts).toBe(2);
  });

  it("is not a promise, so awaiting it gives the stand-in itself", async () => {
    const counter = deferred("counter", async () => new Counter());
    expect(await counter).toBe(counter);
  });
});
