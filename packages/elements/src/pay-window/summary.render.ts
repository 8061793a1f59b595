/** The live totals and the recorded result of the pay window. */
import type { CheckoutPlan, CommitResult } from "@creditkit/core";
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

/** Total, Applied Amount, Remaining Due, and — for a valid plan — what is paid now, change and what stays owed. */
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
  return html`<dl class="summary" part="summary" aria-live="polite">${figures(rows, c, view.locale)}</dl>`;
}

/** What was recorded, announced as a status, with a way to start the next payment. */
export function renderResult(
  recorded: { readonly plan: CheckoutPlan; readonly result: CommitResult | undefined },
  currency: string,
  locale: string | undefined,
  on: PayHandlers,
) {
  const { plan, result } = recorded;
  const money = (amount: string) => showMoney(amount, currency, locale);
  const rows: Row[] = [["Applied Amount", plan.appliedCredit, isZeroAmount(plan.appliedCredit) ? "neutral" : "available"]];
  for (const t of plan.tenders) rows.push([`Paid by ${METHOD_LABELS[t.method].toLowerCase()}`, t.amount, ""]);
  if (!isZeroAmount(plan.change)) rows.push(["Change", plan.change, ""]);
  if (!isZeroAmount(plan.chargedToAccount)) rows.push(["Charged to account", plan.chargedToAccount, "owed"]);
  rows.push(["Still owed", plan.unpaid, isZeroAmount(plan.unpaid) ? "neutral" : "owed"]);
  const swept = result?.swept.length ?? 0;
  const headline = !result
    ? "Payment sent for recording."
    : result.status === "duplicate"
      ? "This payment was already recorded; nothing was recorded twice."
      : plan.paidEntirelyByCredit
        ? "Credit applied."
        : "Payment recorded.";
  return html`
    <div class="result" part="result" tabindex="-1" aria-labelledby="result-title">
      <p id="result-title" class="headline" role="status">${headline}</p>
      <dl class="summary">${figures(rows, currency, locale)}</dl>
      ${result ? html`<p class="muted">${result.entries.length} ledger ${result.entries.length === 1 ? "entry" : "entries"} written.</p>` : nothing}
      ${swept > 0 ? html`<p class="muted">Auto-apply then applied account credit in ${swept} ${swept === 1 ? "entry" : "entries"}.</p>` : nothing}
      ${plan.lines.map((l) => (isZeroAmount(l.unpaid) ? nothing : html`<p class="muted">${l.description}: ${money(l.unpaid)} still owed.</p>`))}
      <div class="actions">
        <button type="button" class="secondary" @click=${on.startOver}>Start a new payment</button>
      </div>
    </div>
  `;
}
