import { defineConfig } from "vite";

// A static site: relative asset paths so it works from any URL prefix, and
// nothing loaded from outside the page's own origin (the page works offline).
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The SDK's browser build is one ~140 KB module; no need to warn about it.
    chunkSizeWarningLimit: 1024,
  },
});
