/**
 * What the requirements demand of the deployed infrastructure, written out here rather than read
 * back from the declarations under test (seed 004's reservation contract, the platform seeds'
 * tags, alarms, WAF, Redis and DR needs; issue 17). Each check returns the violations it finds in a
 * resource graph, in words; none means the requirement holds.
 */
import type { InfraGraph } from "../../src/infra-graph/evaluate";
import type { RecordedResource } from "../../src/infra-graph/mock-cloud";
import { isPulumiSecret } from "../../src/infra-graph/secret-marker";

export interface Scenario {
  stage: string;
  env: Record<string, string>;
}

type Check = (graph: InfraGraph, scenario: Scenario) => string[];
type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- provider inputs are untyped JSON

/** Inputs with secret values shown plainly (an input built from a secret output becomes one, e.g. alarm dimensions naming a linked function). */
function plain(value: unknown): unknown {
  if (isPulumiSecret(value)) return plain(value.value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
const of = (graph: InfraGraph, type: string) => graph.resources.filter((r) => r.type === type).map((r) => ({ ...r, inputs: plain(r.inputs) as Inputs }));
const arnOf = (r: RecordedResource | undefined) => r?.outputs.arn as string | undefined;
const physicalNameOf = (r: RecordedResource) => (r.inputs.name ?? r.outputs.name) as string;
const json = (value: unknown) => (typeof value === "string" ? (JSON.parse(value) as Inputs) : (value as Inputs));
const list = (v: unknown) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]) as string[];
const production = (s: Scenario) => s.stage === "production";
const fail = (condition: boolean, message: string) => (condition ? [] : [message]);


interface TableSpec {
  /** The physical name, or a fragment of SST's generated one. */
  name: (stage: string) => string;
  exactName: boolean;
  hash: string;
  range?: string;
  indexes: Record<string, [string, string]>;
  ttl?: string;
  stream?: "NEW_IMAGE";
  replicatedForDr: boolean;
}

/** Seed 004's four tables exactly as its contract lists them, the catalog (seed 001), the audit log and the issuer's storage. */
const tableSpecs: Record<string, TableSpec> = {
  reservations: { name: (s) => `${s}-reservation-reservations`, exactName: true, hash: "reservation_id", range: "event_id", indexes: { "user-status-index": ["user_id", "status"], "status-created-index": ["status", "created_at"] }, replicatedForDr: true },
  orders: { name: (s) => `${s}-reservation-orders`, exactName: true, hash: "order_id", range: "reservation_id", indexes: { "user-created-index": ["user_id", "created_at"], "event-created-index": ["event_id", "created_at"] }, replicatedForDr: true },
  idempotency: { name: (s) => `${s}-reservation-idempotency`, exactName: true, hash: "idempotency_key", indexes: {}, ttl: "ttl", replicatedForDr: true },
  outbox: { name: (s) => `${s}-reservation-outbox`, exactName: true, hash: "outbox_id", range: "aggregate_type#aggregate_id", indexes: { "status-created_at-index": ["status", "created_at"] }, stream: "NEW_IMAGE", replicatedForDr: true },
  catalog: { name: () => "CatalogTable", exactName: false, hash: "searchType", range: "searchId", indexes: { "timestamp-index": ["searchType", "timestamp"] }, replicatedForDr: true },
  audit: { name: () => "AuditTable", exactName: false, hash: "day", range: "entry", indexes: { "actor-index": ["actor_id", "entry"] }, ttl: "expires_at", replicatedForDr: true },
  issuerStorage: { name: () => "AuthStorage", exactName: false, hash: "pk", range: "sk", indexes: {}, ttl: "expiry", replicatedForDr: true },
};

