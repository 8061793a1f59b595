/**
 * The job that records an `ExistingCreditPlan`: account by account through
 * the data source's `recordCheckout` (every data source has it, the remote
 * one included), a chunk at a time with progress. Each account is one commit
 * under its own key, so it is either wholly applied or untouched; a key
 * recorded already answers `duplicate` and writes nothing, so running the
 * same plan again (a retry, a double click, a second tab) applies nothing
 * twice, and planning again under the same run id after a failure finds only
 * the accounts still to do.
 */
import { assertInput, CreditKitError, type CreditKitErrorCode } from "../errors.js";
import type { CommitResult } from "../ledger/journal.js";
import { add, fromAmountString, toAmountString, zero } from "../money.js";
import type { ExistingCreditItem, ExistingCreditPlan } from "./apply-existing-credit.js";
import type { CheckoutPlan } from "./types.js";

/** One account the job could not apply, and why (nothing was written for it). */
export interface ExistingCreditFailure {
  readonly accountId: string;
  readonly name: string;
  readonly key: string;
  /** The typed error's code, or `unexpected` for anything else. */
  readonly code: CreditKitErrorCode | "unexpected";
  readonly reason: string;
}

/** What the job did. */
export interface ExistingCreditResult {
  readonly runId: string;
  /** Accounts in the plan. */
  readonly planned: number;
  /** Accounts applied by this job. */
  readonly applied: number;
  /** Accounts found applied under their key already (an earlier attempt of the same run). */
  readonly already: number;
  /** Canonical amount: the credit the applied and the already applied accounts used. */
  readonly credit: string;
  readonly failures: readonly ExistingCreditFailure[];
  /** True when the signal stopped the job before every account was tried. */
  readonly stopped: boolean;
}

export interface ExistingCreditJobOptions {
  /** Accounts recorded at once, between two progress reports; default 10. */
  readonly chunkSize?: number;
  /** Called with 0 first, then after each chunk. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number }) => void;
  /** Checked between chunks. */
  readonly signal?: { readonly aborted: boolean };
}

/** Records `plan` through `ledger`, a chunk at a time; one account's failure is reported, not thrown. */
export async function applyExistingCredit(
  ledger: { recordCheckout(plan: CheckoutPlan): Promise<CommitResult> },
  plan: ExistingCreditPlan,
  options: ExistingCreditJobOptions = {},
): Promise<ExistingCreditResult> {
  assertInput(typeof ledger?.recordCheckout === "function", "ledger");
  assertInput(plan !== null && typeof plan === "object" && Array.isArray(plan.items), "plan", {
    reason: "not-a-plan",
    maker: "planApplyExistingCredit",
  });
  const chunkSize = options.chunkSize ?? 10;
  assertInput(Number.isSafeInteger(chunkSize) && chunkSize > 0, "chunkSize");
  assertInput(options.onProgress === undefined || typeof options.onProgress === "function", "onProgress");
  const c = plan.currency;
  const total = plan.items.length;
  let credit = zero(c);
  let applied = 0;
  let already = 0;
  let done = 0;
  const failures: ExistingCreditFailure[] = [];
  options.onProgress?.({ done, total });
  for (let start = 0; start < total; start += chunkSize) {
    if (options.signal?.aborted) break;
    const chunk = plan.items.slice(start, start + chunkSize);
    const outcomes = await Promise.allSettled(chunk.map((item) => ledger.recordCheckout(item.plan)));
    outcomes.forEach((outcome, i) => {
      const item = chunk[i] as ExistingCreditItem;
      if (outcome.status === "rejected") {
        failures.push(failureOf(item, outcome.reason));
        return;
      }
      if (outcome.value.status === "committed") applied++;
      else already++;
      for (const e of outcome.value.entries) if (e.type === "Payment (AC)") credit = add(credit, fromAmountString(e.amount, c));
    });
    done += chunk.length;
    options.onProgress?.({ done, total });
  }
  return { runId: plan.runId, planned: total, applied, already, credit: toAmountString(credit), failures, stopped: done < total };
}

function failureOf(item: ExistingCreditItem, error: unknown): ExistingCreditFailure {
  const { accountId, name, key } = item;
  if (error instanceof CreditKitError) return { accountId, name, key, code: error.code, reason: error.message };
  const reason = error instanceof Error && error.message !== "" ? error.message : String(error);
  return { accountId, name, key, code: "unexpected", reason };
}
