// `npm start`: the creditkit API on the shared ledger (scripts/start-server.mjs, as a child process:
// PGlite in .creditkit-data/, or DATABASE_URL's server; seeded on first run) and the demo host site
// wired to it (scripts/start-demo.mjs). Prints the demo's URL and the API's URL.
//
// `npm run start:browser` serves the browser-only demo instead (IndexedDB, no server).
// `npm start -- --reset` deletes the data folder first (PGlite only), so the ledger is seeded afresh.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { startDemoSite } from "./start-demo.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const dataDir = resolve(root, process.env.CREDITKIT_DATA_DIR ?? ".creditkit-data");
if (process.argv.includes("--reset")) {
  if (process.env.DATABASE_URL) {
    console.error("--reset deletes the PGlite data folder; with DATABASE_URL, drop the database instead.");
    process.exit(1);
  }
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`Deleted ${dataDir}: the ledger is seeded afresh.`);
}

console.log("Starting the creditkit API…");
const api = spawn(process.execPath, ["--import=tsx", "--conditions=source", "scripts/start-server.mjs"], {
  cwd: root,
  env: { ...process.env, CREDITKIT_DATA_DIR: dataDir },
  stdio: ["ignore", "pipe", "inherit"],
});
const apiUrl = await new Promise((done, fail) => {
  const lines = createInterface({ input: api.stdout });
  lines.on("line", (line) => {
    console.log(line);
    const match = /^creditkit API: (http\S+)\/api/.exec(line);
    if (match) done(match[1]);
  });
  api.once("exit", (code) => fail(new Error(`the API stopped (exit code ${code})`)));
}).catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});

const site = await startDemoSite({ apiUrl, orgId: process.env.CREDITKIT_ORG ?? "riverside-aquatics" });
console.log(`
creditkit demo: ${site.url}   (sign in as the admin in one tab and as a family in another)
creditkit API:  ${apiUrl}/api   (OpenAPI: ${apiUrl}/api/openapi.json)
(press Ctrl+C to stop)
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  api.kill("SIGTERM");
  await site.close();
  await new Promise((done) => (api.exitCode === null ? api.once("exit", done) : done()));
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
api.once("exit", (code) => {
  if (stopping) return;
  console.error(`creditkit API stopped (exit code ${code}); stopping the demo.`);
  site.close().finally(() => process.exit(1));
});
