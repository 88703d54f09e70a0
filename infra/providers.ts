/// <reference path="../.sst/platform/config.d.ts" />

/**
 * An AWS provider for another region with the app's own AWS settings (the default tags and the rest
 * of `providers.aws` in sst.config.ts), as SST's `useProvider` builds its own us-east-1 provider
 * for CloudFront certificates: resources in that region are tagged like every other.
 */
const appAwsSettings = Object.fromEntries(
  Object.entries($util.runtime.allConfig())
    .filter(([key]) => key.startsWith("aws:"))
    .map(([key, value]) => [key.slice("aws:".length), parsedSetting(value)]),
);

function parsedSetting(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function regionProvider(name: string, region: string) {
  return new aws.Provider(name, { ...appAwsSettings, region: region as aws.Region });
}

/**
 * The disaster-recovery region (`DR_REGION` at deploy time, e.g. `eu-central-1` for an `eu-west-1`
 * stage): backups are copied there and the tables get replicas there (infra/backup.ts,
 * infra/storage.ts; docs/disaster-recovery.md). Unset, a stage keeps everything in its own region.
 */
export const drRegion = process.env.DR_REGION || undefined;
