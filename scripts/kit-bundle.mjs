// The single-file kit as esbuild makes it: shared by `build-kit.mjs` (writes
// packages/elements/dist/creditkit.js) and `size.mjs` (measures it).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { minifyCssLiterals } from "./css-literals.mjs";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const KIT_ENTRY = `${ROOT}packages/elements/kit/creditkit.ts`;
export const WORKER_ENTRY = `${ROOT}packages/elements/src/mass-credit-wizard/preview.worker.ts`;
export const WORKER_FILE = "creditkit.worker.js";

/** esbuild options every measured or published bundle shares: minified, tree-shaken, from the sources. */
export const BUNDLE_OPTIONS = {
  bundle: true,
  minify: true,
  treeShaking: true,
  format: "esm",
  target: "es2022",
  platform: "browser",
  conditions: ["source"],
  tsconfig: `${ROOT}tsconfig.json`,
  legalComments: "none",
  logLevel: "error",
};

/** Points the wizard's `new URL("./preview.worker.ts", import.meta.url)` at the kit's worker file next to the bundle. */
export const workerUrlPlugin = {
  name: "creditkit-worker-url",
  setup(build) {
    build.onLoad({ filter: /mass-credit-wizard[\\/]preview-client\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.includes('"./preview.worker.ts"'))
        throw new Error("preview-client.ts no longer names ./preview.worker.ts: update scripts/kit-bundle.mjs");
      return { contents: source.replace('"./preview.worker.ts"', `"./${WORKER_FILE}"`), loader: "ts" };
    });
  },
};

/** The kit's languages beyond English, as lit-localize.json lists them; each is a file fetched on the first switch to it. */
export const KIT_LOCALES = JSON.parse(await readFile(`${ROOT}packages/elements/lit-localize.json`, "utf8")).targetLocales;
export const localeFile = (locale) => `creditkit.locale-${locale}.js`;
export const localeEntry = (locale) => `${ROOT}packages/elements/src/locales/${locale}.ts`;

/** Leaves `import("../locales/<locale>.js")` as a fetch of the locale's file next to the bundle, built on its own. */
export const localeFilesPlugin = {
  name: "creditkit-locale-files",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/[a-zA-Z-]+\.js$/ }, (args) => {
      const locale = args.path.slice("../locales/".length, -".js".length);
      if (!KIT_LOCALES.includes(locale)) return undefined;
      return { path: `./${localeFile(locale)}`, external: true };
    });
  },
};

/** The kit and the size script minify the styles' CSS as the package build does (scripts/css-literals.mjs). */
export const cssLiteralsPlugin = {
  name: "creditkit-css-literals",
  setup(build) {
    build.onLoad({ filter: /packages[\\/]elements[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const minified = await minifyCssLiterals(await readFile(args.path, "utf8"), args.path);
      return minified ? { contents: minified.code, loader: "ts" } : undefined;
    });
  },
};
