/** The live totals and the recorded result of the pay window. */
import {
  type AccountSnapshot,
  add,
  type CheckoutPlan,
  type CommitResult,
  fromAmountString,
  type Money,
  subtract,
  sum,
  toAmountString,
} from "@creditkit/core";
import { html, nothing } from "lit";
import { showMoney } from "../shared/money-text.js";
import { METHOD_LABELS } from "./checkout-form.js";
import type { PayHandlers, PayView } from "./pay-window.render.js";

/** True for a canonical zero amount ("0", "0.00"). */
export function isZeroAmount(amount: string): boolean {
  return /^0(\.0+)?$/.test(amount);
}

type Row = readonly [label: string, amount: string, tone: string];

function figures(rows: readonly Row[], currency: string, locale: string | undefined) {
  return rows.map(
    ([label, amount, tone]) => html`
      <div class=${tone} data-figure=${label}>
        <dt>${label}<span class="visually-hidden">:</span></dt>
        <dd>${showMoney(amount, currency, locale)}</dd>
      </div>
    `,
  );
}

/**
 * Total, Applied Amount, Remaining Due, and — for a valid plan — what is paid now, change and what stays owed.
 * While the credit amount is refused, Applied Amount is what would really be applied: nothing.
 */
export function renderSummary(view: PayView) {
  const plan = view.payment?.plan;
  const base = view.payment?.base;
  const shown = plan ?? base;
  if (!shown) return nothing;
  const c = shown.currency;
  const rows: Row[] = [
    ["Total", shown.total, ""],
    ["Applied Amount", shown.appliedCredit, isZeroAmount(shown.appliedCredit) ? "neutral" : "available"],
    ["Remaining Due", shown.remainingDue, isZeroAmount(shown.remainingDue) ? "neutral" : "owed"],
  ];
  if (plan) {
    rows.push(["Paying now", plan.tenderApplied, ""]);
    if (!isZeroAmount(plan.change)) rows.push(["Change", plan.change, ""]);
    if (!isZeroAmount(plan.overpaymentCredit)) rows.push(["Put on account as credit", plan.overpaymentCredit, "available"]);
    if (!isZeroAmount(plan.chargedToAccount)) rows.push(["Charged to account", plan.chargedToAccount, "owed"]);
    rows.push(["Still owed after payment", plan.unpaid, isZeroAmount(plan.unpaid) ? "neutral" : "owed"]);
  }
  // Polite: a screen reader hears the new Applied Amount, Remaining Due… after the switch or an amount changes them.
  // A refused credit amount applies nothing (the figures say so): the note says why, beside the field's own message.
  const refused = view.errors.has("credit-amount")
    ? html`<p class="muted summary-note" id="credit-note">No credit is applied until the credit to apply is corrected.</p>`
    : nothing;
  return html`<dl class="summary" part="summary" aria-live="polite">${figures(rows, c, view.locale)}</dl>${refused}`;
}

/** The recording's headline: what happened, in words that match its figures (never "Payment recorded" when nothing was paid). */
export function resultHeadline(plan: CheckoutPlan, result: CommitResult | undefined): string {
  if (!result) return "Payment sent for recording.";
  if (result.status === "duplicate") return "This payment was already recorded; nothing was recorded twice.";
  const paid = !isZeroAmount(plan.tenderApplied) || plan.tenders.some((t) => !isZeroAmount(t.amount));
  const credit = !isZeroAmount(plan.appliedCredit);
  const charged = !isZeroAmount(plan.chargedToAccount);
  if (paid) return "Payment recorded.";
  if (credit && !charged) return "Credit applied.";
  if (credit && charged) return "Credit applied; the rest charged to the account.";
  if (charged) return "Charged to the account: nothing was paid now.";
  return "Recorded.";
}

/** What auto-apply used after the recording: the swept `Payment (AC)` entries, their total, and the part on this payment's fees. */
function sweptCredit(plan: CheckoutPlan, result: CommitResult | undefined) {
  const c = plan.currency;
  const used = (result?.swept ?? []).filter((e) => e.type === "Payment (AC)");
  const mine = new Set(plan.lines.map((l) => l.feeId));
  const total = sum(
    used.map((e) => fromAmountString(e.amount, c)),
    c,
  );
  const onFee = new Map<string, Money>();
  for (const e of used) {
    if (e.type !== "Payment (AC)" || !mine.has(e.feeId)) continue;
    const amount = fromAmountString(e.amount, c);
    const before = onFee.get(e.feeId);
    onFee.set(e.feeId, before ? add(before, amount) : amount);
  }
  return { used, total: toAmountString(total), here: sum([...onFee.values()], c), onFee };
}

