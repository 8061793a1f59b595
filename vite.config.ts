/**
 * The demo host site that `npm start` serves. Workspace packages resolve to
 * their TypeScript sources through the "source" export condition, so the demo
 * always runs what is in the tree.
 */
import { defineConfig } from "vite";

export default defineConfig({
  root: "demo",
  resolve: { conditions: ["source"] },
  server: { host: "127.0.0.1", port: 5173, strictPort: false },
  preview: { host: "127.0.0.1", port: 4173 },
  build: { outDir: "../dist/demo", emptyOutDir: true, target: "es2022" },
  esbuild: { target: "es2022" },
});
