/// <reference path="../.sst/platform/config.d.ts" />

/**
 * Defaults for every function of the app, set before any is created (sst.config.ts imports this
 * first): X-Ray active tracing (Powertools Tracer writes the subsegments, core/observability), the
 * permission to send traces, and logs kept 30 days.
 */
/** X-Ray on every function and on the API stage (infra/api.ts). */
export const tracingMode = "Active";

$transform(sst.aws.Function, (args) => {
  args.logging ??= { retention: "1 month" };
  args.permissions = $output(args.permissions ?? []).apply((permissions) => [
    ...permissions,
    { actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] },
  ]);
});

// Every Lambda function resource, including those SST components create for us (routes, crons,
// subscribers, the auth issuer).
$transform(aws.lambda.Function, (args) => {
  args.tracingConfig = { mode: tracingMode };
});
