/**
 * The torture test's figures, printed as one block, and what must hold of
 * them (asserted by test/postgres/torture.test.ts and the full-size script).
 */
import { expect } from "chai";
import type { TortureFigures } from "./torture-run.js";

const line = (counts: Readonly<Record<string, number>>) =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");

export function formatFigures(f: TortureFigures, label: string): string {
  const c = f.check;
  const total = Object.values(f.opsByProcess).reduce((s, n) => s + n, 0);
  const out = [
    `torture (${label}): ${f.workers} processes × ${f.ops} operations on ${c.accounts} shared accounts of ${f.orgId} (seed ${f.seed.toString(16)})`,
    `  wall ${(f.wallMs / 1000).toFixed(1)} s (workers ${(f.workersMs / 1000).toFixed(1)} s, ${((total / f.workersMs) * 1000).toFixed(0)} ops/s)`,
    `  ops per process: ${Object.entries(f.opsByProcess)
      .sort()
      .map(([w, n]) => `${w} ${n}`)
      .join(", ")} (total ${total})`,
    ...Object.entries(f.outcomes)
      .sort()
      .map(([kind, counts]) => `  ${kind}: ${line(counts)}`),
    `  gateway calls: ${line(f.gatewayCalls)}`,
    `  mean ms per operation: ${Object.entries(f.timing)
      .filter(([, [n]]) => n > 0)
      .sort()
      .map(([kind, [n, ms]]) => `${kind} ${(ms / n).toFixed(1)}`)
      .join(", ")}`,
    `  kills ${f.kills}: the killed process owned ${f.heldAtKill} reservation(s) at its death, ${f.keptByKilled} still when the others ended; ${f.heldAfterWorkers} held in all then`,
    `  honest pass over ${f.honestBatches} batches: ${line(f.honest)}; run resumed: ${f.runResumed}`,
    `  checker: ${c.entries} entries under ${c.keys} keys; fold mismatches ${c.foldMismatches}, listing mismatches ${c.listMismatches}, keys mismatched ${c.keysMismatched}`,
    `  bank: ${c.charges} charges (${c.charged}), charges/key max ${c.maxChargesPerKey}, unrecorded ${c.chargesUnrecorded}, recorded twice ${c.chargesRecordedTwice}, recorded-uncharged ${c.recordedUncharged}`,
    `  reservations left ${c.reservationsLeft}, negatives ${c.negatives}, fees overpaid ${c.feesOverpaid}, grants overused ${c.grantsOverused}, cash mismatches ${c.cashMismatches}`,
    `  invoices settled: paid wholly ${c.invoicesPaid}, partly ${c.partlyPaid}, unpaid ${c.invoicesUnpaid}; mass credit: ${c.runRowsCredited}/${c.runRows} rows credited, twice ${c.runRowsTwice}`,
    ...Object.entries(c.identities).map(
      ([name, [a, b]]) => `  ${a === b ? "ok" : "NOT CONSERVED"} ${name}: ${(a / 100).toFixed(2)} = ${(b / 100).toFixed(2)}`,
    ),
    `  unexpected outcomes ${f.unexpected.length}${f.unexpected.length ? `: ${f.unexpected.slice(0, 10).join("; ")}` : ""}`,
  ];
  return out.join("\n");
}

/** Every count the checker takes, and the run's shape. */
export function expectFigures(f: TortureFigures): void {
  const c = f.check;
  const total = Object.values(f.opsByProcess).reduce((s, n) => s + n, 0);
  expect(f.unexpected, "unexpected outcomes").to.deep.equal([]);
  expect(f.kills, "kills").to.equal(1);
  // Every operation ended, but the one the kill cut short.
  expect(total + 1, "operations").to.equal(f.workers * f.ops);
  expect(f.outcomes.run, "two processes processed the run").to.satisfy(
    (r: Record<string, number>) => Object.values(r ?? {}).reduce((s, n) => s + n, 0) === 2,
  );
  // In the honest pass four batches run at once: an invoice whose fee another batch holds fails (fee-reserved) and is paid by that one.
  const settled = /^(paid-by-|nothing-due$|already-settled$|declined:charge-declined$|failed:(charge-failed|fee-reserved)$)/;
  expect(
    Object.keys(f.honest).filter((o) => !settled.test(o)),
    "honest pass",
  ).to.deep.equal([]);
  expect(f.runResumed).to.match(/^done \(issued 0, count \d+\)$/);
  expect(c, "checker").to.include({
    foldMismatches: 0,
    listMismatches: 0,
    keysMismatched: 0,
    chargesUnrecorded: 0,
    chargesRecordedTwice: 0,
    recordedUncharged: 0,
    reservationsLeft: 0,
    negatives: 0,
    feesOverpaid: 0,
    grantsOverused: 0,
    partlyPaid: 0,
    runRowsTwice: 0,
    cashMismatches: 0,
    conserved: true,
  });
  expect(c.maxChargesPerKey).to.be.at.most(1);
  expect(c.runRowsCredited, "each mass-credit row credited").to.equal(c.runRows);
  expect(c.charges, "the bank charged").to.be.greaterThan(0);
  expect(c.invoicesPaid, "invoices paid").to.be.greaterThan(0);
}
