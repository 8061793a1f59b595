/** postCredits, the auto-apply sweep that follows a posting, and reversing a payment. */
import type { CreditPaymentEntry, PaymentReversalRequest } from "@creditkit/core";
import { expect } from "chai";
import {
  balances,
  type ContractContext,
  everything,
  expectCode,
  fee,
  grant,
  openFamilies,
  payment,
  post,
  underKey,
  unique,
} from "./support.js";

export function creditsContract(ctx: ContractContext): void {
  describe("postCredits", () => {
    it("posts grants under one key once: the same key again is a duplicate and adds no credit", async () => {
      await ctx.source.updateSettings({ autoApply: false });
      const [a, b] = (await openFamilies(ctx.ledger, 2)) as [string, string];
      const key = unique("credits");
      const grants = underKey(key, [grant(a, "g", "5.00"), grant(b, "g", "7.25")]);
      const first = await ctx.source.postCredits(key, grants);
      expect(first.status).to.equal("committed");
      const again = await ctx.source.postCredits(key, grants);
      expect(again.status).to.equal("duplicate");
      expect(again.entries).to.deep.equal(first.entries);
      expect((await balances(ctx.source, a))[1]).to.equal("5.00");
      expect((await balances(ctx.source, b))[1]).to.equal("7.25");
    });

    it("posts only credit grants, all or nothing: a fee, a payment, a grant to an unknown account or an empty list are refused", async () => {
      await ctx.source.updateSettings({ autoApply: false });
      const [a] = (await openFamilies(ctx.ledger, 1)) as [string];
      await post(ctx.ledger, fee(a, "f", "9.00"));
      const before = await everything(ctx.source);
      const key = unique("credits");
      await expectCode(ctx.source.postCredits(key, [fee(a, "x", "1.00")] as never), "invalid-input");
      await expectCode(ctx.source.postCredits(key, [payment(a, key, "f", "9.00")] as never), "invalid-input");
      await expectCode(
        ctx.source.postCredits(key, underKey(key, [grant(a, "ok", "1.00"), grant(unique("nobody"), "no", "1.00")])),
        "unknown-account",
      );
      await expectCode(ctx.source.postCredits(key, underKey(key, [grant(a, "neg", "-1.00")])), [
        "invalid-input",
        "negative-amount",
        "invalid-amount",
      ]);
      await expectCode(ctx.source.postCredits(key, underKey(key, [grant(a, "g", "1.00"), grant(a, "g", "2.00")])), [
        "duplicate-id",
        "invalid-input",
      ]);
      await expectCode(ctx.source.postCredits(key, [grant(a, "other-key", "1.00")]), "invalid-input");
      await expectCode(ctx.source.postCredits(key, []), ["empty-commit", "invalid-input"]);
      await expectCode(ctx.source.postCredits(key, null as never), "invalid-input");
      await expectCode(ctx.source.postCredits("", [grant(a, "k", "1.00")]), "invalid-input");
      expect(await everything(ctx.source)).to.deep.equal(before);
    });

    it("with auto-apply on, the posted credit pays the unpaid fees at once, oldest due first", async () => {
      await ctx.source.updateSettings({ autoApply: true });
      const [a] = (await openFamilies(ctx.ledger, 1)) as [string];
      await post(ctx.ledger, fee(a, "late", "4.00", "2026-11-30"), fee(a, "early", "4.00", "2026-11-10"));
      const result = await ctx.source.postCredits(`grant/${a}/g`, [grant(a, "g", "5.00")]);
      expect(result.swept.map((e) => e.type)).to.deep.equal(["Payment (AC)", "Payment (AC)"]);
      expect(result.swept.map((e) => (e as CreditPaymentEntry).feeId)).to.deep.equal(["early", "late"]);
      const snap = await ctx.source.getAccount(a);
      expect(snap.fees.map((f) => [f.feeId, f.remainder])).to.deep.equal([
        ["late", "3.00"],
        ["early", "0.00"],
      ]);
      expect([snap.amountDue, snap.accountCredit]).to.deep.equal(["3.00", "0.00"]);
    });

    it("with auto-apply off, the fees stay unpaid and the credit available", async () => {
      await ctx.source.updateSettings({ autoApply: false });
      const [a] = (await openFamilies(ctx.ledger, 1)) as [string];
      await post(ctx.ledger, fee(a, "f", "8.00"));
      const result = await ctx.source.postCredits(`grant/${a}/g`, [grant(a, "g", "5.00")]);
      expect(result.swept).to.deep.equal([]);
      expect(await balances(ctx.source, a)).to.deep.equal(["8.00", "5.00", "5.00"]);
    });
  });

  describe("reversePayment", () => {
    /** An account with fee a (20.00) paid by card under key `pay`, auto-apply off. */
    const paid = async () => {
      if (!ctx.source.reversePayment) return undefined;
      await ctx.source.updateSettings({ autoApply: false });
      const [id] = (await openFamilies(ctx.ledger, 1)) as [string];
      const key = unique("pay");
      await post(ctx.ledger, fee(id, "a", "20.00"), payment(id, key, "a", "20.00"));
      return {
        id,
        key,
        reverse: (r: PaymentReversalRequest) => ctx.source.reversePayment?.(r) as ReturnType<NonNullable<typeof ctx.source.reversePayment>>,
      };
    };

    it("reverses a card payment once: the fee is owed again, the same call again is a duplicate", async function () {
      const p = await paid();
      if (!p) return this.skip();
      const result = await p.reverse({ accountId: p.id, entryId: `${p.key}#0`, date: "2026-11-20" });
      expect(result.status).to.equal("committed");
      expect(result.entries.map((e) => [e.type, e.key, e.amount, e.description, e.date])).to.deep.equal([
        ["Void", `reverse/${p.key}#0`, "20.00", "Reversal of Paid at the desk", "2026-11-20"],
      ]);
      expect(await balances(ctx.source, p.id)).to.deep.equal(["20.00", "0.00", "0.00"]);
      const before = await everything(ctx.source);
      const twice = await p.reverse({ accountId: p.id, entryId: `${p.key}#0`, date: "2026-11-21" });
      expect(twice.status).to.equal("duplicate");
      expect(twice.entries).to.deep.equal(result.entries);
      expect(await everything(ctx.source)).to.deep.equal(before);
    });

    it("reverses a payment the auto-apply sweep made under the default key: its credit is available again", async function () {
      if (!ctx.source.reversePayment) return this.skip();
      await ctx.source.updateSettings({ autoApply: true });
      const [a] = (await openFamilies(ctx.ledger, 1)) as [string];
      await post(ctx.ledger, fee(a, "f", "4.00"));
      const posted = await ctx.source.postCredits(`grant/${a}/g`, [grant(a, "g", "5.00")]);
      const swept = posted.swept[0] as CreditPaymentEntry;
      expect(swept.type).to.equal("Payment (AC)");
      await ctx.source.updateSettings({ autoApply: false });
      const result = await ctx.source.reversePayment({ accountId: a, entryId: swept.id, date: "2026-11-20" });
      expect(result.status).to.equal("committed");
      expect(result.entries.map((e) => e.key)).to.deep.equal([`reverse/${swept.id.replaceAll("§", "%C2%A7")}`]);
      expect(await balances(ctx.source, a)).to.deep.equal(["4.00", "5.00", "5.00"]);
    });

    it("a payment reversed already is refused under another key with payment-already-reversed, writing nothing", async function () {
      const p = await paid();
      if (!p) return this.skip();
      await p.reverse({ accountId: p.id, entryId: `${p.key}#0`, date: "2026-11-20" });
      const before = await everything(ctx.source);
      await expectCode(
        p.reverse({ accountId: p.id, entryId: `${p.key}#0`, date: "2026-11-21", key: unique("other") }),
        "payment-already-reversed",
      );
      expect(await everything(ctx.source)).to.deep.equal(before);
      expect((await ctx.source.listEntries({ accountIds: [p.id] })).filter((e) => e.type === "Void")).to.have.length(1);
    });

    it("reverses a Payment (AC) under the caller's key and description: its credit is available again", async function () {
      const p = await paid();
      if (!p) return this.skip();
      await post(ctx.ledger, fee(p.id, "b", "6.00"), grant(p.id, "g", "6.00"));
      const key = unique("ac");
      const ac: CreditPaymentEntry = {
        id: `${key}#0`,
        key,
        type: "Payment (AC)",
        accountId: p.id,
        date: "2026-11-04",
        amount: "6.00",
        description: "Account credit applied",
        feeId: "b",
        grants: [{ grantId: "g", amount: "6.00" }],
      };
      await post(ctx.ledger, ac);
      expect(await balances(ctx.source, p.id)).to.deep.equal(["0.00", "0.00", "0.00"]);
      const undo = unique("undo");
      const result = await p.reverse({ accountId: p.id, entryId: ac.id, date: "2026-11-20", key: undo, description: "Applied by mistake" });
      expect(result.entries.map((e) => [e.key, e.description])).to.deep.equal([[undo, "Applied by mistake"]]);
      expect(await balances(ctx.source, p.id)).to.deep.equal(["6.00", "6.00", "6.00"]);
    });

    it("an unknown payment, another account's payment, an entry that is not a payment or a bad request is refused, writing nothing", async function () {
      const p = await paid();
      if (!p) return this.skip();
      const [other] = (await openFamilies(ctx.ledger, 1)) as [string];
      const before = await everything(ctx.source);
      const on = "2026-11-20";
      await expectCode(p.reverse({ accountId: p.id, entryId: `${unique("nope")}#0`, date: on }), "unknown-payment");
      await expectCode(p.reverse({ accountId: other, entryId: `${p.key}#0`, date: on }), "unknown-payment");
      await expectCode(p.reverse({ accountId: p.id, entryId: `fee/${p.id}/a#0`, date: on }), "unknown-payment");
      await expectCode(p.reverse({ accountId: unique("nobody"), entryId: `${p.key}#0`, date: on }), ["unknown-account", "unknown-payment"]);
      await expectCode(p.reverse({ accountId: p.id, entryId: `${p.key}#0`, date: "someday" }), ["invalid-date", "invalid-input"]);
      await expectCode(p.reverse({ accountId: p.id, entryId: "", date: on }), "invalid-input");
      await expectCode(p.reverse(null as never), "invalid-input");
      expect(await everything(ctx.source)).to.deep.equal(before);
    });
  });
}
