import type { APIGatewayProxyEvent, Context, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { startIssuer, type RunningIssuer } from "./support/auth";
import { amadeusAlone, daysFromNow, ensureStageTables, startSimulator, testResourceEnvironment, type RunningSimulator } from "./support/stack";
import { restProxyEvent } from "@travel/dev/testing/api-gateway";
import { startEventBridgeReceiver } from "@travel/dev/testing/eventbridge";
import { startWebhookReceiver } from "./support/webhook";

/**
 * Lambda's runtime has the platform's Response. node-server, which serves the simulator and the
 * issuer here, swaps the global for a lighter one whose headers, once read back by something other
 * than node-server itself (the Lambda adapter), no longer show later changes: put the real one back.
 */
const platformResponse = globalThis.Response;

const lambdaContext = { awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", functionName: "travel-platform-test-Api" } as Context;

describe("Lambda handler (API Gateway REST proxy events)", () => {
  let simulator: RunningSimulator;
  let issuer: RunningIssuer;
  let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let eventBridge: Awaited<ReturnType<typeof startEventBridgeReceiver>> | undefined;
  let handler: (event: APIGatewayProxyEvent, context: Context) => Promise<{ statusCode: number; body: string; multiValueHeaders: Record<string, string[]> }>;

  beforeAll(async () => {
    simulator = await startSimulator();
    // Links reach the handler exactly as on AWS: SST_RESOURCE_* variables read by `Resource`.
    // Booking here is about the Lambda's events, not a supplier's orders: the Amadeus format alone.
    const env = testResourceEnvironment(simulator.url, undefined, undefined, amadeusAlone);
    const links = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith("SST_RESOURCE_")).map(([k, v]) => [k.slice(13), JSON.parse(v)]));
    await ensureStageTables(links);
    issuer = await startIssuer({ auth: links.AuthTable.name, audit: links.AuditTable.name });
    env.SST_RESOURCE_Auth = JSON.stringify({ url: issuer.url });
    webhook = await startWebhookReceiver();
    env.SST_RESOURCE_AnalyticsForwarding = JSON.stringify({ url: webhook.url, writeKey: "wk_lambda" });
    // As on AWS, the API Lambda publishes to EventBridge (its PutEvents wire, served locally).
    eventBridge = await startEventBridgeReceiver();
    env.SST_RESOURCE_Bus = JSON.stringify({ ...JSON.parse(env.SST_RESOURCE_Bus!), delivery: "eventbridge" });
    env.AWS_ENDPOINT_URL_EVENTBRIDGE = eventBridge.endpoint;
    Object.assign(process.env, env);
    globalThis.Response = platformResponse;
    ({ handler } = (await import("../src/api/lambda")) as never);
  });
  afterAll(async () => {
    await simulator.close();
    await issuer?.close();
    await webhook?.close();
    await eventBridge?.close();
  });

  it("answers a flight search, then serves the repeat from cache", async () => {
    const event = restProxyEvent("/v1/search/flights", {
      origin: "LHR",
      destination: "JFK",
      departureDate: daysFromNow(45),
      adults: "2",
    });
    const first = await handler(event, lambdaContext);
    expect(first.statusCode).toBe(200);
    expect(first.multiValueHeaders["x-cache"]).toEqual(["MISS"]);
    const body = JSON.parse(first.body) as { data: Array<{ id: string; price: { total: string } }>; meta: { count: number } };
    expect(body.meta.count).toBeGreaterThan(0);
    expect(body.data[0]!.id).toMatch(/^fo_/);

    const searchesBefore = (await simulator.stats()).byEndpoint["GET /v2/shopping/flight-offers"];
    const second = await handler(event, lambdaContext);
    expect(second.statusCode).toBe(200);
    expect(second.multiValueHeaders["x-cache"]).toEqual(["HIT"]);
    expect((await simulator.stats()).byEndpoint["GET /v2/shopping/flight-offers"]).toBe(searchesBefore);
  });


  it("publishes what the searches did to EventBridge, as Analytics Recorded events", async () => {
    for (let waited = 0; waited < 5_000 && !eventBridge!.entries.some((e) => e.DetailType === "Analytics Recorded"); waited += 100) await sleep(100);
    const recorded = eventBridge!.entries.filter((e) => e.DetailType === "Analytics Recorded");
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded[0]!.Source).toBe("analytics.service");
    expect(JSON.parse(recorded[0]!.Detail).counters.length).toBeGreaterThan(0);
  });
  it("writes the invocation's metrics as EMF before it returns (CloudWatch reads them from the log)", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    try {
      expect((await handler(restProxyEvent("/health", {}), lambdaContext)).statusCode).toBe(200);
    } finally {
      spy.mockRestore();
    }
    const emf = lines.flatMap((l) => l.split("\n")).filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as Record<string, any>);
    const latency = emf.find((l) => l.Route === "GET /health");
    expect(latency?._aws.CloudWatchMetrics[0]).toEqual({ Namespace: "TravelPlatform", Dimensions: [["service", "Route"]], Metrics: [{ Name: "APILatency", Unit: "Milliseconds" }] });
    expect(latency?.APILatency).toBeGreaterThan(0);
  });

  it("the cache-invalidation subscriber handles an EventBridge event", async () => {
    const { handler: onEvent } = await import("../src/events/cache-invalidation");
    const event = restProxyEvent("/v1/search/flights", { origin: "FRA", destination: "JFK", departureDate: daysFromNow(46) });
    await handler(event, lambdaContext);
    expect((await handler(event, lambdaContext)).multiValueHeaders["x-cache"]).toEqual(["HIT"]);
    await onEvent({
      version: "0",
      id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
      "detail-type": "Price Updated",
      source: "supplier.service",
      account: "123456789012",
      time: new Date().toISOString(),
      region: "us-east-1",
      resources: [],
      detail: { supplier: "amadeus", routes: ["FRA-JFK"] },
    });
    // The API's L1 hears of it over the cache bus: poll instead of guessing the delivery time.
    let status: string[] | undefined;
    for (let i = 0; i < 40 && status?.[0] !== "MISS"; i++) {
      status = (await handler(event, lambdaContext)).multiValueHeaders["x-cache"];
      if (status?.[0] !== "MISS") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toEqual(["MISS"]);
  });

  it("holds a seat from a POST with headers and a JSON body, and replays it for the same Idempotency-Key", async () => {
    const search = await handler(restProxyEvent("/v1/search/flights", { origin: "MAD", destination: "JFK", departureDate: daysFromNow(47) }), lambdaContext);
    const offerId = (JSON.parse(search.body) as { data: Array<{ id: string }> }).data[0]!.id;
    const hold = restProxyEvent("/v1/reservations", {}, {
      headers: { Authorization: `Bearer ${await issuer.signIn("lambda-user@example.com")}`, "Idempotency-Key": "lambda-key-1" },
      body: { offerId, travelers: [{ firstName: "Grace", lastName: "Hopper", email: "grace@example.com" }] },
    });
    const first = await handler(hold, lambdaContext);
    expect(first.statusCode).toBe(201);
    // The first seat for sale: Duffel's seat map when Duffel sells the cheapest offer, else the layout's first.
    const offerSupplier = (JSON.parse(search.body) as { data: Array<{ supplier: string }> }).data[0]!.supplier;
    const held = JSON.parse(first.body).data as { status: string; seatIds: string[] };
    expect(held.status).toBe("HOLD");
    expect(held.seatIds).toEqual(offerSupplier === "amadeus" ? ["14A"] : [expect.stringMatching(/^\d{1,2}[A-K]$/)]);
    const again = await handler(hold, lambdaContext);
    expect(again.statusCode).toBe(201);
    expect(again.multiValueHeaders["idempotent-replayed"]).toEqual(["true"]);
    expect(again.body).toBe(first.body);
  });

  it("limits anonymous callers by API Gateway's source IP, whatever X-Forwarded-For says", async () => {
    const attacker = (spoofed: string) => restProxyEvent("/health", {}, undefined, { sourceIp: "198.51.100.9", headers: { "X-Forwarded-For": spoofed } });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await handler(attacker(`192.0.2.${i}`), lambdaContext)).statusCode);
    // The declared anonymous limit: 20 requests per 2 s window.
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await handler(attacker("192.0.2.99"), lambdaContext);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.multiValueHeaders["retry-after"]![0])).toBeGreaterThan(0);
    expect(refused.multiValueHeaders["ratelimit-remaining"]).toEqual(["0"]);
    const bystander = await handler(restProxyEvent("/health", {}, undefined, { sourceIp: "198.51.100.10" }), lambdaContext);
    expect(bystander.statusCode).toBe(200);
    expect(bystander.multiValueHeaders["ratelimit-limit"]).toEqual(["20"]);
  });

  it("returns problem details for invalid input and unknown routes", async () => {
    const invalid = await handler(restProxyEvent("/v1/search/flights", { origin: "LHR" }), lambdaContext);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.multiValueHeaders["content-type"]).toEqual(["application/problem+json"]);
    expect(JSON.parse(invalid.body).errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(["destination", "departureDate"]),
    );
    const missing = await handler(restProxyEvent("/v1/unknown", {}), lambdaContext);
    expect(missing.statusCode).toBe(404);
    expect(JSON.parse(missing.body).detail).toBe("No route for GET /v1/unknown");
  });

  it("the analytics forwarder consumes an SQS batch of EventBridge events (as its rule's queue delivers them)", async () => {
    const { handler: forward } = (await import("../src/events/analytics-forwarding")) as { handler: (event: SQSEvent) => Promise<{ batchItemFailures: unknown[] }> };
    const busEvent = (id: string, status: "HOLD" | "EXPIRED", extra: Record<string, unknown> = {}) => ({
      version: "0",
      id,
      "detail-type": status === "HOLD" ? "Reservation Created" : "Reservation Status Changed",
      source: "reservation.service",
      account: "123456789012",
      time: "2026-11-29T10:00:00Z",
      region: "us-east-1",
      resources: [],
      detail: {
        schemaVersion: 1,
        eventId: `ob_${id}`,
        traceId: "trace-1",
        occurredAt: "2026-11-29T10:00:00.000Z",
        status,
        ...(status === "EXPIRED" ? { previousStatus: "HOLD" } : {}),
        reservation: {
          reservationId: "res_1", eventId: "dep_1", userId: "usr_1", vertical: "flights", offerId: "fo_1", qty: 1,
          seatIds: ["12A"], totalAmount: "420.50", currency: "EUR", holdExpiresAt: "2026-11-29T10:15:00.000Z",
        },
        inventoryTags: ["route:LHR-JFK"],
      },
      ...extra,
    });
    const record = (body: unknown, messageId: string) => ({
      messageId,
      receiptHandle: `handle-${messageId}`,
      body: JSON.stringify(body),
      attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1764410400000", SenderId: "AIDAEXAMPLE", ApproximateFirstReceiveTimestamp: "1764410400001" },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:travel-platform-prod-AnalyticsForwardingQueue",
      awsRegion: "us-east-1",
    });
    const result = await forward({
      Records: [
        record(busEvent("e1", "HOLD"), "m1"),
        record(busEvent("e2", "EXPIRED"), "m2"),
        // Replayed from an archive for an analytics rebuild: forwarded when it happened, not again.
        record(busEvent("e3", "HOLD", { "replay-name": "analytics-rebuild" }), "m3"),
      ],
    });
    expect(result.batchItemFailures).toEqual([]);
    expect(webhook.received).toHaveLength(1);
    expect(webhook.received[0]!.authorization).toBe(`Basic ${Buffer.from("wk_lambda:").toString("base64")}`);
    expect(webhook.received[0]!.body.batch.map((c) => [c.event, c.messageId, c.userId, c.properties.total])).toEqual([
      ["Reservation Held", "ob_e1", "usr_1", 420.5],
      ["Reservation Expired", "ob_e2", "usr_1", 420.5],
    ]);

    // A receiver that keeps failing fails the whole batch, so SQS redelivers it (then dead-letters it).
    webhook.answerAlways(503);
    await expect(forward({ Records: [record(busEvent("e4", "HOLD"), "m4")] })).rejects.toThrow(/answered 503/);
    webhook.answerAlways(undefined);
  });
});
