/// <reference path="../.sst/platform/config.d.ts" />
import { email } from "./booking";
import { router } from "./router";
import { audit } from "./storage";

/**
 * The OAuth 2.0 issuer (OpenAuth) as `sst.aws.Auth`: its own DynamoDB storage (signing keys,
 * refresh tokens, email → user id), a function URL; it writes sign-ins to the audit table.
 * `ADMIN_EMAILS` (comma-separated) at deploy time names the admins. The web app signs in from the
 * Router's host (its custom domain, or its cloudfront.net domain), so that is the only host the
 * issuer redirects the `travel-web` client to (WEB_REDIRECT_HOSTS). The Router does not depend on
 * the issuer, so this makes no cycle with the site, which is built with the issuer's URL.
 */
export const auth = new sst.aws.Auth("Auth", {
  issuer: {
    handler: "packages/functions/src/auth/lambda.handler",
    runtime: "nodejs22.x",
    architecture: "arm64",
    link: [email, audit],
    environment: {
      ADMIN_EMAILS: process.env.ADMIN_EMAILS ?? "",
      WEB_REDIRECT_HOSTS: router.url.apply((url) => new URL(url).hostname),
    },
  },
});
