// Runs a TypeScript benchmark in Node the way a consumer runs the core: one
// ES module bundled by esbuild from the sources (as a host's bundler would),
// not through a TypeScript loader, whose own heap and helpers (`__name` on
// every closure) would be counted in the figures.
//   node bench/run-node.mjs bench/core.bench.ts [node flags…]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

const [entry, ...nodeFlags] = process.argv.slice(2);
if (!entry) throw new Error("usage: node bench/run-node.mjs <bench.ts> [node flags…]");
const dir = mkdtempSync(join(tmpdir(), "creditkit-bench-"));
const outfile = join(dir, "bench.mjs");
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  conditions: ["source"],
  logLevel: "error",
});
const run = spawnSync(process.execPath, ["--expose-gc", ...nodeFlags, outfile], { stdio: "inherit" });
rmSync(dir, { recursive: true, force: true });
process.exitCode = run.status ?? 1;
