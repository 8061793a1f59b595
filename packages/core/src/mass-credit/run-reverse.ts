/**
 * Reversing a mass-credit run (§6, beyond the peers): each credit's unused,
 * unreserved remainder is voided by one `Void` entry; credit already spent
 * on fees is reported, never clawed back, and credit held by a settlement in
 * flight is left alone.
 */
import { assertIsoDate } from "../dates.js";
import { assertInput, assertObject, CreditKitError } from "../errors.js";
import type { VoidEntry } from "../ledger/entries.js";
import { add, fromAmountString, isPositive, type Money, subtract, toAmountString, zero } from "../money.js";
import { assertRunId, assertUniqueRow, describeError, nextMacrotask } from "./run-support.js";
import type { CreditReversal, IssuedCredit, ReversalLedger, ReverseRunOptions, RunRecord, RunReversal } from "./run-types.js";

/** Credits reversed between two turns of the event loop. */
const REVERSE_CHUNK = 500;

/**
 * Voids the unused credit of every credit in a run's record, each with one
 * `Void` entry keyed `${key}/${rowKey}` (key defaults to `${runId}/reverse`),
 * so reversing twice voids nothing twice. Reports per credit what was voided,
 * what had already been spent (`used`) and what was held (`reserved`), and
 * the totals. A credit that cannot be reversed (unknown grant, ledger error)
 * is reported as `failed` and the others go on.
 *
 * Throws `invalid-input` or `invalid-date` for bad input, and `duplicate-row`
 * for a record that lists one row twice, before anything is written.
 */
export async function reverseRun(ledger: ReversalLedger, record: RunRecord, options: ReverseRunOptions): Promise<RunReversal> {
  assertInput(
    typeof ledger?.committed === "function" && typeof ledger.commit === "function" && typeof ledger.snapshot === "function",
    "ledger",
  );
  assertInput(typeof record === "object" && record !== null && Array.isArray(record.credits), "record");
  assertRunId(record.runId);
  const rows = new Set<string>();
  for (const credit of record.credits) assertUniqueRow(rows, credit?.rowKey);
  assertObject(options, "options");
  assertIsoDate(options.date, "date");
  const key = options.key ?? `${record.runId}/reverse`;
  assertInput(typeof key === "string" && key.trim() !== "", "key");
  const currency = record.request.currency;
  const yieldControl = options.yieldControl ?? nextMacrotask;
  const credits: CreditReversal[] = [];
  const totals = { issued: zero(currency), voided: zero(currency), used: zero(currency), reserved: zero(currency) };
  const total = record.credits.length;
  for (let i = 0; i < total; i++) {
    const credit = record.credits[i] as IssuedCredit;
    const reversal = await reverseCredit(ledger, credit, `${key}/${credit.rowKey}`, options.date, currency);
    credits.push(reversal);
    totals.issued = add(totals.issued, fromAmountString(credit.amount, currency));
    totals.voided = add(totals.voided, fromAmountString(reversal.voided, currency));
    totals.used = add(totals.used, fromAmountString(reversal.used, currency));
    totals.reserved = add(totals.reserved, fromAmountString(reversal.reserved, currency));
    try {
      options.onProgress?.({ done: i + 1, total });
    } catch {
      // A listener's failure is the listener's.
    }
    if ((i + 1) % REVERSE_CHUNK === 0 && i + 1 < total) await yieldControl();
  }
  return {
    runId: record.runId,
    key,
    date: options.date,
    credits,
    totals: {
      issued: toAmountString(totals.issued),
      voided: toAmountString(totals.voided),
      used: toAmountString(totals.used),
      reserved: toAmountString(totals.reserved),
    },
    failed: credits.filter((c) => c.outcome === "failed").length,
  };
}

async function reverseCredit(
  ledger: ReversalLedger,
  credit: IssuedCredit,
  voidKey: string,
  date: string,
  currency: string,
): Promise<CreditReversal> {
  const none = toAmountString(zero(currency));
  const base = {
    rowKey: credit.rowKey,
    familyId: credit.familyId,
    familyName: credit.familyName,
    grantId: credit.grantId,
    amount: credit.amount,
  };
  try {
    const snapshot = await ledger.snapshot(credit.familyId);
    const grant = snapshot.grants.find((g) => g.grantId === credit.grantId);
    if (grant === undefined) throw new CreditKitError("unknown-grant", { accountId: credit.familyId, grantId: credit.grantId });
    const figures = { used: grant.used, reserved: grant.reserved };
    const done = await ledger.committed(voidKey);
    if (done !== undefined) {
      let voided: Money = zero(currency);
      for (const entry of done) {
        if (entry.type !== "Void" || entry.target.kind !== "grant" || entry.target.grantId !== credit.grantId) continue;
        voided = add(voided, fromAmountString(entry.amount, currency));
      }
      const entryId = done[0]?.id;
      return {
        ...base,
        outcome: "already-reversed",
        voided: toAmountString(voided),
        ...figures,
        ...(entryId !== undefined ? { entryId } : {}),
      };
    }
    const free = subtract(fromAmountString(grant.remainder, currency), fromAmountString(grant.reserved, currency));
    if (!isPositive(free)) return { ...base, outcome: "nothing-to-void", voided: none, ...figures };
    const entry: VoidEntry = {
      id: `${voidKey}#0`,
      key: voidKey,
      type: "Void",
      accountId: credit.familyId,
      date,
      amount: toAmountString(free),
      description: `Reversal of ${grant.description}`,
      target: { kind: "grant", grantId: credit.grantId },
    };
    await ledger.commit(voidKey, [entry]);
    return { ...base, outcome: "voided", voided: entry.amount, ...figures, entryId: entry.id };
  } catch (error) {
    return { ...base, outcome: "failed", voided: none, used: none, reserved: none, error: describeError(error) };
  }
}
