/**
 * The bad-input catalogue (issue #13, Proof): hostile inputs across money,
 * the journal, checkout, settlement, mass credit, reports and CSV, each refused with a
 * typed CreditKitError of the exact code listed, the ledger byte-for-byte
 * unchanged (`JSON.stringify(journal.toData())` before = after). Backup
 * import rows run in the browser: test/store/bad-input-import.test.ts.
 */
import { expect } from "chai";
import { CreditKitError } from "../../packages/core/src/index.js";
import { isMassCreditIndex } from "../../packages/core/src/internal.js";
import { CHECKOUT_ROWS } from "./bad-input/checkout.js";
import { makeContext, type Row } from "./bad-input/context.js";
import { JOURNAL_ROWS } from "./bad-input/journal.js";
import { MASS_CREDIT_ROWS } from "./bad-input/mass-credit.js";
import { MONEY_ROWS } from "./bad-input/money.js";
import { REPORT_ROWS } from "./bad-input/reports.js";
import { SETTLEMENT_ROWS } from "./bad-input/settlement.js";

const ROWS: readonly Row[] = [...MONEY_ROWS, ...JOURNAL_ROWS, ...CHECKOUT_ROWS, ...SETTLEMENT_ROWS, ...MASS_CREDIT_ROWS, ...REPORT_ROWS];

/** What a row got: the error it threw (or the promise rejected with), or nothing. */
async function outcome(row: Row, ctx: ReturnType<typeof makeContext>): Promise<unknown> {
  try {
    await row.run(ctx);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("bad-input catalogue (#13): every hostile input is a typed error and writes nothing", () => {
  const ctx = makeContext();
  const tally = { tried: 0, typed: 0, unchanged: 0 };

  after(() => {
    console.log(`bad-input catalogue: tried ${tally.tried} / typed ${tally.typed} / unchanged ${tally.unchanged}`);
  });

  it("has at least 200 rows, each named once", () => {
    expect(ROWS.length).to.be.at.least(200);
    expect(new Set(ROWS.map((r) => r.name)).size).to.equal(ROWS.length);
  });

  for (const row of ROWS) {
    it(`${row.name} → ${row.code}`, async () => {
      const before = JSON.stringify(ctx.journal.toData());
      const error = await outcome(row, ctx);
      const after = JSON.stringify(ctx.journal.toData());
      tally.tried += 1;
      const typed = error instanceof CreditKitError && error.code === row.code;
      if (typed) tally.typed += 1;
      if (after === before) tally.unchanged += 1;
      expect(error, String(error)).to.be.instanceOf(CreditKitError);
      expect((error as CreditKitError).code, (error as Error).message).to.equal(row.code);
      expect(after, "the ledger changed").to.equal(before);
    });
  }
});

describe("bad-input catalogue (#13): predicates answer false to hostile values instead of throwing", () => {
  for (const value of [null, undefined, 0, "index", [], {}, true]) {
    it(`isMassCreditIndex(${JSON.stringify(value) ?? "undefined"}) is false`, () => {
      expect(isMassCreditIndex(value as never)).to.equal(false);
    });
  }
});
