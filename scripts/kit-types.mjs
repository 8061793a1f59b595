// The one-file kit's types (issue #16, docs/decisions/0030): packages/elements/dist/creditkit.d.ts,
// every declaration kit/creditkit.ts exports (the elements, the rules core, the embedded store) in
// one file next to dist/creditkit.js, so `@creditkit/elements/creditkit.js` is typed like the packages.
// Run by the elements' build after core and store have built their declarations.
//
// tsc writes the kit entry's declarations into a scratch folder (dist/.kit-types); API Extractor rolls them up with
// @creditkit/core and @creditkit/store inlined (lit, @lit/context and decimal.js stay imports: the
// elements' dependencies, which a host installing the package has). API Extractor drops `declare
// global` blocks from a rollup, so the tag-name and event-map entries the element modules add are
// copied in after it: `document.createElement("ck-pay-window")` is a CkPayWindow with the kit too.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { extract, ROOT } from "./api-extractor.mjs";

const elements = `${ROOT}packages/elements`;
const out = `${elements}/dist/creditkit.d.ts`;
// Inside the package, so the declarations resolve @creditkit/core and lit as the package does; removed after.
const scratch = `${elements}/dist/.kit-types`;
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
try {
  writeFileSync(
    `${scratch}/tsconfig.json`,
    JSON.stringify({
      extends: `${elements}/tsconfig.json`,
      compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: elements, outDir: `${scratch}/out` },
      include: [`${elements}/kit`],
    }),
  );
  execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, "-p", `${scratch}/tsconfig.json`], { stdio: "inherit" });
  const result = extract({
    packageDir: "packages/elements",
    entry: `${scratch}/out/kit/creditkit.d.ts`,
    rollup: "dist/creditkit.d.ts",
    bundled: ["@creditkit/core", "@creditkit/store"],
  });
  if (result.errorCount + result.warningCount > 0)
    throw new Error(`API Extractor: ${result.errorCount} error(s), ${result.warningCount} warning(s) above`);

  const globals = declarationFiles(`${scratch}/out/src`).flatMap((file) => globalBlocks(readFileSync(file, "utf8")));
  // lit-html's TemplateResult by the name lit re-exports it under: lit is the elements' own dependency.
  const rolled = readFileSync(out, "utf8")
    .replace(/ from 'lit-html';$/gm, " from 'lit';")
    .replace(/\nexport \{ *\};?\s*$/, "\n");
  writeFileSync(out, `${rolled}\n${globals.join("\n\n")}\n\nexport { };\n`);
  const lines = readFileSync(out, "utf8").split("\n").length;
  console.log(`kit types: packages/elements/dist/creditkit.d.ts (${lines} lines, ${globals.length} declare global blocks)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function declarationFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The `declare global { … }` blocks of one emitted declaration file (tsc writes them from column 0 to a lone `}`). */
function globalBlocks(text) {
  return [...text.matchAll(/^declare global \{\n[\s\S]*?\n\}$/gm)].map((m) => m[0]);
}
