/**
 * The AWS side of an infra graph evaluation: Pulumi's own mock monitor (`runtime.setMocks`, the way
 * SST tests its components) answers every resource registration and every provider function call
 * (`aws.getRegionOutput()` …) in place of the cloud, and records what was asked. What the cloud would
 * compute (ARNs, URLs, endpoints) is made up in the shape AWS gives it, so the program's `apply`
 * callbacks run as they would in a deploy. Nothing here decides what the graph contains: the program
 * (`sst.config.ts`, `infra/*.ts`, SST's components) does.
 *
 * This module is bundled into the evaluated program (graph-program.ts) so that it shares the one
 * `@pulumi/pulumi` instance of `.sst/platform` with SST's components.
 */
import { exec } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";

const runShell = promisify(exec);

/** The made-up account every ARN names. */
export const mockAccountId = "123456789012";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  /** False for component resources (SST's `sst:aws:*`), which AWS never sees. */
  custom: boolean;
  /** The explicit provider's URN, or undefined for the default provider. */
  provider?: string;
  inputs: Record<string, unknown>;
  /** The existing resource's id when the program imports it rather than creating it. */
  importId?: string;
  /** What the mock cloud made up for it (name, ARN, URL …), as AWS would return on create. */
  outputs: Record<string, unknown>;
}

export interface RecordedCall {
  token: string;
  provider?: string;
  inputs: Record<string, unknown>;
}

/** The regions each explicit provider was configured with, by provider name. */
const providerRegions = new Map<string, string>();

export function installMockCloud(options: { project: string; stack: string; region: string; config: Record<string, string> }) {
  const resources: RecordedResource[] = [];
  const calls: RecordedCall[] = [];
  // A provider reference is "<provider URN>::<id>", and the URN ends in the provider's name.
  const regionOf = (provider?: string) => (provider && providerRegions.get(provider.split("::")[3] ?? "")) || options.region;

  const mocks: pulumi.runtime.Mocks = {
    async newResource(args) {
      const urn = `urn:pulumi:${options.stack}::${options.project}::${args.type}::${args.name}`;
      const inputs = args.inputs as Record<string, unknown>;
      if (args.type.startsWith("pulumi:providers:")) providerRegions.set(args.name, String(inputs.region ?? options.region));
      const outputs: Record<string, unknown> = args.type === "command:local:Command" ? await runLocalCommand(inputs) : computedOutputs(args.type, args.name, inputs, regionOf(args.provider));
      resources.push({ urn, type: args.type, name: args.name, custom: args.custom ?? true, provider: args.provider || undefined, importId: args.id || undefined, inputs, outputs });
      // A bucket's id is its name, as on AWS (resources that name a bucket by `.id` get the name).
      const id = typeof outputs.bucket === "string" ? outputs.bucket : `${args.name}-id`;
      return { id, state: { ...inputs, ...outputs } };
    },
    call(args) {
      calls.push({ token: args.token, provider: args.provider || undefined, inputs: args.inputs as Record<string, unknown> });
      // As the provider does, a function's result also carries the arguments it was given.
      return { ...(args.inputs as Record<string, unknown>), ...functionResult(args.token, args.inputs as Record<string, unknown>, regionOf(args.provider)) };
    },
  };
  pulumi.runtime.setMocks(mocks, options.project, options.stack, false);
  pulumi.runtime.setAllConfig(options.config);
  return { resources, calls };
}

/**
 * `@pulumi/command`'s local command (SST builds sites with one) runs here as the command provider
 * runs it on a deploy: the `create` command in `dir` with `environment`, through the shell.
 */
async function runLocalCommand(inputs: Record<string, unknown>) {
  const { stdout, stderr } = await runShell(String(inputs.create), {
    cwd: inputs.dir ? String(inputs.dir) : undefined,
    env: { ...process.env, ...(inputs.environment as Record<string, string> | undefined) },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout, stderr };
}

/** A stable made-up suffix, so made-up names and ids do not change from run to run. */
const shortHash = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 8);

/**
 * What AWS computes on create, for the types the program reads back. Every resource gets an `arn`
 * and, when it has none of its own, a `name`; the rest by type.
 */
