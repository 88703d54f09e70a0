/** A type whose public members are all methods answering a promise (so a call can wait for a load). */
export type AsyncMethods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? T[K] : never };

/**
 * Stands in for a service until it is first used: a call to any of its methods loads it (once;
 * a failed load is tried again at the next call) and then calls the real method. The API Lambda
 * builds its DynamoDB-backed services this way (api/dynamo-backed.ts), so ElectroDB and the
 * models over it are a chunk loaded at the first request that reads or writes a table, not parsed
 * at every cold start by requests that never do (`/health`, a cached search).
 *
 * Only services whose members are all async methods qualify (`AsyncMethods`): that is checked
 * when compiling, so a synchronous member cannot be reached through the stand-in by mistake.
 */
export function deferred<T extends AsyncMethods<T>>(what: string, load: () => Promise<T>): T {
  let loading: Promise<T> | undefined;
  const loaded = (): Promise<T> =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw new Error(`could not load ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }));
  return new Proxy({} as T, {
    get(_, member) {
      // Not a promise itself: `await service` must not wait on a `then` method it lacks.
      if (typeof member !== "string" || member === "then") return undefined;
      return async (...args: unknown[]) => {
        const service = (await loaded()) as Record<string, (...a: unknown[]) => Promise<unknown>>;
        if (typeof service[member] !== "function") throw new TypeError(`${what} has no method ${member}`);
        return service[member](...args);
      };
    },
  });
}
