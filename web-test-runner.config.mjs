// Runs every test file in headless Debian Chromium (see ../shared/TOOLCHAIN.md).

import { fileURLToPath } from "node:url";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { playwrightLauncher } from "@web/test-runner-playwright";
import { CHROMIUM_FLAGS, chromiumPath } from "./scripts/chromium.mjs";

export default {
  // Node-only tests (they read source files): the translations' and styles' checks, the core's message and README checks.
  files: [
    "test/**/*.test.ts",
    "!test/contract-node/**",
    "!test/postgres/**",
    "!test/server/**",
    "!test/localize/**",
    "!test/core/error-messages.test.ts",
    "!test/core/readme-examples.test.ts",
  ],
  nodeResolve: { exportConditions: ["source", "browser", "import", "default"] },
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  // The test pages declare that they support both schemes, as the demo does: the elements follow the page's
  // color-scheme (docs/decisions/0027), so a test that emulates a dark system sees them dark.
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html lang="en"><head><style>:root { color-scheme: light dark; }</style></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  testsFinishTimeout: 600000,
  plugins: [esbuildPlugin({ ts: true, target: "es2022", tsconfig: fileURLToPath(new URL("./tsconfig.json", import.meta.url)) })],
  browsers: [
    playwrightLauncher({
      product: "chromium",
      launchOptions: { executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS },
    }),
  ],
};
