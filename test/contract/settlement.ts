/** settleBatch through the subject's simulated gateway: credit first, declines, unknown answers reconciled, re-runs. */
import type { SettleBatchRequest } from "@creditkit/core";
import { planCheckout } from "@creditkit/core";
import { expect } from "chai";
import { balances, type ContractContext, everything, expectCode, fee, grant, openFamilies, post, unique } from "./support.js";

export function settlementContract(ctx: ContractContext): void {
  /** `n` accounts, each with fee d (20.00) and, when `credit` is given, a grant of it; a card on file for each; auto-apply off. */
  const owing = async (n: number, credit?: string) => {
    await ctx.source.updateSettings({ autoApply: false });
    const ids = await openFamilies(ctx.ledger, n);
    for (const id of ids) await post(ctx.ledger, fee(id, "d", "20.00"), ...(credit ? [grant(id, "g", credit)] : []));
    await ctx.ledger.gateway.addCards(ids);
    const batchId = unique("dues");
    const request = (only = ids): SettleBatchRequest => ({
      batchId,
      applyCredit: true,
      date: "2026-12-01",
      invoices: only.map((id) => ({ invoiceId: `inv-${id}`, accountId: id, feeIds: ["d"] })),
      timeoutMs: 2000,
    });
    return { ids, batchId, request };
  };
  const chargesOf = async (key: string) => (await ctx.ledger.gateway.charges()).filter((c) => c.idempotencyKey === key);

  describe("settleBatch", () => {
    it("applies credit first and charges the card the rest, once, under the invoice's key", async () => {
      const { ids, batchId, request } = await owing(2, "5.00");
      const [a, b] = ids as [string, string];
      await post(ctx.ledger, grant(b, "h", "15.00"));
      const result = await ctx.source.settleBatch(request());
      expect(result.results.map((r) => [r.accountId, r.outcome, r.creditUsed, r.charged])).to.deep.equal([
        [a, "paid-by-charge-and-credit", "5.00", "15.00"],
        [b, "paid-by-credit", "20.00", "0.00"],
      ]);
      expect([result.summary.charged, result.summary.creditUsed]).to.deep.equal(["15.00", "25.00"]);
      const charged = await chargesOf(`${batchId}/inv-${a}`);
      expect(charged.map((c) => [c.accountId, c.amount, c.currency])).to.deep.equal([[a, "15.00", "USD"]]);
      expect(await chargesOf(`${batchId}/inv-${b}`), "credit paid it: the gateway was not asked").to.deep.equal([]);
      expect(await balances(ctx.source, a)).to.deep.equal(["0.00", "0.00", "0.00"]);
      expect(await balances(ctx.source, b)).to.deep.equal(["0.00", "0.00", "0.00"]);
    });

    it("a decline leaves the invoice wholly unpaid and the credit free: nothing is written for it", async () => {
      const { ids, request } = await owing(1, "5.00");
      const [a] = ids as [string];
      await ctx.ledger.gateway.script(a, ["decline"]);
      const before = await ctx.source.listEntries({ accountIds: [a] });
      const result = await ctx.source.settleBatch(request());
      expect(result.results.map((r) => [r.outcome, r.code, r.creditUsed, r.charged])).to.deep.equal([
        ["declined", "charge-declined", "0.00", "0.00"],
      ]);
      expect(await ctx.source.listEntries({ accountIds: [a] })).to.deep.equal(before);
      const snap = await ctx.source.getAccount(a);
      expect(snap.fees.map((f) => [f.remainder, f.reservedBy])).to.deep.equal([["20.00", undefined]]);
      expect([snap.amountDue, snap.accountCredit, snap.reservedCredit, snap.availableCredit]).to.deep.equal([
        "20.00",
        "5.00",
        "0.00",
        "5.00",
      ]);
    });

    it("an answer lost after the card was charged is asked again under the same key: paid, and charged once", async () => {
      const { ids, batchId, request } = await owing(1, "5.00");
      const [a] = ids as [string];
      await ctx.ledger.gateway.script(a, ["timeout"]);
      const result = await ctx.source.settleBatch(request());
      expect(result.results.map((r) => [r.outcome, r.charged])).to.deep.equal([["paid-by-charge-and-credit", "15.00"]]);
      expect((await chargesOf(`${batchId}/inv-${a}`)).map((c) => c.amount)).to.deep.equal(["15.00"]);
      expect(await balances(ctx.source, a)).to.deep.equal(["0.00", "0.00", "0.00"]);
    });

    it("an answer that stays unknown leaves the invoice unresolved with its reservation kept; a re-run reconciles it with one charge", async () => {
      const { ids, batchId, request } = await owing(1, "5.00");
      const [a] = ids as [string];
      const key = `${batchId}/inv-${a}`;
      await ctx.ledger.gateway.script(a, ["timeout-no-charge", "timeout-no-charge"]);
      const first = await ctx.source.settleBatch(request());
      expect(first.results.map((r) => [r.outcome, r.code, r.charged])).to.deep.equal([["unresolved", "charge-unknown", "0.00"]]);
      const held = await ctx.source.getAccount(a);
      expect(held.fees.map((f) => [f.remainder, f.reservedBy])).to.deep.equal([["20.00", key]]);
      expect([held.amountDue, held.accountCredit, held.reservedCredit, held.availableCredit]).to.deep.equal([
        "20.00",
        "5.00",
        "5.00",
        "0.00",
      ]);
      // The held fee cannot be paid at the desk meanwhile.
      const desk = { key: unique("desk"), channel: "admin" as const, date: "2026-12-01", feeIds: ["d"] };
      const settings = await ctx.source.getSettings();
      await expectCode(() => planCheckout(held, desk, settings), "fee-reserved");

      const again = await ctx.source.settleBatch(request());
      expect(again.results.map((r) => [r.outcome, r.creditUsed, r.charged])).to.deep.equal([
        ["paid-by-charge-and-credit", "5.00", "15.00"],
      ]);
      expect(
        (await chargesOf(key)).map((c) => c.amount),
        "one charge for the key",
      ).to.deep.equal(["15.00"]);
      const after = await ctx.source.getAccount(a);
      expect(after.fees.map((f) => [f.remainder, f.reservedBy])).to.deep.equal([["0.00", undefined]]);
      expect([after.amountDue, after.accountCredit, after.reservedCredit]).to.deep.equal(["0.00", "0.00", "0.00"]);
    });

    it("re-running a paid batch charges nothing and writes nothing: every invoice is already settled", async () => {
      const { ids, request } = await owing(3);
      const first = await ctx.source.settleBatch(request());
      expect(first.results.map((r) => r.outcome)).to.deep.equal(["paid-by-charge", "paid-by-charge", "paid-by-charge"]);
      const charges = (await ctx.ledger.gateway.charges()).length;
      const before = await everything(ctx.source);
      const again = await ctx.source.settleBatch(request());
      expect(again.results.map((r) => [r.outcome, r.charged])).to.deep.equal(ids.map(() => ["already-settled", "0.00"]));
      expect((await ctx.ledger.gateway.charges()).length).to.equal(charges);
      expect(await everything(ctx.source)).to.deep.equal(before);
    });

    it("a bad batch is refused with a typed error and nothing is reserved, charged or written; bad rows fail alone", async () => {
      const { ids, request } = await owing(2, "5.00");
      const [a, b] = ids as [string, string];
      const charges = (await ctx.ledger.gateway.charges()).length;
      const before = await everything(ctx.source);
      await expectCode(ctx.source.settleBatch(null as never), "invalid-input");
      await expectCode(ctx.source.settleBatch({ ...request(), batchId: "a/b" }), "invalid-input");
      await expectCode(ctx.source.settleBatch({ ...request(), date: "2026-13-01" }), ["invalid-date", "invalid-input"]);
      await expectCode(ctx.source.settleBatch({ ...request(), invoices: null as never }), "invalid-input");
      await expectCode(ctx.source.settleBatch({ ...request(), applyCredit: "yes" as never }), "invalid-input");
      expect(await everything(ctx.source)).to.deep.equal(before);
      expect((await ctx.ledger.gateway.charges()).length).to.equal(charges);

      const rows = request();
      const bad = await ctx.source.settleBatch({
        ...rows,
        invoices: [
          { invoiceId: "ghost", accountId: unique("nobody"), feeIds: ["d"] },
          { invoiceId: "nofee", accountId: a, feeIds: ["nope"] },
          ...rows.invoices.filter((i) => i.accountId === b),
        ],
      });
      expect(bad.results.map((r) => [r.outcome, r.code])).to.deep.equal([
        ["failed", "unknown-account"],
        ["failed", "unknown-fee"],
        ["paid-by-charge-and-credit", undefined],
      ]);
      expect(await balances(ctx.source, a)).to.deep.equal(["20.00", "5.00", "5.00"]);
      expect(await balances(ctx.source, b)).to.deep.equal(["0.00", "0.00", "0.00"]);
    });
  });
}
