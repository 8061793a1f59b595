/**
 * The settings page's offer after auto-apply is turned on (issue #17): the
 * sweep only runs when a fee or a credit is posted, so accounts already
 * holding both an amount due and credit would keep both. The page counts
 * them with the core's `planApplyExistingCredit` and offers to apply the
 * credit now; Apply now runs the core's `applyExistingCredit` through the
 * data source (every data source, the shared ledger's too), in chunks, with
 * progress, each account once under `apply-credit/<run>/<account>`. The host
 * page owns this: see docs/decisions/0025-apply-existing-credit.md.
 */
import {
  add,
  applyExistingCredit,
  type CreditKitDataSource,
  type ExistingCreditFailure,
  type ExistingCreditPlan,
  fromAmountString,
  planApplyExistingCredit,
  toAmountString,
  zero,
} from "@creditkit/core";
import { h } from "../dom.js";
import { t } from "../language.js";
import { money } from "./shared.js";

/** Accounts recorded at once between two progress updates. */
const CHUNK_SIZE = 5;

const accounts = (n: number) => (n === 1 ? t("1 account") : t("{n} accounts", { n: String(n) }));

/** A new run id: the keys of one offer's job, kept while the offer is open so Try again finishes the same run. */
function newRunId(): string {
  return `settings-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Plans the offer from the data source's accounts as they stand now. */
export async function planOffer(source: CreditKitDataSource, date: string, runId = newRunId()): Promise<ExistingCreditPlan> {
  return planApplyExistingCredit(await source.getAccounts(), { runId, date, currency: source.currency });
}

/**
 * The offer (an inline panel, labelled by its heading), or undefined when no
 * account holds both. `onClose` is called when it is dismissed or done with.
 */
export function existingCreditOffer(
  source: CreditKitDataSource,
  date: string,
  first: ExistingCreditPlan,
  onClose: () => void,
): HTMLElement | undefined {
  if (first.count === 0) return undefined;
  let plan = first;
  let running = false;
  const headingId = `offer-${first.runId}`;
  const heading = h("h3", { id: headingId, tabindex: "-1" }, t("Apply existing credit now?"));
  const text = h(
    "p",
    { class: "offer-text" },
    t(
      first.count === 1
        ? "{accounts} holds both an amount due and account credit; applying it now would use {amount} of credit."
        : "{accounts} hold both an amount due and account credit; applying it now would use {amount} of credit.",
      { accounts: accounts(first.count), amount: money(first.total) },
    ),
  );
  const help = h(
    "p",
    { class: "help offer-help" },
    t(
      "Each account's credit goes to its unpaid fees, oldest due date first, as auto-apply does. Not now leaves them as they are until a fee or a credit is next posted to them.",
    ),
  );
  const apply = h("button", { type: "button" }, t("Apply now"));
  const notNow = h("button", { type: "button", class: "secondary" }, t("Not now"));
  const actions = h("div", { class: "row offer-actions" }, apply, notNow);
  const bar = h("progress", { max: String(first.count), value: "0", "aria-labelledby": `${headingId}-progress` });
  const status = h("p", { role: "status", id: `${headingId}-progress`, class: "offer-status" });
  const progress = h("div", { class: "offer-progress", hidden: true }, bar);
  const failures = h("ul", { class: "offer-failures", hidden: true });
  const region = h("section", { class: "offer", "aria-labelledby": headingId }, heading, text, help, progress, status, failures, actions);

  const close = () => {
    if (running) return;
    region.remove();
    onClose();
  };
  notNow.addEventListener("click", close);
  region.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !running) {
      event.preventDefault();
      close();
    }
  });
  /** What every round of this run applied so far (a Try again plans only what is left, so rounds never overlap). */
  let appliedSoFar = 0;
  let creditSoFar = zero(source.currency);
  apply.addEventListener("click", async () => {
    if (running) return;
    running = true;
    region.dataset.state = "running";
    actions.hidden = true;
    help.hidden = true;
    failures.replaceChildren();
    failures.hidden = true;
    progress.hidden = false;
    // The buttons go away while it runs: focus stays in the offer, on its heading.
    heading.textContent = t("Applying existing credit");
    heading.focus();
    text.hidden = false;
    text.textContent = t("Applying {amount} of credit to {accounts}.", { amount: money(plan.total), accounts: accounts(plan.count) });
    try {
      const result = await applyExistingCredit(source, plan, {
        chunkSize: CHUNK_SIZE,
        onProgress: ({ done, total }) => {
          bar.value = done;
          bar.max = total;
          status.textContent = t("{done} of {accounts} done.", { done: String(done), accounts: accounts(total) });
        },
      });
      appliedSoFar += result.applied + result.already;
      creditSoFar = add(creditSoFar, fromAmountString(result.credit, source.currency));
      finish(result.failures);
    } catch (error) {
      running = false;
      region.dataset.state = "failed";
      progress.hidden = true;
      status.textContent = t("Not applied: {reason}", { reason: error instanceof Error ? error.message : String(error) });
      actions.hidden = false;
    }
  });

  /** The summary; with failures, Try again plans the same run again from what the ledger holds now. */
  function finish(failed: readonly ExistingCreditFailure[]): void {
    running = false;
    region.dataset.state = "done";
    progress.hidden = true;
    heading.textContent = failed.length === 0 ? t("Existing credit applied") : t("Existing credit partly applied");
    text.textContent = "";
    text.hidden = true;
    const used = money(toAmountString(creditSoFar));
    status.textContent =
      failed.length === 0
        ? t("Done: credit applied to {accounts}, {used} of credit used.", { accounts: accounts(appliedSoFar), used })
        : t("Credit applied to {accounts}, {used} of credit used. {failed} not changed:", {
            accounts: accounts(appliedSoFar),
            used,
            failed: accounts(failed.length),
          });
    failures.replaceChildren(...failed.map((f) => h("li", {}, `${f.name}: ${f.reason}`)));
    failures.hidden = failed.length === 0;
    const buttons: HTMLButtonElement[] = [];
    if (failed.length > 0) {
      const again = h("button", { type: "button" }, t("Try again"));
      again.addEventListener("click", async () => {
        again.disabled = true;
        try {
          plan = await planOffer(source, date, plan.runId);
        } catch (error) {
          again.disabled = false;
          status.textContent = t("Not tried again: {reason}", { reason: error instanceof Error ? error.message : String(error) });
          return;
        }
        if (plan.count === 0) finish([]);
        else apply.click();
      });
      buttons.push(again);
    }
    const ok = h("button", { type: "button", class: failed.length > 0 ? "secondary" : "" }, t("Close"));
    ok.addEventListener("click", close);
    buttons.push(ok);
    actions.replaceChildren(...buttons);
    actions.hidden = false;
    heading.focus();
  }

  queueMicrotask(() => notNow.focus());
  return region;
}
