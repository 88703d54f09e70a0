import "vitest";

/** What the run's global setup (packages/dev/src/testing/global-setup.ts) provides. */
declare module "vitest" {
  export interface ProvidedContext {
    stores: { dynamoEndpoint: string; redis: { host: string; port: number }; stage: string; catalogTableName: string };
  }
}
