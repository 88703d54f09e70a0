import { readFileSync } from "node:fs";
import { apiKeyCacheTtlSeconds } from "@travel/core/identity";
import { declaredMetrics } from "@travel/core/observability";
import { evaluateInfraGraph } from "../src/infra-graph/evaluate";
import { graphRows, readDeployment, type Deployment, type LambdaFunction } from "./cost-graph";
import { daysPerMonth, hoursPerMonth, prices, priceRegion, pricesAsOf, secondsPerMonth, unitsIn, type PriceName } from "./cost-prices";
import { costMarkdown, count, type LineItem, type Scenario } from "./cost-report";
import { resultsDir, writeResults } from "./harness";

/**
 * `pnpm bench cost`: what a month of searches costs on AWS, from the resources of the production
 * graph (sst.config.ts evaluated under Pulumi mocks: node types, counts, memory sizes are read,
 * not typed in here), the figures of the other benchmarks (bench/results/*.json) and the stated
 * assumptions below, at the list prices of cost-prices.ts. cost-graph.ts reads the graph,
 * cost-report.ts writes the Markdown. Results: bench/results/cost.json and cost.md; the model is
 * explained in docs/cost.md.
 */
const requirementUsdPerRequest = 0.001;

/** Everything the model assumes rather than reads; docs/cost.md says why each is what it is. */
export const assumptions = {
  searchesPerDay: [100_000, 1_000_000],
  /** Share of searches made in the web app (through CloudFront); partners call API Gateway directly. */
  webShare: 0.5,
  /** Conservative: every web search loads the results page from scratch (web.json's request and byte counts). */
  resultsPageLoadsPerWebSearch: 1,
  /** `/v1/destinations` calls while typing the two places (public, cached in Redis). */
  suggestionRequestsPerWebSearch: 2,
  suggestionResponseBytes: 1_024,
  /** index.html and app-config.json are never stored at the edge (infra/web.ts): S3 answers them per page load. */
  s3RequestsPerPageLoad: 2,
  /** Share of anonymous web API GETs answered by CloudFront's cache; 0 by default, 0.3 in a sensitivity row. */
  edgeCacheHitShare: 0,
  sensitivityEdgeCacheHitShare: 0.3,
  /** Key value store reads of SST's router function (.sst/platform/src/components/aws/router.ts): routes + metadata (+ file lookups for the site). */
  keyValueReadsPerRequest: { api: 2, site: 5 },
  /** A supplier call's bytes through NAT as a multiple of our own response (supplier formats are more verbose). */
  supplierBytesPerCallVsResponse: 2,
  /** Share of API invocations that start a new Lambda instance. */
  coldStartShare: 0.01,
  /** Busiest hour ÷ average: how many API instances are busy each second, so how many flush analytics each second. */
  peakToAverageTraffic: 3,
  /** Searches write nothing to DynamoDB (cache, offers, rate limits, usage and analytics are in Redis). */
  dynamoUnitsPerSearch: 0,
  bookingsPerSearch: 0.01,
  /** One hold → confirm (booking.json: two Idempotency-Key claims, two reads, two transactions). */
  booking: { apiRequests: 5, idempotencyClaims: 2, readUnits: 2, holdTransactionItems: 4, confirmTransactionItems: 5, outboxRowsMarked: 2, dedupeWritesPerDelivery: 2, emails: 1, storedBytes: 4_096, monthsKept: 12 },
  subscriberBilledMs: 100,
  scheduledJobBilledMs: 200,
  analyticsEventBytes: 2_048,
  reservationEventBytes: 1_024,
  logBytes: { apiInvocation: 1_800, accessLogLine: 700, otherInvocation: 400 },
  /** X-Ray's default sampling rule, per traced function: the first request each second and 5% of the rest. */
  xraySampling: { reservoirPerSecond: 1, rate: 0.05 },
  /** Values each metric dimension takes (core/observability/catalog.ts declares the metrics). */
  metricDimensionValues: { Route: 41, Vertical: 3, Supplier: 3, Status: 4, Table: 7, Operation: 4, Caller: 3 } as Record<string, number>,
  activePartnerKeys: 50,
  otherTablesGb: 0.5,
  s3Gb: { webAssets: 0.01, backups: 1 },
  natInstanceVolumeGb: 8,
};
export type Assumptions = typeof assumptions;

