/// <reference path="../.sst/platform/config.d.ts" />
import { drRegion } from "./providers";

/**
 * What the GitHub Actions workflows (.github/workflows, docs/deploy.md "Pipeline") deploy as: a role
 * that only GitHub's OIDC tokens for this repository's `<stage>` environment can assume, with the
 * actions a deploy of this app needs and nothing account-wide. Bootstrapped once per stage by
 * someone with admin rights (`GITHUB_REPOSITORY=owner/repo sst deploy --stage staging`); later
 * deploys run in GitHub Actions, where GITHUB_REPOSITORY is always set, so the role stays. The
 * `staging` stage also makes the role pull-request previews (`pr-<number>` stages, environment
 * `preview`) deploy with. GitHub's OIDC provider exists once per account: the first stage creates
 * it, other stages in the account name it with DEPLOY_OIDC_PROVIDER_ARN.
 */
const repository = process.env.GITHUB_REPOSITORY || undefined;
const githubIssuer = "token.actions.githubusercontent.com";

/**
 * The services a deploy creates or changes resources in (each type in the resource graph maps to
 * one; the graph test holds this list to the graph), plus SST's own: its state and asset buckets
 * (s3) and its bootstrap parameters (ssm). Of STS a deploy needs only to know who it is.
 */
const deployedServices = [
  "apigateway", "backup", "backup-storage", "budgets", "ce", "cloudfront", "cloudwatch", "dynamodb", "ec2", "elasticache", "events", "iam",
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

/** IAM actions a deploy needs: the app's roles and instance profiles, never users, keys or policies of its own. */
const iamActions = [
  "iam:GetRole", "iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:PassRole",
  "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole",
  "iam:GetInstanceProfile", "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile",
  "iam:GetOpenIDConnectProvider", "iam:CreateServiceLinkedRole",
];

function deployRole(name: string, environment: string, provider: $util.Input<string>) {
  const account = aws.getCallerIdentityOutput().accountId;
  const region = aws.getRegionOutput().name;
  const regions = $output(region).apply((home) => [...new Set([home, "us-east-1", ...(drRegion ? [drRegion] : [])])]);
  return new aws.iam.Role(name, {
    name: `${$app.name}-${environment}-deploy`,
    description: `GitHub Actions deploys of ${repository} (environment ${environment})`,
    maxSessionDuration: 2 * 3600,
    assumeRolePolicy: $jsonStringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: provider },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { [`${githubIssuer}:aud`]: "sts.amazonaws.com", [`${githubIssuer}:sub`]: `repo:${repository}:environment:${environment}` },
          },
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
              Action: deployedServices.filter((service) => service !== "iam").map((service) => `${service}:*`),
              Resource: "*",
              Condition: { StringEquals: { "aws:RequestedRegion": regions } },
            },
            { Sid: "WhoAmI", Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" },
            {
              Sid: "AppRolesOnly",
              Effect: "Allow",
              Action: iamActions,
              Resource: [$interpolate`arn:aws:iam::${account}:role/*`, $interpolate`arn:aws:iam::${account}:instance-profile/*`, $interpolate`arn:aws:iam::${account}:oidc-provider/${githubIssuer}`],
            },
            {
              Sid: "AttachOnlyTheAppsManagedPolicies",
              Effect: "Allow",
              Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
              Resource: $interpolate`arn:aws:iam::${account}:role/*`,
              Condition: { ArnEquals: { "iam:PolicyARN": attachablePolicies } },
            },
            {
              Sid: "NoAccountWideIdentityChanges",
              Effect: "Deny",
              Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:AttachUserPolicy", "iam:PutUserPolicy", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "organizations:*", "account:*"],
              Resource: "*",
            },
          ],
        }),
      },
    ],
  });
}

function githubOidcProvider() {
  if (process.env.DEPLOY_OIDC_PROVIDER_ARN) return process.env.DEPLOY_OIDC_PROVIDER_ARN;
  return new aws.iam.OpenIdConnectProvider("GithubActions", { url: `https://${githubIssuer}`, clientIdLists: ["sts.amazonaws.com"] }).arn;
}

export const deployRoles = (() => {
  if (!repository) return {};
  const provider = githubOidcProvider();
  return {
    [$app.stage]: deployRole("DeployRole", $app.stage, provider),
    ...($app.stage === "staging" ? { preview: deployRole("PreviewDeployRole", "preview", provider) } : {}),
  };
})();
