/// <reference path="../.sst/platform/config.d.ts" />
import { vpc } from "./network";

const production = $app.stage === "production";

/**
 * ElastiCache Redis (cluster mode, TLS, auth token) in the VPC. Under `sst dev` it links to a
 * local redis-server instead of deploying one. In production each shard has a replica in another
 * availability zone, promoted automatically if the primary's zone fails.
 */
export const redis = new sst.aws.Redis("Redis", {
  vpc,
  engine: "redis",
  instance: production ? "r7g.large" : "t4g.micro",
  dev: { host: "localhost", port: 6379 },
  transform: {
    cluster: (args) => {
      if (!production) return;
      args.replicasPerNodeGroup = 1;
      args.multiAzEnabled = true;
      args.automaticFailoverEnabled = true;
    },
  },
});

