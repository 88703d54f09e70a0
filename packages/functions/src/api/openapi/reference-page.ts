import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Hono } from "hono";
import type { ApiEnv } from "../env";

/**
 * The API reference (/docs): Swagger UI from the swagger-ui-dist package this API depends on, its
 * files served from here, so the page works offline and under a policy that allows exactly what
 * it loads: its own script and styles, data: images (Swagger UI's icons) and the document. Every
 * URL is relative, so the page also works under an API Gateway stage prefix (/prod/docs).
 */
const pagePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Travel Platform API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<noscript>The reference needs JavaScript; the API's description itself is <a href="openapi.json">openapi.json</a>.</noscript>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/reference.js"></script>
</body>
</html>
`;

// Not inline: the page's policy allows no inline script. validatorUrl: no call to the public validator.
const initializer = `window.ui = SwaggerUIBundle({ url: "openapi.json", dom_id: "#reference", deepLinking: true, validatorUrl: null });\n`;

const assets = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
} as const;

const distDirectory = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const loaded = new Map<string, Promise<Buffer>>();

function asset(name: keyof typeof assets): Promise<Buffer> {
  let content = loaded.get(name);
  if (!content) loaded.set(name, (content = readFile(join(distDirectory, name))));
  return content;
}

/** Mounted at /docs; answers with the page and the files it loads. */
export const referencePage = new Hono<ApiEnv>()
  .get("/", (c) => {
    c.header("Content-Security-Policy", pagePolicy);
    return c.html(page);
  })
  .get("/reference.js", (c) => c.body(initializer, 200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" }))
  .get(`/:asset{${Object.keys(assets).map((name) => name.replaceAll(".", "\\.")).join("|")}}`, async (c) => {
    const name = c.req.param("asset") as keyof typeof assets;
    return c.body(new Uint8Array(await asset(name)), 200, { "Content-Type": assets[name], "Cache-Control": "public, max-age=86400" });
  });