const tables: Check = (graph, scenario) => {
  const all = of(graph, "aws:dynamodb/table:Table");
  const problems: string[] = [fail(all.length === Object.keys(tableSpecs).length, `expected ${Object.keys(tableSpecs).length} tables, found ${all.length}`)].flat();
  const drRegion = scenario.env.DR_REGION;
  for (const [key, spec] of Object.entries(tableSpecs)) {
    const wanted = spec.name(scenario.stage);
    const table = all.find((t) => (spec.exactName ? t.inputs.name === wanted : String(t.inputs.name).includes(wanted)));
    if (!table) {
      problems.push(`${key}: no table named ${spec.exactName ? wanted : `*${wanted}*`}`);
      continue;
    }
    const i = table.inputs;
    const gsis = Object.fromEntries(((i.globalSecondaryIndexes ?? []) as Inputs[]).map((g) => [g.name, [g.hashKey, g.rangeKey]]));
    problems.push(
      ...fail(i.hashKey === spec.hash && i.rangeKey === spec.range, `${key}: key ${i.hashKey}/${i.rangeKey}, wanted ${spec.hash}/${spec.range}`),
      ...fail(JSON.stringify(gsis, Object.keys(gsis).sort()) === JSON.stringify(spec.indexes, Object.keys(spec.indexes).sort()), `${key}: GSIs ${JSON.stringify(gsis)}, wanted ${JSON.stringify(spec.indexes)}`),
      ...fail(spec.ttl ? i.ttl?.enabled === true && i.ttl?.attributeName === spec.ttl : !i.ttl?.enabled, `${key}: TTL ${JSON.stringify(i.ttl)}, wanted ${spec.ttl ?? "none"}`),
      ...fail(!spec.stream || (i.streamEnabled === true && ["NEW_IMAGE", "NEW_AND_OLD_IMAGES"].includes(i.streamViewType)), `${key}: no stream with new images`),
      ...fail(i.billingMode === "PAY_PER_REQUEST", `${key}: billing ${i.billingMode}, wanted on-demand`),
      ...fail(i.pointInTimeRecovery?.enabled === true, `${key}: point-in-time recovery off`),
      ...fail(i.serverSideEncryption?.enabled === true, `${key}: server-side encryption not enabled`),
      ...fail(i.deletionProtectionEnabled === production(scenario), `${key}: deletion protection ${i.deletionProtectionEnabled} on ${scenario.stage}`),
    );
    // Failing over, the replicated tables are taken over (imported) under the names they have.
    const adopting = Boolean(scenario.env.ADOPT_REPLICA_TABLES);
    problems.push(...fail(table.importId === (adopting && spec.replicatedForDr ? i.name : undefined), `${key}: ${table.importId ? `imports ${table.importId}` : "created anew"}${adopting ? " while failing over" : ""}`));
    const replicas = ((i.replicas ?? []) as Inputs[]).map((r) => `${r.regionName}${r.pointInTimeRecovery ? "+pitr" : ""}`);
    const wantedReplicas = drRegion && spec.replicatedForDr ? [`${drRegion}+pitr`] : [];
    problems.push(...fail(JSON.stringify(replicas) === JSON.stringify(wantedReplicas), `${key}: replicas ${JSON.stringify(replicas)}, wanted ${JSON.stringify(wantedReplicas)}`));
    if (spec.replicatedForDr && (drRegion || adopting)) problems.push(...fail(i.streamEnabled === true && i.streamViewType === "NEW_AND_OLD_IMAGES", `${key}: a global table (and a replica taken over) needs a NEW_AND_OLD_IMAGES stream`));
  }
  return problems;
};

const buses: Check = (graph, { stage }) => {
  const all = of(graph, "aws:cloudwatch/eventBus:EventBus");
  const reservationBus = all.find((b) => b.inputs.name === `${stage}-reservation-events`);
  const archives = of(graph, "aws:cloudwatch/eventArchive:EventArchive");
  const reservationArchive = archives.find((a) => a.inputs.name === `${stage}-reservation-events-archive`);
  return [
    ...fail(all.length === 2, `expected the platform bus and the reservation bus, found ${all.length} buses`),
    ...fail(Boolean(reservationBus), `no ${stage}-reservation-events bus`),
    ...fail(reservationArchive?.inputs.retentionDays === 365, `the reservation archive keeps ${reservationArchive?.inputs.retentionDays} days, wanted 365`),
    ...fail(Boolean(reservationArchive && json(reservationArchive.inputs.eventPattern).source?.includes("reservation.service")), "the reservation archive does not take reservation.service events"),
    ...fail(Boolean(reservationArchive) && reservationArchive?.inputs.eventSourceArn === arnOf(reservationBus), "the reservation archive is not on the reservation bus"),
    ...archives.flatMap((a) => fail(a.inputs.retentionDays > 0, `archive ${a.inputs.name} keeps events forever or not at all`)),
  ];
};

/** The contract's rules (seed 004, 2.2) with their patterns. */
const contractRules = (stage: string): Record<string, Inputs> => ({
  [`${stage}-reservation-created`]: { source: ["reservation.service"], "detail-type": ["Reservation Created"], detail: { status: ["HOLD"] } },
  [`${stage}-reservation-status-changed`]: { source: ["reservation.service"], "detail-type": ["Reservation Status Changed"], detail: { status: ["CONFIRMED", "CANCELLED", "EXPIRED"] } },
});

