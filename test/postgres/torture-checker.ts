/**
 * The torture test's money checker: after the workers and the honest pass it
 * reads the organisation through the data source and straight SQL and
 * counts what must be zero — balances that are not the fold of their entries
 * (each account rebuilt with the core, key by key, and compared with what the
 * data source reports), keys written twice, gateway keys charged twice or not
 * recorded once, reservations left, negatives, fees or grants overpaid,
 * invoices a settlement paid in part, mass-credit rows credited twice — and
 * whether money is conserved, identity by identity, in whole cents.
 */
import { isDeepStrictEqual } from "node:util";
import { type BatchInvoice, createJournal, isGrantEntry, type Journal, type LedgerEntry, type RunPlan } from "@creditkit/core";
import type { Db, PostgresDataSource } from "../../packages/postgres/src/index.js";
import { cents } from "./torture-bank.js";

export interface TortureCheck {
  readonly accounts: number;
  readonly entries: number;
  readonly keys: number;
  /** Accounts whose data-source snapshot is not the core's fold of their entries. */
  readonly foldMismatches: number;
  /** Entries the data source lists that SQL does not hold in the same order, or the other way. */
  readonly listMismatches: number;
  /** Keys whose entries do not match their `commits` row (count or presence). */
  readonly keysMismatched: number;
  readonly maxChargesPerKey: number;
  readonly charges: number;
  readonly charged: string;
  /** Bank charges recorded by no card Payment, or by more than one. */
  readonly chargesUnrecorded: number;
  readonly chargesRecordedTwice: number;
  /** Settlement card Payments naming no bank charge, or of another amount. */
  readonly recordedUncharged: number;
  readonly reservationsLeft: number;
  readonly negatives: number;
  readonly feesOverpaid: number;
  readonly grantsOverused: number;
  /** Settled invoices a settlement left neither wholly paid nor wholly unpaid. */
  readonly partlyPaid: number;
  readonly invoicesPaid: number;
  readonly invoicesUnpaid: number;
  readonly runRows: number;
  readonly runRowsCredited: number;
  readonly runRowsTwice: number;
  /** Each identity's two sides (cents); `conserved` when every pair is equal. */
  readonly identities: Readonly<Record<string, readonly [number, number]>>;
  readonly conserved: boolean;
  /** Cash payments whose tendered − change is not their amount. */
  readonly cashMismatches: number;
}

const parse = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;
const total = (list: readonly { amount: string }[]) => list.reduce((s, x) => s + cents(x.amount), 0);

/** Each settled key's invoice: the account and the fees it settles. */
async function settlementKeys(db: Db, orgId: string): Promise<Map<string, BatchInvoice>> {
  const keys = new Map<string, BatchInvoice>();
  const rows = await db.query<{ batch_id: string; request: unknown }>("SELECT batch_id, request FROM torture_batches WHERE org_id = $1", [
    orgId,
  ]);
  for (const row of rows) for (const inv of parse<BatchInvoice[]>(row.request)) keys.set(`${row.batch_id}/${inv.invoiceId}`, inv);
  return keys;
}

/** Rebuilds one account key by key; around each settlement key, asks whether it paid its invoice wholly. */
function fold(
  journal: Journal,
  entries: readonly LedgerEntry[],
  invoices: Map<string, BatchInvoice>,
  tally: { paid: number; partly: number },
) {
  const remainders = (accountId: string, feeIds: readonly string[]) => {
    const fees = new Map(journal.snapshot(accountId).fees.map((f) => [f.feeId, cents(f.remainder)]));
    return feeIds.map((id) => fees.get(id) ?? 0);
  };
  for (let i = 0; i < entries.length; ) {
    const key = (entries[i] as LedgerEntry).key;
    let j = i;
    while (j < entries.length && (entries[j] as LedgerEntry).key === key) j++;
    const group = entries.slice(i, j);
    const invoice = invoices.get(key);
    const before = invoice ? remainders(invoice.accountId, invoice.feeIds) : [];
    journal.commit(key, group);
    if (invoice) {
      const after = remainders(invoice.accountId, invoice.feeIds);
      const owed = before.reduce((s, x) => s + x, 0);
      const paid = group.reduce((s, e) => {
        if (e.type === "Payment (AC)") return s + cents(e.amount);
        if (e.type === "Payment") return s + e.allocations.reduce((t, a) => t + cents(a.amount), 0);
        return s;
      }, 0);
      if (after.some((x) => x !== 0) || paid !== owed) tally.partly += 1;
      else tally.paid += 1;
    }
    i = j;
  }
}

