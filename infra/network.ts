/// <reference path="../.sst/platform/config.d.ts" />

/**
 * Private network for Redis and the API Lambda. NAT lets the Lambda reach supplier APIs and AWS
 * services; a managed NAT gateway in production, a cheaper NAT instance elsewhere.
 */
export const vpc = new sst.aws.Vpc("Vpc", {
  az: 2,
  nat: $app.stage === "production" ? "managed" : "ec2",
});
