import { expect } from "chai";
import fc from "fast-check";
import { isCreditKitError } from "../../../packages/core/src/errors.js";
import type { AccountSnapshot } from "../../../packages/core/src/ledger/account-state.js";
import { compare, fromAmountString } from "../../../packages/core/src/money.js";
import { type MembersReportOptions, membersReport } from "../../../packages/core/src/reports/index.js";
import { sampleJournal, snapshotsOf } from "./fixture.js";

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

/** A bare snapshot with just what the report reads. */
function snap(id: string, name: string, amountDue: string, accountCredit: string, currency = "USD"): AccountSnapshot {
  return {
    account: { id, name, kind: "family" },
    currency,
    fees: [],
    grants: [],
    amountDue,
    accountCredit,
    reservedCredit: "0.00",
    availableCredit: accountCredit,
  };
}

describe("reports: members report (§7)", () => {
  const snapshots = snapshotsOf(sampleJournal());

  it("lists every account, by name A→Z, when no filter is set", () => {
    expect(names(membersReport(snapshots))).to.deep.equal(["Alvarez", "Brown", "Chen", "Dubois", "Émile", "Zimmer"]);
  });

  it("gives each row its balances and their display state", () => {
    const rows = membersReport(snapshots);
    expect(rows[0]).to.deep.equal({
      accountId: "acct-a",
      name: "Alvarez",
      kind: "family",
      currency: "USD",
      amountDue: "10.00",
      accountCredit: "5.00",
      display: { due: "owed", credit: "available" },
    });
    expect(rows.find((r) => r.accountId === "acct-e")?.display).to.deep.equal({ due: "neutral", credit: "neutral" });
  });

  it("keeps only accounts with Amount Due > 0 when hasAmountDue is set", () => {
    expect(names(membersReport(snapshots, { hasAmountDue: true }))).to.deep.equal(["Alvarez", "Dubois", "Zimmer"]);
  });

  it("keeps only accounts with Account Credit > 0 when hasCredit is set", () => {
    expect(names(membersReport(snapshots, { hasCredit: true }))).to.deep.equal(["Alvarez", "Brown", "Chen"]);
  });

  it("with both filters and match 'all', keeps accounts passing both (AND)", () => {
    expect(names(membersReport(snapshots, { hasAmountDue: true, hasCredit: true, match: "all" }))).to.deep.equal(["Alvarez"]);
  });

  it("with both filters and match 'any' (the default), keeps accounts passing either (OR)", () => {
    const either = ["Alvarez", "Brown", "Chen", "Dubois", "Zimmer"];
    expect(names(membersReport(snapshots, { hasAmountDue: true, hasCredit: true, match: "any" }))).to.deep.equal(either);
    expect(names(membersReport(snapshots, { hasAmountDue: true, hasCredit: true }))).to.deep.equal(either);
  });

  it("treats a filter set to false as no filter", () => {
    expect(membersReport(snapshots, { hasAmountDue: false, hasCredit: false, match: "all" })).to.have.length(6);
    expect(names(membersReport(snapshots, { hasAmountDue: true, hasCredit: false, match: "all" }))).to.deep.equal([
      "Alvarez",
      "Dubois",
      "Zimmer",
    ]);
  });

  it("sorts by Amount Due as exact decimals, not as strings (5 < 10 < 40)", () => {
    const rows = membersReport(snapshots, { hasAmountDue: true, sort: { by: "amountDue", direction: "desc" } });
    expect(rows.map((r) => r.amountDue)).to.deep.equal(["40.00", "10.00", "5.00"]);
    const asc = membersReport(snapshots, { hasAmountDue: true, sort: { by: "amountDue", direction: "asc" } });
    expect(asc.map((r) => r.amountDue)).to.deep.equal(["5.00", "10.00", "40.00"]);
  });

  it("sorts by Account Credit, breaking ties by name A→Z with a locale-aware collator (Émile before Zimmer)", () => {
    const rows = membersReport(snapshots, { sort: { by: "accountCredit", direction: "desc" } });
    expect(names(rows)).to.deep.equal(["Brown", "Chen", "Alvarez", "Dubois", "Émile", "Zimmer"]);
  });

  it("sorts names descending with the collator", () => {
    expect(names(membersReport(snapshots, { sort: { by: "name", direction: "desc" } }))).to.deep.equal([
      "Zimmer",
      "Émile",
      "Dubois",
      "Chen",
      "Brown",
      "Alvarez",
    ]);
  });

  it("compares amounts beyond float precision exactly", () => {
    const rows = membersReport(
      [snap("x", "X", "1234567890.01", "0.00"), snap("y", "Y", "1234567890.02", "0.00"), snap("z", "Z", "999999999.99", "0.00")],
      { sort: { by: "amountDue", direction: "desc" } },
    );
    expect(rows.map((r) => r.accountId)).to.deep.equal(["y", "x", "z"]);
  });

  it("is stable: accounts with the same key and the same name keep their input order", () => {
    const rows = membersReport([snap("1", "Kim", "5.00", "0.00"), snap("2", "Kim", "5.00", "0.00"), snap("3", "Kim", "5.00", "0.00")], {
      sort: { by: "amountDue", direction: "desc" },
    });
    expect(rows.map((r) => r.accountId)).to.deep.equal(["1", "2", "3"]);
  });

  it("does not change its input", () => {
    const input = [snap("b", "B", "1.00", "0.00"), snap("a", "A", "2.00", "0.00")];
    const copy = structuredClone(input);
    membersReport(input, { sort: { by: "name", direction: "asc" } });
    expect(input).to.deep.equal(copy);
  });

  it("rejects unknown options and broken balances with typed errors", () => {
    const bad: [unknown[], MembersReportOptions | undefined, string][] = [
      [[snap("a", "A", "1.00", "0.00")], { match: "both" as "all" }, "invalid-input"],
      [[snap("a", "A", "1.00", "0.00")], { sort: { by: "balance" as "name" } }, "invalid-input"],
      [[snap("a", "A", "1.00", "0.00")], { sort: { by: "name", direction: "up" as "asc" } }, "invalid-input"],
      [[snap("a", "A", "-1.00", "0.00")], {}, "negative-amount"],
      [[snap("a", "A", "1.001", "0.00")], {}, "too-many-decimals"],
      [[null], {}, "invalid-input"],
      [[snap("a", "A", "1.00", "0.00"), snap("b", "B", "2", "0", "JPY")], { sort: { by: "amountDue" } }, "currency-mismatch"],
    ];
    for (const [input, options, code] of bad) {
      expect(() => membersReport(input as AccountSnapshot[], options), code)
        .to.throw()
        .that.satisfies((e: unknown) => isCreditKitError(e, code as never));
    }
  });

  it("keeps AND ⊆ each filter ⊆ OR, and every row sorted by the key asked for (property)", () => {
    const amount = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 99 }))
      .map(([w, f]) => (w === 0 ? "0.00" : `${w}.${String(f).padStart(2, "0")}`));
    const accounts = fc.array(fc.tuple(fc.constantFrom("Ana", "ana", "Bo", "Émile", "Zoë"), amount, amount), { maxLength: 12 });
    const by = fc.constantFrom("name" as const, "amountDue" as const, "accountCredit" as const);
    const direction = fc.constantFrom("asc" as const, "desc" as const);
    fc.assert(
      fc.property(accounts, by, direction, (list, sortBy, dir) => {
        const input = list.map(([name, due, credit], i) => snap(`id-${i}`, name, due, credit));
        const ids = (o: MembersReportOptions) => new Set(membersReport(input, o).map((r) => r.accountId));
        const and = ids({ hasAmountDue: true, hasCredit: true, match: "all" });
        const or = ids({ hasAmountDue: true, hasCredit: true, match: "any" });
        const due = ids({ hasAmountDue: true });
        const credit = ids({ hasCredit: true });
        for (const id of and) expect(due.has(id) && credit.has(id)).to.equal(true);
        for (const id of or) expect(due.has(id) || credit.has(id)).to.equal(true);
        expect(or.size).to.equal(new Set([...due, ...credit]).size);
        const rows = membersReport(input, { sort: { by: sortBy, direction: dir } });
        expect(rows).to.have.length(input.length);
        const sign = dir === "asc" ? 1 : -1;
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [rows[i - 1], rows[i]] as [(typeof rows)[number], (typeof rows)[number]];
          if (sortBy === "name") continue;
          const order = sign * compare(fromAmountString(a[sortBy], "USD"), fromAmountString(b[sortBy], "USD"));
          expect(order).to.be.at.most(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
