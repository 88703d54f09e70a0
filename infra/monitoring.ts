/// <reference path="../.sst/platform/config.d.ts" />
import { cachedDataTypes } from "../packages/core/src/cache/policies";
import { declaredMetrics, metricNamespace, serviceName } from "../packages/core/src/observability/catalog";
import { api, apiRoutes } from "./api";
import { auth } from "./auth";
import { redis } from "./cache";
import { batchDeadLetterQueues, deadLetterQueue, subscriberFunctionNames } from "./events";
import { expiryScheduler, jobDeadLetterQueue, outboxRelay, outboxSweep } from "./jobs";
import { audit, catalog, idempotency, orders, outbox, reservations } from "./storage";

/**
 * What on-call watches: alarms (the seeds' thresholds) on one SNS topic, a dashboard of the same
 * figures, and the monthly budget. `ALARM_EMAIL` at deploy time subscribes an address to the topic;
 * `MONTHLY_BUDGET_USD` sets the budget.
 */
const production = $app.stage === "production";
const thresholds = {
  api5xxPercent: 1,
  apiP95LatencyMs: 120,
  apiAverageLatencyMs: 500,
  cacheHitRatio: 0.8,
  redisCpuPercent: 80,
  redisMemoryPercent: 80,
  budgetForecastPercents: [80, 100],
} as const;
const fiveMinutes = 300;

export const alarmTopic = new sst.aws.SnsTopic("Alarms");
const account = aws.getCallerIdentityOutput().accountId;
new aws.sns.TopicPolicy("AlarmsPublishers", {
  arn: alarmTopic.arn,
  policy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"] },
        Action: "sns:Publish",
        Resource: alarmTopic.arn,
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  }),
});
if (process.env.ALARM_EMAIL) {
  new aws.sns.TopicSubscription("AlarmEmail", { topic: alarmTopic.arn, protocol: "email", endpoint: process.env.ALARM_EMAIL });
}

type MetricQuery = aws.types.input.cloudwatch.MetricAlarmMetricQuery;

function alarm(name: string, description: string, args: Omit<aws.cloudwatch.MetricAlarmArgs, "alarmActions" | "okActions">) {
  return new aws.cloudwatch.MetricAlarm(name, {
    name: `${$app.name}-${$app.stage}-${name}`,
    alarmDescription: description,
    alarmActions: [alarmTopic.arn],
    okActions: [alarmTopic.arn],
    // No traffic is not an incident.
    treatMissingData: "notBreaching",
    ...args,
  });
}

const metricQuery = (id: string, namespace: string, metricName: string, stat: string, dimensions: Record<string, $util.Input<string>>): MetricQuery => ({
  id,
  returnData: false,
  metric: { namespace, metricName, stat, period: fiveMinutes, dimensions },
});

// API Gateway: error rate and latency of the stage.
const apiDimensions = { ApiName: api.nodes.api.name, Stage: api.nodes.stage!.stageName };
alarm("Api5xxRate", `More than ${thresholds.api5xxPercent}% of API requests failed with 5xx for 10 minutes`, {
  comparisonOperator: "GreaterThanThreshold",
  threshold: thresholds.api5xxPercent,
  evaluationPeriods: 2,
  datapointsToAlarm: 2,
  metricQueries: [
    metricQuery("errors", "AWS/ApiGateway", "5XXError", "Sum", apiDimensions),
    metricQuery("requests", "AWS/ApiGateway", "Count", "Sum", apiDimensions),
    { id: "rate", expression: "IF(requests > 0, 100 * errors / requests, 0)", label: "5xx %", returnData: true },
  ],
});
alarm("ApiLatencyP95", `API p95 latency above ${thresholds.apiP95LatencyMs} ms for 15 minutes`, {
  namespace: "AWS/ApiGateway",
  metricName: "Latency",
  dimensions: apiDimensions,
  extendedStatistic: "p95",
  period: fiveMinutes,
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  comparisonOperator: "GreaterThanThreshold",
  threshold: thresholds.apiP95LatencyMs,
});
alarm("ApiLatencyAverage", `API average latency above ${thresholds.apiAverageLatencyMs} ms`, {
  namespace: "AWS/ApiGateway",
  metricName: "Latency",
  dimensions: apiDimensions,
  statistic: "Average",
  period: fiveMinutes,
  evaluationPeriods: 1,
  comparisonOperator: "GreaterThanThreshold",
  threshold: thresholds.apiAverageLatencyMs,
});

// DynamoDB: any throttled read or write on any table.
const tables = { catalog, reservations, orders, idempotency, outbox, audit };
for (const [key, table] of Object.entries(tables)) {
  alarm(`DynamoThrottles-${key}`, `Throttled requests on the ${key} table`, {
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    evaluationPeriods: 1,
    metricQueries: [
      metricQuery("reads", "AWS/DynamoDB", "ReadThrottleEvents", "Sum", { TableName: table.name }),
      metricQuery("writes", "AWS/DynamoDB", "WriteThrottleEvents", "Sum", { TableName: table.name }),
      { id: "throttles", expression: "reads + writes", label: "throttled requests", returnData: true },
    ],
  });
}

