import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "./rate-limiter-classes";
import { awaitFirstConnection, type RedisConnection } from "../cache/redis";
import { callerLimits, credentialGuessing, usagePlans, windowSeconds, type RequestLimit, type UsagePlan, type UsagePlanName } from "./plans";

/** Who a request counts against: a partner's API key, a signed-in user, or an anonymous address. */
export type Caller =
  | { kind: "partner"; keyId: string; plan: UsagePlanName }
  | { kind: "user"; userId: string }
  | { kind: "anonymous"; address: string };

export interface WindowState {
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
  windowSeconds: number;
}

export interface QuotaState {
  limit: number;
  /** Unknown when a request was refused for its rate without asking Redis. */
  remaining?: number;
  resetsAt: Date;
}

export interface LimitDecision {
  allowed: boolean;
  exceeded?: "rate" | "quota";
  rate: WindowState;
  quota?: QuotaState;
  /** When refused: seconds until a request can succeed. */
  retryAfterSeconds: number;
}

export interface LimitSettings {
  /** Per-caller-class limits other than the declared ones (tests; a stage's config). */
  callers?: Partial<Record<keyof typeof callerLimits, RequestLimit>>;
  plans?: Partial<Record<UsagePlanName, Partial<UsagePlan>>>;
  guessing?: Partial<Record<keyof typeof credentialGuessing, number>>;
}

/**
 * Rate limits, quotas and credential-guessing lockouts, counted in Redis (rate-limiter-flexible)
 * so every instance shares one count. If Redis fails, each limiter falls back to an in-process
 * one with the same limits (its insurance limiter): limits then hold per instance instead of
 * globally, which neither opens the door nor takes the API down. A caller over its limit is
 * remembered in process until its window ends, so refusing it costs no Redis call.
 */
export class RequestLimiter {
  private readonly rates = new Map<string, { limiter: RateLimiterRedis; limit: RequestLimit }>();
  private readonly quotas = new Map<UsagePlanName, { limiter: RateLimiterRedis; perDay: number }>();
  private readonly guessing: RateLimiterRedis;
  private readonly guessingSettings: Record<keyof typeof credentialGuessing, number>;
  private readonly keyPrefix: string;
  private readonly now: () => number;

  constructor(
    private readonly redis: RedisConnection,
    options: { keyPrefix: string; settings?: LimitSettings; now?: () => number },
  ) {
    this.now = options.now ?? Date.now;
    this.keyPrefix = `${options.keyPrefix}rl`;
    const settings = options.settings ?? {};
    for (const kind of Object.keys(callerLimits) as Array<keyof typeof callerLimits>) {
      this.addRate(kind, settings.callers?.[kind] ?? callerLimits[kind]);
    }
    for (const name of Object.keys(usagePlans) as UsagePlanName[]) {
      const plan = { ...usagePlans[name], ...settings.plans?.[name] };
      this.addRate(`plan-${name}`, plan);
      const quota = { keyPrefix: `${this.keyPrefix}:quota-${name}`, points: plan.quotaPerDay, duration: 2 * 86_400 };
      this.quotas.set(name, {
        perDay: plan.quotaPerDay,
        limiter: new RateLimiterRedis({ storeClient: redis, rejectIfRedisNotReady: true, ...quota, insuranceLimiter: new RateLimiterMemory(quota) }),
      });
    }
    this.guessingSettings = { ...credentialGuessing, ...settings.guessing };
    const guessing = {
      keyPrefix: `${this.keyPrefix}:guessing`,
      // Refused on the failure that reaches the limit, and blocked from then on.
      points: this.guessingSettings.failures - 1,
      duration: this.guessingSettings.windowSeconds,
      blockDuration: this.guessingSettings.blockSeconds,
    };
    this.guessing = new RateLimiterRedis({
      storeClient: redis,
      rejectIfRedisNotReady: true,
      ...guessing,
      // A locked-out address is also remembered in process, so refusing it costs nothing.
      inMemoryBlockOnConsumed: this.guessingSettings.failures,
      inMemoryBlockDuration: this.guessingSettings.blockSeconds,
      insuranceLimiter: new RateLimiterMemory(guessing),
    });
  }

  private addRate(name: string, limit: RequestLimit): void {
    const options = { keyPrefix: `${this.keyPrefix}:${name}`, points: limit.burst, duration: windowSeconds(limit) };
    this.rates.set(name, {
      limit,
      limiter: new RateLimiterRedis({
        storeClient: this.redis,
        rejectIfRedisNotReady: true,
        ...options,
        inMemoryBlockOnConsumed: limit.burst,
        insuranceLimiter: new RateLimiterMemory(options),
      }),
    });
  }

