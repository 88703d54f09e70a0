/**
 * What the CloudFront Router in front of the web app and the API (infra/router.ts) may cache,
 * declared once: infra routes these paths to the API and puts the rule below in the Router's
 * viewer-request function. Keep this file free of imports (infra reads it at deploy time).
 */

/** The API's paths on the web app's origin; everything else is the static site. */
export const apiPaths = ["/v1", "/openapi.json", "/docs", "/health"] as const;

/** The API paths whose anonymous GETs are the same for everyone: public searches. */
export const edgeCacheablePaths = ["/v1/search", "/v1/destinations"] as const;

/** A header in the Router's cache key that the rule below sets to the request's own id. */
export const edgeCacheBypassHeader = "x-edge-cache-bypass";

/**
 * The edge cache rule, as CloudFront Functions code (cloudfront-js-2.0, run at the start of the
 * Router's viewer-request handler, where `event` is in scope). A request that carries credentials
 * (`Authorization`, `x-api-key`), or any API request that is not a GET of a public search (a HEAD goes to the API too),
 * gets `edgeCacheBypassHeader` set to its CloudFront request id. That header is in the cache key,
 * so such a request never matches anything cached: it is never answered from the cache and what
 * it gets is never served to another request. Anything a viewer sends in that header is dropped
 * first, so nobody can aim at another request's key. Paths match as the Router matches routes: the
 * path itself or anything below it.
 *
 * The code is terse on purpose: SST's Router handler already takes about 9.5 KB of CloudFront
 * Functions' 10 KB code limit (9.8 KB with a custom domain), so this must stay under 400 bytes.
 */
export function edgeCacheRule(): string {
  const anyOf = (paths: readonly string[]) => `${JSON.stringify(paths)}.some(on)`;
  return (
    `{const r=event.request,h=r.headers,b="${edgeCacheBypassHeader}",on=p=>r.uri==p||r.uri.startsWith(p+"/");delete h[b];` +
    `if(h.authorization||h["x-api-key"]||${anyOf(apiPaths)}&&!(r.method=="GET"&&${anyOf(edgeCacheablePaths)}))h[b]={value:event.context.requestId}}`
  );
}
