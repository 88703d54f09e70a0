import { randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { bookingPolicy } from "@travel/core/booking";
import { createDynamoClient } from "@travel/core/db";
import { apiNodeOptions } from "@travel/core/config";
import { entryPoints } from "../src/local/entry-points";
import { freePort } from "../src/local/processes";
import { startDataStores } from "../src/local/stack";
import { bareHoldTransaction, supplierMarkdown, supplierRoundTrips } from "./booking-supplier";
import { issuePartnerKeys, percentile, startChild, startIssuer, startSimulatorWithLinks, stopChildren, waitFor, writeResults } from "./harness";

/**
 * `pnpm bench booking`: holds and confirmations through the API on the local stack (API and
 * booking worker as their own processes, DynamoDB Local, Redis, the supplier simulator).
 *
 * 1. Throughput: `flowConnections` travellers in a loop hold a seat (first free one) and confirm
 *    it with the simulated card. Beside it, measured in the same run at the same concurrency, the
 *    baseline: the hold's TransactWriteItems (seat, reservation, outbox row, idempotency record)
 *    sent straight to DynamoDB Local with no API around it, the floor of what a hold can cost here.
 * 2. Outbox: the booking worker starts after phase 1 and relays its events (each to three
 *    subscribers); events per second until none is pending.
 * 3. Contention: `contenders` holds at once (from `contenderAccounts` signed-in travellers) for
 *    `contestedSeats` seats of one departure, each choosing a seat at random; then every winner confirms. Double bookings are counted from the
 *    tables afterwards: a seat held or sold by more than one live reservation.
 * 4. Supplier round trips (booking-supplier.ts): one traveller at a time, a Duffel hold (our
 *    transaction, then the saga's order at the simulator), the confirm that pays it, a cancel
 *    through Duffel's quote, an instant-payment offer's confirm that creates the order, each beside
 *    the hold's bare transaction measured one at a time in the same phase.
 * Results: bench/results/booking.json and booking.md.
 */
/**
 * DynamoDB requests one hold → confirm makes: hold = claim the Idempotency-Key, read the seat map
 * (to pick free seats), the transaction; confirm = claim, read the reservation, the transaction.
 */
const dynamoRequestsPerFlow = 6;

const settings = {
  offers: 60,
  flowConnections: Number(process.env.BENCH_FLOW_CONNECTIONS ?? 16),
  flowSeconds: Number(process.env.BENCH_FLOW_SECONDS ?? 30),
  contenders: Number(process.env.BENCH_CONTENDERS ?? 500),
  contestedSeats: 20,
  /** Signed-in travellers the contenders' requests are spread over. */
  contenderAccounts: 100,
  /** Phase 4: rounds of supplier bookings, one traveller at a time. */
  supplierRounds: Number(process.env.BENCH_SUPPLIER_ROUNDS ?? 25),
  simulatorLatencyMs: "5-20",
  relayIntervalMs: 100,
};

interface Timed {
  status: number;
  ms: number;
}

async function timed(request: () => Promise<Response>): Promise<Timed & { body: any }> {
  const started = performance.now();
  const response = await request();
  const body = await response.json().catch(() => undefined);
  return { status: response.status, ms: performance.now() - started, body };
}

function summary(samples: number[]) {
  const sorted = Float64Array.from(samples).sort();
  return { count: samples.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

async function main() {
  const started = Date.now();
  console.log("bench booking: starting the local stack (in memory)…");
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const stores = await startDataStores({ stage: "bench", onProgress: (m) => console.log(`  ${m}`) });
  try {
    const [apiPort, authPort] = [await freePort(), await freePort()];
    const { env } = await startSimulatorWithLinks(stores, { stage: "bench", authUrl: `http://127.0.0.1:${authPort}`, latency: settings.simulatorLatencyMs });
    // The issuer: every traveller signs in through the real flow before the measurements.
    const issuer = await startIssuer(env, authPort);
    const tokens = new Map<string, string>();
    const signIn = async (user: string) => {
      tokens.set(user, await issuer.signIn(`${user}@example.com`));
    };
    const nodeOptions = [process.env.NODE_OPTIONS, apiNodeOptions].filter(Boolean).join(" ");
    startChild(entryPoints.api, { ...env, PORT: String(apiPort), POWERTOOLS_LOG_LEVEL: "WARN", NODE_OPTIONS: nodeOptions });
    const api = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${api}/health`);

    // Offers: one per departure date, so each has its own 180-seat economy cabin. Searched as a
    // partner (more searches at once than an anonymous caller may make). Amadeus-format offers:
    // this measures our own booking transactions; a Duffel offer's booking is also a Duffel order.
    const [partnerKey] = await issuePartnerKeys(api, await issuer.signIn("admin@travel-platform.local"), 1, "premium");
    const offers: string[] = [];
    for (let day = 0; offers.length < settings.offers; day++) {
      const date = new Date(Date.now() + (30 + day) * 86_400_000).toISOString().slice(0, 10);
      const body = (await (await fetch(`${api}/v1/search/flights?origin=LHR&destination=JFK&departureDate=${date}&adults=1`, { headers: { "x-api-key": partnerKey! } })).json()) as { data: Array<{ id: string; supplier: string }> };
      const offer = body.data.find((o) => o.supplier === "amadeus");
      if (offer) offers.push(offer.id);
    }
    const headers = (user: string) => ({ "content-type": "application/json", authorization: `Bearer ${tokens.get(user)}`, "idempotency-key": randomUUID() });
    const contenderNames = Array.from({ length: settings.contenderAccounts }, (_, i) => `contender-${i}`);
    for (let i = 0; i < settings.flowConnections; i += 8) await Promise.all(Array.from({ length: Math.min(8, settings.flowConnections - i) }, (_, j) => signIn(`bench-${i + j}`)));
    for (let i = 0; i < contenderNames.length; i += 8) await Promise.all(contenderNames.slice(i, i + 8).map(signIn));
    const hold = (user: string, offerId: string, seatIds?: string[]) =>
      fetch(`${api}/v1/reservations`, {
        method: "POST",
        headers: headers(user),
        body: JSON.stringify({ offerId, ...(seatIds ? { seatIds } : {}), travelers: [{ firstName: "Bench", lastName: "Traveller", email: "bench@example.com" }] }),
      });
    const confirm = (user: string, reservationId: string) =>
      fetch(`${api}/v1/reservations/${reservationId}/confirm`, { method: "POST", headers: headers(user), body: JSON.stringify({ paymentMethod: "pm_card_visa" }) });

    // 1. Hold → confirm throughput.
    console.log(`hold → confirm: ${settings.flowConnections} travellers in a loop for ${settings.flowSeconds} s…`);
    const holdMs: number[] = [];
    const confirmMs: number[] = [];
    const flowMs: number[] = [];
    const statuses: Record<string, number> = {};
    let flows = 0;
    const deadline = Date.now() + settings.flowSeconds * 1000;
    let next = 0;
    await Promise.all(
      Array.from({ length: settings.flowConnections }, async (_, worker) => {
        const user = `bench-${worker}`;
        while (Date.now() < deadline) {
          const offerId = offers[next++ % offers.length]!;
          const flowStart = performance.now();
          const held = await timed(() => hold(user, offerId));
          statuses[`hold ${held.status}`] = (statuses[`hold ${held.status}`] ?? 0) + 1;
          if (held.status !== 201) continue;
          holdMs.push(held.ms);
          const confirmed = await timed(() => confirm(user, held.body.data.reservationId));
          statuses[`confirm ${confirmed.status}`] = (statuses[`confirm ${confirmed.status}`] ?? 0) + 1;
          if (confirmed.status !== 200) continue;
          confirmMs.push(confirmed.ms);
          flowMs.push(performance.now() - flowStart);
          flows++;
        }
      }),
    );

    // Baseline: the same transaction shape straight to DynamoDB Local, same concurrency and time.
    console.log(`baseline: the hold's TransactWriteItems straight to DynamoDB Local, ${settings.flowConnections} at a time for ${settings.flowSeconds} s…`);
    const raw = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stores.dynamoEndpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } }));
    const tableOf = (linkName: string) => JSON.parse(env[`SST_RESOURCE_${linkName}`]!).name as string;
    const baselineMs: number[] = [];
    const baselineDeadline = Date.now() + settings.flowSeconds * 1000;
    let counter = 0;
    const itinerary = { note: "x".repeat(2_000) }; // about the size of a stored offer
    await Promise.all(
      Array.from({ length: settings.flowConnections }, async () => {
        while (Date.now() < baselineDeadline) {
          const n = counter++;
          const began = performance.now();
          await raw.send(bareHoldTransaction(tableOf, String(n), `BASELINE-${n % 1000}`, itinerary));
          baselineMs.push(performance.now() - began);
        }
      }),
    );

    // 2. The outbox: the booking worker (relay + three subscribers) starts now and drains the
    // events phase 1 wrote. On AWS these run on their own Lambdas against a DynamoDB that scales;
    // here they share DynamoDB Local with everything else, so they get a phase of their own.
    const pendingEvents = async () => {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: tableOf("OutboxTable"), FilterExpression: "#s = :p", ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":p": "PENDING" }, ExclusiveStartKey: start, ConsistentRead: true }));
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return count;
    };
    const dynamo = createDynamoClient();
    const eventsToRelay = await pendingEvents();
    console.log(`outbox: relaying ${eventsToRelay} events to three subscribers each…`);
    const relayStart = performance.now();
    startChild(entryPoints.worker, { ...env, POWERTOOLS_LOG_LEVEL: "ERROR", RELAY_INTERVAL_MS: String(settings.relayIntervalMs) });
    while ((await pendingEvents()) > 0 && performance.now() - relayStart < 300_000) await new Promise((resolve) => setTimeout(resolve, 500));
    const relaySeconds = (performance.now() - relayStart) / 1000;
    const stillPending = await pendingEvents();

    // 3. Contention.
    console.log(`contention: ${settings.contenders} travellers at once for ${settings.contestedSeats} seats…`);
    const contestedOffer = offers[offers.length - 1]!;
    const seatsBody = (await (await fetch(`${api}/v1/offers/${contestedOffer}/seats`)).json()) as { data: { seats: Array<{ seatId: string; status: string }> } };
    const contested = seatsBody.data.seats.filter((s) => s.status === "AVAILABLE").slice(0, settings.contestedSeats).map((s) => s.seatId);
    const contentionStart = performance.now();
    const attempts = await Promise.all(
      Array.from({ length: settings.contenders }, async (_, i) => {
        const user = `contender-${i % settings.contenderAccounts}`;
        const seat = contested[Math.floor(Math.random() * contested.length)]!;
        const result = await timed(() => hold(user, contestedOffer, [seat]));
        return { user, seat, ...result };
      }),
    );
    const contentionMs = performance.now() - contentionStart;
    const winners = attempts.filter((a) => a.status === 201);
    const confirmations = await Promise.all(winners.map((w) => confirm(w.user, w.body.data.reservationId).then((r) => r.status)));
    const contentionStatuses: Record<string, number> = {};
    for (const a of attempts) contentionStatuses[a.status] = (contentionStatuses[a.status] ?? 0) + 1;

    // Double bookings, from the tables: live reservations (HOLD or CONFIRMED) per seat.
    const live = new Map<string, number>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(new ScanCommand({ TableName: tableOf("ReservationsTable"), ExclusiveStartKey: start, ConsistentRead: true }));
      for (const item of page.Items ?? []) {
        if ((item.status !== "HOLD" && item.status !== "CONFIRMED") || item.event_id === "BASELINE") continue;
        for (const seat of item.seat_ids as string[]) live.set(`${item.event_id}/${seat}`, (live.get(`${item.event_id}/${seat}`) ?? 0) + 1);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    const doubleBookings = [...live.values()].filter((n) => n > 1).length;
    const seatsWon = new Set(winners.map((w) => w.seat)).size;

    // 4. The supplier's round trips (the worker keeps relaying: the saga runs on its events).
    console.log(`supplier round trips: ${settings.supplierRounds} rounds of Duffel holds, confirms and cancels, one at a time…`);
    const supplier = await supplierRoundTrips({
      api,
      partnerKey: partnerKey!,
      users: Array.from({ length: settings.flowConnections }, (_, i) => `bench-${i}`),
      headers,
      raw,
      tableOf,
      rounds: settings.supplierRounds,
      simulatorLatency: settings.simulatorLatencyMs,
      relayIntervalMs: settings.relayIntervalMs,
    });

    const report = {
      generatedAt: new Date().toISOString(),
      durationSeconds: Math.round((Date.now() - started) / 1000),
      machine: { cpus: cpus().length, node: process.version },
      settings: { ...settings, concurrentWritesPerInstance: bookingPolicy.concurrentWritesPerInstance },
      holdConfirm: {
        flowsPerSecond: Math.round((flows / settings.flowSeconds) * 10) / 10,
        holdsPerSecond: Math.round((holdMs.length / settings.flowSeconds) * 10) / 10,
        holdMs: summary(holdMs),
        confirmMs: summary(confirmMs),
        flowMs: summary(flowMs),
        statuses,
      },
      baseline: {
        description: "the hold's four-item TransactWriteItems straight to DynamoDB Local, same concurrency",
        transactionsPerSecond: Math.round((baselineMs.length / settings.flowSeconds) * 10) / 10,
        ms: summary(baselineMs),
      },
      holdsVsBaseline: Math.round((holdMs.length / Math.max(1, baselineMs.length)) * 100) / 100,
      dynamoRequestsPerFlow,
      /** DynamoDB requests per second the flows made ÷ bare transactions per second: how busy the API keeps the store. */
      storeUtilisationVsBaseline: Math.round(((flows * dynamoRequestsPerFlow) / Math.max(1, baselineMs.length)) * 100) / 100,
      outbox: {
        events: eventsToRelay,
        subscribers: 3,
        seconds: Math.round(relaySeconds * 10) / 10,
        eventsPerSecond: Math.round((eventsToRelay / relaySeconds) * 10) / 10,
        stillPending,
      },
      contention: {
        contenders: settings.contenders,
        seats: contested.length,
        answeredInMs: Math.round(contentionMs),
        statuses: contentionStatuses,
        seatsWon,
        confirmed: confirmations.filter((s) => s === 200).length,
        holdMs: summary(attempts.map((a) => a.ms)),
        doubleBookings,
        liveSeatsChecked: live.size,
      },
      supplier,
    };
    writeResults("booking", report, markdown);
    dynamo.destroy();
  } finally {
    await stopChildren();
    await stores.stop();
  }
}