  /**
   * Count one request. A partner's also counts against its plan's daily quota: both counts go to
   * Redis at once (one round trip); a request refused for its rate gives its quota point back.
   */
  async check(caller: Caller): Promise<LimitDecision> {
    // Counts fall back to the in-process limiter while Redis is not ready; at a cold start, wait
    // (once, bounded) for the first connection so the first requests are counted where all are.
    await awaitFirstConnection(this.redis);
    const { name, key } = rateOf(caller);
    const { limiter, limit } = this.rates.get(name)!;
    const windowState = (result: RateLimiterRes): WindowState => ({
      limit: limit.burst,
      remaining: result.remainingPoints,
      resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
      windowSeconds: windowSeconds(limit),
    });
    if (caller.kind !== "partner") {
      const rate = await outcome(limiter.consume(key));
      const state = windowState(rate.result);
      return rate.allowed ? { allowed: true, rate: state, retryAfterSeconds: 0 } : { allowed: false, exceeded: "rate", rate: state, retryAfterSeconds: state.resetSeconds };
    }
    const quota = this.quotas.get(caller.plan)!;
    const { quotaKey, resetsAt } = this.quotaDay(caller.keyId);
    // Already over its rate, as this instance knows: refused without a Redis call or a quota point.
    const blockedMs = inMemoryBlockMs(limiter, key);
    if (blockedMs > 0) {
      const state = windowState(new RateLimiterRes(0, blockedMs));
      return { allowed: false, exceeded: "rate", rate: state, quota: { limit: quota.perDay, resetsAt }, retryAfterSeconds: state.resetSeconds };
    }
    const [rate, counted] = await Promise.all([outcome(limiter.consume(key)), outcome(quota.limiter.consume(quotaKey))]);
    const state = windowState(rate.result);
    if (!rate.allowed) {
      await quota.limiter.reward(quotaKey).catch(() => undefined);
      const remaining = Math.min(quota.perDay, counted.result.remainingPoints + 1);
      return { allowed: false, exceeded: "rate", rate: state, quota: { limit: quota.perDay, remaining, resetsAt }, retryAfterSeconds: state.resetSeconds };
    }
    const quotaState = { limit: quota.perDay, remaining: counted.result.remainingPoints, resetsAt };
    if (counted.allowed) return { allowed: true, rate: state, quota: quotaState, retryAfterSeconds: 0 };
    return { allowed: false, exceeded: "quota", rate: state, quota: quotaState, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt.getTime() - this.now()) / 1000)) };
  }

  /**
   * Seconds this address is locked out for, as far as this instance knows (no Redis call, so it
   * can run before every credential check). Another instance's lockout is learnt at the next
   * refused credential, which Redis then refuses too.
   */
  lockedOutHere(address: string): number {
    const ms = inMemoryBlockMs(this.guessing, address);
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }

  /** Count a refused credential from this address; the lockout in seconds once it is locked out, else 0. */
  async credentialRefused(address: string): Promise<number> {
    await awaitFirstConnection(this.redis);
    const result = await outcome(this.guessing.consume(address));
    return result.allowed ? 0 : Math.max(1, Math.ceil(result.result.msBeforeNext / 1000));
  }

  /** A key's count for the current UTC day, and when that day ends. */
  private quotaDay(keyId: string): { quotaKey: string; resetsAt: Date } {
    const dayStart = Math.floor(this.now() / 86_400_000) * 86_400_000;
    return { quotaKey: `${keyId}:${new Date(dayStart).toISOString().slice(0, 10)}`, resetsAt: new Date(dayStart + 86_400_000) };
  }

  /** Requests a partner key has made today (UTC), as counted against its quota. */
  async quotaUsedToday(keyId: string, plan: UsagePlanName): Promise<number> {
    const used = await this.quotas.get(plan)!.limiter.get(this.quotaDay(keyId).quotaKey);
    return used?.consumedPoints ?? 0;
  }

  /** Drop a user's counters (erasure: the key names the user). */
  async forgetUser(userId: string): Promise<void> {
    await this.rates.get("user")!.limiter.delete(userId).catch(() => undefined);
  }
}

/** How long a key stays refused from process memory (a public method its type declarations omit). */
function inMemoryBlockMs(limiter: RateLimiterRedis, key: string): number {
  const inMemory = limiter as unknown as { getInMemoryBlockMsBeforeExpire(rlKey: string): number };
  return inMemory.getInMemoryBlockMsBeforeExpire(limiter.getKey(key));
}

function rateOf(caller: Caller): { name: string; key: string } {
  switch (caller.kind) {
    case "partner":
      return { name: `plan-${caller.plan}`, key: caller.keyId };
    case "user":
      return { name: "user", key: caller.userId };
    case "anonymous":
      return { name: "anonymous", key: caller.address };
  }
}

/** rate-limiter-flexible rejects with a RateLimiterRes when over the limit; anything else is a real error. */
async function outcome(consumed: Promise<RateLimiterRes>): Promise<{ allowed: boolean; result: RateLimiterRes }> {
  try {
    return { allowed: true, result: await consumed };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, result: rejection };
    throw rejection;
  }
}
