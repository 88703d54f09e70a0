import type { InfraGraph } from "../src/infra-graph/evaluate";
import { daysPerMonth, secondsPerMonth } from "./cost-prices";

/**
 * What `pnpm bench cost` reads from an evaluated resource graph rather than assumes: node types,
 * counts, memory sizes, replicas, backup rules, retentions, which functions an event reaches. A
 * change to the infra is priced by the next run without touching the model (cost.ts).
 */

const secretMarker = "4dabf18193072939515e22adb298388d";
/** Pulumi secrets arrive as `{ <marker>: …, value }` in the mock's inputs. */
const plain = <T>(value: unknown): T => (value && typeof value === "object" && secretMarker in value ? (value as unknown as { value: unknown }).value : value) as T;

interface BusEvent { source: string; "detail-type": string; detail: Record<string, string> }
export interface LambdaFunction { name: string; handler: string; memoryMb: number; architecture: string; arn: string }
interface BackupRuleInput { ruleName: string; schedule: string; lifecycle?: { deleteAfter?: number }; copyActions?: { lifecycle?: { deleteAfter?: number } }[] }

/** The reservation contract's tables (bookings and their dedupe claims); the others: catalog, audit, the issuer's. */
const bookingTables = /^(Reservations|Orders|Idempotency|Outbox)Table/;
const apiHandler = "packages/functions/src/api/lambda.handler";

export function readDeployment(graph: InfraGraph) {
  const of = (type: string) => graph.resources.filter((r) => r.type === type);
  const functions: LambdaFunction[] = of("aws:lambda/function:Function").map((r) => ({
    name: r.name, handler: String(r.inputs.handler), memoryMb: Number(r.inputs.memorySize ?? 128), architecture: (plain<string[]>(r.inputs.architectures) ?? ["x86_64"]).join(","), arn: String(r.outputs.arn),
  }));
  const api = functions.filter((f) => f.handler === apiHandler);
  if (api.length === 0) throw new Error(`no API function (handler ${apiHandler}) in the graph`);
  const [group] = of("aws:elasticache/replicationGroup:ReplicationGroup");
  if (!group) throw new Error("no ElastiCache replication group in the graph");
  const rules = of("aws:cloudwatch/eventRule:EventRule");
  const targets = of("aws:cloudwatch/eventTarget:EventTarget");
  const targetsOf = (ruleName: unknown) => targets.filter((t) => t.inputs.rule === ruleName).map((t) => functions.find((f) => f.arn === plain(t.inputs.arn))).filter((f): f is LambdaFunction => !!f);
  // The Lambda deliveries of an event: every rule whose pattern matches it, each of its targets.
  const deliveries = (event: BusEvent) => rules.filter((rule) => matches(plain(rule.inputs.eventPattern), event)).flatMap((rule) => targetsOf(rule.outputs.name ?? rule.inputs.name));
  const alarms = of("aws:cloudwatch/metricAlarm:MetricAlarm");
  return {
    stage: graph.stage, region: graph.region,
    drRegion: of("pulumi:providers:aws").map((p) => String(p.inputs.region)).find((region) => region !== "us-east-1" && region !== graph.region),
    redis: { nodeType: String(group.inputs.nodeType), nodes: Number(group.inputs.numNodeGroups ?? 1) * (1 + Number(group.inputs.replicasPerNodeGroup ?? 0)) },
    natGateways: of("aws:ec2/natGateway:NatGateway").length,
    natInstances: of("aws:ec2/instance:Instance").map((r) => String(r.inputs.instanceType)),
    publicIpv4: of("aws:ec2/eip:Eip").length,
    functions, api: api.reduce((a, b) => (b.memoryMb > a.memoryMb ? b : a)),
    alarms: alarms.length,
    // An alarm on metric math is billed per metric it reads.
    alarmMetrics: alarms.reduce((sum, r) => sum + (plain<{ metric?: unknown }[]>(r.inputs.metricQueries)?.filter((q) => q.metric).length || 1), 0),
    dashboards: of("aws:cloudwatch/dashboard:Dashboard").length,
    webAcls: of("aws:wafv2/webAcl:WebAcl").map((r) => ({ name: r.name, scope: String(r.inputs.scope), rules: plain<unknown[]>(r.inputs.rules)?.length ?? 0 })),
    tables: of("aws:dynamodb/table:Table").map((r) => ({ name: r.name, holdsBookings: bookingTables.test(r.name), replicas: (plain<{ regionName: string }[]>(r.inputs.replicas) ?? []).map((x) => x.regionName) })),
    // Every rule of every plan, whatever its schedule; a copy action keeps its copies for its own
    // lifecycle, or the rule's when it has none.
    backupRules: of("aws:backup/plan:Plan").flatMap((r) => plain<BackupRuleInput[]>(r.inputs.rules) ?? []).map((rule) => ({
      name: rule.ruleName, perDay: runsPerDay(rule.schedule), retentionDays: rule.lifecycle?.deleteAfter ?? 0,
      copyRetentionDays: (rule.copyActions ?? []).map((copy) => copy.lifecycle?.deleteAfter ?? rule.lifecycle?.deleteAfter ?? 0),
    })),
    logRetentionDays: Math.max(...of("aws:cloudwatch/logGroup:LogGroup").map((r) => Number(r.inputs.retentionInDays ?? 0))),
    archiveRetentionDays: Math.max(0, ...of("aws:cloudwatch/eventArchive:EventArchive").map((r) => Number(r.inputs.retentionDays ?? 0))),
    secrets: of("aws:secretsmanager/secret:Secret").length,
    scheduledJobs: rules.filter((r) => r.inputs.scheduleExpression).flatMap((r) => targetsOf(r.outputs.name ?? r.inputs.name).map((f) => ({ function: f, perMonth: runsPerMonth(String(r.inputs.scheduleExpression)) }))),
    analyticsDeliveries: deliveries({ source: "analytics.service", "detail-type": "Analytics Recorded", detail: {} }),
    // A booking's two facts: the hold, then its confirmation.
    bookingDeliveries: [
      deliveries({ source: "reservation.service", "detail-type": "Reservation Created", detail: { status: "HOLD" } }),
      deliveries({ source: "reservation.service", "detail-type": "Reservation Status Changed", detail: { status: "CONFIRMED" } }),
    ],
    outboxRelay: functions.find((f) => f.handler.endsWith("outbox-relay.handler")),
  };
}
export type Deployment = ReturnType<typeof readDeployment>;

