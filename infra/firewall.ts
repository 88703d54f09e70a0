/// <reference path="../.sst/platform/config.d.ts" />
import { edgeFloodGuard } from "../packages/core/src/identity/plans";

/**
 * The WAF rules, declared once for both web ACLs: the regional one on the API stage (infra/api.ts)
 * and the CloudFront one on the Router (infra/router.ts). AWS's managed common, known-bad-inputs
 * and IP-reputation rules, and a per-address flood guard for requests without an API key
 * (partners are limited by their plans).
 */
const managedRules = ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"];
const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

const rules: aws.types.input.wafv2.WebAclRule[] = [
  ...managedRules.map((name, index) => ({
    name,
    priority: index,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
    visibilityConfig: visibility(name),
  })),
  {
    name: "FloodGuardWithoutApiKey",
    priority: managedRules.length,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit: edgeFloodGuard.requestsPer5Minutes,
        aggregateKeyType: "IP",
        scopeDownStatement: {
          notStatement: {
            statements: [{ sizeConstraintStatement: { fieldToMatch: { singleHeader: { name: "x-api-key" } }, comparisonOperator: "GT", size: 0, textTransformations: [{ priority: 0, type: "NONE" }] } }],
          },
        },
      },
    },
    visibilityConfig: visibility("FloodGuardWithoutApiKey"),
  },
];

/**
 * A web ACL with the rules above. `REGIONAL` ones live in the app's region; `CLOUDFRONT` ones must
 * be created in us-east-1 (pass that region's provider); `metricName` names the ACL's metrics.
 */
export function firewall(name: string, scope: "REGIONAL" | "CLOUDFRONT", metricName: string, opts?: $util.CustomResourceOptions) {
  return new aws.wafv2.WebAcl(name, { scope, defaultAction: { allow: {} }, visibilityConfig: visibility(metricName), rules }, opts);
}
