import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { proxy } from "hono/proxy";
import { apiPaths, webContentSecurityPolicy, webSecurityHeaders } from "@travel/core/config";

export interface WebServerOptions {
  /** The built app (packages/web/dist). */
  distDir: string;
  /** Where the API answers; the app reaches it through this server, at the same origin. */
  apiUrl: string;
  /** What the app reads at `/app-config.json` (the issuer it signs in at). */
  appConfig: { authUrl: string; stripePublishableKey?: string };
}


/**
 * The local stand-in for CloudFront + the Router: the built app, and the API at the same origin,
 * so the browser needs no CORS. Hashed assets are cached for a year, the page itself never.
 */
export function createWebServer(options: WebServerOptions): Hono {
  const app = new Hono();
  const authOrigin = new URL(options.appConfig.authUrl).origin;
  // First, so it also covers the API's answers (fetch hands them over decoded), as CloudFront does.
  app.use("*", compress());
  // The paths the Router sends to the API on AWS (declared once in core/config/edge-cache.ts),
  // each with everything below it, as the Router matches them.
  for (const path of apiPaths.flatMap((p) => [p, `${p}/*`])) {
    app.all(path, async (c) => {
      const target = new URL(c.req.url);
      const headers = new Headers(c.req.raw.headers);
      // Hop-by-hop headers are this connection's, not the API's (RFC 9110 §7.6.1); the API is
      // addressed by its own host, and learns the one the browser asked for.
      for (const name of ["connection", "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "expect", "host"]) headers.delete(name);
      headers.set("x-forwarded-host", c.req.header("host") ?? "");
      try {
        return await proxy(new URL(target.pathname + target.search, options.apiUrl), {
          raw: c.req.raw,
          headers,
          // A browser that gives up (a newer search) stops the API's work too; none waits past 30 s.
          signal: AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(30_000)]),
        });
      } catch (error) {
        const timedOut = (error as Error).name === "TimeoutError";
        const status = timedOut ? 504 : 502;
        return c.json(
          { type: `about:blank`, title: timedOut ? "The API did not answer in time" : "The API could not be reached", status, detail: (error as Error).message },
          status,
          { "content-type": "application/problem+json" },
        );
      }
    });
  }
  // The pages' security headers, as the Router adds them on AWS (core/config/web-headers.ts).
  app.use("*", async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(webSecurityHeaders)) c.header(name, value);
    c.header("Content-Security-Policy", webContentSecurityPolicy(authOrigin));
  });
  app.get("/app-config.json", (c) => c.json(options.appConfig, 200, { "Cache-Control": "no-store" }));
  app.use("/assets/*", serveStatic({ root: options.distDir, onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable") }));
  // A missing asset is a 404, not the app's page: code asking for a chunk of an older build gets
  // an error it can act on (the app reloads) instead of HTML where it expects JavaScript.
  app.get("/assets/*", (c) => c.text("Not found", 404));
  app.use("*", serveStatic({ root: options.distDir, onFound: (_path, c) => c.header("Cache-Control", "no-cache") }));
  // Any other path is a page of the app (client-side routes such as /trips/…).
  app.get("*", serveStatic({ root: options.distDir, path: "index.html", onFound: (_path, c) => c.header("Cache-Control", "no-cache") }));
  return app;
}

const webDir = fileURLToPath(new URL("../../../web/", import.meta.url));

/**
 * `vite build` of packages/web (about two seconds), run by path like every other local process,
 * so this package never depends on the app's build tools. Answers the output directory (tests
 * build into their own, so two never write the same files).
 */
export async function buildWebApp(outDir = `${webDir}dist`): Promise<string> {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const args = ["node_modules/vite/bin/vite.js", "build", "--logLevel", "warn", "--outDir", outDir, "--emptyOutDir"];
    const child = spawn(process.execPath, args, { cwd: webDir, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("error", reject);
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`the web app did not build (vite exited ${code}):\n${output.join("").trim()}`);
  return outDir;
}
