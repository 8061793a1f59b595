/**
 * Builds @creditkit/elements as ES modules, one file per source module
 * (`dist/index.js`, `dist/<element>/define.js` …), so a host's bundler keeps
 * exactly the elements it imports and the `sideEffects` list names real files.
 * lit, @lit/context, @lit-labs/* and @creditkit/* stay external (the host's
 * bundler dedupes them); the single-file build is `scripts/build-kit.mjs`.
 * `tsc -p tsconfig.build.json` writes the .d.ts files.
 */
import { minifyHTMLLiterals } from "minify-literals";
import { defineConfig, type Plugin } from "vite";

/** The CSS in css`` templates minified (Lightning CSS), as in the one-file kit (scripts/kit-bundle.mjs says why). */
const cssLiterals: Plugin = {
  name: "creditkit-css-literals",
  async transform(code, id) {
    if (!/[\\/]src[\\/].*\.ts$/.test(id) || !code.includes("css`") || code.includes("unsafeCSS(")) return null;
    const result = await minifyHTMLLiterals(code, { fileName: id, html: false, sourceMap: true });
    return result ? { code: result.code, map: result.map } : null;
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