/** The benchmark figures the model uses, each with the file and field it came from. */
export function readFigures() {
  const read = (name: string) => JSON.parse(readFileSync(`${resultsDir}${name}.json`, "utf8"));
  const [search, booking, coldstart, web] = ["search", "booking", "coldstart", "web"].map(read);
  const mixed = search.suppliers[0].mixed;
  const row = (prefix: string) => booking.supplier.rows.find((r: { description: string }) => r.description.startsWith(prefix));
  const page = web.pages.find((p: { page: string }) => p.page === "results (cached search)");
  const calls = Object.values(mixed.supplierCalls as Record<string, number>).reduce((a, b) => a + b, 0);
  const figure = (value: number, source: string) => ({ value: Math.round(value * 10_000) / 10_000, source });
  return {
    hitRatio: figure(mixed.hitRatio, `search.json suppliers[0] (${search.suppliers[0].label}) .mixed.hitRatio`),
    supplierSearchShare: figure(1 - mixed.supplierSearchesAvoided, "search.json 1 − suppliers[0].mixed.supplierSearchesAvoided (misses and background refreshes)"),
    supplierCallsPerSupplierSearch: figure(calls / mixed.supplierSearches, "search.json Σ suppliers[0].mixed.supplierCalls ÷ .supplierSearches"),
    responseBytes: figure(mixed.bytesPerResponse, "search.json suppliers[0].mixed.bytesPerResponse (uncompressed)"),
    hitBilledMs: figure(search.cached.api.latency.p50, "search.json cached.api.latency.p50"),
    missBilledMs: figure(mixed.latency.p99, "search.json suppliers[0].mixed.latency.p99 (misses are the slowest ~3% of the run: its p99 falls among them)"),
    coldStartMs: figure(coldstart.api.cachedSearch.importMs + coldstart.api.cachedSearch.answerMs, "coldstart.json api.cachedSearch.importMs + .answerMs"),
    pageBytes: figure(page.bytes.total, "web.json pages[results (cached search)].bytes.total"),
    pageRequests: figure(page.bytes.requests, "web.json pages[results (cached search)].bytes.requests"),
    holdMs: figure(row("hold, Amadeus").p50, "booking.json supplier.rows[hold, Amadeus-format offer].p50"),
    confirmMs: figure(row("confirm, Amadeus").p50, "booking.json supplier.rows[confirm, Amadeus-format offer].p50"),
  };
}
export type Figures = ReturnType<typeof readFigures>;

