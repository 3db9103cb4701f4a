import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// Served by the gateway under /console/ with a strict Content-Security-Policy (script-src 'self'):
// nothing may be inlined into index.html, so no module-preload polyfill and no inlined assets.
// The API reference pages (docs/*.html: Swagger UI for the gateway's /docs, the AsyncAPI viewer for
// /docs/asyncapi/<service>) are entry points of their own, so the console's initial bundle never
// carries them.
export default defineConfig({
  base: "/console/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // The viewers' own bundles are megabytes by nature; the console's budget is bundle-size.mjs's.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        console: fileURLToPath(new URL("index.html", import.meta.url)),
        openapi: fileURLToPath(new URL("docs/openapi.html", import.meta.url)),
        asyncapi: fileURLToPath(new URL("docs/asyncapi.html", import.meta.url)),
      },
    },
  },
});
