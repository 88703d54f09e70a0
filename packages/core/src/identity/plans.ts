/**
 * Usage plans for partner API keys and the request limits of everyone else, declared once: the
 * API enforces them (rate-limits.ts), `infra/api.ts` creates the same plans as API Gateway usage
 * plans, and the OpenAPI document quotes them. Keep this file free of imports: infra loads it.
 *
 * A limit of `ratePerSecond` with `burst` allows `burst` requests in each fixed window of
 * `burst / ratePerSecond` seconds: `ratePerSecond` sustained, up to `burst` at once (the numbers
 * API Gateway's token bucket takes).
 */
export interface RequestLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export interface UsagePlan extends RequestLimit {
  /** Requests per UTC day; resets at 00:00 UTC. */
  readonly quotaPerDay: number;
  readonly description: string;
}

export const usagePlans = {
  free: { ratePerSecond: 5, burst: 10, quotaPerDay: 1_000, description: "Evaluation: 5 req/s, 1,000 requests a day" },
  standard: { ratePerSecond: 50, burst: 100, quotaPerDay: 100_000, description: "Production partners: 50 req/s, 100,000 requests a day" },
  premium: { ratePerSecond: 500, burst: 1_000, quotaPerDay: 5_000_000, description: "High-volume partners: 500 req/s, 5 million requests a day" },
} as const satisfies Record<string, UsagePlan>;

export type UsagePlanName = keyof typeof usagePlans;
export const usagePlanNames = Object.keys(usagePlans) as [UsagePlanName, ...UsagePlanName[]];

/** Callers without an API key: anonymous ones per IP address (public routes only), signed-in ones per user. */
export const callerLimits = {
  anonymous: { ratePerSecond: 10, burst: 20 },
  user: { ratePerSecond: 20, burst: 40 },
} as const satisfies Record<string, RequestLimit>;

/**
 * Credential guessing, per IP address: after `failures` refused API keys or access tokens within
 * `windowSeconds`, every credential from that address is refused unchecked for `blockSeconds`.
 */
export const credentialGuessing = { failures: 10, windowSeconds: 600, blockSeconds: 900 } as const;

/**
 * The WAF's per-address flood guard in front of the API (infra/api.ts), per 5 minutes, for requests
 * without an API key: what ten signed-in users behind one address (an office, a NAT) could send at
 * their limit. Beyond it the address is blocked at the edge before reaching the Lambda.
 */
export const edgeFloodGuard = { requestsPer5Minutes: 10 * callerLimits.user.ratePerSecond * 300 } as const;

/** The whole API stage on API Gateway (the platform requirements: 10,000 requests/s steady, 5,000 burst). */
export const stageThrottle = { ratePerSecond: 10_000, burst: 5_000 } as const;

/** Seconds in one window of a limit (see above). */
export function windowSeconds(limit: RequestLimit): number {
  return Math.max(1, Math.ceil(limit.burst / limit.ratePerSecond));
}
