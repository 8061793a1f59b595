/**
 * The concurrency torture test in `npm test` (issue #14, Proof), on the real
 * server only: 8 processes × 300 operations (the CI size; the full 8 × 2,000
 * is `npm run torture:postgres`), one killed and restarted, then the honest
 * pass and the checker. Prints its figures; skipped, with one line, without
 * DATABASE_URL.
 */
import { expect } from "chai";
import { expectFigures, formatFigures } from "./torture-report.js";
import { runTorture } from "./torture-run.js";

const url = process.env.DATABASE_URL;
const WORKERS = 8;
const OPS = Number(process.env.TORTURE_OPS ?? 300);

describe("postgres concurrency torture test (server)", function () {
  this.timeout(240_000);
  if (!url) {
    it.skip("runs on a PostgreSQL server only (DATABASE_URL is not set)");
    return;
  }
  it(`${WORKERS} processes × ${OPS} random operations on 200 shared accounts, one killed mid-settlement: every balance the fold of its entries, no key twice, no charge twice or unrecorded, nothing held, negative, overpaid or partly paid, money conserved`, async () => {
    const figures = await runTorture({ url, workers: WORKERS, ops: OPS });
    console.log(formatFigures(figures, `CI size ${WORKERS} × ${OPS}; the full 8 × 2,000 is npm run torture:postgres`));
    expectFigures(figures);
    expect(figures.wallMs).to.be.greaterThan(0);
  });
});
