// The API Extractor settings creditkit shares (issue #16, docs/decisions/0030): the API reports
// (scripts/api-report.mjs, api/*.api.md) and the one-file kit's rolled-up declarations (scripts/kit-types.mjs).
// API Extractor reads the built .d.ts files with the TypeScript it bundles, not the repository's.
import { isAbsolute, resolve } from "node:path";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";

export const ROOT = new URL("..", import.meta.url).pathname;

/** How the declarations are read: as a host's bundler would, by each package's "types" condition (no "source"). */
const COMPILER_OPTIONS = {
  target: "ES2022",
  module: "ESNext",
  moduleResolution: "bundler",
  lib: ["ES2023", "DOM", "DOM.Iterable"],
  strict: true,
  skipLibCheck: true,
  types: [],
};

/**
 * Which findings fail a run. The reports record the surface, not the doc comments: release tags
 * (`@public`) and TSDoc syntax are off (the elements' JSDoc carries `@fires`, `@slot`, `@csspart`…
 * for the Custom Elements Manifest); a type the surface uses but does not export is written into the
 * report, where a reviewer sees it. Anything else (a compiler error, a changed report) fails.
 */
const MESSAGES = {
  compilerMessageReporting: { default: { logLevel: "warning" } },
  extractorMessageReporting: {
    default: { logLevel: "warning" },
    "ae-missing-release-tag": { logLevel: "none" },
    "ae-undocumented": { logLevel: "none" },
    "ae-forgotten-export": { logLevel: "none", addToApiReportFile: true },
    "ae-unresolved-link": { logLevel: "none" },
    "ae-different-release-tags": { logLevel: "none" },
  },
  tsdocMessageReporting: { default: { logLevel: "none" } },
};

/**
 * Runs API Extractor on one package's built entry declaration (`entry`: relative to the package, or absolute).
 * `report`: write `api/<report>.api.md` (or, with `check`, compare against it);
 * `rollup`: write every declaration the entry reaches into this one file, with `bundled` packages inlined.
 */
export function extract({ packageDir, entry, report, rollup, bundled = [], check = false }) {
  const projectFolder = `${ROOT}${packageDir}`;
  const configObject = {
    projectFolder,
    mainEntryPointFilePath: isAbsolute(entry) ? entry : `<projectFolder>/${entry}`,
    bundledPackages: bundled,
    newlineKind: "lf",
    compiler: { overrideTsconfig: { compilerOptions: COMPILER_OPTIONS, files: [resolve(projectFolder, entry)] } },
    apiReport: report
      ? {
          enabled: true,
          reportFileName: `${report}.api.md`,
          reportFolder: `${ROOT}api/`,
          reportTempFolder: `${ROOT}node_modules/.cache/api-extractor/`,
        }
      : { enabled: false },
    docModel: { enabled: false },
    dtsRollup: rollup ? { enabled: true, untrimmedFilePath: `<projectFolder>/${rollup}` } : { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: MESSAGES,
  };
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: `${projectFolder}/api-extractor.json`,
    packageJsonFullPath: `${projectFolder}/package.json`,
  });
  return Extractor.invoke(config, {
    localBuild: !check,
    // Writing or creating a report is what a local run is for, not a warning; a check still counts a changed one.
    messageCallback(message) {
      if (!check && message.messageId.startsWith("console-api-report-")) message.logLevel = "info";
    },
  });
}