// Lambda: errors and throttles of every function of the app.
const functionNames: Record<string, $util.Output<string>> = {
  ApiRoot: apiRoutes[0]!.nodes.function.name,
  ApiProxy: apiRoutes[1]!.nodes.function.name,
  AuthIssuer: auth.nodes.issuer.apply((issuer) => issuer.nodes.function.name),
  OutboxRelay: outboxRelay.nodes.function.name,
  OutboxSweep: outboxSweep.nodes.function.name,
  ReservationExpiry: expiryScheduler.nodes.function.name,
  ...subscriberFunctionNames,
};
for (const [key, functionName] of Object.entries(functionNames)) {
  alarm(`LambdaErrors-${key}`, `The ${key} function failed or was throttled`, {
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    evaluationPeriods: 1,
    metricQueries: [
      metricQuery("errors", "AWS/Lambda", "Errors", "Sum", { FunctionName: functionName }),
      metricQuery("throttles", "AWS/Lambda", "Throttles", "Sum", { FunctionName: functionName }),
      { id: "failures", expression: "errors + throttles", label: "errors + throttles", returnData: true },
    ],
  });
}

// Dead-letter queues: anything in one is an event that did not reach a subscriber.
const deadLetterQueues = { ReservationEvents: deadLetterQueue, JobTicks: jobDeadLetterQueue, ...batchDeadLetterQueues };
for (const [key, queue] of Object.entries(deadLetterQueues)) {
  alarm(`DeadLetters-${key}`, `Messages waiting in the ${key} dead-letter queue (README: "Runbooks")`, {
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: { QueueName: queue.nodes.queue.name },
    statistic: "Maximum",
    period: fiveMinutes,
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
  });
}

// Search cache: served from cache (fresh or stale) over all lookups, every vertical together.
const cacheQueries = cachedDataTypes.flatMap((vertical, index) =>
  (["CacheHit", "CacheMiss", "CacheStale"] as const).map((name) =>
    metricQuery(`${name.slice(5).toLowerCase()}${index}`, metricNamespace, name, "Sum", { service: serviceName, Vertical: vertical }),
  ),
);
const sumOf = (prefix: string) => cachedDataTypes.map((_, index) => `FILL(${prefix}${index}, 0)`).join(" + ");
export const cacheHitRatioAlarm = alarm("CacheHitRatio", `Search cache hit ratio below ${thresholds.cacheHitRatio * 100}% for 15 minutes`, {
  comparisonOperator: "LessThanThreshold",
  threshold: thresholds.cacheHitRatio,
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  metricQueries: [
    ...cacheQueries,
    { id: "served", expression: `${sumOf("hit")} + ${sumOf("stale")}`, returnData: false },
    { id: "lookups", expression: `${sumOf("hit")} + ${sumOf("miss")} + ${sumOf("stale")}`, returnData: false },
    { id: "ratio", expression: "IF(lookups > 0, served / lookups)", label: "cache hit ratio", returnData: true },
  ],
});

// Redis: CPU, memory and evictions on every node (under `sst dev` there is no cluster).
const redisNodes = $dev ? [] : production ? ["0001-001", "0001-002"] : ["0001-001"];
for (const node of redisNodes) {
  const dimensions = { CacheClusterId: redis.nodes.cluster.id.apply((group) => `${group}-${node}`) };
  const redisAlarm = (key: string, description: string, metricName: string, statistic: string, threshold: number) =>
    alarm(`Redis${key}-${node}`, description, {
      namespace: "AWS/ElastiCache", metricName, dimensions, statistic, period: fiveMinutes, evaluationPeriods: 3, datapointsToAlarm: 3, comparisonOperator: "GreaterThanThreshold", threshold,
    });
  redisAlarm("Cpu", `Redis engine CPU above ${thresholds.redisCpuPercent}%`, "EngineCPUUtilization", "Average", thresholds.redisCpuPercent);
  redisAlarm("Memory", `Redis memory above ${thresholds.redisMemoryPercent}% of the node`, "DatabaseMemoryUsagePercentage", "Average", thresholds.redisMemoryPercent);
  redisAlarm("Evictions", "Redis evicted keys (memory full): cache entries and counters are being lost", "Evictions", "Sum", 0);
}

