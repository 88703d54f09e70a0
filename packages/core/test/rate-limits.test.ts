import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { RequestLimiter, type Caller, type LimitDecision, type LimitSettings, type UsagePlanName } from "@travel/core/identity";
import { closedPort, redisConnections, uniquePrefix } from "./support/stores";

/**
 * Rate limits, daily quotas and credential-guessing lockouts counted in the run's redis-server,
 * with the numbers plans.ts declares written out here: a change to a plan must show up as a
 * failing test, not pass silently.
 */
const redis = redisConnections();

/** One API instance's limiter; instances given the same prefix share their counts. */
function limiter(prefix: string, options: { settings?: LimitSettings; now?: () => number; redis?: ReturnType<typeof redis.open> } = {}) {
  return new RequestLimiter(options.redis ?? redis.open(), { keyPrefix: prefix, ...(options.settings ? { settings: options.settings } : {}), ...(options.now ? { now: options.now } : {}) });
}

// Every test has its own key prefix, so callers need no unique names.
const anonymous = (address = "203.0.113.7"): Caller => ({ kind: "anonymous", address });
const partner = (plan: UsagePlanName, keyId = "acme-key"): Caller => ({ kind: "partner", keyId, plan });

/** `count` requests at once, as a burst reaches the API. */
function burst(limits: RequestLimiter, caller: Caller, count: number): Promise<LimitDecision[]> {
  return Promise.all(Array.from({ length: count }, () => limits.check(caller)));
}

const allowedIn = (decisions: LimitDecision[]) => decisions.filter((d) => d.allowed).length;
const refusedIn = (decisions: LimitDecision[]) => decisions.filter((d) => !d.allowed);

describe("RequestLimiter: callers without an API key", () => {
  it("lets an anonymous address send 20 at once, refuses the rest with a retry-after, and lets it in again once that has passed", async () => {
    const limits = limiter(uniquePrefix("anonymous"));
    const caller = anonymous();
    const decisions = await burst(limits, caller, 25);
    expect(allowedIn(decisions)).toBe(20);
    const refused = refusedIn(decisions);
    expect(refused).toHaveLength(5);
    for (const decision of refused) {
      expect(decision).toMatchObject({ exceeded: "rate", rate: { limit: 20, remaining: 0, windowSeconds: 2 } });
      expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(decision.retryAfterSeconds).toBeLessThanOrEqual(2);
    }
    expect((await limits.check(anonymous("203.0.113.8"))).allowed).toBe(true);

    const wait = refused[0]!.retryAfterSeconds;
    expect((await limits.check(caller)).allowed).toBe(false);
    await sleep(wait * 1000 + 100);
    expect(await limits.check(caller)).toMatchObject({ allowed: true, rate: { limit: 20, remaining: 19 } });
  });

  it("lets a signed-in user send 40 at once, counted per user", async () => {
    const limits = limiter(uniquePrefix("user"));
    const decisions = await burst(limits, { kind: "user", userId: "user-ada" }, 45);
    expect(allowedIn(decisions)).toBe(40);
    expect(refusedIn(decisions)[0]).toMatchObject({ exceeded: "rate", rate: { limit: 40, windowSeconds: 2 } });
    expect((await limits.check({ kind: "user", userId: "user-grace" })).allowed).toBe(true);
  });
});

