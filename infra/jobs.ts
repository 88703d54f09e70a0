/// <reference path="../.sst/platform/config.d.ts" />
import { bookingSettings } from "./booking";
import { allowRulesToSend, bus, deadLetterQueue, reservationBus } from "./events";
import { catalog, outbox, reservations } from "./storage";

/** The outbox relay: new rows from the table's stream → PutEvents on the bus each event is declared for (reservations: the reservation bus; reviews: the platform bus). */
export const outboxRelay = outbox.subscribe(
  "OutboxRelay",
  {
    handler: "packages/functions/src/events/outbox-relay.handler",
    runtime: "nodejs22.x",
    architecture: "arm64",
    timeout: "30 seconds",
    link: [outbox, reservationBus, bus, deadLetterQueue],
  },
  {
    filters: [{ eventName: ["INSERT"] }],
    transform: {
      eventSourceMapping: (args) => {
        args.batchSize = 10;
        args.maximumBatchingWindowInSeconds = 0;
        args.bisectBatchOnFunctionError = true;
        args.maximumRetryAttempts = 10;
      },
    },
  },
);

/**
 * Where a schedule's tick goes when EventBridge cannot invoke the job after its retries (the
 * function throttled or failing to start for longer than a minute): not lost without a trace, and
 * alarmed on (infra/monitoring.ts). A tick is only a reminder, so it is retried briefly: the next
 * one comes a minute later anyway.
 */
export const jobDeadLetterQueue = new sst.aws.Queue("JobDeadLetterQueue", {
  transform: { queue: (args) => void ((args.messageRetentionSeconds = 14 * 24 * 3600), (args.sqsManagedSseEnabled = true)) },
});
const scheduleDelivery = {
  target: {
    retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 60 },
    deadLetterConfig: { arn: jobDeadLetterQueue.arn },
  },
};

/** Retries of rows whose publish failed (and anything the stream handler missed). */
export const outboxSweep = new sst.aws.Cron("OutboxSweep", {
  schedule: "rate(1 minute)",
  function: {
    handler: "packages/functions/src/jobs/outbox-sweep.handler",
    runtime: "nodejs22.x",
    architecture: "arm64",
    timeout: "60 seconds",
    link: [outbox, reservationBus, bus, deadLetterQueue],
  },
  transform: scheduleDelivery,
});

/** The reservation contract's expiry scheduler: expired holds → EXPIRED, inventory released. */
export const expiryScheduler = new sst.aws.Cron("ReservationExpiryScheduler", {
  schedule: "rate(1 minute)",
  function: {
    handler: "packages/functions/src/jobs/expire-holds.handler",
    runtime: "nodejs22.x",
    architecture: "arm64",
    timeout: "60 seconds",
    link: [reservations, outbox, catalog, bookingSettings],
  },
  transform: { ...scheduleDelivery, rule: (args) => void (args.name = `${$app.stage}-reservation-expiry-scheduler`) },
});

allowRulesToSend("JobDeadLetterQueuePolicy", jobDeadLetterQueue, [outboxSweep.nodes.rule, expiryScheduler.nodes.rule]);
