/**
 * The prices `pnpm bench cost` multiplies by: AWS's public on-demand list prices in USD for
 * eu-west-1 (Ireland), the region the stages deploy to, and eu-central-1 (Frankfurt) for what the
 * DR copies cost there. No free tier, no Savings Plans or reserved nodes, first volume tier only.
 * They are written from AWS's pricing pages as known when this file was written, not fetched:
 * re-check them on the pages named in docs/cost.md before relying on a figure.
 */
export const pricesAsOf = "2026-12";
export const priceRegion = "eu-west-1";
/** AWS prices a month as 730 hours (node-hours, GB-months): so does every month of the model. */
export const hoursPerMonth = 730;
export const secondsPerMonth = hoursPerMonth * 3600;
export const daysPerMonth = hoursPerMonth / 24;

export interface Price {
  usd: number;
  /** What one `usd` buys: "GB-s", "1M requests", "node-hour" … */
  per: string;
  page: string;
}

const page = {
  lambda: "https://aws.amazon.com/lambda/pricing/",
  apiGateway: "https://aws.amazon.com/api-gateway/pricing/",
  cloudFront: "https://aws.amazon.com/cloudfront/pricing/",
  dynamo: "https://aws.amazon.com/dynamodb/pricing/on-demand/",
  elastiCache: "https://aws.amazon.com/elasticache/pricing/",
  vpc: "https://aws.amazon.com/vpc/pricing/",
  ec2: "https://aws.amazon.com/ec2/pricing/on-demand/",
  ebs: "https://aws.amazon.com/ebs/pricing/",
  eventBridge: "https://aws.amazon.com/eventbridge/pricing/",
  sqs: "https://aws.amazon.com/sqs/pricing/",
  cloudWatch: "https://aws.amazon.com/cloudwatch/pricing/",
  xray: "https://aws.amazon.com/xray/pricing/",
  waf: "https://aws.amazon.com/waf/pricing/",
  backup: "https://aws.amazon.com/backup/pricing/",
  s3: "https://aws.amazon.com/s3/pricing/",
  secrets: "https://aws.amazon.com/secrets-manager/pricing/",
  ses: "https://aws.amazon.com/ses/pricing/",
} as const;