const rules: Check = (graph, { stage }) => {
  const all = of(graph, "aws:cloudwatch/eventRule:EventRule");
  const targets = of(graph, "aws:cloudwatch/eventTarget:EventTarget");
  const problems: string[] = [];
  for (const [name, pattern] of Object.entries(contractRules(stage))) {
    const rule = all.find((r) => r.inputs.name === name);
    if (!rule) problems.push(`no rule ${name}`);
    else {
      problems.push(...fail(JSON.stringify(json(rule.inputs.eventPattern)) === JSON.stringify(pattern), `rule ${name} matches ${rule.inputs.eventPattern}, wanted ${JSON.stringify(pattern)}`));
      problems.push(...fail(rule.inputs.eventBusName === `${stage}-reservation-events`, `rule ${name} is on ${rule.inputs.eventBusName}`));
    }
  }
  const expiry = all.find((r) => r.inputs.name === `${stage}-reservation-expiry-scheduler`);
  problems.push(...fail(expiry?.inputs.scheduleExpression === "rate(1 minute)", `the expiry scheduler runs on ${expiry?.inputs.scheduleExpression}, wanted every minute`));
  // A rule nobody listens to is a misconfiguration.
  for (const rule of all) problems.push(...fail(targets.some((t) => t.inputs.rule === physicalNameOf(rule)), `rule ${rule.name} has no target`));
  return problems;
};

const queueArns = (graph: InfraGraph) => new Set(of(graph, "aws:sqs/queue:Queue").map(arnOf));

const targets: Check = (graph) => {
  const queues = queueArns(graph);
  return of(graph, "aws:cloudwatch/eventTarget:EventTarget").flatMap((t) => [
    ...fail(t.inputs.retryPolicy?.maximumRetryAttempts > 0 && t.inputs.retryPolicy?.maximumEventAgeInSeconds > 0, `target ${t.name} has no retry policy`),
    ...fail(queues.has(t.inputs.deadLetterConfig?.arn), `target ${t.name} has no dead-letter queue of this stage (${t.inputs.deadLetterConfig?.arn})`),
  ]);
};

const queues: Check = (graph, { stage }) => {
  const all = of(graph, "aws:sqs/queue:Queue");
  const arns = queueArns(graph);
  const deadLetterArns = new Set([
    ...of(graph, "aws:cloudwatch/eventTarget:EventTarget").map((t) => t.inputs.deadLetterConfig?.arn),
    ...all.map((q) => (q.inputs.redrivePolicy ? json(q.inputs.redrivePolicy).deadLetterTargetArn : undefined)),
  ]);
  const dlq = all.find((q) => q.inputs.name === `${stage}-reservation-events-dlq`);
  return [
    ...fail(dlq?.inputs.messageRetentionSeconds === 14 * 86_400 && dlq?.inputs.visibilityTimeoutSeconds === 300 && dlq?.inputs.sqsManagedSseEnabled === true, `${stage}-reservation-events-dlq: wanted 14 days, 300 s visibility, SQS-managed SSE`),
    ...all.flatMap((q) => {
      if (deadLetterArns.has(arnOf(q))) return fail(q.inputs.messageRetentionSeconds === 14 * 86_400, `dead-letter queue ${q.name} keeps messages ${q.inputs.messageRetentionSeconds} s, wanted 14 days`);
      const redrive = q.inputs.redrivePolicy ? json(q.inputs.redrivePolicy) : undefined;
      return fail(Boolean(redrive && arns.has(redrive.deadLetterTargetArn) && redrive.maxReceiveCount >= 1), `queue ${q.name} has no redrive to a dead-letter queue`);
    }),
  ];
};