// Cost: a monthly budget on this stage's resources (tagged `stage` by sst.config.ts), alerting on
// the forecast. Billing can only activate a tag key it has already seen on a resource (up to a day
// after the first deploy), so activation is a second, deliberate deploy: COST_ALLOCATION_TAGS=activate.
if (process.env.COST_ALLOCATION_TAGS === "activate") {
  for (const tagKey of ["project", "stage"]) new aws.costexplorer.CostAllocationTag(`CostTag-${tagKey}`, { tagKey, status: "Active" }, { retainOnDelete: true });
}
new aws.budgets.Budget("MonthlyBudget", {
  // Budgets are per account, not per region: the region keeps a stage failed over to its DR region
  // (docs/disaster-recovery.md) from clashing with the budget its lost region still holds.
  name: $interpolate`${$app.name}-${$app.stage}-${aws.getRegionOutput().name}-monthly`,
  budgetType: "COST",
  timeUnit: "MONTHLY",
  limitAmount: process.env.MONTHLY_BUDGET_USD ?? (production ? "2000" : "100"),
  limitUnit: "USD",
  costFilters: [{ name: "TagKeyValue", values: [`user:stage$${$app.stage}`] }],
  notifications: thresholds.budgetForecastPercents.map((threshold) => ({
    comparisonOperator: "GREATER_THAN",
    threshold,
    thresholdType: "PERCENTAGE",
    notificationType: "FORECASTED",
    subscriberSnsTopicArns: [alarmTopic.arn],
  })),
});

// The dashboard: the alarms' figures and the declared metrics, one widget each.
const region = aws.getRegionOutput().name;
const search = (metric: keyof typeof declaredMetrics, stat: string) =>
  `SEARCH('{${metricNamespace},service,${declaredMetrics[metric].dimensions.join(",")}} MetricName="${metric}"', '${stat}', ${fiveMinutes})`;
const widget = (title: string, metrics: unknown[], extra: Record<string, unknown> = {}) => ({
  type: "metric",
  width: 12,
  height: 6,
  properties: { title, region, metrics, period: fiveMinutes, view: "timeSeries", ...extra },
});
const expression = (expr: string, label: string) => [{ expression: expr, label, id: label.replace(/\W/g, "").toLowerCase() }];
const appFunctions = `${$app.name}-${$app.stage}`;

export const dashboard = new aws.cloudwatch.Dashboard("Dashboard", {
  dashboardName: `${$app.name}-${$app.stage}`,
  dashboardBody: $jsonStringify({
    widgets: [
      widget("API requests and errors", [
        ["AWS/ApiGateway", "Count", "ApiName", apiDimensions.ApiName, "Stage", apiDimensions.Stage, { stat: "Sum" }],
        [".", "5XXError", ".", ".", ".", ".", { stat: "Sum" }],
        [".", "4XXError", ".", ".", ".", ".", { stat: "Sum" }],
      ]),
      widget("API latency (API Gateway)", [
        ["AWS/ApiGateway", "Latency", "ApiName", apiDimensions.ApiName, "Stage", apiDimensions.Stage, { stat: "p95" }],
        ["...", { stat: "Average" }],
      ], { annotations: { horizontal: [{ value: thresholds.apiP95LatencyMs, label: "p95 alarm" }] } }),
      widget("APILatency p95 by route", [expression(search("APILatency", "p95"), "route")]),
      widget("Cache hit ratio", [], { annotations: { alarms: [cacheHitRatioAlarm.arn] } }),
      widget("Cache hits, misses and stale answers by vertical", [
        expression(search("CacheHit", "Sum"), "hits"),
        expression(search("CacheMiss", "Sum"), "misses"),
        expression(search("CacheStale", "Sum"), "stale"),
      ]),
      widget("Supplier calls: p95 duration and errors", [
        expression(search("SupplierCallDuration", "p95"), "duration"),
        expression(search("SupplierCallErrors", "Sum"), "errors"),
      ]),
      widget("Reservations by status", [expression(search("ReservationStatusCount", "Sum"), "status")]),
      widget("DynamoDB operation latency p95", [expression(search("DynamoDBOperationLatency", "p95"), "operations")]),
      widget("Requests refused by rate limits", [expression(search("RateLimited", "Sum"), "refused")]),
      widget("Lambda errors and throttles", [
        expression(`SEARCH('{AWS/Lambda,FunctionName} MetricName="Errors" ${appFunctions}', 'Sum', ${fiveMinutes})`, "errors"),
        expression(`SEARCH('{AWS/Lambda,FunctionName} MetricName="Throttles" ${appFunctions}', 'Sum', ${fiveMinutes})`, "throttles"),
      ]),
      widget(
        "Dead-letter queues",
        Object.values(deadLetterQueues).map((queue) => ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue.nodes.queue.name, { stat: "Maximum" }]),
      ),
      widget("Redis CPU, memory, evictions", [
        expression(`SEARCH('{AWS/ElastiCache,CacheClusterId} MetricName="EngineCPUUtilization"', 'Average', ${fiveMinutes})`, "cpu"),
        expression(`SEARCH('{AWS/ElastiCache,CacheClusterId} MetricName="DatabaseMemoryUsagePercentage"', 'Average', ${fiveMinutes})`, "memory"),
        expression(`SEARCH('{AWS/ElastiCache,CacheClusterId} MetricName="Evictions"', 'Sum', ${fiveMinutes})`, "evictions"),
      ]),
    ],
  }),
});
