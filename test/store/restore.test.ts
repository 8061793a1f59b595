/** Issue #13, item 13: a restore waits for a batch settlement in flight, and an import's types are strict. */
import { isCreditKitError } from "@creditkit/core";
import { expect } from "chai";
import { createMemoryDataSource, createMemoryStore, type LedgerBackup, type StoreDataSource } from "../../packages/store/src/index.js";
import { demoRun, fee, grant, openFamilies } from "./helpers.js";

async function ledgerWithRun(): Promise<{ source: StoreDataSource; backup: LedgerBackup }> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  const plan = await demoRun(source, 4);
  await source.processRun(plan);
  const family = plan.posts[0]?.familyId ?? "";
  await source.commit(`fee/${family}/a`, [fee(family, "a", "5.00")]);
  return { source, backup: await source.exportLedger() };
}

// biome-ignore lint/suspicious/noExplicitAny: a hostile backup is edited freely, anywhere.
type Loose = any;

/** The backup as JSON text, changed by `edit`, parsed again (as a file read back would be). */
function edited(backup: LedgerBackup, edit: (json: Loose) => void): unknown {
  const json = JSON.parse(JSON.stringify(backup)) as Loose;
  edit(json);
  return json;
}

/** Each hostile backup, and the typed error codes that may refuse it (invalid-input unless said). */
const hostile: readonly [string, (backup: LedgerBackup) => unknown, (readonly string[])?][] = [
  ["a switch given as text", (b) => edited(b, (j) => (j.ledger.settings.autoApply = "false"))],
  ["a switch given as a number", (b) => edited(b, (j) => (j.ledger.settings.overpaymentToCredit = 0))],
  ["a run's count given as text", (b) => edited(b, (j) => (j.runs[0].selected = String(j.runs[0].selected)))],
  ["a record's count given as text", (b) => edited(b, (j) => (j.runs[0].record.issued = "4"))],
  ["a record's count missing", (b) => edited(b, (j) => delete j.runs[0].record.count)],
  [
    "a __proto__ key in an entry",
    (b) => JSON.parse(JSON.stringify(b).replace('"entries":[{', '"entries":[{"__proto__":{"polluted":true},')),
  ],
  ["a __proto__ key at the top", (b) => JSON.parse(JSON.stringify(b).replace("{", '{"__proto__":{"polluted":true},'))],
  ["a constructor key in the settings", (b) => edited(b, (j) => (j.ledger.settings.constructor = { prototype: {} }))],
  ["a prototype key in a run's request", (b) => edited(b, (j) => (j.runs[0].request.prototype = 1))],
  ["an entry twice, apart", (b) => edited(b, (j) => j.ledger.entries.push(j.ledger.entries[0]))],
  [
    "an entry twice, side by side",
    (b) => edited(b, (j) => j.ledger.entries.splice(1, 0, j.ledger.entries[0])),
    ["invalid-input", "duplicate-id"],
  ],
  ["an account twice", (b) => edited(b, (j) => j.ledger.accounts.push(j.ledger.accounts[0])), ["invalid-input", "duplicate-account"]],
  ["a run's row twice", (b) => edited(b, (j) => j.runs[0].posts.push(j.runs[0].posts[0]))],
  ["a function in an entry", (b) => edited(b, (j) => (j.ledger.entries[0].extra = () => 1))],
  ["a non-finite number", (b) => edited(b, (j) => (j.runs[0].count = Number.POSITIVE_INFINITY))],
  ["a date object", (b) => edited(b, (j) => (j.exportedAt = new Date()))],
];

describe("store: restoring a backup (issue #13)", () => {
  it("a restore waits for a batch settlement in flight (in another tab), then replaces everything", async () => {
    const store = createMemoryStore();
    const settling = await createMemoryDataSource({ store, currency: "USD", settings: { autoApply: false }, gateway: { latencyMs: 15 } });
    const restoring = await createMemoryDataSource({ store });
    const ids = await openFamilies(settling, 12);
    for (const id of ids) await settling.commit(`fee/${id}/d`, [fee(id, "d", "20.00")]);
    await settling.commit("grant/F1/g", [grant("F1", "g", "5.00")]);
    await settling.gateway.addCards(ids);
    const backup = await settling.exportLedger();
    const invoices = ids.map((id) => ({ invoiceId: id, accountId: id, feeIds: ["d"] }));
    const order: string[] = [];
    const settled = settling
      .settleBatch({ batchId: "dues", applyCredit: true, date: "2026-12-01", invoices, concurrency: 2 })
      .then((run) => {
        order.push("settled");
        return run;
      });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await restoring.importLedger(backup);
    order.push("restored");
    const run = await settled;
    expect(order).to.deep.equal(["settled", "restored"]);
    expect(run.summary.counts["paid-by-charge"] + run.summary.counts["paid-by-charge-and-credit"]).to.equal(12);
    await settling.sync();
    expect((await settling.exportLedger()).ledger, "the backup, with nothing of the settlement in it").to.deep.equal(backup.ledger);
    expect(await restoring.reservations()).to.deep.equal([]);
  });

  for (const [what, make, codes = ["invalid-input"]] of hostile) {
    it(`strict types on import: ${what} is refused with a typed error and nothing changes`, async () => {
      const { source, backup } = await ledgerWithRun();
      const before = await source.exportLedger();
      let error: unknown;
      try {
        await source.importLedger(make(backup));
      } catch (caught) {
        error = caught;
      }
      expect(isCreditKitError(error), String(error)).to.equal(true);
      expect(codes).to.include((error as { code: string }).code);
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      const after = await source.exportLedger();
      expect(after.ledger).to.deep.equal(before.ledger);
      expect(after.runs).to.deep.equal(before.runs);
    });
  }
});
