import { createServer } from "node:http";
import { Redis } from "ioredis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { usagePlans, windowSeconds } from "@travel/core/identity";

/**
 * The limit: a bare node:http server that answers each request with one ioredis GET of the same
 * payload the API serves. Nothing a real endpoint needs (validation, keys, headers, logs) is here.
 * With COUNT=1 it also counts each request against its x-api-key's premium rate and daily quota
 * with rate-limiter-flexible, as the API does (same limits, same round trip): the floor of a
 * cached answer that is counted.
 */
const count = process.env.COUNT === "1";
const redis = new Redis(process.env.REDIS_URL!, { enableAutoPipelining: count });
const plan = usagePlans.premium;
const rate = new RateLimiterRedis({ storeClient: redis, keyPrefix: "limit:rate", points: plan.burst, duration: windowSeconds(plan) });
const quota = new RateLimiterRedis({ storeClient: redis, keyPrefix: "limit:quota", points: plan.quotaPerDay, duration: 2 * 86_400 });
const server = createServer(async (req, res) => {
  const key = String(req.headers["x-api-key"] ?? "anonymous");
  const [body] = await Promise.all([redis.get(`limit:${req.url}`), ...(count ? [rate.consume(key), quota.consume(key)] : [])]);
  if (body === null) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(body);
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
