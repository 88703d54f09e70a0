import { Agent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * One DynamoDB document client per process. The endpoint comes from the SDK's standard
 * configuration (`AWS_ENDPOINT_URL_DYNAMODB` points it at DynamoDB Local), so no code here knows
 * whether it is local.
 */
const maxConnections = 50;

export function createDynamoClient(options: { requestTimeoutMs?: number } = {}): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    maxAttempts: 3,
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? 3000,
      // Counts from the request's start, so it includes waiting for a pooled connection.
      connectionTimeout: 3000,
      // A bounded pool of kept-alive connections: a burst queues for a connection instead of
      // opening hundreds at once (which DynamoDB Local, and any NAT, answers slowly).
      httpAgent: new Agent({ keepAlive: true, maxSockets: maxConnections }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: maxConnections }),
    },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
