/// <reference path="../.sst/platform/config.d.ts" />
import { drRegion } from "./providers";

/**
 * What the GitHub Actions workflows (.github/workflows; docs/deploy.md "Pipeline") deploy as, in
 * a stage of its own, `pipeline`, that holds nothing of the app: GitHub's OIDC provider and one role
 * per GitHub environment (preview, staging, production), which only that environment's jobs in
 * this repository can assume. Someone with admin rights deploys it once per account
 * (`GITHUB_REPOSITORY=owner/repo pnpm sst deploy --stage pipeline`); no workflow deploys it, so no
 * deploy can change its own permissions, and no app deploy, whatever its settings, can remove them.
 *
 * A role may act on the services the app's resources live in, in the app's regions, and on IAM
 * roles only when they carry its stage's tag (every role the app makes does: the default tags),
 * so a stage's deploy can neither touch another stage's roles nor these.
 */
const repository = process.env.GITHUB_REPOSITORY;
const githubIssuer = "token.actions.githubusercontent.com";

/** The GitHub environments, with the SST stages each may deploy (`pr-<number>` for previews). */
const environments = {
  preview: "pr-*",
  staging: "staging",
  production: "production",
} as const;
type Environment = keyof typeof environments;
const wanted = (process.env.PIPELINE_ENVIRONMENTS ?? Object.keys(environments).join(",")).split(",").map((e) => e.trim()) as Environment[];

/**
 * The services a deploy creates or changes resources in: each resource type of the app's graph
 * maps to one (the graph test holds this list to the production graph), and SST's own: its state
 * and asset buckets (s3), its bootstrap parameters (ssm), the Router's key-value store that its
 * deploy writes (cloudfront-keyvaluestore, below), certificates for WEB_DOMAIN (acm), the VPC
 * namespace's private zone and WEB_DOMAIN's records (route53), vault storage (backup-storage),
 * cost allocation tags (ce).
 */
const deployedServices = [
  "acm", "apigateway", "backup", "backup-storage", "budgets", "ce", "cloudfront", "cloudwatch", "dynamodb", "ec2", "elasticache", "events",
  "lambda", "logs", "route53", "s3", "secretsmanager", "servicediscovery", "ses", "sns", "sqs", "ssm", "wafv2",
] as const;

/** The managed policies the app's roles carry; a deploy may attach these and no others. */
const attachablePolicies = [
  "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
  "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
];

/** IAM actions on the app's own roles and instance profiles; never users, keys or policies. */
const roleActions = [
  "iam:GetRole", "iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:PassRole",
  "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole",
  "iam:GetInstanceProfile", "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile",
];

function deployRole(environment: Environment, provider: $util.Input<string>) {
  const account = aws.getCallerIdentityOutput().accountId;
  const regions = aws.getRegionOutput().name.apply((home) => [...new Set([home, "us-east-1", ...(drRegion ? [drRegion] : [])])]);
  const stageTag = environments[environment];
  // Roles of this stage (or, for previews, of any pr-* stage): tagged so when created, and when touched.
  const stageCondition = (tagKey: string) => ({ [stageTag.includes("*") ? "StringLike" : "StringEquals"]: { [tagKey]: stageTag } });
  return new aws.iam.Role(`${environment[0]!.toUpperCase()}${environment.slice(1)}DeployRole`, {
    name: `${$app.name}-${environment}-deploy`,
    description: `GitHub Actions deploys of ${repository}, environment ${environment} (stages ${stageTag})`,
    maxSessionDuration: 2 * 3600,
    assumeRolePolicy: $jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: provider },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${githubIssuer}:aud`]: "sts.amazonaws.com", [`${githubIssuer}:sub`]: `repo:${repository}:environment:${environment}` } },
        },
      ],
    }),
    inlinePolicies: [
      {
        name: "deploy",
        policy: $jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AppServicesInItsRegions",
              Effect: "Allow",
              Action: deployedServices.map((service) => `${service}:*`),
              Resource: "*",
              Condition: { StringEquals: { "aws:RequestedRegion": regions } },
            },
            // Its API is global (signed for every region), so it takes no region condition.
            { Sid: "RouterKeyValueStores", Effect: "Allow", Action: "cloudfront-keyvaluestore:*", Resource: $interpolate`arn:aws:cloudfront::${account}:key-value-store/*` },
            { Sid: "WhoAmI", Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" },
            { Sid: "CreateTheStagesRoles", Effect: "Allow", Action: ["iam:CreateRole", "iam:CreateInstanceProfile", "iam:TagRole", "iam:TagInstanceProfile"], Resource: [$interpolate`arn:aws:iam::${account}:role/*`, $interpolate`arn:aws:iam::${account}:instance-profile/*`], Condition: stageCondition("aws:RequestTag/stage") },
            { Sid: "ChangeTheStagesRoles", Effect: "Allow", Action: roleActions, Resource: [$interpolate`arn:aws:iam::${account}:role/*`, $interpolate`arn:aws:iam::${account}:instance-profile/*`], Condition: stageCondition("aws:ResourceTag/stage") },
            { Sid: "AttachOnlyTheAppsManagedPolicies", Effect: "Allow", Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"], Resource: $interpolate`arn:aws:iam::${account}:role/*`, Condition: { ...stageCondition("aws:ResourceTag/stage"), ArnEquals: { "iam:PolicyARN": attachablePolicies } } },
            { Sid: "ServiceLinkedRoles", Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: $interpolate`arn:aws:iam::${account}:role/aws-service-role/*` },
            {
              Sid: "NoAccountWideIdentityChanges",
              Effect: "Deny",
              Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:AttachUserPolicy", "iam:PutUserPolicy", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:CreateOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint", "organizations:*", "account:*"],
              Resource: "*",
            },
          ],
        }),
      },
    ],
  });
}

/** The `pipeline` stage (sst.config.ts runs only this for it). */
export function pipeline() {
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new Error("deploy the pipeline stage with GITHUB_REPOSITORY=<owner>/<repo>: the repository whose workflows may deploy");
  const unknown = wanted.filter((e) => !(e in environments));
  if (unknown.length) throw new Error(`PIPELINE_ENVIRONMENTS: unknown environment ${unknown.join(", ")} (known: ${Object.keys(environments).join(", ")})`);
  // GitHub's OIDC provider exists once per account: name an existing one, or this stage makes it.
  const provider = process.env.DEPLOY_OIDC_PROVIDER_ARN || new aws.iam.OpenIdConnectProvider("GithubActions", { url: `https://${githubIssuer}`, clientIdLists: ["sts.amazonaws.com"] }).arn;
  return Object.fromEntries(wanted.map((environment) => [environment, deployRole(environment, provider)]));
}