export async function checkTorture(db: Db, ds: PostgresDataSource, orgId: string, plan: RunPlan): Promise<TortureCheck> {
  const settings = await ds.getSettings();
  const records = await ds.listAccounts();
  const snapshots = await ds.getAccounts();
  const listed = await ds.listEntries();
  const rows = await db.query<{ entry: unknown }>("SELECT entry FROM entries WHERE org_id = $1 ORDER BY seq", [orgId]);
  const entries = rows.map((r) => parse<LedgerEntry>(r.entry));
  const invoices = await settlementKeys(db, orgId);

  // The fold: every account rebuilt with the core from its entries, compared with what the data source says.
  const byAccount = new Map<string, LedgerEntry[]>();
  for (const e of entries) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e]);
  const journal = createJournal({ currency: ds.currency, settings: { ...settings, autoApply: false } });
  const tally = { paid: 0, partly: 0 };
  for (const record of records) {
    journal.openAccount(record);
    fold(journal, byAccount.get(record.id) ?? [], invoices, tally);
  }
  const bySnapshot = new Map(snapshots.map((s) => [s.account.id, s]));
  const foldMismatches = records.filter(
    (r) => !isDeepStrictEqual(JSON.parse(JSON.stringify(journal.snapshot(r.id))), JSON.parse(JSON.stringify(bySnapshot.get(r.id)))),
  ).length;
  const sqlIds = new Map<string, string[]>();
  for (const e of entries) sqlIds.set(e.accountId, [...(sqlIds.get(e.accountId) ?? []), e.id]);
  const listedIds = new Map<string, string[]>();
  for (const e of listed) listedIds.set(e.accountId, [...(listedIds.get(e.accountId) ?? []), e.id]);
  const listMismatches =
    Math.abs(listed.length - entries.length) + records.filter((r) => !isDeepStrictEqual(sqlIds.get(r.id), listedIds.get(r.id))).length;

  const [keyCheck] = await db.query<{ keys: string; bad: string }>(
    `SELECT count(*)::text AS keys, count(*) FILTER (WHERE e.n IS DISTINCT FROM c.entry_count)::text AS bad
     FROM (SELECT key, count(*)::int AS n FROM entries WHERE org_id = $1 GROUP BY key) e
     FULL JOIN (SELECT key, entry_count FROM commits WHERE org_id = $1) c USING (key)`,
    [orgId],
  );

  // The bank against the ledger's card payments.
  const bank = await db.query<{ key: string; charge_id: string; amount: string }>(
    "SELECT key, charge_id, amount::text AS amount FROM torture_bank WHERE org_id = $1 AND outcome = 'charged'",
    [orgId],
  );
  const perKey = new Map<string, number>();
  for (const c of bank) perKey.set(c.key, (perKey.get(c.key) ?? 0) + 1);
  const payments = entries.filter((e): e is Extract<LedgerEntry, { type: "Payment" }> => e.type === "Payment");
  const byReference = new Map<string, LedgerEntry[]>();
  for (const p of payments) if (p.reference !== undefined) byReference.set(p.reference, [...(byReference.get(p.reference) ?? []), p]);
  const chargeIds = new Map(bank.map((c) => [c.charge_id, c]));
  const settledCard = payments.filter((p) => p.method === "card" && invoices.has(p.key));
  const recordedUncharged = settledCard.filter((p) => {
    const charge = chargeIds.get(p.reference ?? "");
    return !charge || charge.key !== p.key || cents(charge.amount) !== cents(p.amount);
  }).length;

  // Figures of the accounts now.
  let negatives = 0;
  let feesOverpaid = 0;
  let grantsOverused = 0;
  for (const s of snapshots) {
    negatives += [s.amountDue, s.accountCredit, s.availableCredit, s.reservedCredit].filter((x) => cents(x) < 0).length;
    feesOverpaid += s.fees.filter((f) => cents(f.remainder) < 0 || cents(f.paid) > cents(f.amount)).length;
    grantsOverused += s.grants.filter(
      (g) => cents(g.remainder) < 0 || cents(g.used) > cents(g.amount) || cents(g.reserved) > cents(g.remainder),
    ).length;
  }

  // Money conserved, with the ledger's entry types.
  const of = <T extends LedgerEntry["type"]>(type: T) => entries.filter((e) => e.type === type) as Extract<LedgerEntry, { type: T }>[];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const voids = of("Void");
  const reversed = (type: string) => total(voids.filter((v) => v.target.kind === "payment" && byId.get(v.target.entryId)?.type === type));
  const grants = entries.filter(isGrantEntry);
  const grantsFrom = (kind: string) => total(grants.filter((g) => g.source.kind === kind));
  const due = snapshots.reduce((s, x) => s + cents(x.amountDue), 0);
  const creditLeft = snapshots.reduce((s, x) => s + cents(x.accountCredit), 0);
  const toFees = payments.reduce((s, p) => s + total(p.allocations), 0);
  const creditPaid = total(of("Payment (AC)"));
  const voidFee = total(voids.filter((v) => v.target.kind === "fee"));
  const voidGrant = total(voids.filter((v) => v.target.kind === "grant"));
  const runGrants = grants.filter((g) => g.source.kind === "mass-credit" && g.source.runId === plan.runId);
  const identities: Record<string, readonly [number, number]> = {
    "fees posted = due + paid by tender + paid by credit − tender reversed − credit-payments reversed + fees voided": [
      total(of("Fee")),
      due + toFees + creditPaid - reversed("Payment") - reversed("Payment (AC)") + voidFee,
    ],
    "credit granted = credit left + credit used − credit given back by reversals + grants voided": [
      total(grants),
      creditLeft + creditPaid - reversed("Payment (AC)") + voidGrant,
    ],
    "credit granted = manual + mass-credit + overpayment": [
      total(grants),
      grantsFrom("manual") + grantsFrom("mass-credit") + grantsFrom("overpayment"),
    ],
    "tendered and kept = to fees + overpayment credit": [total(payments), toFees + grantsFrom("overpayment")],
    "bank charged = settlement card payments": [total(bank), total(settledCard)],
    "mass credit posted = the plan's total": [total(runGrants), cents(plan.total)],
  };
  const runRowKeys = new Map<string, number>();
  for (const g of runGrants)
    if (g.source.kind === "mass-credit") runRowKeys.set(g.source.rowKey, (runRowKeys.get(g.source.rowKey) ?? 0) + 1);
  const sqlReservations = await db.query<{ n: string }>("SELECT count(*)::text AS n FROM reservations WHERE org_id = $1", [orgId]);

  return {
    accounts: records.length,
    entries: entries.length,
    keys: Number(keyCheck?.keys),
    foldMismatches,
    listMismatches,
    keysMismatched: Number(keyCheck?.bad),
    maxChargesPerKey: Math.max(0, ...perKey.values()),
    charges: bank.length,
    charged: (total(bank) / 100).toFixed(2),
    chargesUnrecorded: bank.filter((c) => (byReference.get(c.charge_id) ?? []).length === 0).length,
    chargesRecordedTwice: bank.filter((c) => (byReference.get(c.charge_id) ?? []).length > 1).length,
    recordedUncharged,
    reservationsLeft: Number(sqlReservations[0]?.n) + (await ds.reservations()).length,
    negatives,
    feesOverpaid,
    grantsOverused,
    partlyPaid: tally.partly,
    invoicesPaid: tally.paid,
    invoicesUnpaid: invoices.size - tally.paid - tally.partly,
    runRows: plan.posts.length,
    runRowsCredited: runRowKeys.size,
    runRowsTwice: [...runRowKeys.values()].filter((n) => n > 1).length,
    identities,
    conserved: Object.values(identities).every(([a, b]) => a === b),
    cashMismatches: payments.filter(
      (p) => p.method === "cash" && p.tendered !== undefined && cents(p.tendered) - cents(p.change ?? "0") !== cents(p.amount),
    ).length,
  };
}