const alarms: Check = (graph, scenario) => {
  const all = of(graph, "aws:cloudwatch/metricAlarm:MetricAlarm");
  const topics = of(graph, "aws:sns/topic:Topic").map(arnOf);
  const byName = (suffix: string) => all.find((a) => a.inputs.name === `travel-platform-${scenario.stage}-${suffix}`);
  const queriesOf = (a: Inputs | undefined) => list(a?.metricQueries) as unknown as Inputs[];
  const metricsOf = (a: Inputs | undefined) => [a?.metricName, ...queriesOf(a).map((q) => q.metric?.metricName)].filter(Boolean);
  const dimensionsOf = (a: Inputs) => [a.dimensions, ...queriesOf(a).map((q) => q.metric?.dimensions)].filter(Boolean) as Record<string, string>[];
  const expect = (suffix: string, metrics: string[], comparison: string, threshold: number) => {
    const alarm = byName(suffix)?.inputs;
    return fail(Boolean(alarm) && metrics.every((m) => metricsOf(alarm).includes(m)) && alarm?.comparisonOperator === comparison && alarm?.threshold === threshold, `alarm ${suffix}: wanted ${metrics.join("+")} ${comparison} ${threshold}, got ${alarm ? `${metricsOf(alarm).join("+")} ${alarm.comparisonOperator} ${alarm.threshold}` : "none"}`);
  };
  const watched = (namespace: string, dimension: string) => new Set(all.filter((a) => a.inputs.namespace === namespace || queriesOf(a.inputs).some((q) => q.metric?.namespace === namespace)).flatMap((a) => dimensionsOf(a.inputs).map((d) => d[dimension])));
  const functionsWatched = watched("AWS/Lambda", "FunctionName");
  const queuesWatched = watched("AWS/SQS", "QueueName");
  const tablesWatched = watched("AWS/DynamoDB", "TableName");
  const redisNodes = scenario.stage === "production" ? ["0001-001", "0001-002"] : ["0001-001"];
  return [
    ...all.flatMap((a) => fail(a.inputs.alarmActions?.length === 1 && topics.includes(a.inputs.alarmActions[0]), `alarm ${a.name} does not notify the alarm topic`)),
    // What an alarm says it watches ("above 120 ms", "below 80%") is what it is set to.
    ...all.flatMap((a) => {
      const claim = /(above|below) (\d+(?:\.\d+)?) ?(ms|%)/.exec(String(a.inputs.alarmDescription));
      if (!claim) return [];
      const stated = Number(claim[2]);
      const direction = claim[1] === "above" ? "GreaterThanThreshold" : "LessThanThreshold";
      const threshold = claim[3] === "%" && a.inputs.threshold < 1 ? a.inputs.threshold * 100 : a.inputs.threshold;
      return fail(a.inputs.comparisonOperator === direction && Math.abs(threshold - stated) < 1e-9, `alarm ${a.name} says "${claim[0]}" but is ${a.inputs.comparisonOperator} ${a.inputs.threshold}`);
    }),
    ...expect("Api5xxRate", ["5XXError", "Count"], "GreaterThanThreshold", 1),
    ...expect("ApiLatencyP95", ["Latency"], "GreaterThanThreshold", 120),
    ...expect("CacheHitRatio", ["CacheHit", "CacheMiss", "CacheStale"], "LessThanThreshold", 0.8),
    ...of(graph, "aws:lambda/function:Function").flatMap((f) => fail(functionsWatched.has(f.inputs.name), `no alarm on errors of function ${f.name}`)),
    ...of(graph, "aws:sqs/queue:Queue").filter((q) => /dlq|DeadLetter/i.test(q.inputs.name)).flatMap((q) => fail(queuesWatched.has(q.inputs.name), `no alarm on dead-letter queue ${q.inputs.name}`)),
    ...of(graph, "aws:dynamodb/table:Table").filter((t) => !String(t.inputs.name).includes("AuthStorage")).flatMap((t) => fail(tablesWatched.has(t.inputs.name), `no throttle alarm on table ${t.inputs.name}`)),
    ...redisNodes.flatMap((node) => ["Cpu", "Memory", "Evictions"].flatMap((kind) => fail(Boolean(byName(`Redis${kind}-${node}`)), `no Redis ${kind} alarm on node ${node}`))),
  ];
};

const budget: Check = (graph, scenario) => {
  const [b] = of(graph, "aws:budgets/budget:Budget");
  const topic = of(graph, "aws:sns/topic:Topic").map(arnOf);
  const notifications = (b?.inputs.notifications ?? []) as Inputs[];
  return [
    ...fail(b?.inputs.budgetType === "COST" && b?.inputs.timeUnit === "MONTHLY", "no monthly cost budget"),
    ...fail(b?.inputs.limitAmount === (production(scenario) ? "2000" : "100"), `budget limit ${b?.inputs.limitAmount}`),
    ...fail(JSON.stringify(b?.inputs.costFilters) === JSON.stringify([{ name: "TagKeyValue", values: [`user:stage$${scenario.stage}`] }]), "the budget does not count this stage's tagged resources"),
    ...fail(notifications.map((n) => n.threshold).join(",") === "80,100" && notifications.every((n) => n.notificationType === "FORECASTED" && topic.includes(n.subscriberSnsTopicArns?.[0])), "budget alerts are not 80% and 100% of the forecast to the alarm topic"),
  ];
};

const firewalls: Check = (graph) => {
  const acls = of(graph, "aws:wafv2/webAcl:WebAcl");
  const regional = acls.find((a) => a.inputs.scope === "REGIONAL");
  const edge = acls.find((a) => a.inputs.scope === "CLOUDFRONT");
  const stage = of(graph, "aws:apigateway/stage:Stage")[0];
  const association = of(graph, "aws:wafv2/webAclAssociation:WebAclAssociation")[0];
  const distribution = of(graph, "aws:cloudfront/distribution:Distribution")[0];
  const edgeProvider = of(graph, "pulumi:providers:aws").find((p) => edge?.provider?.includes(`::${p.name}::`));
  const managed = (acl?: Inputs) => ((acl?.rules ?? []) as Inputs[]).map((r) => r.name as string);
  const wantedRules = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"];
  return [
    ...fail(Boolean(regional && association && association.inputs.webAclArn === arnOf(regional) && association.inputs.resourceArn === arnOf(stage)), "the regional WAF is not associated with the API stage"),
    ...fail(Boolean(edge && edgeProvider?.inputs.region === "us-east-1"), "no CloudFront WAF created in us-east-1"),
    ...fail(Boolean(edge && distribution?.inputs.webAclId === arnOf(edge)), "the CloudFront distribution does not use the CloudFront web ACL"),
    ...[regional, edge].flatMap((acl) => fail(wantedRules.every((r) => managed(acl?.inputs).includes(r)) && managed(acl?.inputs).includes("FloodGuardWithoutApiKey"), `WAF ${acl?.name}: rules ${managed(acl?.inputs).join(", ")}`)),
  ];
};

