/// <reference path="../.sst/platform/config.d.ts" />
import { edgeCacheBypassHeader, edgeCacheRule } from "../packages/core/src/config/edge-cache";
import { webContentSecurityPolicy, webSecurityHeaders } from "../packages/core/src/config/web-headers";
import { firewall } from "./firewall";
import { regionProvider } from "./providers";

/**
 * The CloudFront distribution in front of the web app and the API (`sst.aws.Router`): the site
 * and the API on one origin, the WAF at the edge, and public searches cached near travellers.
 * Routes are added by infra/web.ts. It depends on nothing of the app, so the issuer
 * (infra/auth.ts) can allow redirects to its host while the site is built with the issuer's URL
 * (infra/web.ts): Router ← issuer ← site, no cycle. `WEB_DOMAIN` at deploy time serves it on a
 * custom domain (a Route 53 hosted zone); without it, on its cloudfront.net domain.
 */
const webDomain = process.env.WEB_DOMAIN || undefined;

/** CloudFront's WAF web ACLs must be created in us-east-1. */
const usEast1 = regionProvider("UsEast1", "us-east-1");

/** The same WAF rules as the API stage's (infra/firewall.ts), evaluated at the edge. */
export const edgeFirewall = firewall("EdgeFirewall", "CLOUDFRONT", `${$app.name}-${$app.stage}-edge`, { provider: usEast1 });

/**
 * The pages' security headers (core/config/web-headers.ts), added by CloudFront to every answer
 * that does not set them itself (override off: the API's own headers stand). The issuer is
 * `sst.aws.Auth`'s function URL; its exact origin cannot be named here (the issuer is created after
 * the Router, to allow redirects to the Router's host), so the policy names function URLs of this
 * region.
 */
const issuerOrigins = $interpolate`https://*.lambda-url.${aws.getRegionOutput().name}.on.aws`;
// Named by Pulumi (with a random suffix): CloudFront names are global to the account, and a stage
// failed over to another region (docs/disaster-recovery.md) makes a second policy beside the first.
const securityHeaders = new aws.cloudfront.ResponseHeadersPolicy("WebSecurityHeaders", {
  comment: "Travel platform: security headers of the web app",
  securityHeadersConfig: {
    contentSecurityPolicy: { contentSecurityPolicy: issuerOrigins.apply(webContentSecurityPolicy), override: false },
    contentTypeOptions: { override: false },
    frameOptions: { frameOption: webSecurityHeaders["X-Frame-Options"], override: false },
    referrerPolicy: { referrerPolicy: webSecurityHeaders["Referrer-Policy"], override: false },
    strictTransportSecurity: { accessControlMaxAgeSec: 31_536_000, includeSubdomains: true, override: false },
  },
});

/** CloudFront's cacheable 4xx/5xx codes (416 is never cached). */
const cachedErrorCodes = [400, 403, 404, 405, 414, 500, 501, 502, 503, 504];

export const router = new sst.aws.Router("Router", {
  domain: webDomain,
  // SST puts this at the start of the Router's one viewer-request function (router.ts,
  // createRequestFunction), before its routing: see packages/core/src/config/edge-cache.ts.
  edge: { viewerRequest: { injection: edgeCacheRule() } },
  transform: {
    /**
     * The Router's one cache policy (its routes share one cache behaviour). Caching follows the
     * origin's Cache-Control: with a minimum TTL of 0, CloudFront stores nothing marked `private`,
     * `no-store` or `no-cache` (a minimum TTL above 0 would override them), and the default TTL of
     * 0 stores nothing that says nothing. So the site's hashed files (a year, immutable) and the
     * API's anonymous searches (`public, max-age` up to their cache TTL) are cached; index.html,
     * app-config.json and everything personal are not. The key: the whole query string, the
     * normalised Accept-Encoding (gzip/br flags), the viewer's host (`x-forwarded-host`, which
     * SST's router sets, as in its default policy) and two headers for requests that must not share:
     * - `Authorization`: CloudFront forwards it to the origin only when it is in the cache key (an
     *   origin request policy may not name it, and the managed all-viewer policies send it only when
     *   caching is off), and the API needs it;
     * - the edge cache rule's bypass header, unique per request for anything with credentials or
     *   any API request but a public search GET, so those never hit and are never hit.
     * Everything else the API reads (x-api-key, Idempotency-Key, If-None-Match, Content-Type, the
     * query) reaches it through the Router's origin request policy, AWS's AllViewerExceptHostHeader
     * (router.ts, createDistribution), without varying the key.
     */
    cachePolicy: (args) => {
      args.comment = "Travel platform: the app's files and anonymous searches, as their Cache-Control allows";
      args.minTtl = 0;
      args.defaultTtl = 0;
      args.maxTtl = 365 * 24 * 3600;
      args.parametersInCacheKeyAndForwardedToOrigin = {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "whitelist", headers: { items: ["x-forwarded-host", "authorization", edgeCacheBypassHeader] } },
        queryStringsConfig: { queryStringBehavior: "all" },
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      };
    },
    cdn: (args) => {
      // CloudFront caches these errors for 10 s by default even when the response says `private`
      // or `no-store` (only 404, 410, 414 and 501 honour those); at 0 an error is cached only as
      // long as its own max-age allows, like any other answer.
      args.customErrorResponses = cachedErrorCodes.map((errorCode) => ({ errorCode, errorCachingMinTtl: 0 }));
      args.transform = {
        ...args.transform,
        distribution: (distribution) => {
          // A WAFv2 web ACL is attached by its ARN.
          distribution.webAclId = edgeFirewall.arn;
          distribution.defaultCacheBehavior = $output(distribution.defaultCacheBehavior).apply((behavior) => ({ ...behavior, responseHeadersPolicyId: securityHeaders.id }));
        },
      };
    },
  },
});