/** One month at `searchesPerDay`: every line item, with its quantity and price. */
export function monthOf(d: Deployment, f: Figures, a: Assumptions, searchesPerDay: number, edgeCacheHitShare: number) {
  const items: LineItem[] = [];
  const add = (service: string, item: string, quantity: number, unit: string, price: PriceName, fixed = false) => {
    const p = prices[price];
    items.push({ service, item, quantity, unit, price, unitPrice: `$${p.usd} per ${p.per}`, monthlyUsd: (quantity / unitsIn(p)) * p.usd, fixed });
  };
  const searches = searchesPerDay * daysPerMonth;
  const webSearches = searches * a.webShare;
  const partnerSearches = searches - webSearches;
  const bookings = searches * a.bookingsPerSearch;
  const b = a.booking;
  // The edge: page loads, suggestions and searches of the web app, and the booking calls.
  const pageLoads = webSearches * a.resultsPageLoadsPerWebSearch;
  const siteRequests = pageLoads * (f.pageRequests.value - 1);
  const webApiRequests = webSearches * (1 + a.suggestionRequestsPerWebSearch);
  const edgeRequests = siteRequests + webApiRequests + bookings * b.apiRequests;
  const webSearchesToOrigin = webSearches * (1 - edgeCacheHitShare);
  const searchInvocations = partnerSearches + webSearchesToOrigin;
  const suggestionInvocations = webSearches * a.suggestionRequestsPerWebSearch * (1 - edgeCacheHitShare);
  const apiRequests = searchInvocations + suggestionInvocations + bookings * b.apiRequests;
  // The API Lambda: hits and supplier searches at their measured durations, cold starts on top.
  const share = f.supplierSearchShare.value;
  const apiMs = searchInvocations * ((1 - share) * f.hitBilledMs.value + share * f.missBilledMs.value) + suggestionInvocations * f.hitBilledMs.value
    + bookings * (f.holdMs.value + f.confirmMs.value + (b.apiRequests - 2) * f.hitBilledMs.value) + apiRequests * a.coldStartShare * f.coldStartMs.value;
  const busyInstances = Math.max(1, Math.ceil((apiRequests / secondsPerMonth) * (apiMs / apiRequests / 1000) * a.peakToAverageTraffic));
  // Each busy instance sends its analytics buffer once a second (core/analytics/recorder.ts).
  const analyticsEvents = secondsPerMonth * Math.min(searchInvocations / secondsPerMonth, busyInstances);
  const bookingEvents = bookings * d.bookingDeliveries.length;
  const bookingDeliveries = bookings * d.bookingDeliveries.flat().length;
  const invocations = new Map<LambdaFunction, { count: number; ms: number }>();
  const invoke = (fn: LambdaFunction | undefined, count: number, ms: number) =>
    fn && invocations.set(fn, { count: (invocations.get(fn)?.count ?? 0) + count, ms: (invocations.get(fn)?.ms ?? 0) + ms });
  invoke(d.api, apiRequests, apiMs);
  for (const fn of d.analyticsDeliveries) invoke(fn, analyticsEvents, analyticsEvents * a.subscriberBilledMs);
  for (const fn of d.bookingDeliveries.flat()) invoke(fn, bookings, bookings * a.subscriberBilledMs);
  invoke(d.outboxRelay, bookingEvents, bookingEvents * a.subscriberBilledMs);
  for (const job of d.scheduledJobs) invoke(job.function, job.perMonth, job.perMonth * a.scheduledJobBilledMs);
  const lambdaInvocations = [...invocations.values()].reduce((s, i) => s + i.count, 0);
  add("Lambda", "requests (API, subscribers, scheduled jobs)", lambdaInvocations, "requests", "lambdaRequests");
  add("Lambda", `API duration (${d.api.memoryMb} MB ${d.api.architecture}, cold starts included)`, (apiMs / 1000) * (d.api.memoryMb / 1024), "GB-s", "lambdaArmGbSecond");
  add("Lambda", "subscribers and scheduled jobs duration", [...invocations].filter(([fn]) => fn !== d.api).reduce((s, [fn, i]) => s + (i.ms / 1000) * (fn.memoryMb / 1024), 0), "GB-s", "lambdaArmGbSecond");
  add("API Gateway", "REST requests", apiRequests, "requests", "apiGatewayRest");
  add("API Gateway", "answers to partners (data out)", (partnerSearches * f.responseBytes.value) / 1e9, "GB", "internetTransferOut");
  add("CloudFront", "HTTPS requests", edgeRequests, "requests", "cloudFrontHttpsRequests");
  add("CloudFront", "data out (results pages, suggestions)", (pageLoads * f.pageBytes.value + webSearches * a.suggestionRequestsPerWebSearch * a.suggestionResponseBytes) / 1e9, "GB", "cloudFrontTransferOut");
  add("CloudFront", "router function (every request)", edgeRequests, "invocations", "cloudFrontFunctions");
  add("CloudFront", "key value store reads", siteRequests * a.keyValueReadsPerRequest.site + (edgeRequests - siteRequests) * a.keyValueReadsPerRequest.api, "reads", "cloudFrontKeyValueReads");
  add("S3", "GETs of index.html and app-config.json", pageLoads * a.s3RequestsPerPageLoad, "requests", "s3Gets");
  add("S3", "web assets and backups bucket", a.s3Gb.webAssets + a.s3Gb.backups, "GB-month", "s3Storage", true);
  if (d.drRegion) add("S3", `backups replica (${d.drRegion}, Standard-IA)`, a.s3Gb.backups, "GB-month", "s3InfrequentAccessDr", true);
  for (const acl of d.webAcls) add("WAF", `${acl.name} (${acl.scope}): web ACL`, 1, "ACL-months", "wafWebAcl", true);
  add("WAF", "rules (a managed group counts as one)", d.webAcls.reduce((s, acl) => s + acl.rules, 0), "rule-months", "wafRule", true);
  add("WAF", "requests inspected (edge + regional)", (d.webAcls.some((acl) => acl.scope === "CLOUDFRONT") ? edgeRequests : 0) + (d.webAcls.some((acl) => acl.scope === "REGIONAL") ? apiRequests : 0), "requests", "wafRequests");
  add("ElastiCache", `${d.redis.nodes} × ${d.redis.nodeType}`, d.redis.nodes * hoursPerMonth, "node-hours", d.redis.nodeType as PriceName, true);
  // Through NAT: the supplier calls of misses and refreshes, and the analytics batches.
  const natGb = (searchInvocations * share * f.supplierCallsPerSupplierSearch.value * f.responseBytes.value * a.supplierBytesPerCallVsResponse + analyticsEvents * a.analyticsEventBytes) / 1e9;
  if (d.natGateways > 0) {
    add("VPC", `${d.natGateways} NAT gateways`, d.natGateways * hoursPerMonth, "gateway-hours", "natGatewayHours", true);
    add("VPC", "NAT gateway data (supplier calls, analytics batches)", natGb, "GB", "natGatewayData");
  }
  for (const type of new Set(d.natInstances)) add("EC2", `NAT instances (${type})`, d.natInstances.filter((t) => t === type).length * hoursPerMonth, "instance-hours", type as PriceName, true);
  if (d.natInstances.length) add("EC2", "NAT instance volumes (gp3)", d.natInstances.length * a.natInstanceVolumeGb, "GB-month", "ebsGp3", true);
  add("VPC", "public IPv4 addresses (NAT)", d.publicIpv4 * hoursPerMonth, "address-hours", "publicIpv4", true);
  // DynamoDB: nothing per search; bookings, subscriber dedupe claims (analytics batches too), key lookups, jobs.
  const bookingWriteUnits = bookings * (b.idempotencyClaims + 2 * (b.holdTransactionItems + b.confirmTransactionItems) + b.outboxRowsMarked);
  const dedupeWrites = (bookingDeliveries + analyticsEvents * d.analyticsDeliveries.length) * b.dedupeWritesPerDelivery;
  add("DynamoDB", "write request units (bookings, event dedupe)", bookingWriteUnits + dedupeWrites + searches * a.dynamoUnitsPerSearch, "WRU", "dynamoWriteUnits");
  const keyReads = a.activePartnerKeys * (secondsPerMonth / apiKeyCacheTtlSeconds);
  add("DynamoDB", "read request units (bookings, API keys, jobs)", bookings * b.readUnits + keyReads + d.scheduledJobs.reduce((s, j) => s + j.perMonth, 0), "RRU", "dynamoReadUnits");
  const bookingGb = (bookings * b.storedBytes * b.monthsKept) / 1e9;
  const tablesGb = a.otherTablesGb + bookingGb;
  add("DynamoDB", `storage (${b.monthsKept} months of bookings)`, tablesGb, "GB-month", "dynamoStorage");
  add("DynamoDB", "point-in-time recovery", tablesGb, "GB-month", "dynamoPitr");
  // Replicas repeat every write to their table, and every row TTL deletes there.
  const replicatedShare = (booking: boolean) => ((tables) => tables.filter((t) => t.replicas.length).length / Math.max(1, tables.length))(d.tables.filter((t) => t.holdsBookings === booking));
  if (d.drRegion && d.tables.some((t) => t.replicas.length)) {
    const expiredRows = bookings * (b.idempotencyClaims + d.bookingDeliveries.length) + dedupeWrites / b.dedupeWritesPerDelivery;
    const replicaWrites = (bookingWriteUnits + dedupeWrites + expiredRows) * replicatedShare(true);
    add("DynamoDB", `replicated writes in ${d.drRegion}`, replicaWrites, "rWRU", "dynamoReplicatedWriteUnitsDr");
    add("DynamoDB", "replication transfer (1 KB a write)", replicaWrites / 1e6, "GB", "interRegionTransfer");
    const replicaGb = bookingGb * replicatedShare(true) + a.otherTablesGb * replicatedShare(false);
    add("DynamoDB", `replica storage (${d.drRegion})`, replicaGb, "GB-month", "dynamoStorageDr");
    add("DynamoDB", `replica point-in-time recovery (${d.drRegion})`, replicaGb, "GB-month", "dynamoPitrDr");
  }
  // AWS Backup: a DynamoDB recovery point is a full copy of the tables. Whatever rules the plan
  // has, each holds its runs a day × days kept, in the vault and again per copy to the DR vault,
  // and every copy crosses regions once.
  const pointsHeld = d.backupRules.reduce((s, r) => s + r.perDay * r.retentionDays, 0);
  const copiesHeld = d.backupRules.reduce((s, r) => s + r.perDay * r.copyRetentionDays.reduce((n, days) => n + days, 0), 0);
  const copiesPerMonth = d.backupRules.reduce((s, r) => s + r.perDay * r.copyRetentionDays.length, 0) * daysPerMonth;
  if (pointsHeld > 0) add("AWS Backup", `DynamoDB recovery points (${count(pointsHeld)} held × ${tablesGb.toFixed(2)} GB)`, pointsHeld * tablesGb, "GB-month", "backupDynamoStorage");
  if (copiesHeld > 0) {
    add("AWS Backup", `copies in ${d.drRegion} (${count(copiesHeld)} held)`, copiesHeld * tablesGb, "GB-month", "backupDynamoStorageDr");
    add("AWS Backup", `cross-region copy transfer (${count(copiesPerMonth)} copies)`, copiesPerMonth * tablesGb, "GB", "interRegionTransfer");
  }
  // EventBridge: analytics batches (64 KB chunks) on the platform bus, booking facts on the reservation bus; both archived.
  add("EventBridge", "custom events (analytics batches, booking facts)", analyticsEvents * Math.ceil(a.analyticsEventBytes / 65_536) + bookingEvents, "events", "eventBridgeEvents");
  const archivedGb = (analyticsEvents * a.analyticsEventBytes + bookingEvents * a.reservationEventBytes) / 1e9;
  add("EventBridge", "archived events", archivedGb, "GB", "eventBridgeArchiveProcessed");
  add("EventBridge", "archive storage (a year in)", archivedGb * Math.min(d.archiveRetentionDays, 365) / daysPerMonth, "GB-month", "eventBridgeArchiveStorage");
  add("SQS", "dead-letter queues (nothing expected)", 0, "requests", "sqsRequests");
  add("SES", "booking emails", bookings * b.emails, "emails", "sesEmails");
  // CloudWatch: EMF metrics per dimension value, alarms per metric read, logs kept their retention.
  const metricCount = Object.values(declaredMetrics).reduce((s, m) => s + m.dimensions.reduce((n, dim) => n * (a.metricDimensionValues[dim] ?? 1), 1), 0);
  add("CloudWatch", "custom metrics (EMF)", metricCount, "metrics", "cloudWatchMetrics", true);
  add("CloudWatch", `${d.alarms} alarms`, d.alarmMetrics, "alarm metrics", "cloudWatchAlarmMetrics", true);
  add("CloudWatch", "dashboards", d.dashboards, "dashboards", "cloudWatchDashboards", true);
  const logGb = (apiRequests * (a.logBytes.apiInvocation + a.logBytes.accessLogLine) + (lambdaInvocations - apiRequests) * a.logBytes.otherInvocation) / 1e9;
  add("CloudWatch", "logs ingested (Lambda, API access log)", logGb, "GB", "cloudWatchLogsIngested");
  add("CloudWatch", `logs stored (${d.logRetentionDays} days)`, (logGb * d.logRetentionDays) / daysPerMonth, "GB-month", "cloudWatchLogsStored");
  const sampled = (perSecond: number) => Math.min(perSecond, a.xraySampling.reservoirPerSecond) + a.xraySampling.rate * Math.max(0, perSecond - a.xraySampling.reservoirPerSecond);
  add("X-Ray", "traces recorded (API stage and every function)", [...invocations.values()].reduce((s, i) => s + secondsPerMonth * sampled(i.count / secondsPerMonth), 0), "traces", "xrayTracesRecorded");
  add("Secrets Manager", "secrets", d.secrets, "secrets", "secretsManagerSecret", true);
  const fixedUsd = items.filter((i) => i.fixed).reduce((s, i) => s + i.monthlyUsd, 0);
  const totalUsd = items.reduce((s, i) => s + i.monthlyUsd, 0);
  return {
    searchesPerDay, edgeCacheHitShare,
    traffic: { searches, apiRequests, edgeRequests, lambdaInvocations, analyticsEvents, bookings, busyApiInstances: busyInstances, apiRequestsPerSearch: apiRequests / searches, meanApiBilledMs: apiMs / apiRequests },
    fixedUsd, variableUsd: totalUsd - fixedUsd, totalUsd,
    usdPerSearch: totalUsd / searches, usdPerApiRequest: totalUsd / apiRequests,
    meetsRequirement: totalUsd / searches < requirementUsdPerRequest && totalUsd / apiRequests < requirementUsdPerRequest,
    // Fewer searches than this a day and the fixed costs alone put a search over the requirement.
    breakEvenSearchesPerDay: fixedUsd / (requirementUsdPerRequest - (totalUsd - fixedUsd) / searches) / daysPerMonth,
    lineItems: items,
  };
}

