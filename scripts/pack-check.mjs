// What `npm pack` would publish, package by package (issue #16): each tarball holds its
// package.json, README.md and LICENSE, every declaration file an export's "types" condition names
// (the one-file kit's dist/creditkit.d.ts among them), and every source-map URL in a shipped file names a
// file that is shipped too, and the one-file kit imports in Node. Run after `npm run build`; exits 1 and says
// what is missing.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const packages = readdirSync(join(root, "packages")).sort();
const problems = [];
for (const dir of packages) {
  const cwd = join(root, "packages", dir);
  const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd, encoding: "utf8" }));
  const files = new Set(pack.files.map((f) => f.path));
  const missing = ["package.json", "README.md", "LICENSE"].filter((f) => !files.has(f));
  for (const f of missing) problems.push(`${pack.name}: ${f} is not in the package`);
  // Every declaration file an export's "types" condition names is shipped (the kit's dist/creditkit.d.ts among them).
  const manifest = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8"));
  const types = typesTargets(manifest.exports);
  if (manifest.name === "@creditkit/elements" && !types.includes("dist/creditkit.d.ts"))
    problems.push(`${pack.name}: the "./creditkit.js" export has no "types" condition naming dist/creditkit.d.ts`);
  for (const file of types) if (!files.has(file)) problems.push(`${pack.name}: ${file} (an export's "types") is not in the package`);
  let maps = 0;
  for (const file of files) {
    if (!/\.(m?js|css)$/.test(file)) continue;
    const text = readFileSync(join(cwd, file), "utf8");
    const url = /[#@] sourceMappingURL=([^\s'"*]+)\s*(\*\/)?\s*$/.exec(text)?.[1];
    if (!url || url.startsWith("data:")) continue;
    maps++;
    const target = posix.normalize(posix.join(posix.dirname(file), url));
    if (!files.has(target)) problems.push(`${pack.name}: ${file} names the source map ${url}, which is not shipped`);
  }
  console.log(
    `${pack.name.padEnd(22)} ${String(pack.entryCount).padStart(4)} files, ${(pack.size / 1024).toFixed(1).padStart(7)} kB packed; README, LICENSE: ${missing.length ? `MISSING ${missing.join(", ")}` : "yes"}; source-map links checked: ${maps}; "types" files: ${types.length}`,
  );
}
// The one-file kit by its package name in Node (the "node" condition): it loads, and its elements and rules are there.
try {
  const kit = await import("@creditkit/elements/creditkit.js");
  const missing = ["CkPayWindow", "createMemoryDataSource", "planCheckout"].filter((name) => typeof kit[name] !== "function");
  if (missing.length > 0) problems.push(`@creditkit/elements/creditkit.js in Node lacks ${missing.join(", ")}`);
  else console.log(`@creditkit/elements/creditkit.js imports in Node: ${Object.keys(kit).length} exports`);
} catch (error) {
  problems.push(`@creditkit/elements/creditkit.js crashes when imported in Node: ${error.message}`);
}
/** The files the "types" conditions of an `exports` map name, as paths inside the package. */
function typesTargets(exports) {
  if (exports === null || typeof exports !== "object") return [];
  return Object.entries(exports).flatMap(([key, value]) =>
    key === "types" && typeof value === "string" ? [posix.normalize(value)] : typesTargets(value),
  );
}
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log("pack check: every package ships its README, LICENSE and exported declarations, and every source-map link resolves");
