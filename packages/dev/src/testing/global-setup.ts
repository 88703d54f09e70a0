import type { TestProject } from "vitest/node";
import { catalogTable } from "@travel/core/db";
import { localTableName } from "../local/resources";
import { startDataStores, type DataStores } from "../local/stack";

export const testStage = "test";

let stores: DataStores | undefined;

/** DynamoDB Local (in memory) and a redis-server on free ports, tables created, catalog seeded. */
export async function setup(project: TestProject) {
  stores = await startDataStores({ stage: testStage });
  project.provide("stores", {
    dynamoEndpoint: stores.dynamoEndpoint,
    redis: stores.redis,
    stage: testStage,
    catalogTableName: localTableName(testStage, catalogTable),
  });
}

export async function teardown() {
  await stores?.stop();
}
