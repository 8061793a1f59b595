// The single-file kit as esbuild makes it: shared by `build-kit.mjs` (writes
// packages/elements/dist/creditkit.js) and `size.mjs` (measures it).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

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
