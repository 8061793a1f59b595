// The single-file build: packages/elements/dist/creditkit.js (every element,
// the core, the store, lit, @lit/context, the virtualiser and decimal.js,
// minified) and the wizard's preview worker next to it.
import { build } from "esbuild";
import {
  BUNDLE_OPTIONS,
  cssLiteralsPlugin,
  KIT_ENTRY,
  KIT_LOCALES,
  localeEntry,
  localeFile,
  localeFilesPlugin,
  ROOT,
  WORKER_ENTRY,
  WORKER_FILE,
  workerUrlPlugin,
} from "./kit-bundle.mjs";

const outdir = `${ROOT}packages/elements/dist`;
await build({
  ...BUNDLE_OPTIONS,
  entryPoints: [KIT_ENTRY],
  outfile: `${outdir}/creditkit.js`,
  // The maps stay out of the package (large); "external" writes them without a link to a file that is not shipped.
  sourcemap: "external",
  plugins: [workerUrlPlugin, localeFilesPlugin, cssLiteralsPlugin],
});
await build({ ...BUNDLE_OPTIONS, entryPoints: [WORKER_ENTRY], outfile: `${outdir}/${WORKER_FILE}`, sourcemap: "external" });
// Each language's translations, fetched by the kit on the first switch to it (English is in the kit).
for (const locale of KIT_LOCALES) {
  await build({ ...BUNDLE_OPTIONS, entryPoints: [localeEntry(locale)], outfile: `${outdir}/${localeFile(locale)}`, sourcemap: "external" });
}
// For Node (a host's server-side code or tests importing the kit): the same exports, with Lit's Node build, which
// defines the elements against its DOM shim instead of reading `document` and `HTMLElement` as it loads.
await build({
  ...BUNDLE_OPTIONS,
  platform: "node",
  conditions: ["source", "node"],
  entryPoints: [KIT_ENTRY],
  outfile: `${outdir}/creditkit.node.js`,
  plugins: [workerUrlPlugin, localeFilesPlugin, cssLiteralsPlugin],
});
console.log(
  `single-file build: packages/elements/dist/creditkit.js (+ ${WORKER_FILE}, ${KIT_LOCALES.map(localeFile).join(", ")}, and creditkit.node.js for Node)`,
);