describe("RequestLimiter: partner keys and their usage plans", () => {
  it.each([
    ["free", 10, 1_000],
    ["standard", 100, 100_000],
    ["premium", 1_000, 5_000_000],
  ] as const)("%s: %i at once in a 2-second window, %i a day", async (plan, planBurst, quotaPerDay) => {
    const limits = limiter(uniquePrefix(`plan-${plan}`));
    const caller = partner(plan);
    const decisions = await burst(limits, caller, planBurst + 5);
    expect(allowedIn(decisions)).toBe(planBurst);
    expect(decisions.find((d) => d.allowed)).toMatchObject({ rate: { limit: planBurst, windowSeconds: 2 }, quota: { limit: quotaPerDay } });
    for (const decision of refusedIn(decisions)) expect(decision).toMatchObject({ exceeded: "rate", quota: { limit: quotaPerDay } });
  });

  it("gives the quota point of a request refused for its rate back, whichever instance refused it", async () => {
    const prefix = uniquePrefix("quota-refund");
    const first = limiter(prefix);
    const second = limiter(prefix);
    const caller = partner("free");
    expect(allowedIn(await burst(first, caller, 15))).toBe(10);
    expect(await first.quotaUsedToday("acme-key", "free")).toBe(10);

    // The second instance does not know the key is over its rate: Redis refuses it, and the
    // quota point counted with the request is returned.
    const refusedByRedis = await second.check(caller);
    expect(refusedByRedis).toMatchObject({ allowed: false, exceeded: "rate", quota: { limit: 1_000, remaining: 990 } });
    expect(await second.quotaUsedToday("acme-key", "free")).toBe(10);
  });

  it("refuses a key whose daily quota is spent until 00:00 UTC, then counts the new day from zero", async () => {
    let now = Date.parse("2030-03-09T23:59:58.500Z");
    const limits = limiter(uniquePrefix("quota-day"), { settings: { plans: { free: { quotaPerDay: 3 } } }, now: () => now });
    const caller = partner("free");
    const midnight = new Date("2030-03-10T00:00:00.000Z");

    const today = [await limits.check(caller), await limits.check(caller), await limits.check(caller)];
    expect(today.map((d) => [d.allowed, d.quota?.remaining])).toEqual([[true, 2], [true, 1], [true, 0]]);
    const spent = await limits.check(caller);
    expect(spent).toMatchObject({ allowed: false, exceeded: "quota", quota: { limit: 3, remaining: 0, resetsAt: midnight }, retryAfterSeconds: 2 });
    expect((await limits.check(partner("free", "other-key"))).allowed).toBe(true);

    now = midnight.getTime();
    expect(await limits.check(caller)).toMatchObject({ allowed: true, quota: { limit: 3, remaining: 2, resetsAt: new Date("2030-03-11T00:00:00.000Z") } });
    expect(await limits.quotaUsedToday("acme-key", "free")).toBe(1);
  });
});

describe("RequestLimiter: credential guessing", () => {
  it("locks an address out for 15 minutes at its 10th refused credential, on this instance and, at its next refusal, on others", async () => {
    const prefix = uniquePrefix("guessing");
    const here = limiter(prefix);
    const elsewhere = limiter(prefix);
    const address = "198.51.100.7";
    const lockouts: number[] = [];
    for (let i = 0; i < 10; i++) lockouts.push(await here.credentialRefused(address));
    expect(lockouts.slice(0, 9)).toEqual(Array(9).fill(0));
    expect(lockouts[9]).toBeGreaterThan(890);
    expect(lockouts[9]).toBeLessThanOrEqual(900);
    expect(here.lockedOutHere(address)).toBeGreaterThan(890);
    expect(here.lockedOutHere("198.51.100.8")).toBe(0);

    expect(elsewhere.lockedOutHere(address)).toBe(0);
    expect(await elsewhere.credentialRefused(address)).toBeGreaterThan(890);
    expect(elsewhere.lockedOutHere(address)).toBeGreaterThan(890);
  });
});

describe("RequestLimiter with Redis unreachable", () => {
  it("still limits, in process, with the same numbers", async () => {
    const down = redis.open({ host: "127.0.0.1", port: await closedPort() });
    const limits = limiter(uniquePrefix("down"), { redis: down });
    const anonymousBurst = await burst(limits, anonymous(), 25);
    expect(allowedIn(anonymousBurst)).toBe(20);
    expect(refusedIn(anonymousBurst)[0]).toMatchObject({ exceeded: "rate", rate: { limit: 20 } });

    const partnerBurst = await burst(limits, partner("free"), 15);
    expect(allowedIn(partnerBurst)).toBe(10);
    expect(partnerBurst.filter((d) => d.allowed).map((d) => d.quota?.remaining).sort((a, b) => b! - a!)).toEqual([999, 998, 997, 996, 995, 994, 993, 992, 991, 990]);
  });
});
