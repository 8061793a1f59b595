/** Issue #13, item 5: the stored gateway writes its intent before it charges. */
import { expect } from "chai";
import type { StoreBackend } from "../../packages/store/src/backend.js";
import { createStoreDataSource } from "../../packages/store/src/data-source.js";
import { openIndexedDbBackend } from "../../packages/store/src/idb-backend.js";
import { databases, fee, openFamilies, uniqueName } from "./helpers.js";

const quota = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

/** The backend, with every save after a charge failing (the gateway's bookkeeping, and the commit of the key's payment). */
function failingAfterCharge(backend: StoreBackend, key: string): StoreBackend {
  const failing = { ...backend } as StoreBackend & { answerCharge?: (key: string) => Promise<void> };
  failing.putGateway = () => Promise.reject(quota());
  failing.answerCharge = () => Promise.reject(quota());
  failing.write = (since, change) =>
    backend.write(since, (missed) => {
      const records = change(missed);
      if (records.some((r) => r.t === "commit" && r.key === key)) throw quota();
      return records;
    });
  return failing;
}

describe("store: the stored gateway writes its intent before it charges (issue #13)", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("a save that fails after the charge leaves an intent: a reload never forgets the charge, and the re-run records it without charging the key twice", async () => {
    const name = uniqueName();
    const setup = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(setup, 1);
    await setup.commit("fee/F1/d", [fee("F1", "d", "20.00")]);
    await setup.gateway.addCards(["F1"]);
    setup.close();

    const request = {
      batchId: "dues",
      applyCredit: false,
      date: "2026-12-01",
      invoices: [{ invoiceId: "F1", accountId: "F1", feeIds: ["d"] }],
    };
    const full = await createStoreDataSource(failingAfterCharge(await openIndexedDbBackend({ name }), "dues/F1"));
    const first = await full.settleBatch(request);
    expect(first.results[0]?.outcome, "not paid: the payment could not be saved").not.to.match(/^paid/);
    full.close();

    const again = await dbs.open(name);
    const charged = again.gateway.charges();
    expect(
      charged.map((c) => [c.idempotencyKey, c.amount]),
      "the charge survives the reload",
    ).to.deep.equal([["dues/F1", "20.00"]]);
    const rerun = await again.settleBatch(request);
    expect(rerun.results[0]?.outcome).to.equal("paid-by-charge");
    expect(rerun.results[0]?.chargeId, "the first charge, recorded").to.equal(charged[0]?.chargeId);
    expect(again.gateway.charges(), "no second charge").to.have.length(1);
    expect((await again.getAccount("F1")).amountDue).to.equal("0.00");
    expect(await again.reservations()).to.deep.equal([]);
    const payments = (await again.listEntries()).filter((e) => e.type === "Payment");
    expect(payments.map((p) => p.type === "Payment" && p.reference)).to.deep.equal([charged[0]?.chargeId]);
  });
});
