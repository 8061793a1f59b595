/**
 * Builds @creditkit/core as ES modules: `index.js` (the rules) and `demo.js`
 * (the demo data generator, `@creditkit/core/demo`), sharing one chunk;
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
    lib: { entry: { index: "src/index.ts", demo: "src/demo.ts" }, formats: ["es"], fileName: (_format, name) => `${name}.js` },
    rollupOptions: { external: ["decimal.js"] },
  },
});
