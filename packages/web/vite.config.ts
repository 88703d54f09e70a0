import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The app reads where its OAuth issuer is (and Stripe's publishable key) from `/app-config.json`
 * at run time, so one build serves any host. On AWS the StaticSite build gets them as
 * `VITE_AUTH_URL` / `VITE_STRIPE_PUBLISHABLE_KEY` and this plugin writes the file into the build;
 * locally the web server answers `/app-config.json` itself with the running stack's issuer.
 */
function appConfigFile(): Plugin {
  return {
    name: "travel-app-config",
    apply: "build",
    generateBundle() {
      const authUrl = process.env.VITE_AUTH_URL;
      if (!authUrl) return;
      const stripePublishableKey = process.env.VITE_STRIPE_PUBLISHABLE_KEY || undefined;
      this.emitFile({ type: "asset", fileName: "app-config.json", source: `${JSON.stringify({ authUrl, stripePublishableKey })}\n` });
    },
  };
}

export default defineConfig({
  plugins: [react(), appConfigFile()],
  build: {
    target: "es2022",
    // Evergreen browsers (es2022) preload modules natively: no polyfill in the entry script.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    // `pnpm --filter @travel/web dev` beside a running `pnpm start`: same-origin calls to the API.
    proxy: { "/v1": "http://127.0.0.1:3000", "/app-config.json": "http://127.0.0.1:3003" },
  },
});