function markdown(r: any): string {
  return `# Booking benchmark

${r.generatedAt} · ${r.machine.cpus} CPUs · Node ${r.machine.node} · ${r.durationSeconds} s · DynamoDB Local; the API and the booking worker are separate processes

## Hold → confirm (${r.settings.flowConnections} travellers in a loop, ${r.settings.flowSeconds} s)

| | per second | p50 ms | p95 ms | p99 ms |
|---|---|---|---|---|
| hold (API) | ${r.holdConfirm.holdsPerSecond} | ${r.holdConfirm.holdMs.p50} | ${r.holdConfirm.holdMs.p95} | ${r.holdConfirm.holdMs.p99} |
| confirm (API) | ${r.holdConfirm.flowsPerSecond} | ${r.holdConfirm.confirmMs.p50} | ${r.holdConfirm.confirmMs.p95} | ${r.holdConfirm.confirmMs.p99} |
| hold → confirm flow | ${r.holdConfirm.flowsPerSecond} | ${r.holdConfirm.flowMs.p50} | ${r.holdConfirm.flowMs.p95} | ${r.holdConfirm.flowMs.p99} |
| baseline: the hold's transaction alone, straight to DynamoDB Local | ${r.baseline.transactionsPerSecond} | ${r.baseline.ms.p50} | ${r.baseline.ms.p95} | ${r.baseline.ms.p99} |

Holds through the API ÷ bare transactions: ${r.holdsVsBaseline}×. A hold → confirm makes ${r.dynamoRequestsPerFlow} DynamoDB requests (two Idempotency-Key claims, two reads, two transactions), so the fair comparison is requests: the flows drive DynamoDB Local at **${r.storeUtilisationVsBaseline}×** the request rate of the bare transaction loop. DynamoDB Local is the bottleneck on this machine; on AWS each request is a few milliseconds and scales.
Statuses: ${JSON.stringify(r.holdConfirm.statuses)}

## Outbox relay (worker started after the flows)

${r.outbox.events} events relayed and delivered to ${r.outbox.subscribers} subscribers each (deduplicated on event id) in ${r.outbox.seconds} s: **${r.outbox.eventsPerSecond} events/s**; still pending: ${r.outbox.stillPending}.

## Contention (${r.contention.contenders} holds at once from ${r.settings.contenderAccounts} travellers, ${r.contention.seats} seats of one departure)

| answered in | statuses | seats won | confirmed | hold p95 ms | hold p99 ms | **double bookings** |
|---|---|---|---|---|---|---|
| ${r.contention.answeredInMs} ms | ${JSON.stringify(r.contention.statuses)} | ${r.contention.seatsWon} / ${r.contention.seats} | ${r.contention.confirmed} | ${r.contention.holdMs.p95} | ${r.contention.holdMs.p99} | **${r.contention.doubleBookings}** |

${supplierMarkdown(r.supplier)}`;
}

main().catch((error) => {
  console.error(error);
  void stopChildren().then(() => process.exit(1));
});
