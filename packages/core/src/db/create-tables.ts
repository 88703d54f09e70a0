import type { AttributeDefinition, CreateTableCommandInput, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { dynamoSdk } from "./sdk";
import type { TableDefinition } from "./tables";

const attributeType = { string: "S", number: "N", binary: "B" } as const;
const streamViewType = {
  "keys-only": "KEYS_ONLY",
  "new-image": "NEW_IMAGE",
  "old-image": "OLD_IMAGE",
  "new-and-old-images": "NEW_AND_OLD_IMAGES",
} as const;

/** Translate a table declaration (the `sst.aws.Dynamo` shape) into a CreateTable request. */
export function toCreateTableInput(table: TableDefinition, tableName: string): CreateTableCommandInput {
  const keySchema = (hashKey: string, rangeKey?: string) => [
    { AttributeName: hashKey, KeyType: "HASH" as const },
    ...(rangeKey ? [{ AttributeName: rangeKey, KeyType: "RANGE" as const }] : []),
  ];
  const attributes: AttributeDefinition[] = Object.entries(table.fields).map(([name, type]) => ({
    AttributeName: name,
    AttributeType: attributeType[type],
  }));
  const gsis = Object.entries(table.globalIndexes ?? {});
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: attributes,
    KeySchema: keySchema(table.primaryIndex.hashKey, table.primaryIndex.rangeKey),
    ...(gsis.length > 0 && {
      GlobalSecondaryIndexes: gsis.map(([indexName, index]) => ({
        IndexName: indexName,
        KeySchema: keySchema(index.hashKey, index.rangeKey),
        Projection: { ProjectionType: "ALL" },
      })),
    }),
    ...(table.stream && {
      StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType[table.stream] },
    }),
  };
}

/** Create each table that does not exist yet (idempotent), then enable TTL where declared. */
export async function ensureTables(
  client: DynamoDBClient,
  definitions: readonly TableDefinition[],
  nameOf: (table: TableDefinition) => string,
): Promise<void> {
  const { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTimeToLiveCommand } = (await dynamoSdk()).client;
  for (const table of definitions) {
    const tableName = nameOf(table);
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      continue;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    await client.send(new CreateTableCommand(toCreateTableInput(table, tableName)));
    if (table.ttl) {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: table.ttl, Enabled: true },
        }),
      );
    }
  }
}
