/**
 * A value loaded at its first use and shared after. The AWS SDK clients that only some processes
 * need (SES, SQS, EventBridge) are imported this way, so the API Lambda does not load and parse
 * them at every cold start (each costs as much to import as the whole app's own code).
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined; // a failed import may be retried
      throw error;
    });
    return loading;
  };
}
