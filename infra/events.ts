/// <reference path="../.sst/platform/config.d.ts" />
import { intervals } from "../packages/core/src/analytics/metrics";
import { eventCatalog } from "../packages/core/src/events/catalog";
import { eventRules, subscriptions, type EventRule, type RuleName, type Subscription, type SubscriberLink } from "../packages/core/src/events/subscriptions";
import { analyticsForwarding } from "./analytics";
import { bookingSettings, email } from "./booking";
import { redis } from "./cache";
import { vpc } from "./network";
import { catalog, idempotency, outbox, reservations } from "./storage";
import { carSupplierApi, duffelApiLink } from "./suppliers";

/** The platform's event bus (supplier price and inventory changes). */
export const bus = new sst.aws.Bus("Bus");

/** The reservation contract's isolated reservation bus, its 365-day archive and its dead-letter queue. */
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
 * The analytics batches the API publishes and the review events, archived as long as the day
 * aggregates live, so the aggregates can be rebuilt from them with the reservation archive
 * (README, "Runbooks").
 */
new aws.cloudwatch.EventArchive("AnalyticsEventsArchive", {
  name: `${$app.stage}-analytics-events-archive`,
  eventSourceArn: bus.arn,
  retentionDays: intervals.day.retentionSeconds / 86_400,
  eventPattern: JSON.stringify({ source: [eventCatalog.AnalyticsRecorded.source, eventCatalog.ReviewSubmitted.source] }),
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
// A subscription whose link is not configured on this stage (undefined) is not deployed.
const links: Record<SubscriberLink, unknown> = {
  Redis: redis,
  ReservationsTable: reservations,
  IdempotencyTable: idempotency,
  OutboxTable: outbox,
  CatalogTable: catalog,
  Booking: bookingSettings,
  DuffelApi: duffelApiLink,
  CarSupplierApi: carSupplierApi,
  Email: email,
  AnalyticsForwarding: analyticsForwarding,
};

// One rule per declared rule (the reservation contract's carry their names), each targeting its subscribers'
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

/** Lets the given rules (and only them) send to a queue: a DLQ or a batch subscriber's queue. */
export function allowRulesToSend(name: string, queue: sst.aws.Queue, senders: aws.cloudwatch.EventRule[]) {
  new aws.sqs.QueuePolicy(name, {
    queueUrl: queue.url,
    policy: $jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: "sqs:SendMessage",
          Resource: queue.arn,
          Condition: { ArnEquals: { "aws:SourceArn": senders.map((r) => r.arn) } },
        },
      ],
    }),
  });
}

allowRulesToSend("ReservationDeadLetterQueuePolicy", deadLetterQueue, Object.values(rules));

function subscriberFunction(subscription: Subscription): sst.aws.FunctionArgs {
  return {
    handler: subscription.handler,
    runtime: "nodejs22.x",
    architecture: "arm64",
    timeout: "30 seconds",
    link: subscription.links.map((name) => links[name]) as never,
    ...(subscription.links.includes("Redis") ? { vpc } : {}),
  };
}

/**
 * A batch subscriber: its rules put events on its own queue, whose consumer takes them in batches;
 * a batch that keeps failing moves to the queue's dead-letter queue after `maxReceives` tries.
 */
function batchSubscriber(subscription: Subscription & { batch: NonNullable<Subscription["batch"]> }) {
  const deadLetters = new sst.aws.Queue(`${subscription.name}DeadLetterQueue`, {
    transform: { queue: (args) => void ((args.messageRetentionSeconds = 14 * 24 * 3600), (args.sqsManagedSseEnabled = true)) },
  });
  const queue = new sst.aws.Queue(`${subscription.name}Queue`, {
    dlq: { queue: deadLetters.arn, retry: subscription.batch.maxReceives },
    // SQS wants at least the consumer's timeout; six times it leaves room for Lambda's own retries.
    visibilityTimeout: "3 minutes",
    transform: { queue: (args) => void (args.sqsManagedSseEnabled = true) },
  });
  const subscriber = queue.subscribe(subscriberFunction(subscription), {
    batch: { size: subscription.batch.size, window: `${subscription.batch.windowSeconds} seconds` },
  });
  allowRulesToSend(`${subscription.name}QueuePolicy`, queue, subscription.rules.map((ruleName) => rules[ruleName]));
  for (const ruleName of subscription.rules) {
    new aws.cloudwatch.EventTarget(`${subscription.name}${ruleName}Target`, {
      rule: rules[ruleName].name,
      eventBusName: ruleBus[ruleName],
      arn: queue.arn,
      retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 24 * 3600 },
      deadLetterConfig: { arn: deadLetterQueue.arn },
    });
  }
  return { queue, deadLetters, functionName: subscriber.nodes.function.apply((fn) => fn.nodes.function.name) };
}

/** The dead-letter queues of the batch subscribers, by subscription (monitoring alarms on their depth). */
export const batchDeadLetterQueues: Record<string, sst.aws.Queue> = {};
/** Every subscriber's Lambda function name, by subscription (monitoring alarms on their errors). */
export const subscriberFunctionNames: Record<string, $util.Output<string>> = {};

for (const subscription of subscriptions) {
  if (subscription.links.some((name) => links[name] === undefined)) continue;
  if (subscription.batch) {
    const { deadLetters, functionName } = batchSubscriber({ ...subscription, batch: subscription.batch });
    batchDeadLetterQueues[subscription.name] = deadLetters;
    subscriberFunctionNames[subscription.name] = functionName;
    continue;
  }
  const fn = new sst.aws.Function(`${subscription.name}Subscriber`, subscriberFunction(subscription));
  subscriberFunctionNames[subscription.name] = fn.nodes.function.name;
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
