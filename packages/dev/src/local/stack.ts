import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from "@aws-sdk/client-dynamodb";
import { seedCatalog } from "@travel/core/reference-data";
import { createDynamoClient, ensureTables, tables, catalogTable, type TableDefinition } from "@travel/core/db";
import { startDynamoLocal, startRedisServer, type DynamoLocal, type RedisServer } from "./processes";
import { localTableName } from "./resources";

/**
 * The tables as declared, minus their streams: nothing reads DynamoDB Local's streams (the outbox
 * relay polls locally), and DynamoDB Local makes every multi-table transaction that touches a
 * stream-enabled table slower with each stream record it has kept (the catalog seed alone leaves
 * 44,000): with them, a hold's transaction ran at 7/s instead of 90/s.
 */
export const localTables: TableDefinition[] = (tables as readonly TableDefinition[]).map(({ stream: _notReadLocally, ...table }) => table);

/** Tables kept in `.data/` from before this change still have streams: turn them off. */
async function disableStreams(client: DynamoDBClient, names: string[]): Promise<void> {
  for (const TableName of names) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    if (Table?.StreamSpecification?.StreamEnabled) {
      await client.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: false } }));
    }
  }
}

export interface DataStores {
  dynamoEndpoint: string;
  redis: { host: string; port: number; password?: string };
  stop(): Promise<void>;
}

/**
 * DynamoDB Local and Redis for the local stack and the test suite: tables created from the same
 * declarations infra uses, and the catalog seeded. `redisUrl` reuses a running Redis instead of
 * starting one; `dataDir` persists both stores, otherwise they live in memory.
 */
export async function startDataStores(options: {
  stage: string;
  dataDir?: string;
  redisUrl?: string;
  onProgress?: (message: string) => void;
  /** Seed the catalog (default); a benchmark that reads no destination skips the minute it takes. */
  seed?: boolean;
}): Promise<DataStores> {
  const say = options.onProgress ?? (() => {});
  const redisFromUrl = options.redisUrl ? new URL(options.redisUrl) : undefined;
  const started: Array<DynamoLocal | RedisServer> = [];
  try {
    const [dynamo, redisServer] = await Promise.all([
      startDynamoLocal(options.dataDir ? { dataDir: `${options.dataDir}/dynamodb` } : {}).then((d) => (started.push(d), d)),
      redisFromUrl
        ? undefined
        : startRedisServer(options.dataDir ? { dataDir: `${options.dataDir}/redis` } : {}).then((r) => (started.push(r), r)),
    ]);
    say(`DynamoDB Local on ${dynamo.endpoint}`);
    const redis = redisFromUrl
      ? {
          host: redisFromUrl.hostname,
          port: Number(redisFromUrl.port || 6379),
          ...(redisFromUrl.password ? { password: decodeURIComponent(redisFromUrl.password) } : {}),
        }
      : { host: redisServer!.host, port: redisServer!.port };
    say(`Redis on ${redis.host}:${redis.port}${redisFromUrl ? " (REDIS_URL)" : ""}`);

    const sdkOptions = {
      endpoint: dynamo.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    };
    const admin = new DynamoDBClient(sdkOptions);
    await ensureTables(admin, localTables, (t) => localTableName(options.stage, t));
    await disableStreams(admin, localTables.map((t) => localTableName(options.stage, t)));
    admin.destroy();
    say(`tables ready: ${tables.map((t) => localTableName(options.stage, t)).join(", ")}`);

    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
    process.env.AWS_REGION ??= sdkOptions.region;
    process.env.AWS_ACCESS_KEY_ID ??= "local";
    process.env.AWS_SECRET_ACCESS_KEY ??= "local";
    if (options.seed === false) return { dynamoEndpoint: dynamo.endpoint, redis, stop: () => Promise.all(started.map((p) => p.stop())).then(() => {}) };
    say("catalog: checking seed (the first seed writes ~61,000 items and takes about a minute)…");
    const documents = createDynamoClient({ requestTimeoutMs: 10_000, operationMetrics: false });
    const started_ = Date.now();
    const seed = await seedCatalog(documents, localTableName(options.stage, catalogTable));
    documents.destroy();
    say(
      seed.seeded
        ? `catalog seeded: ${seed.destinations} destinations, ${seed.terms} search terms (${Math.round((Date.now() - started_) / 1000)} s)`
        : `catalog already seeded (${seed.destinations} destinations)`,
    );

    return {
      dynamoEndpoint: dynamo.endpoint,
      redis,
      stop: async () => {
        await Promise.all(started.map((p) => p.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((p) => p.stop()));
    throw error;
  }
}