export const prices = {
  // Lambda, arm64 (Graviton); the INIT phase is billed like any other duration since August 2025.
  lambdaRequests: { usd: 0.2, per: "1M requests", page: page.lambda },
  lambdaArmGbSecond: { usd: 0.0000133334, per: "GB-s", page: page.lambda },
  // API Gateway REST API, first 333 million requests a month.
  apiGatewayRest: { usd: 3.5, per: "1M requests", page: page.apiGateway },
  // Data transfer to the internet from eu-west-1 (API Gateway's answers to partners), first 10 TB.
  internetTransferOut: { usd: 0.09, per: "GB", page: page.ec2 },
  // Between regions (eu-west-1 → eu-central-1): global table replication, backup copies.
  interRegionTransfer: { usd: 0.02, per: "GB", page: page.ec2 },
  // CloudFront, Europe edge locations, pay as you go (no flat-rate plan), first 10 TB.
  cloudFrontTransferOut: { usd: 0.085, per: "GB", page: page.cloudFront },
  cloudFrontHttpsRequests: { usd: 0.012, per: "10k requests", page: page.cloudFront },
  cloudFrontFunctions: { usd: 0.1, per: "1M invocations", page: page.cloudFront },
  cloudFrontKeyValueReads: { usd: 0.03, per: "1M reads", page: page.cloudFront },
  // DynamoDB on demand (the November 2024 prices), Standard table class.
  dynamoWriteUnits: { usd: 0.7068, per: "1M write request units", page: page.dynamo },
  dynamoReadUnits: { usd: 0.1415, per: "1M read request units", page: page.dynamo },
  dynamoReplicatedWriteUnitsDr: { usd: 0.7625, per: "1M replicated write units (eu-central-1)", page: page.dynamo },
  dynamoStorage: { usd: 0.283, per: "GB-month", page: page.dynamo },
  dynamoStorageDr: { usd: 0.306, per: "GB-month (eu-central-1)", page: page.dynamo },
  dynamoPitr: { usd: 0.2264, per: "GB-month", page: page.dynamo },
  dynamoPitrDr: { usd: 0.2448, per: "GB-month (eu-central-1)", page: page.dynamo },
  // AWS Backup of DynamoDB (warm storage) in the stage's vault and in the DR vault.
  backupDynamoStorage: { usd: 0.1132, per: "GB-month", page: page.backup },
  backupDynamoStorageDr: { usd: 0.1224, per: "GB-month (eu-central-1)", page: page.backup },
  // ElastiCache for Redis OSS, on-demand nodes.
  "cache.r7g.large": { usd: 0.242, per: "node-hour", page: page.elastiCache },
  "cache.t4g.micro": { usd: 0.017, per: "node-hour", page: page.elastiCache },
  // Managed NAT gateway; the NAT instance of other stages is an EC2 instance.
  natGatewayHours: { usd: 0.048, per: "gateway-hour", page: page.vpc },
  natGatewayData: { usd: 0.048, per: "GB processed", page: page.vpc },
  "t4g.nano": { usd: 0.0046, per: "instance-hour", page: page.ec2 },
  ebsGp3: { usd: 0.088, per: "GB-month", page: page.ebs },
  publicIpv4: { usd: 0.005, per: "address-hour", page: page.vpc },
  // EventBridge custom events (each 64 KB chunk of a PutEvents entry is one event) and archives.
  eventBridgeEvents: { usd: 1.0, per: "1M events", page: page.eventBridge },
  eventBridgeArchiveProcessed: { usd: 0.1, per: "GB archived", page: page.eventBridge },
  eventBridgeArchiveStorage: { usd: 0.023, per: "GB-month", page: page.eventBridge },
  sqsRequests: { usd: 0.4, per: "1M requests", page: page.sqs },
  // CloudWatch: the first 10,000 metrics' tier; an alarm on metric math pays for each metric in it.
  cloudWatchMetrics: { usd: 0.3, per: "metric-month", page: page.cloudWatch },
  cloudWatchAlarmMetrics: { usd: 0.1, per: "alarm metric-month", page: page.cloudWatch },
  cloudWatchDashboards: { usd: 3.0, per: "dashboard-month", page: page.cloudWatch },
  cloudWatchLogsIngested: { usd: 0.57, per: "GB ingested", page: page.cloudWatch },
  cloudWatchLogsStored: { usd: 0.03, per: "GB-month", page: page.cloudWatch },
  xrayTracesRecorded: { usd: 5.0, per: "1M traces", page: page.xray },
  // WAF: a managed rule group counts as one rule; the AWS baseline groups have no extra fee.
  wafWebAcl: { usd: 5.0, per: "web ACL-month", page: page.waf },
  wafRule: { usd: 1.0, per: "rule-month", page: page.waf },
  wafRequests: { usd: 0.6, per: "1M requests", page: page.waf },
  s3Storage: { usd: 0.023, per: "GB-month", page: page.s3 },
  s3InfrequentAccessDr: { usd: 0.0135, per: "GB-month (eu-central-1)", page: page.s3 },
  s3Gets: { usd: 0.0004, per: "1k GET requests", page: page.s3 },
  secretsManagerSecret: { usd: 0.4, per: "secret-month", page: page.secrets },
  sesEmails: { usd: 0.1, per: "1k emails", page: page.ses },
} satisfies Record<string, Price>;

export type PriceName = keyof typeof prices;

/** How many of a price's units a raw count is: "1M requests" → a million, "10k requests" → ten thousand. */
export function unitsIn(price: Price): number {
  const scale = /^(\d+)([kM])\b/.exec(price.per);
  if (!scale) return 1;
  return Number(scale[1]) * (scale[2] === "M" ? 1_000_000 : 1_000);
}
