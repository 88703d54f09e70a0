/// <reference path="../.sst/platform/config.d.ts" />
import { email } from "./booking";
import { audit } from "./storage";

/**
 * The OAuth 2.0 issuer (OpenAuth) as `sst.aws.Auth`: its own DynamoDB storage (signing keys,
 * refresh tokens, email → user id), a function URL; it writes sign-ins to the audit table.
 * `ADMIN_EMAILS` (comma-separated) at deploy time names the admins.
 */
export const auth = new sst.aws.Auth("Auth", {
  issuer: {
    handler: "packages/functions/src/auth/lambda.handler",
    runtime: "nodejs22.x",
    architecture: "arm64",
    link: [email, audit],
    environment: { ADMIN_EMAILS: process.env.ADMIN_EMAILS ?? "" },
  },
});
