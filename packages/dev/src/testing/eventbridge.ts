import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface PutEventsEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName: string;
}

/**
 * EventBridge's PutEvents over its real wire protocol (JSON 1.1, `X-Amz-Target:
 * AWSEvents.PutEvents`) on a local HTTP server: the edge a Lambda talks to that cannot run here.
 * The AWS SDK reaches it through AWS_ENDPOINT_URL_EVENTBRIDGE; it accepts every entry and keeps it.
 * Used by the Lambda handler test and the cold-start benchmark.
 */
export async function startEventBridgeReceiver() {
  const entries: PutEventsEntry[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.headers["x-amz-target"] !== "AWSEvents.PutEvents") {
        response.writeHead(400, { "content-type": "application/x-amz-json-1.1" }).end(JSON.stringify({ __type: "UnknownOperationException" }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { Entries: PutEventsEntry[] };
      entries.push(...body.Entries);
      response
        .writeHead(200, { "content-type": "application/x-amz-json-1.1" })
        .end(JSON.stringify({ FailedEntryCount: 0, Entries: body.Entries.map(() => ({ EventId: randomUUID() })) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    entries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
