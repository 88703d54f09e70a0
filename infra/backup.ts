/// <reference path="../.sst/platform/config.d.ts" />
import { auth } from "./auth";
import { drRegion, regionProvider } from "./providers";
import { encryptBucket } from "./encryption";
import { audit, catalog, idempotency, orders, outbox, reservations } from "./storage";

/**
 * Backups that survive the loss of the stage's region (docs/disaster-recovery.md states the RTO and
 * RPO this reaches): an AWS Backup plan over every table and the backup bucket, each recovery point
 * copied to a vault in DR_REGION; the backup bucket itself versioned, encrypted and replicated
 * there. The tables also have live replicas in DR_REGION (infra/storage.ts). Without DR_REGION the
 * same plan runs with no copies.
 */
const production = $app.stage === "production";
const drProvider = drRegion ? regionProvider("DisasterRecoveryRegion", drRegion) : undefined;
if (drRegion) {
  aws.getRegionOutput().name.apply((home) => {
    if (home === drRegion) throw new Error(`DR_REGION (${drRegion}) must differ from the stage's own region`);
  });
}
const prefix = `${$app.name}-${$app.stage}`;
/** How long recovery points are kept, here and in DR_REGION. */
const retentionDays = 35;

/** Backups and exports (DynamoDB exports, analytics archives): versioned, encrypted, private. */
export const backupBucket = new sst.aws.Bucket("Backups", {
  versioning: true,
  enforceHttps: true,
  transform: { bucket: (args) => void (args.forceDestroy = !production) },
});
encryptBucket("Backups", backupBucket.name);
// Old versions of replaced or deleted objects stay 90 days, here and in the replica.
const noncurrentVersionsExpire = [{ id: "noncurrent-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: 90 } }];
new aws.s3.BucketLifecycleConfigurationV2("BackupsNoncurrentVersions", { bucket: backupBucket.name, rules: noncurrentVersionsExpire });

/** The backup bucket's copy in DR_REGION, with a role S3 replicates as (only these two buckets). */
function replicateBackupBucket(dr: aws.Provider) {
  const replica = new aws.s3.BucketV2("BackupsReplica", { forceDestroy: !production }, { provider: dr });
  const versioning = new aws.s3.BucketVersioningV2("BackupsReplicaVersioning", { bucket: replica.id, versioningConfiguration: { status: "Enabled" } }, { provider: dr });
  encryptBucket("BackupsReplica", replica.id, { provider: dr });
  new aws.s3.BucketLifecycleConfigurationV2("BackupsReplicaNoncurrentVersions", { bucket: replica.id, rules: noncurrentVersionsExpire }, { provider: dr });
  new aws.s3.BucketPublicAccessBlock("BackupsReplicaPublicAccess", { bucket: replica.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, { provider: dr });
  const role = new aws.iam.Role("BackupsReplicationRole", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    inlinePolicies: [
      {
        name: "replicate-backups",
        policy: $jsonStringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: [backupBucket.arn] },
            { Effect: "Allow", Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"], Resource: [$interpolate`${backupBucket.arn}/*`] },
            { Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: [$interpolate`${replica.arn}/*`] },
          ],
        }),
      },
    ],
  });
  new aws.s3.BucketReplicationConfig(
    "BackupsReplication",
    {
      bucket: backupBucket.name,
      role: role.arn,
      rules: [{ id: "everything", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Enabled" }, destination: { bucket: replica.arn, storageClass: "STANDARD_IA" } }],
    },
    // S3 refuses a replication rule until both buckets are versioned; the component waits for its versioning.
    { dependsOn: [versioning, backupBucket] },
  );
  return replica;
}
export const backupBucketReplica = drProvider ? replicateBackupBucket(drProvider) : undefined;

export const backupVault = new aws.backup.Vault("BackupVault", { name: `${prefix}-backups`, forceDestroy: !production });
export const drBackupVault = drProvider ? new aws.backup.Vault("DisasterRecoveryVault", { name: `${prefix}-dr-backups`, forceDestroy: !production }, { provider: drProvider }) : undefined;

// Cross-region copies of DynamoDB recovery points need AWS Backup's advanced DynamoDB features
// (a per-account, per-region setting; setting it again from another stage changes nothing).
if (drBackupVault) {
  new aws.backup.RegionSettings("BackupRegionSettings", {
    resourceTypeOptInPreference: { DynamoDB: true, S3: true },
    resourceTypeManagementPreference: { DynamoDB: true },
  });
}

/**
 * One recovery point a day, kept five weeks and copied to DR_REGION. Not more often: every table
 * already has point-in-time recovery (any second of the last 35 days, in the region) and, with
 * DR_REGION, a live replica there, which is what the 1-hour RPO rests on; a DynamoDB backup is a
 * full copy, so hourly ones copied across regions would cost more than the replicas
 * (docs/cost.md) and recover nothing they do not.
 */
export const backupPlan = new aws.backup.Plan("BackupPlan", {
  name: `${prefix}-backups`,
  rules: [
    {
      ruleName: "daily",
      targetVaultName: backupVault.name,
      schedule: "cron(0 3 ? * * *)",
      startWindow: 60,
      completionWindow: 360,
      lifecycle: { deleteAfter: retentionDays },
      copyActions: drBackupVault ? [{ destinationVaultArn: drBackupVault.arn, lifecycle: { deleteAfter: retentionDays } }] : [],
    },
  ],
});

const backupRole = new aws.iam.Role("BackupRole", {
  assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
  managedPolicyArns: [
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
    "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
  ],
});

/** Every store that holds data: the six tables, the issuer's storage and the backup bucket. */
new aws.backup.Selection("BackupSelection", {
  name: `${prefix}-stores`,
  planId: backupPlan.id,
  iamRoleArn: backupRole.arn,
  resources: [catalog.arn, reservations.arn, orders.arn, idempotency.arn, outbox.arn, audit.arn, auth.nodes.table.arn, backupBucket.arn],
});
