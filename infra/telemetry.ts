/// <reference path="../.sst/platform/config.d.ts" />

/**
 * Defaults for every function of the app, set before any is created (sst.config.ts imports this
 * first): X-Ray active tracing (Powertools Tracer writes the subsegments, core/observability), the
 * permission to send traces, logs kept 30 days, and a role only Lambda can assume.
 */
/** X-Ray on every function and on the API stage (infra/api.ts). */
export const tracingMode = "Active";

$transform(sst.aws.Function, (args) => {
  args.logging ??= { retention: "1 month" };
  args.permissions = $output(args.permissions ?? []).apply((permissions) => [
    ...permissions,
    { actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] },
  ]);
  if (!$dev) args.transform = { ...args.transform, role: lambdaOnlyRole(args.transform?.role) };
});

/**
 * SST 3.19's Function role also trusts the account root outside `sst dev` (function.ts tests
 * `!dev` on an Output, which is always truthy), so any principal of the account allowed
 * `sts:AssumeRole` could act as any function. `sst dev` needs that trust (the CLI runs functions
 * locally as their role), so only deployed stages get a role that Lambda alone can assume; a
 * function's own `transform.role` still applies after this.
 */
const lambdaTrustPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
type RoleTransform = NonNullable<NonNullable<sst.aws.FunctionArgs["transform"]>["role"]>;
function lambdaOnlyRole(own: RoleTransform | undefined): RoleTransform {
  return (roleArgs, opts, name) => {
    roleArgs.assumeRolePolicy = lambdaTrustPolicy;
    if (typeof own === "function") own(roleArgs, opts, name);
    else if (own) Object.assign(roleArgs, own);
  };
}

// Every Lambda function resource, including those SST components create for us (routes, crons,
// subscribers, the auth issuer).
$transform(aws.lambda.Function, (args) => {
  args.tracingConfig = { mode: tracingMode };
});
