import { defineConfig } from "vite";

// Served by the gateway under /console/ with a strict Content-Security-Policy (script-src 'self'):
// nothing may be inlined into index.html, so no module-preload polyfill and no inlined assets.
export default defineConfig({
  base: "/console/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
