import { Logger } from "@aws-lambda-powertools/logger";
import { serviceName } from "./catalog";

/**
 * Structured JSON logs (Powertools). Level from POWERTOOLS_LOG_LEVEL / LOG_LEVEL; on Lambda the
 * request id is added by the handler. Never pass secrets or raw tokens to it.
 */
export const logger = new Logger({ serviceName });
