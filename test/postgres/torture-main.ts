/**
 * `npm run torture:postgres`: the full-size concurrency torture test (8
 * processes × 2,000 operations; TORTURE_WORKERS and TORTURE_OPS change it)
 * on the server in DATABASE_URL. Prints the figures and exits non-zero when
 * a count is wrong.
 */
import { expectFigures, formatFigures } from "./torture-report.js";
import { runTorture } from "./torture-run.js";

const url = process.env.DATABASE_URL;
if (!url) {
  console.log("DATABASE_URL is not set: the concurrency torture test runs on a PostgreSQL server only (skipped).");
  process.exit(0);
}
const workers = Number(process.env.TORTURE_WORKERS ?? 8);
const ops = Number(process.env.TORTURE_OPS ?? 2000);
const figures = await runTorture({ url, workers, ops });
console.log(formatFigures(figures, `full size ${workers} × ${ops}`));
try {
  expectFigures(figures);
  console.log("torture: every count holds");
} catch (error) {
  console.error(String(error));
  process.exitCode = 1;
}
