import { Tracer } from "@aws-lambda-powertools/tracer";
import { serviceName } from "./catalog";

/**
 * X-Ray through Powertools Tracer. It is active only inside a Lambda with tracing on (infra turns
 * it on for every function); anywhere else every call here is a no-op, so local runs and tests
 * never need an X-Ray daemon.
 */
export const tracer = new Tracer({ serviceName, captureHTTPsRequests: true });

/**
 * Runs `work` in its own X-Ray subsegment (supplier, Redis and DynamoDB calls), annotated so traces
 * can be searched by them (`annotation.supplier = "amadeus"`); errors are recorded on it.
 */
export function traced<T>(name: string, annotations: Record<string, string>, work: () => Promise<T>): Promise<T> {
  if (!tracer.isTracingEnabled() || !tracer.getSegment()) return work();
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
  return tracer.captureAWSv3Client(client);
}
