import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { percentile } from "./harness";

/**
 * Phase 4 of `pnpm bench booking`: the supplier's round trips. One traveller at a time (latency,
 * not queueing), each round books a Duffel offer that may be held (the hold's transaction, then the
 * saga's order at the simulator through the outbox relay, then a confirm that pays the held order,
 * then a cancel through Duffel's quote), an LHR→CDG offer that must be paid at once (its confirm
 * creates the instant order) and, for reference, an Amadeus-format offer that is no supplier's
 * order. Beside them, in the same phase: the hold's bare transaction straight to DynamoDB Local,
 * one at a time, the floor each row is a ratio to.
 */
export interface SupplierPhaseParts {
  api: string;
  partnerKey: string;
  /** Signed-in travellers the rounds rotate through (per-user limits). */
  users: string[];
  headers(user: string): Record<string, string>;
  raw: DynamoDBDocumentClient;
  tableOf(linkName: string): string;
  rounds: number;
  /** The simulator's latency per call, as configured (`min-max` ms). */
  simulatorLatency: string;
  /** How often the booking worker's relay polls the outbox. */
  relayIntervalMs: number;
}

const orderTraveller = {
  travelers: [{ firstName: "Bench", lastName: "Traveller", email: "bench@example.com", dateOfBirth: "1985-12-10", title: "ms", gender: "f" }],
  contactPhone: "+442080160509",
};
const bareBaselineTransactions = 200;

function summary(samples: number[]) {
  const sorted = Float64Array.from(samples).sort();
  const round = (n: number) => Math.round(n * 10) / 10;
  return { count: samples.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), mean: round(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length)) };
}

async function timed(request: () => Promise<Response>): Promise<{ status: number; ms: number; body: any }> {
  const started = performance.now();
  const response = await request();
  const body = await response.json().catch(() => undefined);
  return { status: response.status, ms: performance.now() - started, body };
}

/**
 * The hold's transaction with no API around it (a seat, the reservation, its outbox row, the key's
 * record): the floor of what a hold can cost here. Its reservation's event is `BASELINE`.
 */
export function bareHoldTransaction(tableOf: (linkName: string) => string, id: string, seatMap: string, itinerary: object): TransactWriteCommand {
  const now = new Date().toISOString();
  return new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: tableOf("CatalogTable"), Key: { searchType: `seats#${seatMap}`, searchId: `seat#${id}` }, UpdateExpression: "SET #s = :held", ConditionExpression: "attribute_not_exists(#s) OR #s = :available", ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":held": "HELD", ":available": "AVAILABLE" } } },
      { Put: { TableName: tableOf("ReservationsTable"), Item: { reservation_id: `base-${id}`, event_id: "BASELINE", user_id: "baseline", status: "HOLD", created_at: now, itinerary }, ConditionExpression: "attribute_not_exists(reservation_id)" } },
      { Put: { TableName: tableOf("OutboxTable"), Item: { outbox_id: `base-${id}`, "aggregate_type#aggregate_id": `reservation#base-${id}`, status: "SENT", created_at: now, payload: "{}" } } },
      { Update: { TableName: tableOf("IdempotencyTable"), Key: { idempotency_key: `base-${id}` }, UpdateExpression: "SET #s = :done", ExpressionAttributeNames: { "#s": "status" }, ExpressionAttributeValues: { ":done": "COMPLETED" } } },
    ],
  });
}

