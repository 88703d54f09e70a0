import type { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient, TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { dynamoSdk } from "../db/sdk";

/**
 * One TransactWriteItems built from ElectroDB's `.params()`: ElectroDB models the items and their
 * conditions; DynamoDB's transaction makes them one change (ElectroDB's own transaction API wants
 * every entity in one Service, and these live in five tables under their seed names).
 */
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** Each item's label says what failed when the transaction is cancelled. */
export interface LabelledItem {
  label: string;
  item: TransactItem;
}

export const putItem = (label: string, params: object): LabelledItem => ({ label, item: { Put: params as never } });
export const updateItem = (label: string, params: object): LabelledItem => ({ label, item: { Update: params as never } });

/** Which items' conditions failed, or that the transaction collided with another one in flight. */
export class TransactionRejected extends Error {
  override name = "TransactionRejected";
  constructor(
    readonly failedLabels: string[],
    readonly conflicted: boolean,
  ) {
    super(conflicted ? "transaction conflicted with another in flight" : `conditions failed: ${failedLabels.join(", ")}`);
  }
}

/**
 * Run the items as one transaction. A cancelled transaction becomes TransactionRejected naming
 * the items whose condition failed; a collision with a concurrent transaction on the same item
 * (TransactionConflict) is retried a few times with jitter before it is reported as `conflicted`.
 */
export async function transactWrite(client: DynamoDBDocumentClient, items: LabelledItem[], options: { attempts?: number } = {}): Promise<void> {
  const attempts = options.attempts ?? 4;
  const { client: { TransactionCanceledException }, lib: { TransactWriteCommand } } = await dynamoSdk();
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) && (error as Error).name !== "TransactionCanceledException") throw error;
      const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
      const failed = reasons.flatMap((reason, index) => (reason.Code === "ConditionalCheckFailed" ? [items[index]?.label ?? `#${index}`] : []));
      if (failed.length > 0) throw new TransactionRejected(failed, false);
      const conflicted = reasons.some((r) => r.Code === "TransactionConflict");
      if (!conflicted || attempt >= attempts) throw conflicted ? new TransactionRejected([], true) : error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
}
