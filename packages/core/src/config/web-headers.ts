/**
 * The security headers of the web app's pages, declared once: the local web server sends them and
 * the CloudFront Router adds them on AWS (infra/router.ts). Keep this file free of imports (infra
 * reads it at deploy time).
 *
 * The page talks to its own origin (the API), to the OAuth issuer (token exchange and refresh, by
 * fetch) and, only when a publishable key is configured, to Stripe (its script, its card frame and
 * its API). No inline script; inline styles are allowed for React's `style` attributes.
 */
export function webContentSecurityPolicy(issuerOrigin: string): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ${issuerOrigin} https://api.stripe.com`,
    "script-src 'self' https://js.stripe.com",
    "frame-src https://js.stripe.com",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The other headers every page gets: no sniffing, no framing, referrers only to this origin in full. */
export const webSecurityHeaders = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
} as const;
