import { Agent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { DynamoDBDocumentClient, ScanCommandInput, ScanCommandOutput } from "@aws-sdk/lib-dynamodb";
import { metrics, tracedClient } from "../observability";
import { dynamoSdk, type DynamoSdk } from "./sdk";

/**
 * One DynamoDB document client per process. The endpoint comes from the SDK's standard
 * configuration (`AWS_ENDPOINT_URL_DYNAMODB` points it at DynamoDB Local), so no code here knows
 * whether it is local.
 */
const maxConnections = 50;

/**
 * `operationMetrics: false` for tools (the local runner's catalog seed) whose bulk writes are not
 * the application's traffic and would only flood their console with metric lines.
 *
 * The client is built, and the AWS SDK loaded (core/db/sdk.ts), when the first command is sent:
 * what is returned until then stands in for it with the two members this code uses, `send` and
 * `destroy`. It is typed as the SDK's client so that the domains and ElectroDB take it as they
 * are; the SDK's paginators, which check `instanceof`, do not (page with `scanPages` instead).
 */
export function createDynamoClient(options: { requestTimeoutMs?: number; operationMetrics?: boolean } = {}): DynamoDBDocumentClient {
  return new DeferredDocumentClient((sdk) => buildDocumentClient(sdk, options)) as unknown as DynamoDBDocumentClient;
}

class DeferredDocumentClient {
  private client: Promise<DynamoDBDocumentClient> | undefined;
  private built: DynamoDBDocumentClient | undefined;

  constructor(private readonly build: (sdk: DynamoSdk) => DynamoDBDocumentClient) {}

  async send(command: Parameters<DynamoDBDocumentClient["send"]>[0], options?: { abortSignal?: AbortSignal }): Promise<unknown> {
    this.client ??= dynamoSdk().then(
      (sdk) => (this.built = this.build(sdk)),
      (error: unknown) => {
        this.client = undefined;
        throw error;
      },
    );
    return (await this.client).send(command, options);
  }

  destroy(): void {
    this.built?.destroy();
  }
}

function buildDocumentClient({ client: { DynamoDBClient }, lib: { DynamoDBDocumentClient } }: DynamoSdk, options: { requestTimeoutMs?: number; operationMetrics?: boolean }): DynamoDBDocumentClient {
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
  if (options.operationMetrics !== false) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const started = performance.now();
        try {
          return await next(args);
        } finally {
          metrics.record("DynamoDBOperationLatency", performance.now() - started, {
            Table: tablesOf(args.input as DynamoInput),
            Operation: (context.commandName ?? "Unknown").replace(/Command$/, ""),
          });
        }
      },
      // Around the whole call, retries included: the latency the caller waited.
      { step: "initialize", name: "operationLatencyMetric" },
    );
  }
  return DynamoDBDocumentClient.from(tracedClient(client), { marshallOptions: { removeUndefinedValues: true } });
}

/** Every page of a scan, as the SDK's `paginateScan` gives them (which refuses the deferred client). */
export async function* scanPages(client: DynamoDBDocumentClient, input: ScanCommandInput): AsyncGenerator<ScanCommandOutput> {
  const { ScanCommand } = (await dynamoSdk()).lib;
  let startKey = input.ExclusiveStartKey;
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
    yield page;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

type DynamoInput = { TableName?: string; TransactItems?: Array<Record<string, { TableName?: string }>>; RequestItems?: Record<string, unknown> };

/** The table a call touches, or every table of a transaction or batch (sorted, joined with "+"). */
function tablesOf(input: DynamoInput): string {
  if (input.TableName) return input.TableName;
  const names = new Set<string>(Object.keys(input.RequestItems ?? {}));
  for (const item of input.TransactItems ?? []) for (const action of Object.values(item)) if (action?.TableName) names.add(action.TableName);
  return names.size > 0 ? [...names].sort().join("+") : "unknown";
}
