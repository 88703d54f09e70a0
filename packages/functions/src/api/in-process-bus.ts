import { fileURLToPath } from "node:url";
import type { ApiConfig } from "@travel/core/config";
import { FileEventArchive } from "@travel/core/events";
import { createLocalEventBus } from "../events/local";
import type { BusParts } from "./deps";

/**
 * The platform bus in the API's own process, for the Bus link's `in-process` delivery (one
 * machine): the same subscriber handlers the Lambdas run, archiving what it accepts where the link
 * says. Imported by the local server and tests only, never by the Lambda handler.
 */
export function inProcessBus(config: ApiConfig) {
  return (parts: BusParts) =>
    createLocalEventBus({
      cache: parts.cache,
      analytics: parts.analytics,
      ...(config.Bus.archive ? { archive: new FileEventArchive(fileURLToPath(config.Bus.archive)) } : {}),
    });
}