async function graphOf(stage: string, env: Record<string, string>): Promise<Deployment> {
  const graph = await evaluateInfraGraph({ stage, env });
  if (graph.errors.length) throw new Error(`the ${stage} graph has errors:\n${graph.errors.join("\n")}`);
  if (graph.region !== priceRegion) console.warn(`the ${stage} graph is in ${graph.region}; the prices are ${priceRegion}'s`);
  const deployment = readDeployment(graph);
  // cost-prices.ts has Lambda's arm64 price only.
  for (const f of deployment.functions) if (f.architecture !== "arm64") throw new Error(`${f.name} is ${f.architecture}: add its Lambda price`);
  return deployment;
}

async function main() {
  console.log("bench cost: evaluating the production and dev graphs (sst.config.ts under Pulumi mocks, builds the web app)…");
  const production = await graphOf("production", { DR_REGION: "eu-central-1" });
  const dev = await graphOf("dev", {});
  const figures = readFigures();
  const { searchesPerDay, edgeCacheHitShare, sensitivityEdgeCacheHitShare } = assumptions;
  const scenario = (name: string, d: Deployment, perDay: number, edgeShare: number): Scenario => ({ name, stage: d.stage, ...monthOf(d, figures, assumptions, perDay, edgeShare) });
  const scenarios = [
    ...searchesPerDay.map((n) => scenario(`production, ${count(n)} searches a day`, production, n, edgeCacheHitShare)),
    ...searchesPerDay.map((n) => scenario(`production, ${count(n)} a day, ${sensitivityEdgeCacheHitShare * 100}% of web API calls from the edge cache`, production, n, sensitivityEdgeCacheHitShare)),
    scenario(`dev stage, ${count(searchesPerDay[0]!)} a day`, dev, searchesPerDay[0]!, edgeCacheHitShare),
  ];
  const report = {
    benchmark: "cost", ranAt: new Date().toISOString(), pricesAsOf, priceRegion, requirementUsdPerRequest,
    graph: { production: graphRows(production), dev: graphRows(dev) }, figures, assumptions, prices, scenarios,
  };
  writeResults("cost", report, costMarkdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