export async function supplierRoundTrips(parts: SupplierPhaseParts) {
  const { api, headers } = parts;
  // Offers: one per round of each kind (a Duffel offer can be ordered once), from departures no
  // earlier phase booked.
  const offersOf = async (supplier: string, destination: string, count: number, firstDay: number) => {
    const found: string[] = [];
    for (let day = firstDay; found.length < count && day < firstDay + 120; day++) {
      const date = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
      const response = await fetch(`${api}/v1/search/flights?origin=LHR&destination=${destination}&departureDate=${date}&adults=1`, { headers: { "x-api-key": parts.partnerKey } });
      const body = (await response.json()) as { data?: Array<{ id: string; supplier: string }> };
      found.push(...(body.data ?? []).filter((o) => o.supplier === supplier).map((o) => o.id));
    }
    if (found.length < count) throw new Error(`only ${found.length} ${supplier} offers LHR→${destination} for ${count} rounds`);
    return found.slice(0, count);
  };
  const [heldOffers, instantOffers, ownOffers] = [await offersOf("duffel", "JFK", parts.rounds, 150), await offersOf("duffel", "CDG", parts.rounds, 150), await offersOf("amadeus", "JFK", parts.rounds, 150)];

  const post = (user: string, path: string, body: unknown) => fetch(`${api}${path}`, { method: "POST", headers: headers(user), body: JSON.stringify(body) });
  const reservation = async (user: string, id: string) => {
    const response = await fetch(`${api}/v1/reservations/${id}`, { headers: headers(user) });
    return response.ok ? ((await response.json()) as { data: { status: string; supplierOrder?: { status: string } } }).data : undefined;
  };
  const samples = {
    ownHold: [] as number[],
    ownConfirm: [] as number[],
    duffelHold: [] as number[],
    duffelHoldToHeld: [] as number[],
    confirmPaysHeld: [] as number[],
    instantHold: [] as number[],
    confirmInstant: [] as number[],
    cancellationQuote: [] as number[],
    cancelConfirmed: [] as number[],
    cancelThroughQuote: [] as number[],
  };
  const failures: Record<string, number> = {};
  const fail = (what: string, status: number) => void (failures[`${what} ${status}`] = (failures[`${what} ${status}`] ?? 0) + 1);

  for (let round = 0; round < parts.rounds; round++) {
    const user = parts.users[round % parts.users.length]!;

    // Our own booking, no supplier order: hold, confirm.
    const own = await timed(() => post(user, "/v1/reservations", { offerId: ownOffers[round], travelers: orderTraveller.travelers }));
    if (own.status === 201) {
      samples.ownHold.push(own.ms);
      const confirmed = await timed(() => post(user, `/v1/reservations/${own.body.data.reservationId}/confirm`, { paymentMethod: "pm_card_visa" }));
      if (confirmed.status === 200) samples.ownConfirm.push(confirmed.ms);
      else fail("own confirm", confirmed.status);
    } else fail("own hold", own.status);

    // A Duffel hold: our transaction, then the saga's order at Duffel (relayed from the outbox).
    const started = performance.now();
    const held = await timed(() => post(user, "/v1/reservations", { offerId: heldOffers[round], ...orderTraveller }));
    if (held.status !== 201) {
      fail("duffel hold", held.status);
      continue;
    }
    samples.duffelHold.push(held.ms);
    const id = held.body.data.reservationId as string;
    let supplierStatus = "PENDING";
    while (supplierStatus === "PENDING" && performance.now() - started < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      supplierStatus = (await reservation(user, id))?.supplierOrder?.status ?? "PENDING";
    }
    if (supplierStatus !== "HELD") {
      fail(`duffel saga ${supplierStatus}`, 0);
      continue;
    }
    samples.duffelHoldToHeld.push(performance.now() - started);

    // Confirm: charge, then pay the held order at Duffel.
    const confirmed = await timed(() => post(user, `/v1/reservations/${id}/confirm`, { paymentMethod: "pm_card_visa" }));
    if (confirmed.status !== 200) {
      fail("confirm held", confirmed.status);
      continue;
    }
    samples.confirmPaysHeld.push(confirmed.ms);

    // Cancel through Duffel's quote: the quote, then the cancel that confirms it there and refunds.
    const quote = await timed(() => post(user, `/v1/reservations/${id}/cancellation-quote`, {}));
    if (quote.status !== 200) {
      fail("cancellation quote", quote.status);
      continue;
    }
    const cancelled = await timed(() => post(user, `/v1/reservations/${id}/cancel`, { quoteId: quote.body.data.quoteId }));
    if (cancelled.status !== 200) {
      fail("cancel", cancelled.status);
      continue;
    }
    samples.cancellationQuote.push(quote.ms);
    samples.cancelConfirmed.push(cancelled.ms);
    samples.cancelThroughQuote.push(quote.ms + cancelled.ms);

    // An offer that must be paid at once: the hold is ours alone, the confirm creates the order.
    const instant = await timed(() => post(user, "/v1/reservations", { offerId: instantOffers[round], ...orderTraveller }));
    if (instant.status !== 201) {
      fail("instant hold", instant.status);
      continue;
    }
    samples.instantHold.push(instant.ms);
    const paid = await timed(() => post(user, `/v1/reservations/${instant.body.data.reservationId}/confirm`, { paymentMethod: "pm_card_visa" }));
    if (paid.status === 200) samples.confirmInstant.push(paid.ms);
    else fail("confirm instant", paid.status);
  }

  // The floor: the hold's bare transaction, one at a time, in this phase.
  const bareMs: number[] = [];
  const itinerary = { note: "x".repeat(2_000) };
  for (let n = 0; n < bareBaselineTransactions; n++) {
    const began = performance.now();
    await parts.raw.send(bareHoldTransaction(parts.tableOf, `seq-${n}`, `BASELINE-SEQ-${n % 100}`, itinerary));
    bareMs.push(performance.now() - began);
  }
  const bare = summary(bareMs);
  const row = (description: string, ms: number[], supplierCalls: string) => {
    const s = summary(ms);
    return { description, supplierCalls, ...s, p50VsBareTransaction: Math.round((s.p50 / Math.max(0.1, bare.p50)) * 10) / 10 };
  };
  return {
    rounds: parts.rounds,
    simulatorLatencyMs: parts.simulatorLatency,
    relayIntervalMs: parts.relayIntervalMs,
    bareTransaction: { description: "the hold's four-item TransactWriteItems straight to DynamoDB Local, one at a time", ...bare },
    rows: [
      row("hold, Amadeus-format offer (no supplier order)", samples.ownHold, "none"),
      row("confirm, Amadeus-format offer (charge, transaction)", samples.ownConfirm, "none"),
      row("hold, Duffel offer (our transaction; answers PENDING)", samples.duffelHold, "seat map"),
      row("hold → HELD at Duffel (the saga's order, through the outbox relay)", samples.duffelHoldToHeld, "seat map; then orders list, offer, order"),
      row("confirm paying the held order (charge, payment at Duffel)", samples.confirmPaysHeld, "order, payment, order"),
      row("hold, instant-payment offer (ours alone)", samples.instantHold, "seat map"),
      row("confirm creating the instant order (charge, paid order)", samples.confirmInstant, "orders list, offer, order"),
      row("cancellation quote (Duffel's quote)", samples.cancellationQuote, "order cancellation"),
      row("cancel confirming the quote (Duffel, refund)", samples.cancelConfirmed, "cancellation confirm"),
      row("cancel through the supplier's quote (quote + cancel)", samples.cancelThroughQuote, "order cancellation, confirm"),
    ],
    failures,
  };
}

export type SupplierRoundTrips = Awaited<ReturnType<typeof supplierRoundTrips>>;

export function supplierMarkdown(r: SupplierRoundTrips): string {
  const lines = r.rows.map((row) => `| ${row.description} | ${row.supplierCalls} | ${row.count} | ${row.p50} | ${row.p95} | **${row.p50VsBareTransaction}×** |`);
  return `## Supplier round trips (${r.rounds} rounds, one traveller at a time; simulator latency ${r.simulatorLatencyMs} ms a call, relay every ${r.relayIntervalMs} ms)

| | Duffel calls | n | p50 ms | p95 ms | p50 ÷ bare transaction |
|---|---|---|---|---|---|
${lines.join("\n")}
| baseline: the hold's bare transaction, one at a time | — | ${r.bareTransaction.count} | ${r.bareTransaction.p50} | ${r.bareTransaction.p95} | 1× |

Failures: ${JSON.stringify(r.failures)}
`;
}
