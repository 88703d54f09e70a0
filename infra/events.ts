/// <reference path="../.sst/platform/config.d.ts" />
import { subscriptions } from "../packages/core/src/events/subscriptions";
import { redis } from "./cache";
import { vpc } from "./network";

/** The platform's event bus, and its subscribers as declared in core (the local bus uses the same list). */
export const bus = new sst.aws.Bus("Bus");

for (const subscription of subscriptions) {
  bus.subscribe(
    subscription.name,
    {
      handler: subscription.handler,
      runtime: "nodejs22.x",
      architecture: "arm64",
      timeout: "30 seconds",
      ...(subscription.needsCache ? { vpc, link: [redis] } : {}),
    },
    { pattern: subscription.pattern },
  );
}
