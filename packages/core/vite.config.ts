/**
 * Builds @creditkit/core as ES modules: `index.js` (the rules), `demo.js`
 * (the demo data generator, `@creditkit/core/demo`) and `internal.js` (the
 * working parts creditkit's own packages share, `@creditkit/core/internal`),
 * sharing chunks;
 * decimal.js stays external. `tsc -p tsconfig.build.json` writes the .d.ts files.
 */
import { defineConfig } from "vite";

export default defineConfig({
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: {
      entry: { index: "src/index.ts", demo: "src/demo.ts", internal: "src/internal.ts" },
      formats: ["es"],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: { external: ["decimal.js"] },
  },
});
