/**
 * The AWS SDK's DynamoDB packages, loaded at their first use and then kept. Their CommonJS takes
 * ~100 ms to load, the largest part of the API Lambda's cold start, and many first requests
 * (`/health`, a search answered from Redis) never reach DynamoDB. So code that runs in the API
 * imports from these packages only types, and reaches commands, errors and `unmarshall` through
 * this. Keep this file free of value imports from `@aws-sdk/*`.
 */
export type DynamoSdk = {
  client: typeof import("@aws-sdk/client-dynamodb");
  lib: typeof import("@aws-sdk/lib-dynamodb");
  util: typeof import("@aws-sdk/util-dynamodb");
};

let loading: Promise<DynamoSdk> | undefined;

export function dynamoSdk(): Promise<DynamoSdk> {
  loading ??= Promise.all([import("@aws-sdk/client-dynamodb"), import("@aws-sdk/lib-dynamodb"), import("@aws-sdk/util-dynamodb")]).then(
    ([client, lib, util]) => ({ client, lib, util }),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
