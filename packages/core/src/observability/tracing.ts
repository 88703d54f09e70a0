import type { Tracer } from "@aws-lambda-powertools/tracer";
import { serviceName } from "./catalog";

/**
 * X-Ray through Powertools Tracer, only inside a Lambda function (infra turns active tracing on for
 * every one; POWERTOOLS_TRACE_ENABLED=false turns it off). Elsewhere it is not even loaded: the
 * X-Ray SDK under it enables an async hook as soon as it is imported, which makes every `await` in
 * the process several times slower (2 million awaits: 164 ms without it, 1,902 ms with it, on this
 * project's machines), a cost worth paying only where traces are collected.
 */
const tracingWanted = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) && process.env.POWERTOOLS_TRACE_ENABLED !== "false";

export const tracer: Tracer | undefined = tracingWanted
  ? new (await import("@aws-lambda-powertools/tracer")).Tracer({ serviceName, captureHTTPsRequests: true })
  : undefined;

/**
 * Runs `work` in its own X-Ray subsegment (supplier, Redis and DynamoDB calls), annotated so traces
 * can be searched by them (`annotation.supplier = "amadeus"`); errors are recorded on it.
 */
export function traced<T>(name: string, annotations: Record<string, string>, work: () => Promise<T>): Promise<T> {
  if (!tracer?.isTracingEnabled() || !tracer.getSegment()) return work();
  return tracer.provider.captureAsyncFunc(name, async (subsegment) => {
    for (const [key, value] of Object.entries(annotations)) subsegment?.addAnnotation(key, value);
    try {
      return await work();
    } catch (error) {
      subsegment?.addError(error as Error);
      throw error;
    } finally {
      subsegment?.close();
    }
  }) as Promise<T>;
}

/** The AWS SDK v3 client, with a subsegment per call when tracing is on (the client itself otherwise). */
export function tracedClient<T>(client: T): T {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
