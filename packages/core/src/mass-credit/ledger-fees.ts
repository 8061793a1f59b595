/**
 * The mass-credit data set as a preview should read it: the stored one, with
 * its fees as the ledger has them now (docs/decisions/0010). The data set is
 * a copy of the host's records taken when it was stored; the ledger moves on
 * (fees paid, voided, charged to the account), and "only customers with
 * outstanding charges" (§6) must mean outstanding today. One rule, used by
 * the embedded store and by the PostgreSQL data source alike.
 */
import { assertInput } from "../errors.js";
import type { FeeBalance } from "../ledger/holds.js";
import { checkDataSet } from "./data-index.js";
import type { Fee, MassCreditDataSet } from "./model.js";

/** What the merge reads of a ledger: a `Journal` is one. */
export interface FeeLedger {
  hasAccount(accountId: string): boolean;
  /** Each fee of the account in posting order, with its category and what it still owes. */
  feeBalances(accountId: string): readonly FeeBalance[];
}

/** How much is done between two calls of `yieldControl`. */
const FEES_PER_TURN = 5000;
const FAMILIES_PER_TURN = 500;

/**
 * `stored` with each fee's remainder read from the ledger, and the ledger's
 * fees of the data set's families that the data set does not list added
 * (their category matched to the lists' ids, by id or by name). A fee the
 * ledger does not hold (paid before the ledger began) is kept as stored.
 * Returns `stored` itself when the ledger agrees with it, so a preview's
 * index built for it stays valid. Calls `yieldControl` every few hundred
 * families (100,000 of them take a few hundred milliseconds). Rejects with
 * `invalid-input` for a data set, ledger or `yieldControl` of the wrong shape.
 */
export async function withLedgerFees(
  stored: MassCreditDataSet,
  journal: FeeLedger,
  yieldControl: () => Promise<void> = async () => {},
): Promise<MassCreditDataSet> {
  checkDataSet(stored, true);
  assertInput(typeof journal?.hasAccount === "function" && typeof journal.feeBalances === "function", "journal");
  assertInput(typeof yieldControl === "function", "yieldControl");
  const categoryIds = new Set(stored.lists.chargeCategories.map((c) => c.id));
  const idByName = new Map(stored.lists.chargeCategories.map((c) => [c.name, c.id]));
  const categoryOf = (text: string) => (categoryIds.has(text) ? text : (idByName.get(text) ?? text));
  const byFamily = new Map<string, Fee[]>();
  for (let i = 0; i < stored.fees.length; i++) {
    const fee = stored.fees[i] as Fee;
    const mine = byFamily.get(fee.familyId);
    if (mine) mine.push(fee);
    else byFamily.set(fee.familyId, [fee]);
    if (i % FEES_PER_TURN === FEES_PER_TURN - 1) await yieldControl();
  }
  const fees: Fee[] = [];
  let changed = false;
  for (let n = 0; n < stored.families.length; n++) {
    if (n % FAMILIES_PER_TURN === FAMILIES_PER_TURN - 1) await yieldControl();
    const family = stored.families[n] as MassCreditDataSet["families"][number];
    const mine = byFamily.get(family.id) ?? [];
    byFamily.delete(family.id);
    if (!journal.hasAccount(family.id)) {
      fees.push(...mine);
      continue;
    }
    const ledger = journal.feeBalances(family.id);
    const matched = new Array<boolean>(ledger.length).fill(false);
    for (const fee of mine) {
      const at = ledger.findIndex((b) => b.feeId === fee.id);
      const now = ledger[at];
      if (now === undefined || now.remainder === fee.remainder) fees.push(fee);
      else {
        fees.push({ ...fee, remainder: now.remainder });
        changed = true;
      }
      if (at >= 0) matched[at] = true;
    }
    for (let i = 0; i < ledger.length; i++) {
      const b = ledger[i];
      if (matched[i] || b === undefined) continue;
      fees.push({ id: b.feeId, familyId: family.id, category: categoryOf(b.category), remainder: b.remainder });
      changed = true;
    }
  }
  // Fees of families the data set does not list stay as they are.
  for (const rest of byFamily.values()) fees.push(...rest);
  return changed ? { ...stored, fees } : stored;
}
