/**
 * Invariants of the reports over random ledgers (fast-check, 1,000 runs each).
 * The reports read entries, not balances, so the generated entries need only
 * be well formed, not a ledger the journal would accept.
 */
import { expect } from "chai";
import fc from "fast-check";
import type { LedgerEntry, PaymentMethod } from "../../../packages/core/src/ledger/entries.js";
import { fromAmountString, subtract, sum, toAmountString } from "../../../packages/core/src/money.js";
import {
  creditsByType,
  PAYMENT_TYPE_ORDER,
  paymentSummary,
  type ReportPeriod,
  transactionLines,
} from "../../../packages/core/src/reports/index.js";

const RUNS = { numRuns: 1000 };
const METHODS: PaymentMethod[] = ["card", "ach", "cash", "check", "other"];

const amount = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 }))
  .filter(([w, f]) => w > 0 || f > 0)
  .map(([w, f]) => `${w}.${String(f).padStart(2, "0")}`);
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, "0")}`);
const account = fc.constantFrom("a", "b", "c");
const grantIds = ["g0", "g1", "g2", "g3"];

/** One random entry of any type; grants g0..g3 always exist (see `ledger`). */
const entry = fc.oneof(
  fc.record({ kind: fc.constant("fee" as const), accountId: account, date: day, amount }),
  fc.record({ kind: fc.constant("payment" as const), accountId: account, date: day, amount, method: fc.constantFrom(...METHODS) }),
  fc.record({ kind: fc.constant("ac" as const), accountId: account, date: day, amount, grantId: fc.constantFrom(...grantIds) }),
  fc.record({ kind: fc.constant("void" as const), accountId: account, date: day, amount, grantId: fc.constantFrom(...grantIds) }),
);

const creditTypes = ["Goodwill", "Weather", "Preload", "Refund"];
const grantTypes = ["Account Credit", "Refund - Account Credit", "Preloaded Credit", "Account Credit"] as const;

/** A random ledger: four grants, then the random entries, each with a unique id. */
const ledger = fc.array(entry, { maxLength: 40 }).map((items): LedgerEntry[] => {
  const grants: LedgerEntry[] = grantIds.map((grantId, i) => ({
    id: `grant-${i}`,
    key: `grant-${i}`,
    type: grantTypes[i] ?? "Account Credit",
    accountId: "a",
    date: `2026-02-0${i + 1}`,
    amount: "100.00",
    description: grantId,
    grantId,
    creditType: creditTypes[i] ?? "Goodwill",
    source: { kind: "manual" },
  }));
  return [
    ...grants,
    ...items.map((item, i): LedgerEntry => {
      const base = { id: `e-${i}`, key: `e-${i}`, accountId: item.accountId, date: item.date, amount: item.amount, description: item.kind };
      switch (item.kind) {
        case "fee":
          return { ...base, type: "Fee", feeId: `f-${i}`, category: "Tuition", dueDate: item.date };
        case "payment":
          return { ...base, type: "Payment", method: item.method, allocations: [] };
        case "ac":
          return { ...base, type: "Payment (AC)", feeId: `f-${i}`, grants: [{ grantId: item.grantId, amount: item.amount }] };
        default:
          return { ...base, type: "Void", target: { kind: "grant", grantId: item.grantId } };
      }
    }),
  ];
});

const period = fc.tuple(fc.option(day, { nil: undefined }), fc.option(day, { nil: undefined })).map(([a, b]): ReportPeriod => {
  const [from, to] = a !== undefined && b !== undefined && a > b ? [b, a] : [a, b];
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
});

const total = (amounts: string[]) =>
  toAmountString(
    sum(
      amounts.map((a) => fromAmountString(a, "USD")),
      "USD",
    ),
  );

describe("reports: properties over random ledgers", () => {
  it("the payment summary's grand total and count equal the payment lines transactionLines returns for the same period", () => {
    fc.assert(
      fc.property(ledger, period, (entries, p) => {
        const paid = transactionLines(entries, p).filter((l) => l.paymentType !== undefined);
        const summary = paymentSummary(entries, { currency: "USD", ...p });
        expect(summary.total).to.equal(total(paid.map((l) => l.amount)));
        expect(summary.count).to.equal(paid.length);
        expect(total(summary.categories.map((c) => c.total))).to.equal(summary.total);
      }),
      RUNS,
    );
  });

  it("filtering by each payment type partitions the payment lines, and each category total is its filter's sum", () => {
    fc.assert(
      fc.property(ledger, period, (entries, p) => {
        const paid = transactionLines(entries, p).filter((l) => l.paymentType !== undefined);
        const summary = paymentSummary(entries, { currency: "USD", ...p });
        const seen = new Set<string>();
        for (const type of PAYMENT_TYPE_ORDER) {
          const lines = transactionLines(entries, { ...p, paymentTypes: [type] });
          for (const line of lines) {
            expect(line.paymentType).to.equal(type);
            expect(seen.has(line.entryId), "each payment line in exactly one type").to.equal(false);
            seen.add(line.entryId);
          }
          const category = summary.categories.find((c) => c.paymentType === type);
          expect(category).to.deep.include({ count: lines.length, total: total(lines.map((l) => l.amount)) });
        }
        expect([...seen].sort()).to.deep.equal(paid.map((l) => l.entryId).sort());
      }),
      RUNS,
    );
  });

  it("the date filter keeps exactly the entries dated inside the inclusive period", () => {
    fc.assert(
      fc.property(ledger, period, (entries, p) => {
        const kept = new Set(transactionLines(entries, p).map((l) => l.entryId));
        for (const e of entries) {
          const inside = (p.from === undefined || e.date >= p.from) && (p.to === undefined || e.date <= p.to);
          expect(kept.has(e.id)).to.equal(inside);
        }
      }),
      RUNS,
    );
  });

  it("credits by type: net = issued − voided per row, rows add up to the totals, and issued equals the grant lines in the period", () => {
    fc.assert(
      fc.property(ledger, period, (entries, p) => {
        const report = creditsByType(entries, { currency: "USD", ...p });
        for (const row of report.rows) {
          const net = subtract(fromAmountString(row.issued, "USD"), fromAmountString(row.voided, "USD"));
          expect(row.net).to.equal(toAmountString(net));
        }
        expect(report.totals.issued).to.equal(total(report.rows.map((r) => r.issued)));
        expect(report.totals.voided).to.equal(total(report.rows.map((r) => r.voided)));
        const grantLines = transactionLines(entries, {
          ...p,
          transactionTypes: ["Account Credit", "Refund - Account Credit", "Preloaded Credit"],
        });
        expect(report.totals.issued).to.equal(total(grantLines.map((l) => l.amount)));
        expect(report.totals.count).to.equal(grantLines.length);
        const voids = transactionLines(entries, { ...p, transactionTypes: ["Void"] });
        expect(report.totals.voided).to.equal(total(voids.map((l) => l.amount)));
      }),
      RUNS,
    );
  });
});
