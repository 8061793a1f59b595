/**
 * Issue #13, item 4 and the Proof's two-tab fault test: two real tabs (this
 * page and a same-origin iframe, each with its own modules) settle the same
 * batch on one IndexedDB database with the stored gateway, then an honest
 * re-run; a checker counts every real charge any witness saw.
 */
import type { AccountSnapshot, BatchInvoice, SettleBatchRequest } from "@creditkit/core";
import { expect } from "chai";
import type { StoreDataSource } from "../../packages/store/src/index.js";
import { databases, eventually, fee, grant, uniqueName } from "./helpers.js";
import { checkMoney, figuresLine, type SeenCharge } from "./money-checker.js";
import type { CreditkitTab, TabSettled } from "./tab-page.js";

const INVOICES = 300;
/** Long enough that charges overlap: without a batch lock both tabs have the same keys in flight. */
const LATENCY_MS = 15;

/** Opens a second tab: an iframe running tab-page.ts. */
async function openTab(): Promise<{ tab: CreditkitTab; close: () => void }> {
  const frame = document.createElement("iframe");
  const src = new URL("./tab-page.ts", import.meta.url).href;
  frame.srcdoc = `<!doctype html><script type="module" src="${src}"></script>`;
  document.body.append(frame);
  const win = () => frame.contentWindow as (Window & { creditkitTab?: CreditkitTab }) | null;
  await eventually(() => win()?.creditkitTab !== undefined, 15000);
  const tab = win()?.creditkitTab as CreditkitTab;
  return {
    tab,
    close: () => {
      tab.close();
      frame.remove();
    },
  };
}

/** F1…Fn with a 20.00 fee each, 5.00 of credit on every third, a card each, and hostile scripts on some. */
async function fillBatch(source: StoreDataSource, n: number): Promise<{ invoices: BatchInvoice[]; creditBefore: string }> {
  const ids = Array.from({ length: n }, (_, i) => `F${i + 1}`);
  await source.openAccounts(ids.map((id) => ({ id, name: `Family ${id}`, kind: "family" as const })));
  await source.commitChunk(ids.map((id) => ({ key: `fee/${id}/d`, entries: [fee(id, "d", "20.00")] })));
  const credited = ids.filter((_, i) => i % 3 === 0);
  await source.commitChunk(credited.map((id) => ({ key: `grant/${id}/g`, entries: [grant(id, "g", "5.00")] })));
  await source.gateway.addCards(ids);
  const scripts = [["timeout"], ["decline"], ["error"], ["reject"], ["timeout-no-charge", "timeout-no-charge"]] as const;
  for (const [i, id] of ids.entries()) {
    const script = scripts[i % 10];
    if (script) await source.gateway.script(id, script);
  }
  return {
    invoices: ids.map((id) => ({ invoiceId: id, accountId: id, feeIds: ["d"] })),
    creditBefore: `${credited.length * 5}.00`,
  };
}

describe("store: two tabs settling the same batch (issue #13)", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("two data sources charging one key at once: one real charge, both answered with it (the idempotency memory is shared and transactional)", async () => {
    const name = uniqueName();
    const a = await dbs.open(name, { gateway: { latencyMs: 5 } });
    const b = await dbs.open(name, { gateway: { latencyMs: 5 } });
    await a.gateway.addCards(["F1"]);
    await b.sync();
    const request = { accountId: "F1", amount: "15.00", currency: "USD", idempotencyKey: "dues/F1", description: "Dues" };
    const answers = await Promise.all([a.gateway.charge(request), b.gateway.charge(request), a.gateway.charge(request)]);
    const ids = answers.map((answer) => (answer.status === "succeeded" ? answer.chargeId : answer.status));
    expect(new Set(ids).size, `answers ${ids.join(", ")}`).to.equal(1);
    const seen = new Set([...a.gateway.charges(), ...b.gateway.charges()].map((c) => c.chargeId));
    expect(seen.size, "real charges").to.equal(1);
    const reopened = await dbs.open(name);
    expect(reopened.gateway.charges().map((c) => c.chargeId)).to.deep.equal([...seen]);
  });

  it("fault two-tabs: two tabs settle one batch at once, then an honest re-run: no key charged twice, nothing unrecorded, no reservation left, money conserved", async function () {
    this.timeout(60000);
    const name = uniqueName();
    const started = Date.now();
    const first = await dbs.open(name, { settings: { autoApply: false }, gateway: { latencyMs: LATENCY_MS } });
    const { invoices, creditBefore } = await fillBatch(first, INVOICES);
    const { tab, close } = await openTab();
    await tab.open(name, LATENCY_MS);
    try {
      const request: Omit<SettleBatchRequest, "onProgress" | "signal"> = {
        batchId: "dues",
        applyCredit: true,
        date: "2026-12-01",
        invoices,
        timeoutMs: 200,
        concurrency: 8,
      };
      const [mine, theirsJson] = await Promise.all([first.settleBatch(request), tab.settle(request)]);
      const theirs = JSON.parse(theirsJson) as TabSettled;
      await first.sync();
      const rerun = await first.settleBatch(request);

      const checker = await dbs.open(name);
      const results = [...mine.results, ...theirs.results, ...rerun.results];
      const charges: SeenCharge[] = [
        ...checker.gateway.charges(),
        ...first.gateway.charges(),
        ...theirs.charges,
        ...results.flatMap((r) => (r.chargeId ? [{ chargeId: r.chargeId, idempotencyKey: r.key, amount: r.charged }] : [])),
      ];
      const accounts: readonly AccountSnapshot[] = await checker.getAccounts();
      const figures = checkMoney({
        currency: "USD",
        charges,
        entries: await checker.listEntries(),
        accounts,
        reservations: (await checker.reservations()).length,
        creditBefore,
      });
      const paid = accounts.filter((a) => a.amountDue === "0.00").length;
      const outcomes = (list: readonly { outcome: string }[]) =>
        Object.entries(
          list.reduce<Record<string, number>>((n, r) => {
            n[r.outcome] = (n[r.outcome] ?? 0) + 1;
            return n;
          }, {}),
        )
          .map(([k, v]) => `${k}:${v}`)
          .join(",");
      console.log(
        figuresLine(
          "fault two-tabs",
          figures,
          ` invoices=${INVOICES} paid-after-rerun=${paid} tab1=[${outcomes(mine.results)}] tab2=[${outcomes(theirs.results)}] rerun=[${outcomes(rerun.results)}] ms=${Date.now() - started}`,
        ),
      );
      expect(figures.maxChargesPerKey, "real charges per key").to.be.at.most(1);
      expect(figures.unrecorded, "charged but unrecorded after the re-run").to.equal(0);
      expect(figures.reservationsLeft, "reservations left after the re-run").to.equal(0);
      expect(figures.feesOverpaid, "fees overpaid").to.equal(0);
      expect(figures.negatives, "negative figures").to.equal(0);
      expect(figures.feesPartlyPaid, "invoices partly paid").to.equal(0);
      expect(figures.conserved, "money conserved").to.equal(true);
    } finally {
      close();
    }
  });
});
