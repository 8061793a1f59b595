/** Settings, accounts and snapshots, the entry list with its filters, and change notifications. */
import type { DataSourceChange } from "@creditkit/core";
import { expect } from "chai";
import { type ContractContext, expectCode, fee, grant, openFamilies, payment, post, unique } from "./support.js";

export function accountsContract(ctx: ContractContext): void {
  describe("settings", () => {
    it("an update changes only the settings it names, and reads back the same", async () => {
      const { source } = ctx;
      const first = await source.updateSettings({ autoApply: false, overpaymentToCredit: true, portalPartialPayments: false });
      expect(first).to.deep.equal({ autoApply: false, overpaymentToCredit: true, portalPartialPayments: false });
      const second = await source.updateSettings({ portalPartialPayments: true });
      expect(second).to.deep.equal({ autoApply: false, overpaymentToCredit: true, portalPartialPayments: true });
      expect(await source.getSettings()).to.deep.equal(second);
      expect(await (await ctx.ledger.connect()).getSettings(), "another connection reads them").to.deep.equal(second);
    });

    it("a setting that is not a boolean, or a setting that does not exist, is refused with invalid-input and changes nothing", async () => {
      const { source } = ctx;
      const before = await source.updateSettings({ autoApply: true, overpaymentToCredit: false });
      await expectCode(source.updateSettings({ autoApply: "no" as unknown as boolean }), "invalid-input");
      await expectCode(source.updateSettings({ overpaymentToCredit: 1 as unknown as boolean, autoApply: false }), "invalid-input");
      await expectCode(source.updateSettings({ surprise: true } as never), "invalid-input");
      await expectCode(source.updateSettings(null as never), "invalid-input");
      expect(await source.getSettings()).to.deep.equal(before);
    });
  });

  describe("accounts and snapshots", () => {
    it("an opened account is listed and reads zero; fees and grants show in its snapshot, other accounts untouched", async () => {
      const { source, ledger } = ctx;
      const [a, b] = (await openFamilies(ledger, 2)) as [string, string];
      const listed = await source.listAccounts();
      expect(listed.filter((r) => r.id === a || r.id === b)).to.deep.equal([
        { id: a, name: "Family 1", kind: "family" },
        { id: b, name: "Family 2", kind: "family" },
      ]);
      await source.updateSettings({ autoApply: false });
      await post(ledger, fee(a, "t", "20.00", "2026-11-15"), fee(a, "u", "7.50", "2026-11-20"), grant(a, "g", "5.00"));
      const snap = await source.getAccount(a);
      expect(snap.currency).to.equal("USD");
      expect(snap.account).to.deep.equal({ id: a, name: "Family 1", kind: "family" });
      expect([snap.amountDue, snap.accountCredit, snap.reservedCredit, snap.availableCredit]).to.deep.equal([
        "27.50",
        "5.00",
        "0.00",
        "5.00",
      ]);
      expect(snap.fees.map((f) => [f.feeId, f.amount, f.remainder])).to.deep.equal([
        ["t", "20.00", "20.00"],
        ["u", "7.50", "7.50"],
      ]);
      expect(snap.grants.map((g) => [g.grantId, g.amount, g.remainder])).to.deep.equal([["g", "5.00", "5.00"]]);
      const many = await source.getAccounts([b, a]);
      expect(many.map((s) => [s.account.id, s.amountDue, s.accountCredit])).to.deep.equal([
        [b, "0.00", "0.00"],
        [a, "27.50", "5.00"],
      ]);
      expect((await source.getAccounts()).map((s) => s.account.id)).to.include.members([a, b]);
    });

    it("an unknown account is refused with unknown-account; opening an id twice is refused with duplicate-account and opens nothing", async () => {
      const { source, ledger } = ctx;
      const [a] = (await openFamilies(ledger, 1)) as [string];
      const nobody = unique("nobody");
      await expectCode(source.getAccount(nobody), "unknown-account");
      await expectCode(source.getAccounts([a, nobody]), "unknown-account");
      const fresh = unique("fresh");
      await expectCode(
        ledger.openAccounts([
          { id: fresh, name: "New", kind: "family" },
          { id: a, name: "Again", kind: "family" },
        ]),
        "duplicate-account",
      );
      const ids = (await source.listAccounts()).map((r) => r.id);
      expect(ids).to.include(a).and.not.include(fresh);
      expect((await source.getAccount(a)).account.name).to.equal("Family 1");
    });
  });

  describe("listEntries", () => {
    it("lists an account's entries, filtered by accounts and by an inclusive date range", async () => {
      const { source, ledger } = ctx;
      await source.updateSettings({ autoApply: false });
      const [a, b] = (await openFamilies(ledger, 2)) as [string, string];
      await post(
        ledger,
        fee(a, "t", "20.00", "2026-11-15", "2026-11-01"),
        grant(a, "g", "5.00", "2026-11-05"),
        fee(b, "x", "3.00", "2026-11-15", "2026-11-09"),
      );
      await post(ledger, payment(a, unique("pay"), "t", "20.00"));
      const ofA = await source.listEntries({ accountIds: [a] });
      expect(ofA.map((e) => [e.type, e.date])).to.have.deep.members([
        ["Fee", "2026-11-01"],
        ["Account Credit", "2026-11-05"],
        ["Payment", "2026-11-03"],
      ]);
      const both = await source.listEntries({ accountIds: [a, b] });
      expect(both).to.have.length(4);
      expect(both.map((e) => e.accountId)).to.have.members([a, a, a, b]);
      const window = await source.listEntries({ accountIds: [a, b], from: "2026-11-03", to: "2026-11-05" });
      expect(window.map((e) => [e.accountId, e.type, e.date])).to.have.deep.members([
        [a, "Account Credit", "2026-11-05"],
        [a, "Payment", "2026-11-03"],
      ]);
      expect((await source.listEntries({ accountIds: [b], from: "2026-11-10" })).map((e) => e.date)).to.deep.equal([]);
      expect((await source.listEntries({ accountIds: [b], to: "2026-11-09" })).map((e) => e.date)).to.deep.equal(["2026-11-09"]);
      const all = await source.listEntries();
      expect(all.filter((e) => e.accountId === a || e.accountId === b)).to.have.length(4);
    });

    it("a bad query is refused with a typed error", async () => {
      const { source, ledger } = ctx;
      const [a] = (await openFamilies(ledger, 1)) as [string];
      await expectCode(source.listEntries({ accountIds: [unique("nobody")] }), "unknown-account");
      await expectCode(source.listEntries({ accountIds: a as never }), "invalid-input");
      await expectCode(source.listEntries({ from: "last week" }), ["invalid-date", "invalid-input"]);
      await expectCode(source.listEntries({ to: "2026-02-30" }), ["invalid-date", "invalid-input"]);
      await expectCode(source.listEntries(null as never), "invalid-input");
    });
  });

  describe("subscribe", () => {
    it("a change is heard with its key and accounts; after unsubscribing nothing more is heard", async () => {
      const { source, ledger } = ctx;
      await source.updateSettings({ autoApply: false });
      const [a] = (await openFamilies(ledger, 1)) as [string];
      const heard: DataSourceChange[] = [];
      const stop = source.subscribe((change) => heard.push(change));
      const key = `grant/${a}/g`;
      await source.postCredits(key, [grant(a, "g", "12.00")]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const mine = heard.filter((c) => c.key === key);
      expect(mine, "heard once").to.have.length(1);
      expect(mine[0]?.accountIds).to.deep.equal([a]);
      expect(mine[0]?.remote ?? false).to.equal(false);
      stop();
      const count = heard.length;
      await source.postCredits(`grant/${a}/h`, [grant(a, "h", "1.00")]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(heard).to.have.length(count);
    });

    it("a listener that is not a function is refused with invalid-input", async () => {
      await expectCode(() => ctx.source.subscribe(null as never), "invalid-input");
    });
  });
}
