/** Recording a checkout plan: once per key. */
import { assertInput } from "../errors.js";
import type { CommitResult, Journal } from "../ledger/journal.js";
import type { CheckoutPlan } from "./types.js";

/**
 * Writes the plan's entries under its key. Recording the same plan again
 * writes nothing and returns the first recording; a plan made on balances
 * that have since changed is refused by the journal's checks
 * (`fee-overpaid`, `credit-overused`) — plan again and show the new figures.
 */
export function recordCheckout(journal: Pick<Journal, "commit">, plan: CheckoutPlan): CommitResult {
  assertInput(typeof journal?.commit === "function", "journal");
  assertInput(plan !== null && typeof plan === "object", "plan", { reason: "not-a-plan", maker: "planCheckout" });
  return journal.commit(plan.key, plan.entries);
}
