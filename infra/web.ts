/// <reference path="../.sst/platform/config.d.ts" />
import { apiPaths } from "../packages/core/src/config/edge-cache";
import { api } from "./api";
import { auth } from "./auth";
import { encryptBucket } from "./encryption";
import { router } from "./router";

/**
 * The API on the Router, beside the app (core/config/edge-cache.ts lists its paths). The Router
 * keeps only the host of a route's URL, and API Gateway's URL ends in its stage
 * (`https://<id>.execute-api.<region>.amazonaws.com/<stage>/`), so the stage goes back in front of
 * the path. The app then calls the API on its own origin: no CORS is involved, and the API's
 * allow-list (CORS_ORIGINS, infra/api.ts) stays for other origins only.
 */
const apiStagePath = api.url.apply((url) => new URL(url).pathname);
for (const path of apiPaths) router.route(path, api.url, { rewrite: { regex: "^/(.*)$", to: $interpolate`${apiStagePath}$1` } });

/**
 * The traveller app (packages/web, Vite + React) on S3, served through the Router with origin
 * access control. Its build writes dist/app-config.json from these variables: the issuer it signs
 * in with (client `travel-web`, redirect `<Router URL>/callback`) and, when
 * `STRIPE_PUBLISHABLE_KEY` is set at deploy time, Stripe's publishable key (a public value, so a
 * variable, not a secret). Paths that are not files get index.html (the app routes them).
 */
const stripePublishableKey = process.env.STRIPE_PUBLISHABLE_KEY || undefined;

export const site = new sst.aws.StaticSite("Web", {
  path: "packages/web",
  build: { command: "pnpm --filter @travel/web build", output: "dist" },
  environment: {
    VITE_AUTH_URL: auth.url,
    ...(stripePublishableKey ? { VITE_STRIPE_PUBLISHABLE_KEY: stripePublishableKey } : {}),
  },
  assets: {
    // A later entry wins for the files it matches. Vite puts the files it names by content hash
    // under assets/, so they never change; anything else is revalidated, and the entry page and
    // the runtime config are never stored, so a deploy shows at once.
    fileOptions: [
      { files: "**", cacheControl: "public,max-age=0,must-revalidate" },
      { files: "assets/**", cacheControl: "public,max-age=31536000,immutable" },
      { files: ["**/*.html", "app-config.json"], cacheControl: "max-age=0,no-cache,no-store,must-revalidate" },
    ],
  },
  router: { instance: router },
});

encryptBucket("WebAssets", site.nodes.assets!.name);