const redis: Check = (graph, scenario) => {
  const [group] = of(graph, "aws:elasticache/replicationGroup:ReplicationGroup");
  const i = group?.inputs ?? {};
  const authToken = graph.resources.find((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup")?.inputs.authToken;
  return [
    ...fail(i.atRestEncryptionEnabled === true && i.transitEncryptionEnabled === true && isPulumiSecret(authToken), "Redis without encryption at rest, TLS or an auth token kept secret"),
    ...fail(!production(scenario) || (i.replicasPerNodeGroup >= 1 && i.multiAzEnabled === true && i.automaticFailoverEnabled === true), "production Redis is not multi-AZ with automatic failover"),
    ...fail(Boolean(i.subnetGroupName) && (i.securityGroupIds?.length ?? 0) > 0, "Redis is not placed in the VPC"),
  ];
};

const network: Check = (graph) => {
  const subnets = of(graph, "aws:ec2/subnet:Subnet");
  const zones = new Set(subnets.map((s) => s.inputs.availabilityZone));
  const redisUsers = graph.builds.filter((b) => b.links.includes("Redis")).map((b) => b.functionID);
  const functions = of(graph, "aws:lambda/function:Function");
  return [
    ...fail(of(graph, "aws:ec2/vpc:Vpc").length === 1, "no VPC"),
    ...fail(zones.size >= 2, `subnets in ${zones.size} availability zone(s)`),
    ...redisUsers.flatMap((id) => fail(functions.some((f) => f.name === `${id}Function` && (f.inputs.vpcConfig?.subnetIds?.length ?? 0) > 0), `function ${id} links Redis but is not in the VPC`)),
  ];
};

/** The seeds: every resource tagged iac-rlhf-amazon; the project's own: project and stage. */
export const tags: Check = (graph, { stage }) => {
  const wanted: Record<string, string> = { "iac-rlhf-amazon": "true", project: "travel-platform", stage };
  const tagsOf = (defaultTags: unknown) => (json(defaultTags ?? "{}")?.tags ?? {}) as Record<string, string>;
  const missing = (have: Record<string, string>) => Object.entries(wanted).filter(([k, v]) => have[k] !== v).map(([k]) => k);
  const providers = of(graph, "pulumi:providers:aws");
  return [
    ...fail(missing(tagsOf(graph.config["aws:defaultTags"])).length === 0, `the default AWS provider's defaultTags lack ${missing(tagsOf(graph.config["aws:defaultTags"])).join(", ")}`),
    ...providers.flatMap((p) => fail(missing(tagsOf(p.inputs.defaultTags)).length === 0, `provider ${p.name}'s defaultTags lack ${missing(tagsOf(p.inputs.defaultTags)).join(", ")}`)),
    // Every AWS resource gets its provider's default tags; its own tags may add, not contradict.
    ...graph.resources
      .filter((r) => r.custom && r.type.startsWith("aws:"))
      .map((r) => ({ ...r, inputs: r.inputs as Inputs }))
      .flatMap((r) => [
        ...fail(!r.provider || providers.some((p) => r.provider!.includes(`::${p.name}::`)), `${r.type} ${r.name} uses a provider outside the graph`),
        ...Object.entries(wanted).flatMap(([k, v]) => fail(r.inputs.tags?.[k] === undefined || r.inputs.tags[k] === v, `${r.type} ${r.name} overrides tag ${k}`)),
      ]),
  ];
};

/** Every IAM document in the graph: role trust and inline policies, resource policies. */
function policyDocuments(graph: InfraGraph) {
  const documents: { where: string; document: Inputs }[] = [];
  for (const r of graph.resources) {
    for (const field of ["policy", "assumeRolePolicy"]) if (typeof r.inputs[field] === "string" && r.inputs[field].startsWith("{")) documents.push({ where: `${r.type} ${r.name} ${field}`, document: json(r.inputs[field]) });
    for (const inline of (r.inputs.inlinePolicies ?? []) as Inputs[]) documents.push({ where: `${r.type} ${r.name} inline ${inline.name}`, document: json(inline.policy) });
  }
  return documents;
}

export const iam: Check = (graph) => {
  const problems: string[] = [];
  for (const { where, document } of policyDocuments(graph)) {
    for (const statement of list(document.Statement) as unknown as Inputs[]) {
      if (statement.Effect !== "Allow") continue;
      const anyAction = list(statement.Action).some((a) => a === "*" || a === "*:*");
      const anyResource = list(statement.Resource).includes("*");
      if (anyAction && anyResource) problems.push(`${where} allows every action on every resource`);
      if (anyAction && !statement.Resource && !statement.Principal) problems.push(`${where} allows every action`);
    }
  }
  // Functions are assumable by Lambda and nobody else.
  for (const role of of(graph, "aws:iam/role:Role").filter((r) => graph.builds.some((b) => r.name === `${b.functionID}Role`))) {
    const principals = list(json(role.inputs.assumeRolePolicy).Statement).flatMap((s) => Object.entries((s as unknown as Inputs).Principal ?? {}).flatMap(([type, ids]) => list(ids).map((id) => `${type}:${id}`)));
    problems.push(...fail(JSON.stringify(principals) === JSON.stringify(["Service:lambda.amazonaws.com"]), `role ${role.name} can be assumed by ${principals.join(", ")}`));
  }
  return problems;
};

/** What each function needs to reach, by handler: linking more grants more (SST gives access per link). */
const linksByHandler: Record<string, string[]> = {
  "packages/functions/src/api/lambda.handler": ["ApiSettings", "AuditTable", "Auth", "Booking", "Bus", "CarSupplierApi", "CatalogTable", "DuffelApi", "DuffelWebhookSecret", "Email", "IdempotencyTable", "OrdersTable", "OutboxTable", "Payments", "Redis", "ReservationsTable", "SearchSuppliers", "SupplierApi"],
  "packages/functions/src/auth/lambda.handler": ["AuditTable", "AuthStorage", "Email"],
  "packages/functions/src/events/outbox-relay.handler": ["Bus", "OutboxTable", "ReservationBus", "ReservationDeadLetterQueue"],
  "packages/functions/src/jobs/outbox-sweep.handler": ["Bus", "OutboxTable", "ReservationBus", "ReservationDeadLetterQueue"],
  "packages/functions/src/jobs/expire-holds.handler": ["Booking", "CatalogTable", "OutboxTable", "ReservationsTable"],
  "packages/functions/src/events/cache-invalidation.handler": ["Redis"],
  "packages/functions/src/events/reservation-inventory.handler": ["IdempotencyTable", "Redis"],
  "packages/functions/src/events/analytics.handler": ["IdempotencyTable", "Redis"],
  "packages/functions/src/events/booking-notifications.handler": ["Email", "IdempotencyTable", "ReservationsTable"],
  "packages/functions/src/events/supplier-orders.handler": ["Booking", "CarSupplierApi", "CatalogTable", "DuffelApi", "IdempotencyTable", "OutboxTable", "ReservationsTable"],
};

const links: Check = (graph) => [
  ...graph.builds.flatMap((b) => {
    const wanted = linksByHandler[b.handler];
    if (!wanted) return [`function ${b.functionID} (${b.handler}) is not in the list of what functions need`];
    return fail(JSON.stringify(b.links) === JSON.stringify(wanted), `function ${b.functionID} links ${b.links.join(", ")}, wanted ${wanted.join(", ")}`);
  }),
  ...Object.keys(linksByHandler).flatMap((handler) => fail(graph.builds.some((b) => b.handler === handler), `no function runs ${handler}`)),
];

const encryption: Check = (graph) => {
  const encryptedBuckets = new Set(of(graph, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2").map((e) => e.inputs.bucket));
  return [
    ...of(graph, "aws:dynamodb/table:Table").flatMap((t) => fail(t.inputs.serverSideEncryption?.enabled === true, `table ${t.name} not encrypted`)),
    ...of(graph, "aws:sqs/queue:Queue").flatMap((q) => fail(q.inputs.sqsManagedSseEnabled === true || Boolean(q.inputs.kmsMasterKeyId), `queue ${q.name} not encrypted`)),
    ...of(graph, "aws:s3/bucketV2:BucketV2").flatMap((b) => fail(encryptedBuckets.has(b.outputs.bucket), `bucket ${b.name} has no default encryption`)),
    ...of(graph, "aws:elasticache/replicationGroup:ReplicationGroup").flatMap((r) => fail(r.inputs.atRestEncryptionEnabled === true, `Redis ${r.name} not encrypted at rest`)),
  ];
};

const backup: Check = (graph, scenario) => {
  const drRegion = scenario.env.DR_REGION;
  const [plan] = of(graph, "aws:backup/plan:Plan");
  const [selection] = of(graph, "aws:backup/selection:Selection");
  const vaults = of(graph, "aws:backup/vault:Vault");
  const providers = of(graph, "pulumi:providers:aws");
  const regionOf = (r?: RecordedResource) => providers.find((p) => r?.provider?.includes(`::${p.name}::`))?.inputs.region ?? graph.region;
  const drVault = vaults.find((v) => regionOf(v) === drRegion);
  const rules = (plan?.inputs.rules ?? []) as Inputs[];
  const tableArns = of(graph, "aws:dynamodb/table:Table").map(arnOf);
  const buckets = of(graph, "aws:s3/bucketV2:BucketV2");
  const replication = of(graph, "aws:s3/bucketReplicationConfig:BucketReplicationConfig")[0];
  const replica = buckets.find((b) => regionOf(b) === drRegion);
  const versioned = new Set(of(graph, "aws:s3/bucketVersioningV2:BucketVersioningV2").filter((v) => v.inputs.versioningConfiguration?.status === "Enabled").map((v) => v.inputs.bucket));
  const backupBucket = buckets.find((b) => b.name === "BackupsBucket");
  return [
    ...fail(Boolean(backupBucket) && versioned.has(backupBucket!.outputs.bucket), "the backup bucket is not versioned"),
    ...fail(rules.some((r) => /^cron\(\d+ \d+ \? \* \* \*\)$/.test(r.schedule) && r.lifecycle?.deleteAfter >= 35), "no daily backup kept at least 35 days"),
    ...fail(tableArns.every((arn) => selection?.inputs.resources?.includes(arn)), "the backup selection misses a table"),
    ...fail(Boolean(backupBucket) && (selection?.inputs.resources ?? []).includes(arnOf(backupBucket)), "the backup bucket is not backed up"),
    ...(drRegion
      ? [
          ...fail(Boolean(drVault), `no backup vault in ${drRegion}`),
          ...fail(rules.length > 0 && rules.every((r) => list(r.copyActions).some((c) => (c as unknown as Inputs).destinationVaultArn === arnOf(drVault))), `a backup rule does not copy to the vault in ${drRegion}`),
          ...fail(Boolean(replica) && versioned.has(replica!.outputs.bucket), `the backup bucket has no versioned replica in ${drRegion}`),
          ...fail(Boolean(replication && replica && replication.inputs.rules?.[0]?.status === "Enabled" && replication.inputs.rules[0].destination?.bucket === arnOf(replica)), "the backup bucket does not replicate to its replica"),
        ]
      : [...fail(!drVault && !replica && !replication, "DR resources without DR_REGION")]),
  ];
};

/** IAM service prefixes of the resource types in the graph (by Pulumi module, and by type where a module spans services). */
const servicesOfTypes: Record<string, string> = {
  apigateway: "apigateway", backup: "backup", budgets: "budgets", cloudfront: "cloudfront", dynamodb: "dynamodb", ec2: "ec2", elasticache: "elasticache", iam: "iam",
  lambda: "lambda", s3: "s3", secretsmanager: "secretsmanager", servicediscovery: "servicediscovery", sesv2: "ses", sns: "sns", sqs: "sqs", wafv2: "wafv2", costexplorer: "ce",
  "cloudwatch/eventArchive": "events", "cloudwatch/eventBus": "events", "cloudwatch/eventRule": "events", "cloudwatch/eventTarget": "events", "cloudwatch/logGroup": "logs",
  "cloudwatch/metricAlarm": "cloudwatch", "cloudwatch/dashboard": "cloudwatch",
};
/** What SST's dynamic resources (run by its CLI with the deployer's credentials) call, by resource kind. */
const servicesOfSstDynamicResources: Record<string, string> = {
  KvKeys: "cloudfront-keyvaluestore", KvRoutesUpdate: "cloudfront-keyvaluestore", BucketFiles: "s3", DistributionInvalidation: "cloudfront", DistributionDeploymentWaiter: "cloudfront",
};
/**
 * Services a deploy needs besides the graph's: SST's state and assets (s3) and bootstrap (ssm);
 * vault storage (backup-storage); the private DNS zone of the VPC's namespace (route53); the cost
 * allocation tags a deploy with COST_ALLOCATION_TAGS=activate adds (ce); WEB_DOMAIN's certificate (acm).
 */
const deployOnlyServices = ["s3", "ssm", "backup-storage", "route53", "ce", "acm"];

function servicesUsed(graph: InfraGraph) {
  return new Set(
    graph.resources
      .filter((r) => r.custom && (r.type.startsWith("aws:") || r.type === "pulumi-nodejs:dynamic:Resource"))
      .map((r) => {
        if (r.type === "pulumi-nodejs:dynamic:Resource") {
          const kind = /\.sst\.aws\.(\w+)$/.exec(r.name)?.[1] ?? r.name;
          return servicesOfSstDynamicResources[kind] ?? `unmapped dynamic resource ${kind}`;
        }
        const [module, kind] = r.type.split(":")[1]!.split("/");
        return servicesOfTypes[`${module}/${kind}`] ?? servicesOfTypes[module!] ?? `unmapped:${r.type}`;
      }),
  );
}

/**
 * The `pipeline` stage against the app it deploys: GitHub's OIDC provider; per environment a role
 * only that environment of the repository can assume, allowed the services the app's graph uses
 * (and no other), in the app's regions, and IAM only on roles tagged with its stages.
 */
export function pipelineViolations(pipeline: InfraGraph, app: InfraGraph, repository: string, regions: string[]): string[] {
  const oidc = of(pipeline, "aws:iam/openIdConnectProvider:OpenIdConnectProvider")[0];
  const roles = of(pipeline, "aws:iam/role:Role");
  const used = servicesUsed(app);
  const stagesOf: Record<string, string> = { preview: "pr-*", staging: "staging", production: "production" };
  const problems = [
    ...fail(oidc?.inputs.url === "https://token.actions.githubusercontent.com" && JSON.stringify(oidc.inputs.clientIdLists) === '["sts.amazonaws.com"]', "no GitHub OIDC provider for sts.amazonaws.com"),
    ...fail(JSON.stringify(roles.map((r) => r.inputs.name).sort()) === JSON.stringify(["travel-platform-preview-deploy", "travel-platform-production-deploy", "travel-platform-staging-deploy"]), `deploy roles: ${roles.map((r) => r.inputs.name).join(", ")}`),
    ...[...used].flatMap((service) => fail(!service.startsWith("unmapped"), `the graph uses ${service}: map it to an IAM service`)),
  ];
  for (const role of roles) {
    const environment = String(role.inputs.name).split("-").at(-2)!;
    const trust = list(json(role.inputs.assumeRolePolicy).Statement)[0] as unknown as Inputs;
    const statements = list(json(role.inputs.inlinePolicies?.[0]?.policy ?? "{}").Statement) as unknown as Inputs[];
    const allows = statements.filter((st) => st.Effect === "Allow");
    const allowed = new Set(allows.flatMap((st) => list(st.Action).map((a) => a.split(":")[0]!)));
    allowed.delete("sts");
    allowed.delete("iam");
    problems.push(
      ...fail(trust?.Principal?.Federated === arnOf(oidc) && trust?.Action === "sts:AssumeRoleWithWebIdentity" && trust?.Condition?.StringEquals?.["token.actions.githubusercontent.com:sub"] === `repo:${repository}:environment:${environment}` && trust?.Condition?.StringEquals?.["token.actions.githubusercontent.com:aud"] === "sts.amazonaws.com", `${role.name} is not limited to ${repository}'s ${environment} environment`),
      ...[...used].filter((service) => service !== "iam").flatMap((service) => fail(allowed.has(service), `${role.name} cannot reach ${service}, which the app's graph uses`)),
      ...[...allowed].flatMap((service) => fail(used.has(service) || deployOnlyServices.includes(service), `${role.name} may use ${service}, which nothing deploys`)),
      ...fail(allows.flatMap((st) => list(st.Action)).filter((a) => a.startsWith("sts:")).join() === "sts:GetCallerIdentity", `${role.name} may do more with STS than ask who it is`),
      // Service-wide actions only in the app's regions; IAM only on roles of its own stages.
      ...allows.filter((st) => list(st.Action).some((a) => a.endsWith(":*")) && !list(st.Action).every((a) => a.startsWith("cloudfront-keyvaluestore:"))).flatMap((st) => fail(JSON.stringify([...list(st.Condition?.StringEquals?.["aws:RequestedRegion"])].sort()) === JSON.stringify([...regions].sort()), `${role.name}: ${st.Sid} is not limited to the regions ${regions.join(", ")}`)),
      ...allows.filter((st) => list(st.Action).some((a) => a.startsWith("iam:") && a !== "iam:CreateServiceLinkedRole")).flatMap((st) => {
        const tag = st.Condition?.StringEquals ?? st.Condition?.StringLike ?? {};
        return fail(tag["aws:ResourceTag/stage"] === stagesOf[environment] || tag["aws:RequestTag/stage"] === stagesOf[environment], `${role.name}: ${st.Sid} reaches roles of other stages`);
      }),
      ...allows.filter((st) => list(st.Action).some((a) => a === "*" || a === "iam:*")).map(() => `${role.name} allows every action of IAM or AWS`),
    );
  }
  return problems;
}

/** An app stage makes no deploy role: those live in the pipeline stage, out of reach of a deploy. */
const noDeployRoles: Check = (graph) => [
  ...of(graph, "aws:iam/role:Role").flatMap((r) => fail(!String(r.inputs.name ?? "").endsWith("-deploy"), `the app stage makes deploy role ${r.inputs.name}`)),
  ...fail(of(graph, "aws:iam/openIdConnectProvider:OpenIdConnectProvider").length === 0, "the app stage makes an OIDC provider"),
];

export const requirements: Record<string, Check> = { tables, buses, rules, targets, queues, alarms, budget, firewalls, redis, network, tags, iam, links, encryption, backup, noDeployRoles };

export function violations(graph: InfraGraph, scenario: Scenario): string[] {
  return Object.entries(requirements).flatMap(([name, check]) => check(graph, scenario).map((v) => `${name}: ${v}`));
}