/** EventBridge pattern matching, as far as this app's patterns go: lists of values, one level of `detail`. */
function matches(pattern: string | undefined, event: BusEvent): boolean {
  if (!pattern) return false;
  const p = JSON.parse(pattern) as Record<string, string[] | Record<string, string[]>>;
  return Object.entries(p).every(([key, wanted]) =>
    Array.isArray(wanted) ? wanted.includes(String(event[key as keyof BusEvent])) : Object.entries(wanted).every(([k, values]) => values.includes(event.detail[k] ?? "")),
  );
}

const unitSeconds: Record<string, number> = { minute: 60, hour: 3_600, day: 86_400 };
const rate = (expression: string) => ((m) => m && Number(m[1]) * unitSeconds[m[2]!]!)(/^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression));
const monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** How many values a cron field takes between min and max: `*`, lists, ranges (names too: MON-FRI), steps; `L`, `W`, `#` count as one. */
function cronValues(field: string, min: number, max: number, names: string[] = []): number {
  const value = (v: string) => (names.includes(v.toUpperCase()) ? names.indexOf(v.toUpperCase()) + min : Number(v));
  return field.split(",").reduce((sum, part) => {
    const [range = "*", step] = part.split("/");
    const [from = min, to = max] = range === "*" ? [min, max] : range.includes("-") ? range.split("-").map(value) : [value(range), step ? max : value(range)];
    return sum + (Math.floor((to - from) / Number(step ?? 1)) + 1 || 1);
  }, 0);
}