/**
 * What was recorded, announced as a status, in one set of figures: what was
 * paid, applied and charged, what auto-apply then used (and on which fees),
 * what stays owed on this payment's fees after it, and the account's Amount
 * Due now — the figure the header shows.
 */
export function renderResult(
  recorded: { readonly plan: CheckoutPlan; readonly result: CommitResult | undefined },
  view: PayView,
  snapshot: AccountSnapshot,
  on: PayHandlers,
) {
  const { plan, result } = recorded;
  const currency = plan.currency;
  const locale = view.locale;
  const pos = view.channel === "pos";
  const money = (amount: string) => showMoney(amount, currency, locale);
  const swept = sweptCredit(plan, result);
  const stillOwed = toAmountString(subtract(fromAmountString(plan.unpaid, currency), swept.here));
  const rows: Row[] = [[pos ? "Sale total" : "Total", plan.total, ""]];
  rows.push(["Applied Amount", plan.appliedCredit, isZeroAmount(plan.appliedCredit) ? "neutral" : "available"]);
  for (const t of plan.tenders) rows.push([`Paid by ${METHOD_LABELS[t.method].toLowerCase()}`, t.amount, ""]);
  if (!isZeroAmount(plan.change)) rows.push(["Change", plan.change, ""]);
  if (!isZeroAmount(plan.overpaymentCredit)) rows.push(["Put on account as credit", plan.overpaymentCredit, "available"]);
  if (!isZeroAmount(plan.chargedToAccount)) rows.push(["Charged to account", plan.chargedToAccount, "owed"]);
  if (!isZeroAmount(swept.total)) rows.push(["Then applied by auto-apply", swept.total, "available"]);
  rows.push([pos ? "Still owed on this sale" : "Still owed on these fees", stillOwed, isZeroAmount(stillOwed) ? "neutral" : "owed"]);
  // The header's figure, read again once the ledger says the account changed (a host's own snapshot may not be).
  if (view.live) rows.push(["Amount Due on the account now", snapshot.amountDue, isZeroAmount(snapshot.amountDue) ? "neutral" : "owed"]);
  const shown = swept.used.slice(0, 5);
  return html`
    <div class="result" part="result" tabindex="-1" aria-labelledby="result-title">
      <p id="result-title" class="headline" role="status">${resultHeadline(plan, result)}</p>
      <dl class="summary">${figures(rows, currency, locale)}</dl>
      ${
        swept.used.length > 0
          ? html`<div class="swept" part="swept">
              <p>Auto-apply is on, so ${money(swept.total)} of account credit was then applied to unpaid fees, oldest due first:</p>
              <ul>
                ${shown.map((e) => html`<li><span>${sweptFeeName(e.description)}</span> <span class="amount">${money(e.amount)}</span></li>`)}
                ${swept.used.length > shown.length ? html`<li>and ${swept.used.length - shown.length} more</li>` : nothing}
              </ul>
            </div>`
          : nothing
      }
      ${plan.lines.map((l) => {
        const taken = swept.onFee.get(l.feeId);
        const owed = taken ? toAmountString(subtract(fromAmountString(l.unpaid, currency), taken)) : l.unpaid;
        return isZeroAmount(owed) ? nothing : html`<p class="muted">${l.description}: ${money(owed)} still owed.</p>`;
      })}
      ${result ? html`<p class="muted">${result.entries.length + swept.used.length} ledger ${result.entries.length + swept.used.length === 1 ? "entry" : "entries"} written.</p>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${on.startOver}>${pos ? "Start a new sale" : "Start a new payment"}</button>
      </div>
    </div>
  `;
}

/** A swept entry reads "Account credit applied: Swim lessons"; the list says the fee's name. */
function sweptFeeName(description: string): string {
  return description.replace(/^Account credit applied: /, "");
}
