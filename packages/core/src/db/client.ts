import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * One DynamoDB document client per process. The endpoint comes from the SDK's standard
 * configuration (`AWS_ENDPOINT_URL_DYNAMODB` points it at DynamoDB Local), so no code here knows
 * whether it is local.
 */
export function createDynamoClient(options: { requestTimeoutMs?: number } = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    maxAttempts: 3,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 3000, connectionTimeout: 1000 },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
