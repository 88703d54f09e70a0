import type * as Flexible from "rate-limiter-flexible";
// @ts-expect-error -- the package declares types for its index only (cast to them below)
import memoryModule from "rate-limiter-flexible/lib/RateLimiterMemory.js";
// @ts-expect-error -- as above
import redisModule from "rate-limiter-flexible/lib/RateLimiterRedis.js";
// @ts-expect-error -- as above
import resultModule from "rate-limiter-flexible/lib/RateLimiterRes.js";

/**
 * The three rate-limiter-flexible classes this code uses, each from its own module. The package's
 * index requires every store it supports (Mongo, MySQL, Postgres, DynamoDB, Drizzle, etcd, …),
 * ~65 KB of the API Lambda's bundle that every cold start would parse for nothing.
 */
export const RateLimiterMemory = memoryModule as typeof Flexible.RateLimiterMemory;
export type RateLimiterMemory = Flexible.RateLimiterMemory;
export const RateLimiterRedis = redisModule as typeof Flexible.RateLimiterRedis;
export type RateLimiterRedis = Flexible.RateLimiterRedis;
export const RateLimiterRes = resultModule as typeof Flexible.RateLimiterRes;
export type RateLimiterRes = Flexible.RateLimiterRes;
