/** Builds @creditkit/elements as one minified ES module with lit, @lit/context and @creditkit/core external; `tsc -p tsconfig.build.json` writes the .d.ts files. */
import { defineConfig } from "vite";

export default defineConfig({
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: { entry: "src/index.ts", formats: ["es"], fileName: () => "index.js" },
    rollupOptions: { external: [/^lit(\/.*)?$/, /^@lit\//, /^@lit-labs\//, /^@creditkit\//] },
  },
});