function computedOutputs(type: string, name: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  const physical = String(inputs.name ?? inputs.functionName ?? inputs.bucket ?? `${name.toLowerCase()}-${shortHash(name)}`);
  const service = type.split(":")[1]?.split("/")[0] ?? "unknown";
  const arn = `arn:aws:${service}:${region}:${mockAccountId}:${type.split(":")[2]?.toLowerCase()}/${physical}`;
  const common = { arn, name: physical };
  switch (type) {
    case "aws:iam/role:Role":
      return { ...common, arn: `arn:aws:iam::${mockAccountId}:role/${physical}`, uniqueId: `AROA${shortHash(name).toUpperCase()}` };
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
      return { ...common, arn: `arn:aws:iam::${mockAccountId}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}` };
    case "aws:lambda/function:Function":
      return { ...common, arn: `arn:aws:lambda:${region}:${mockAccountId}:function:${physical}`, invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${arn}/invocations`, qualifiedArn: `${arn}:$LATEST`, version: "$LATEST" };
    case "aws:lambda/functionUrl:FunctionUrl":
      return { ...common, functionUrl: `https://${shortHash(name)}.lambda-url.${region}.on.aws/`, urlId: shortHash(name) };
    case "aws:sqs/queue:Queue":
      return { ...common, arn: `arn:aws:sqs:${region}:${mockAccountId}:${physical}`, url: `https://sqs.${region}.amazonaws.com/${mockAccountId}/${physical}` };
    case "aws:dynamodb/table:Table":
      return { ...common, arn: `arn:aws:dynamodb:${region}:${mockAccountId}:table/${physical}`, streamArn: inputs.streamEnabled ? `arn:aws:dynamodb:${region}:${mockAccountId}:table/${physical}/stream/2026-01-01T00:00:00.000` : "" };
    case "aws:sns/topic:Topic":
      return { ...common, arn: `arn:aws:sns:${region}:${mockAccountId}:${physical}` };
    case "aws:backup/vault:Vault":
      return { ...common, arn: `arn:aws:backup:${region}:${mockAccountId}:backup-vault:${physical}` };
    case "aws:cloudwatch/eventBus:EventBus":
      return { ...common, arn: `arn:aws:events:${region}:${mockAccountId}:event-bus/${physical}` };
    case "aws:cloudwatch/eventRule:EventRule":
      return { ...common, arn: `arn:aws:events:${region}:${mockAccountId}:rule/${physical}` };
    case "aws:apigateway/restApi:RestApi":
      return { ...common, rootResourceId: `root-${shortHash(name)}`, executionArn: `arn:aws:execute-api:${region}:${mockAccountId}:${shortHash(name)}` };
    case "aws:apigateway/stage:Stage":
      return { ...common, invokeUrl: `https://${shortHash(name)}.execute-api.${region}.amazonaws.com/${inputs.stageName}`, executionArn: `arn:aws:execute-api:${region}:${mockAccountId}:${shortHash(name)}/${inputs.stageName}`, arn: `arn:aws:apigateway:${region}::/restapis/${shortHash(name)}/stages/${inputs.stageName}` };
    case "aws:apigateway/deployment:Deployment":
      return { ...common, invokeUrl: `https://${shortHash(name)}.execute-api.${region}.amazonaws.com/` };
    case "aws:cloudfront/distribution:Distribution":
      return { ...common, domainName: `d${shortHash(name)}.cloudfront.net`, hostedZoneId: "Z2FDTNDATAQYW2", arn: `arn:aws:cloudfront::${mockAccountId}:distribution/E${shortHash(name).toUpperCase()}` };
    case "aws:elasticache/replicationGroup:ReplicationGroup":
      return { ...common, primaryEndpointAddress: `master.${physical}.cache.amazonaws.com`, configurationEndpointAddress: `clustercfg.${physical}.cache.amazonaws.com`, port: inputs.port ?? 6379 };
    case "aws:s3/bucketV2:BucketV2":
    case "aws:s3/bucket:Bucket":
      return { ...common, bucket: physical, arn: `arn:aws:s3:::${physical}`, bucketDomainName: `${physical}.s3.amazonaws.com`, bucketRegionalDomainName: `${physical}.s3.${region}.amazonaws.com` };
    case "random:index/randomBytes:RandomBytes":
      return { base64: Buffer.from(shortHash(name).repeat(4)).toString("base64"), hex: shortHash(name).repeat(4) };
    case "random:index/randomString:RandomString":
    case "random:index/randomPassword:RandomPassword":
      return { result: `mock-${shortHash(name)}` };
    case "aws:kms/key:Key":
      return { ...common, keyId: shortHash(name), arn: `arn:aws:kms:${region}:${mockAccountId}:key/${shortHash(name)}` };
    default:
      return common;
  }
}

/** The answers of the provider functions the program calls; any other call fails, by name. */
function functionResult(token: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  switch (token) {
    case "aws:index/getRegion:getRegion":
      return { name: region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: mockAccountId, arn: `arn:aws:iam::${mockAccountId}:user/deployer`, userId: "AIDAMOCKDEPLOYER", id: mockAccountId };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return { names: [`${region}a`, `${region}b`, `${region}c`], zoneIds: ["az1", "az2", "az3"], id: region };
    case "aws:iam/getPolicyDocument:getPolicyDocument":
      return { json: JSON.stringify(policyDocument(inputs)), id: "policy" };
    case "aws:ec2/getAmi:getAmi":
      return { id: "ami-0123456789abcdef0", architecture: "arm64" };
    case "aws:cloudfront/getCachePolicy:getCachePolicy":
    case "aws:cloudfront/getOriginRequestPolicy:getOriginRequestPolicy":
    case "aws:cloudfront/getResponseHeadersPolicy:getResponseHeadersPolicy":
      return { id: `managed-${shortHash(String(inputs.name))}`, name: inputs.name };
    default:
      throw new Error(`the infra graph's mock cloud does not answer "${token}" (packages/dev/src/infra-graph/mock-cloud.ts)`);
  }
}

interface PolicyStatementInput {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** `aws.iam.getPolicyDocument` as the provider renders it: statements in, IAM JSON out. */
function policyDocument(inputs: Record<string, unknown>) {
  const statements = (inputs.statements ?? []) as PolicyStatementInput[];
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? "Allow",
      ...(s.actions ? { Action: s.actions } : {}),
      ...(s.notActions ? { NotAction: s.notActions } : {}),
      ...(s.resources ? { Resource: s.resources } : {}),
      ...(s.notResources ? { NotResource: s.notResources } : {}),
      ...(s.principals ? { Principal: Object.fromEntries(s.principals.map((p) => [p.type, p.identifiers])) } : {}),
      ...(s.conditions ? { Condition: Object.fromEntries(s.conditions.map((c) => [c.test, { [c.variable]: c.values }])) } : {}),
    })),
  };
}
