// The API reports (issue #16, docs/decisions/0030): what each package's main entry exports, as API
// Extractor reads it from the built declarations, checked in as api/<package>.api.md so a change to
// the public surface shows in review.
//
//   node scripts/api-report.mjs          (npm run api:report) writes the declarations and the reports
//   node scripts/api-report.mjs --check  (npm run api:check)  fails when a report differs from the code
//
// The declarations come from each package's `tsc -p tsconfig.build.json` (the d.ts half of its
// build, seconds), so neither needs a full `npm run build` first.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { extract, ROOT } from "./api-extractor.mjs";

const check = process.argv.includes("--check");
const PACKAGES = [
  { packageDir: "packages/core", entry: "dist/index.d.ts", report: "core" },
  { packageDir: "packages/store", entry: "dist/index.d.ts", report: "store" },
  { packageDir: "packages/elements", entry: "dist/index.d.ts", report: "elements" },
];

const tsc = `${ROOT}node_modules/typescript/bin/tsc`;
for (const { packageDir } of PACKAGES) {
  try {
    execFileSync(process.execPath, [tsc, "-p", `${ROOT}${packageDir}/tsconfig.build.json`], { stdio: "inherit" });
  } catch {
    console.error(`\n${packageDir}: its declarations do not build (tsc -p tsconfig.build.json, above)`);
    process.exit(1);
  }
}

mkdirSync(`${ROOT}api`, { recursive: true });
const failed = [];
for (const pkg of PACKAGES) {
  const result = extract({ ...pkg, check });
  const file = `api/${pkg.report}.api.md`;
  if (check && result.apiReportChanged) failed.push(`${file} differs from what ${pkg.packageDir}/${pkg.entry} exports`);
  else if (result.errorCount + result.warningCount > 0)
    failed.push(`${pkg.packageDir}: ${result.errorCount} error(s), ${result.warningCount} warning(s) above`);
  else console.log(`${file}: ${check ? "current" : result.apiReportChanged ? "updated" : "unchanged"}`);
}
if (failed.length > 0) {
  console.error(`\n${failed.join("\n")}`);
  if (check) console.error("\nThe public surface changed: run `npm run api:report` and commit api/*.api.md with the change.");
  process.exit(1);
}
