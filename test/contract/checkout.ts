/** recordCheckout: plans made by the core's planCheckout from what the data source reads, recorded once. */
import { type CheckoutRequest, planCheckout } from "@creditkit/core";
import { expect } from "chai";
import { balances, type ContractContext, everything, expectCode, fee, grant, openFamilies, post, unique } from "./support.js";

export function checkoutContract(ctx: ContractContext): void {
  /** Plans `request` on the account as the data source has it now. */
  const plan = async (accountId: string, request: Omit<CheckoutRequest, "key" | "date"> & { key?: string }) =>
    planCheckout(
      await ctx.source.getAccount(accountId),
      { key: unique("checkout"), date: "2026-11-20", ...request },
      await ctx.source.getSettings(),
    );

  /** One account with fees a (20.00, due first) and b (10.00), and 5.00 of credit; auto-apply off. */
  const family = async () => {
    await ctx.source.updateSettings({ autoApply: false, overpaymentToCredit: false, portalPartialPayments: false });
    const [id] = (await openFamilies(ctx.ledger, 1)) as [string];
    await post(ctx.ledger, fee(id, "a", "20.00", "2026-11-10"), fee(id, "b", "10.00", "2026-11-20"), grant(id, "g", "5.00"));
    return id;
  };

  describe("recordCheckout", () => {
    it("credit first, then a split of card and cash with change: every fee paid, change handed back, credit used up", async () => {
      const id = await family();
      const p = await plan(id, {
        channel: "admin",
        feeIds: ["a", "b"],
        applyCredit: true,
        tenders: [
          { method: "card", amount: "15.00" },
          { method: "cash", amount: "20.00" },
        ],
      });
      expect([p.appliedCredit, p.remainingDue, p.change, p.unpaid]).to.deep.equal(["5.00", "25.00", "10.00", "0.00"]);
      const result = await ctx.source.recordCheckout(p);
      expect(result.status).to.equal("committed");
      expect(result.entries).to.deep.equal(p.entries);
      expect(await balances(ctx.source, id)).to.deep.equal(["0.00", "0.00", "0.00"]);
      const paid = (await ctx.source.getAccount(id)).fees.map((f) => [f.feeId, f.paid, f.remainder]);
      expect(paid).to.deep.equal([
        ["a", "20.00", "0.00"],
        ["b", "10.00", "0.00"],
      ]);
      const payments = (await ctx.source.listEntries({ accountIds: [id] })).filter((e) => e.type === "Payment");
      expect(payments.map((e) => e.amount).sort()).to.deep.equal(["10.00", "15.00"]);
    });

    it("is idempotent by key: recording the same plan again is a duplicate and writes nothing", async () => {
      const id = await family();
      const p = await plan(id, { channel: "admin", feeIds: ["a"], applyCredit: false, tenders: [{ method: "check", amount: "20.00" }] });
      const first = await ctx.source.recordCheckout(p);
      const before = await everything(ctx.source);
      const again = await ctx.source.recordCheckout(p);
      expect(again.status).to.equal("duplicate");
      expect(again.entries).to.deep.equal(first.entries);
      expect(await everything(ctx.source)).to.deep.equal(before);
      expect(await balances(ctx.source, id)).to.deep.equal(["10.00", "5.00", "5.00"]);
    });

    it("the same key with other entries is refused with idempotency-conflict and writes nothing", async () => {
      const id = await family();
      const p = await plan(id, { channel: "admin", feeIds: ["a"], applyCredit: false, tenders: [{ method: "card", amount: "20.00" }] });
      await ctx.source.recordCheckout(p);
      const before = await everything(ctx.source);
      const other = await plan(id, {
        key: p.key,
        channel: "admin",
        feeIds: ["b"],
        applyCredit: false,
        tenders: [{ method: "card", amount: "10.00" }],
      });
      await expectCode(ctx.source.recordCheckout(other), "idempotency-conflict");
      expect(await everything(ctx.source)).to.deep.equal(before);
    });

    it("a plan made before the balances changed is refused with a typed error and nothing is written", async () => {
      const id = await family();
      const stale = await plan(id, { channel: "admin", feeIds: ["a"], applyCredit: true, tenders: [{ method: "card", amount: "15.00" }] });
      // Meanwhile another checkout (another desk) pays fee a from the same credit.
      const first = await plan(id, { channel: "admin", feeIds: ["a"], applyCredit: true, tenders: [{ method: "cash", amount: "15.00" }] });
      await ctx.source.recordCheckout(first);
      const before = await everything(ctx.source);
      await expectCode(ctx.source.recordCheckout(stale), ["fee-overpaid", "credit-overused", "fee-already-paid"]);
      expect(await everything(ctx.source)).to.deep.equal(before);
      expect(await balances(ctx.source, id)).to.deep.equal(["10.00", "0.00", "0.00"]);
    });

    it("a partial payment leaves the rest owed on the fees paid last (admin), and the portal refuses it unless allowed", async () => {
      const id = await family();
      const p = await plan(id, {
        channel: "admin",
        feeIds: ["a", "b"],
        applyCredit: false,
        tenders: [{ method: "card", amount: "25.00" }],
      });
      expect(p.unpaid).to.equal("5.00");
      await ctx.source.recordCheckout(p);
      const fees = (await ctx.source.getAccount(id)).fees.map((f) => [f.feeId, f.remainder]);
      expect(fees).to.deep.equal([
        ["a", "0.00"],
        ["b", "5.00"],
      ]);
      // The portal: a partial payment is refused by the rules until the organisation allows it.
      const portal = {
        channel: "portal" as const,
        feeIds: ["b"],
        applyCredit: false,
        tenders: [{ method: "card" as const, amount: "2.00" }],
      };
      await expectCode(plan(id, portal), "partial-payment-not-allowed");
      await ctx.source.updateSettings({ portalPartialPayments: true });
      await ctx.source.recordCheckout(await plan(id, portal));
      expect(await balances(ctx.source, id)).to.deep.equal(["3.00", "5.00", "5.00"]);
    });

    it("a card over-tender is refused by the rules; with overpayment to credit on, the excess goes on account as credit", async () => {
      const id = await family();
      const request = {
        channel: "admin" as const,
        feeIds: ["b"],
        applyCredit: false,
        tenders: [{ method: "card" as const, amount: "14.00" }],
      };
      await expectCode(plan(id, request), "over-tender");
      await ctx.source.updateSettings({ overpaymentToCredit: true });
      const p = await plan(id, request);
      expect([p.change, p.overpaymentCredit]).to.deep.equal(["0.00", "4.00"]);
      await ctx.source.recordCheckout(p);
      expect(await balances(ctx.source, id)).to.deep.equal(["20.00", "9.00", "9.00"]);
    });

    it("a point-of-sale sale charged to the account becomes an unpaid fee", async () => {
      const id = await family();
      const p = await plan(id, {
        channel: "pos",
        feeIds: [],
        applyCredit: false,
        newCharges: [{ itemId: "goggles", category: "merch", description: "Goggles", amount: "12.00" }],
        tenders: [{ method: "cash", amount: "2.00" }],
        chargeToAccount: true,
      });
      expect(p.chargedToAccount).to.equal("10.00");
      await ctx.source.recordCheckout(p);
      const goggles = (await ctx.source.getAccount(id)).fees.find((f) => f.feeId === `${p.key}:goggles`);
      expect([goggles?.amount, goggles?.remainder]).to.deep.equal(["12.00", "10.00"]);
      expect((await balances(ctx.source, id))[0]).to.equal("40.00");
    });

    it("a plan that is not a plan, or whose entries were tampered with, is refused with a typed error and nothing is written", async () => {
      const id = await family();
      const p = await plan(id, { channel: "admin", feeIds: ["a"], applyCredit: false, tenders: [{ method: "card", amount: "20.00" }] });
      const before = await everything(ctx.source);
      const [pay] = p.entries;
      await expectCode(ctx.source.recordCheckout(null as never), "invalid-input");
      await expectCode(ctx.source.recordCheckout({ ...p, key: "" }), "invalid-input");
      await expectCode(ctx.source.recordCheckout({ ...p, entries: [] }), ["empty-commit", "invalid-input"]);
      await expectCode(ctx.source.recordCheckout({ ...p, entries: [{ ...pay, amount: "twenty" } as never] }), [
        "invalid-input",
        "invalid-amount",
      ]);
      await expectCode(ctx.source.recordCheckout({ ...p, entries: [{ ...pay, accountId: unique("nobody") } as never] }), "unknown-account");
      expect(await everything(ctx.source)).to.deep.equal(before);
    });
  });
}
