/// <reference path="../.sst/platform/config.d.ts" />

/**
 * Default encryption at rest for an S3 bucket, stated rather than left to S3's default (SSE-S3
 * since 2023), so the graph test can hold every bucket to it. SSE-S3 rather than KMS: replication
 * and CloudFront's origin access need no key policy with it.
 */
export function encryptBucket(name: string, bucket: $util.Input<string>, opts?: $util.CustomResourceOptions) {
  return new aws.s3.BucketServerSideEncryptionConfigurationV2(
    `${name}Encryption`,
    { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }] },
    opts,
  );
}
