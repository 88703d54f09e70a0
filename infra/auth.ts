/// <reference path="../.sst/platform/config.d.ts" />
import { email } from "./booking";

/**
 * The OAuth 2.0 issuer (OpenAuth) as `sst.aws.Auth`: its own DynamoDB storage, a function URL.
 * `ADMIN_EMAILS` (comma-separated) at deploy time names the admins.
 */
export const auth = new sst.aws.Auth("Auth", {
  issuer: {
    handler: "packages/functions/src/auth/lambda.handler",
    runtime: "nodejs22.x",
    architecture: "arm64",
    link: [email],
    environment: { ADMIN_EMAILS: process.env.ADMIN_EMAILS ?? "" },
  },
});
