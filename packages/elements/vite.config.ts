/**
 * Builds @creditkit/elements as ES modules, one file per source module
 * (`dist/index.js`, `dist/<element>/define.js` …), so a host's bundler keeps
 * exactly the elements it imports and the `sideEffects` list names real files.
 * lit, @lit/context, @lit-labs/* and @creditkit/* stay external (the host's
 * bundler dedupes them); the single-file build is `scripts/build-kit.mjs`.
 * `tsc -p tsconfig.build.json` writes the .d.ts files.
 */
import { defineConfig, type Plugin } from "vite";
import { minifyCssLiterals } from "../../scripts/css-literals.mjs";

/** The CSS in css`` templates minified, as in the one-file kit (scripts/css-literals.mjs says why). */
const cssLiterals: Plugin = {
  name: "creditkit-css-literals",
  async transform(code, id) {
    if (!/[\\/]src[\\/].*\.ts$/.test(id)) return null;
    return (await minifyCssLiterals(code, id, { sourceMap: true })) ?? null;
  },
};

export default defineConfig({
  plugins: [cssLiterals],
  // Relative asset URLs: the wizard's preview worker is found next to its module (new URL("assets/…", import.meta.url)).
  base: "./",
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: { entry: { index: "src/index.ts", classes: "src/classes.ts" }, formats: ["es"] },
    rollupOptions: {
      external: [/^lit(\/.*)?$/, /^@lit\//, /^@lit-labs\//, /^@creditkit\//],
      output: { preserveModules: true, preserveModulesRoot: "src", entryFileNames: "[name].js" },
    },
  },
});
