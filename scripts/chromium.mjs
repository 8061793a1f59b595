// Where Debian's Chromium is, and the flags it needs on a machine with no network.
import { existsSync } from "node:fs";

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export const INSTALL_HINT = "apt-get update && apt-get install -y chromium";

/** CHROME_PATH if set, else Debian's /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.CHROME_PATH || "/usr/bin/chromium";
}

export function hasChromium() {
  return existsSync(chromiumPath());
}
