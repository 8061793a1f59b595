// Makes sure Debian's Chromium is there before the browser tests: installs it
// when running as root with apt available, otherwise says the one command to run.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumPath, hasChromium, INSTALL_HINT } from "./chromium.mjs";

if (!hasChromium()) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && existsSync("/usr/bin/apt-get") && !process.env.CHROME_PATH) {
    console.log("Chromium not found: installing Debian's chromium (about 30 s)…");
    execSync(INSTALL_HINT, { stdio: "inherit", shell: "/bin/bash", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  }
  if (!hasChromium()) {
    console.error(`No Chromium at ${chromiumPath()}. Install it with: sudo ${INSTALL_HINT}  (or set CHROME_PATH)`);
    process.exit(1);
  }
}
