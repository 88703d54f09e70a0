import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TrackCall } from "@travel/core/analytics";

export interface ReceivedRequest {
  authorization: string | undefined;
  contentType: string | undefined;
  body: { batch: TrackCall[]; sentAt: string };
  /** What the receiver answered. */
  status: number;
}

/**
 * A Segment-compatible batch endpoint on a real HTTP server: it records every request and answers
 * 200, or the statuses it was told to answer next.
 */
export async function startWebhookReceiver() {
  const received: ReceivedRequest[] = [];
  const scripted: number[] = [];
  let always: number | undefined;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = always ?? scripted.shift() ?? 200;
      received.push({
        authorization: request.headers.authorization,
        contentType: request.headers["content-type"],
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as ReceivedRequest["body"],
        status,
      });
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(status === 200 ? { success: true } : { error: "scripted failure" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/batch`,
    received,
    /** The calls accepted so far (in 200-answered requests). */
    accepted: () => received.filter((r) => r.status === 200).flatMap((r) => r.body.batch),
    answerNext: (...statuses: number[]) => void scripted.push(...statuses),
    answerAlways: (status: number | undefined) => void (always = status),
    reset: () => void received.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
