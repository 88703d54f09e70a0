import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { onFirstUse } from "../config/on-first-use";

/**
 * Where events go that could not be delivered after every retry (the reservation contract's
 * `<stage>-reservation-events-dlq`): an SQS queue on AWS, a directory of JSON files locally.
 */
export interface DeadLetter {
  /** What gave up: `outbox-relay`, or a subscriber's name. */
  source: string;
  reason: string;
  attempts: number;
  /** The event (or outbox row) as it was. */
  body: unknown;
}

export interface DeadLetterQueue {
  send(letter: DeadLetter): Promise<void>;
}

export class SqsDeadLetterQueue implements DeadLetterQueue {
  private readonly sdk = onFirstUse(async () => {
    const { SendMessageCommand, SQSClient } = await import("@aws-sdk/client-sqs");
    return { SendMessageCommand, client: new SQSClient({ maxAttempts: 3, requestHandler: { requestTimeout: 3_000, connectionTimeout: 1_000 } }) };
  });
  constructor(private readonly queueUrl: string) {}

  async send(letter: DeadLetter): Promise<void> {
    const { SendMessageCommand, client } = await this.sdk();
    await client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ ...letter, failedAt: new Date().toISOString() }),
        MessageAttributes: { source: { DataType: "String", StringValue: letter.source } },
      }),
    );
  }
}

/** One JSON file per dead letter, named so a directory listing reads in order. */
export class FileDeadLetterQueue implements DeadLetterQueue {
  constructor(readonly directory: string) {}

  async send(letter: DeadLetter): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const failedAt = new Date().toISOString();
    const file = join(this.directory, `${failedAt.replace(/[:.]/g, "-")}-${letter.source}-${Math.random().toString(36).slice(2, 8)}.json`);
    await writeFile(file, `${JSON.stringify({ ...letter, failedAt }, null, 2)}\n`);
  }
}

/** The link's URL picks the adapter: `https://sqs…` on AWS, `file:///…/.data/dlq` locally. */
export function deadLetterQueueAt(url: string): DeadLetterQueue {
  return url.startsWith("file:") ? new FileDeadLetterQueue(fileURLToPath(url)) : new SqsDeadLetterQueue(url);
}