/** Runs a day of an EventBridge or AWS Backup schedule: `cron(0 * ? * * *)` 24, `cron(0 3 ? * * *)` 1, `cron(0 3 ? * SUN *)` 1/7, `rate(5 minutes)` 288. */
export function runsPerDay(schedule: string): number {
  const period = rate(schedule);
  if (period) return 86_400 / period;
  const [minutes = "0", hours = "*", dayOfMonth = "*", month = "*", dayOfWeek = "*"] = schedule.replace(/^cron\(|\)$/g, "").trim().split(/\s+/);
  const share = (field: string, values: () => number, of: number) => (field === "*" || field === "?" ? 1 : values() / of);
  const days = share(dayOfMonth, () => cronValues(dayOfMonth, 1, 31), daysPerMonth) * share(month, () => cronValues(month, 1, 12, monthNames), 12) * share(dayOfWeek, () => cronValues(dayOfWeek, 1, 7, dayNames), 7);
  return cronValues(minutes, 0, 59) * cronValues(hours, 0, 23) * days;
}
/** Runs a month; a rate divides the month's seconds exactly (`rate(1 minute)` is 43,800). */
const runsPerMonth = (schedule: string) => ((period) => (period ? secondsPerMonth / period : runsPerDay(schedule) * daysPerMonth))(rate(schedule));

const number = (n: number) => String(Number(n.toFixed(3)));

/** What the model read from a graph, as rows for the report ("What the graph says"). */
export function graphRows(d: Deployment): [string, string][] {
  const memories = [...new Set(d.functions.map((f) => `${f.memoryMb} MB ${f.architecture}`))].join(", ");
  const names = (fns: LambdaFunction[]) => fns.map((f) => f.name.replace(/(SubscriberFunction|HandlerFunction|Function)$/, "")).join(", ") || "none";
  const copies = (days: number[], kept: number) => days.map((n) => `, copied to DR${n === kept ? "" : ` (kept ${n} d)`}`).join("");
  return [
    ["stage, region (DR region)", `${d.stage}, ${d.region} (${d.drRegion ?? "none"})`],
    ["ElastiCache replication group", `${d.redis.nodes} × ${d.redis.nodeType}`],
    ["NAT", d.natGateways ? `${d.natGateways} NAT gateways` : `${d.natInstances.length} NAT instances (${d.natInstances.join(", ")})`],
    ["public IPv4 addresses", String(d.publicIpv4)],
    ["Lambda functions", `${d.functions.length}; API: ${d.functions.filter((f) => f.handler === d.api.handler).length} copies at ${d.api.memoryMb} MB ${d.api.architecture}; all: ${memories}`],
    ["CloudWatch alarms, dashboards", `${d.alarms} alarms reading ${d.alarmMetrics} metrics; dashboards: ${d.dashboards}`],
    ["WAF web ACLs", d.webAcls.map((acl) => `${acl.name} (${acl.scope}, ${acl.rules} rules)`).join("; ")],
    ["DynamoDB tables", `${d.tables.length}; replicated: ${d.tables.filter((t) => t.replicas.length).map((t) => t.name.replace(/(Table)+$/, "")).join(", ") || "none"}${d.drRegion ? ` (to ${d.drRegion})` : ""}`],
    ["backup rules", d.backupRules.map((r) => `${r.name}: ${number(r.perDay)}/day kept ${r.retentionDays} d${copies(r.copyRetentionDays, r.retentionDays)}`).join("; ") || "none"],
    ["log retention, event archive retention", `${d.logRetentionDays} days; ${d.archiveRetentionDays} days`],
    ["Lambda deliveries per booking", d.bookingDeliveries.map((fns, i) => `${i ? "confirmed" : "hold"}: ${names(fns)}`).join("; ")],
    ["analytics batch delivered to", names(d.analyticsDeliveries)],
    ["scheduled jobs", d.scheduledJobs.map((j) => `${names([j.function])} ${Math.round(j.perMonth)}/month`).join(", ")],
    ["Secrets Manager secrets", String(d.secrets)],
  ];
}
