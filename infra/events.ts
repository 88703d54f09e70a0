/// <reference path="../.sst/platform/config.d.ts" />
import { intervals } from "../packages/core/src/analytics/metrics";
import { eventCatalog } from "../packages/core/src/events/catalog";
import { eventRules, subscriptions, type EventRule, type RuleName, type SubscriberLink } from "../packages/core/src/events/subscriptions";
import { email } from "./booking";
import { redis } from "./cache";
import { vpc } from "./network";
import { idempotency, reservations } from "./storage";

/** The platform's event bus (supplier price and inventory changes). */
export const bus = new sst.aws.Bus("Bus");

/** Seed 004's isolated reservation bus, its 365-day archive and its dead-letter queue. */
export const reservationBus = new sst.aws.Bus("ReservationBus", {
  transform: { bus: (args) => void (args.name = `${$app.stage}-reservation-events`) },
});

new aws.cloudwatch.EventArchive("ReservationEventsArchive", {
  name: `${$app.stage}-reservation-events-archive`,
  eventSourceArn: reservationBus.arn,
  retentionDays: 365,
  eventPattern: JSON.stringify({ source: [eventCatalog.ReservationCreated.source] }),
});

/**
 * The analytics batches the API publishes, archived as long as the day aggregates live, so the
 * aggregates can be rebuilt from them with the reservation archive (README, "Runbooks").
 */
new aws.cloudwatch.EventArchive("AnalyticsEventsArchive", {
  name: `${$app.stage}-analytics-events-archive`,
  eventSourceArn: bus.arn,
  retentionDays: intervals.day.retentionSeconds / 86_400,
  eventPattern: JSON.stringify({ source: [eventCatalog.AnalyticsRecorded.source] }),
});

export const deadLetterQueue = new sst.aws.Queue("ReservationDeadLetterQueue", {
  transform: {
    queue: (args) => {
      args.name = `${$app.stage}-reservation-events-dlq`;
      args.messageRetentionSeconds = 14 * 24 * 3600;
      args.visibilityTimeoutSeconds = 300;
      args.sqsManagedSseEnabled = true;
    },
  },
});

const buses = { platform: bus, reservations: reservationBus };
const links: Record<SubscriberLink, unknown> = { Redis: redis, ReservationsTable: reservations, IdempotencyTable: idempotency, Email: email };

// One rule per declared rule (seed 004's carry its names), each targeting its subscribers'
// functions; undeliverable events go to the DLQ after EventBridge's retries.
export const rules = Object.fromEntries(
  (Object.keys(eventRules) as RuleName[]).map((ruleName) => {
    const rule: EventRule = eventRules[ruleName];
    return [
      ruleName,
      new aws.cloudwatch.EventRule(`${ruleName}Rule`, {
        ...(rule.physicalName ? { name: rule.physicalName.replaceAll("{stage}", $app.stage) } : {}),
        eventBusName: buses[rule.bus].name,
        eventPattern: JSON.stringify({
          ...(rule.pattern.source ? { source: rule.pattern.source } : {}),
          ...(rule.pattern.detailType ? { "detail-type": rule.pattern.detailType } : {}),
          ...(rule.pattern.detail ? { detail: rule.pattern.detail } : {}),
        }),
      }),
    ];
  }),
) as Record<RuleName, aws.cloudwatch.EventRule>;
const ruleBus = Object.fromEntries((Object.keys(eventRules) as RuleName[]).map((r) => [r, buses[eventRules[r].bus].name])) as Record<RuleName, $util.Output<string>>;

new aws.sqs.QueuePolicy("ReservationDeadLetterQueuePolicy", {
  queueUrl: deadLetterQueue.url,
  policy: $jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: deadLetterQueue.arn,
        Condition: { ArnEquals: { "aws:SourceArn": Object.values(rules).map((r) => r.arn) } },
      },
    ],
  }),
});

for (const subscription of subscriptions) {
  const needsVpc = subscription.links.includes("Redis");
  const fn = new sst.aws.Function(`${subscription.name}Subscriber`, {
    handler: subscription.handler,
    runtime: "nodejs22.x",
    architecture: "arm64",
    timeout: "30 seconds",
    link: subscription.links.map((name) => links[name]) as never,
    ...(needsVpc ? { vpc } : {}),
  });
  for (const ruleName of subscription.rules) {
    const rule = rules[ruleName];
    const permission = new aws.lambda.Permission(`${subscription.name}${ruleName}Permission`, {
      action: "lambda:InvokeFunction",
      function: fn.name,
      principal: "events.amazonaws.com",
      sourceArn: rule.arn,
    });
    new aws.cloudwatch.EventTarget(
      `${subscription.name}${ruleName}Target`,
      {
        rule: rule.name,
        eventBusName: ruleBus[ruleName],
        arn: fn.arn,
        retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 24 * 3600 },
        deadLetterConfig: { arn: deadLetterQueue.arn },
      },
      { dependsOn: [permission] },
    );
  }
}
