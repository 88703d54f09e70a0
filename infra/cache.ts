/// <reference path="../.sst/platform/config.d.ts" />
import { vpc } from "./network";

/**
 * ElastiCache Redis (cluster mode, TLS, auth token) in the VPC. Under `sst dev` it links to a
 * local redis-server instead of deploying one.
 */
export const redis = new sst.aws.Redis("Redis", {
  vpc,
  engine: "redis",
  instance: $app.stage === "production" ? "r7g.large" : "t4g.micro",
  dev: { host: "localhost", port: 6379 },
});
