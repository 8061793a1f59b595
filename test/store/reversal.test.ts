import type { LedgerEntry } from "@creditkit/core";
import { expect } from "chai";
import { databases, expectCode, fee, openFamilies, uniqueName } from "./helpers.js";

/** F1 pays fee a (20.00) by card, under key `pay`. */
const cardPayment: LedgerEntry = {
  id: "pay#0",
  key: "pay",
  type: "Payment",
  accountId: "F1",
  date: "2026-11-03",
  amount: "20.00",
  description: "Card at the desk",
  method: "card",
  allocations: [{ feeId: "a", amount: "20.00" }],
};

/** What only IndexedDB adds to reversing a payment (it outlives a reload); the rules are in test/contract/credits.ts. */
describe("store: reversing a payment in IndexedDB", () => {
  const dbs = databases();
  afterEach(() => dbs.cleanUp());

  it("a reversal is kept across a reload: the fee is owed again, the same call is a duplicate and another key is refused", async () => {
    const name = uniqueName();
    const source = await dbs.open(name, { settings: { autoApply: false } });
    await openFamilies(source, 1);
    await source.commit("fee/F1/a", [fee("F1", "a", "20.00")]);
    await source.commit("pay", [cardPayment]);
    const result = await source.reversePayment({ accountId: "F1", entryId: "pay#0", date: "2026-11-20" });
    expect(result.entries.map((e) => e.id)).to.deep.equal(["reverse/pay#0#0"]);
    source.close();

    const again = await dbs.open(name);
    expect((await again.getAccount("F1")).amountDue, "after a reload").to.equal("20.00");
    const voids = (await again.listEntries({ accountIds: ["F1"] })).filter((e) => e.type === "Void");
    expect(voids.map((e) => e.id)).to.deep.equal(["reverse/pay#0#0"]);
    const twice = await again.reversePayment({ accountId: "F1", entryId: "pay#0", date: "2026-11-21" });
    expect(twice.status).to.equal("duplicate");
    await expectCode(
      again.reversePayment({ accountId: "F1", entryId: "pay#0", date: "2026-11-21", key: "other" }),
      "payment-already-reversed",
    );
    expect((await again.listEntries()).filter((e) => e.type === "Void")).to.have.length(1);
  });
});
