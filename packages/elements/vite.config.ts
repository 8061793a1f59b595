/** Builds @creditkit/elements as one minified ES module with lit, @lit/context and @creditkit/core external; `tsc -p tsconfig.build.json` writes the .d.ts files. */
import { defineConfig } from "vite";

export default defineConfig({
  // Relative asset URLs: the wizard's preview worker is found next to index.js (new URL("assets/…", import.meta.url)).
  base: "./",
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
