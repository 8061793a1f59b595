/** The live totals and the recorded result of the pay window. */
import {
  type AccountSnapshot,
  add,
  type CheckoutPlan,
  type CommitResult,
  fromAmountString,
  type Money,
  type PaymentMethod,
  subtract,
  sum,
  toAmountString,
} from "@creditkit/core";
import { html, nothing } from "lit";
import { isOne, whole } from "../shared/counts.js";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import type { PayHandlers, PayView } from "./pay-window.render.js";

/** True for a canonical zero amount ("0", "0.00"). */
export function isZeroAmount(amount: string): boolean {
  return /^0(\.0+)?$/.test(amount);
}

/** A figure: `figure` names it for hosts and tests (the English label, in every language), `label` is what a person reads. */
type Row = readonly [figure: string, label: string, amount: string, tone: string];

function figures(rows: readonly Row[], currency: string, locale: string | undefined) {
  return rows.map(
    ([figure, label, amount, tone]) => html`
      <div class=${tone} data-figure=${figure}>
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
    ["Total", msg("Total"), shown.total, ""],
    ["Applied Amount", msg("Applied Amount"), shown.appliedCredit, isZeroAmount(shown.appliedCredit) ? "neutral" : "available"],
    ["Remaining Due", msg("Remaining Due"), shown.remainingDue, isZeroAmount(shown.remainingDue) ? "neutral" : "owed"],
  ];
  if (plan) {
    rows.push(["Paying now", msg("Paying now"), plan.tenderApplied, ""]);
    if (!isZeroAmount(plan.change)) rows.push(["Change", changeLabel(), plan.change, ""]);
    if (!isZeroAmount(plan.overpaymentCredit))
      rows.push(["Put on account as credit", msg("Put on account as credit"), plan.overpaymentCredit, "available"]);
    if (!isZeroAmount(plan.chargedToAccount)) rows.push(["Charged to account", msg("Charged to account"), plan.chargedToAccount, "owed"]);
    rows.push(["Still owed after payment", msg("Still owed after payment"), plan.unpaid, isZeroAmount(plan.unpaid) ? "neutral" : "owed"]);
  }
  // Polite: a screen reader hears the new Applied Amount, Remaining Due… after the switch or an amount changes them.
  // A refused credit amount applies nothing (the figures say so): the note says why, beside the field's own message.
  const refused = view.errors.has("credit-amount")
    ? html`<p class="muted summary-note" id="credit-note">${msg("No credit is applied until the credit to apply is corrected.")}</p>`
    : nothing;
  return html`<dl class="summary" part="summary" aria-live="polite">${figures(rows, c, view.locale)}</dl>${refused}`;
}

/** The recording's headline: what happened, in words that match its figures (never "Payment recorded" when nothing was paid). */
export function resultHeadline(plan: CheckoutPlan, result: CommitResult | undefined): string {
  if (!result) return msg("Payment sent for recording.");
  if (result.status === "duplicate") return msg("This payment was already recorded; nothing was recorded twice.");
  const paid = !isZeroAmount(plan.tenderApplied) || plan.tenders.some((t) => !isZeroAmount(t.amount));
  const credit = !isZeroAmount(plan.appliedCredit);
  const charged = !isZeroAmount(plan.chargedToAccount);
  if (paid) return msg("Payment recorded.");
  if (credit && !charged) return msg("Credit applied.");
  if (credit && charged) return msg("Credit applied; the rest charged to the account.");
  if (charged) return msg("Charged to the account: nothing was paid now.");
  return msg("Recorded.");
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
  const rows: Row[] = [pos ? ["Sale total", msg("Sale total"), plan.total, ""] : ["Total", msg("Total"), plan.total, ""]];
  rows.push(["Applied Amount", msg("Applied Amount"), plan.appliedCredit, isZeroAmount(plan.appliedCredit) ? "neutral" : "available"]);
  for (const t of plan.tenders) rows.push([`Paid by ${PAID_BY_KEYS[t.method]}`, paidByLabel(t.method), t.amount, ""]);
  if (!isZeroAmount(plan.change)) rows.push(["Change", changeLabel(), plan.change, ""]);
  if (!isZeroAmount(plan.overpaymentCredit))
    rows.push(["Put on account as credit", msg("Put on account as credit"), plan.overpaymentCredit, "available"]);
  if (!isZeroAmount(plan.chargedToAccount)) rows.push(["Charged to account", msg("Charged to account"), plan.chargedToAccount, "owed"]);
  if (!isZeroAmount(swept.total)) rows.push(["Then applied by auto-apply", msg("Then applied by auto-apply"), swept.total, "available"]);
  const owedTone = isZeroAmount(stillOwed) ? "neutral" : "owed";
  rows.push(
    pos
      ? ["Still owed on this sale", msg("Still owed on this sale"), stillOwed, owedTone]
      : ["Still owed on these fees", msg("Still owed on these fees"), stillOwed, owedTone],
  );
  // The header's figure, read again once the ledger says the account changed (a host's own snapshot may not be).
  if (view.live) {
    const dueTone = isZeroAmount(snapshot.amountDue) ? "neutral" : "owed";
    rows.push(["Amount Due on the account now", msg("Amount Due on the account now"), snapshot.amountDue, dueTone]);
  }
  const shown = swept.used.slice(0, 5);
  return html`
    <div class="result" part="result" tabindex="-1" aria-labelledby="result-title">
      <p id="result-title" class="headline" role="status">${resultHeadline(plan, result)}</p>
      <dl class="summary">${figures(rows, currency, locale)}</dl>
      ${
        swept.used.length > 0
          ? html`<div class="swept" part="swept">
              <p>${msg(str`Auto-apply is on, so ${money(swept.total)} of account credit was then applied to unpaid fees, oldest due first:`)}</p>
              <ul>
                ${shown.map((e) => html`<li><span>${sweptFeeName(e.description)}</span> <span class="amount">${money(e.amount)}</span></li>`)}
                ${swept.used.length > shown.length ? html`<li>${msg(str`and ${whole(swept.used.length - shown.length)} more`)}</li>` : nothing}
              </ul>
            </div>`
          : nothing
      }
      ${plan.lines.map((l) => {
        const taken = swept.onFee.get(l.feeId);
        const owed = taken ? toAmountString(subtract(fromAmountString(l.unpaid, currency), taken)) : l.unpaid;
        return isZeroAmount(owed) ? nothing : html`<p class="muted">${msg(str`${l.description}: ${money(owed)} still owed.`)}</p>`;
      })}
      ${result ? html`<p class="muted">${entriesWritten(result.entries.length + swept.used.length)}</p>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${on.startOver}>${pos ? msg("Start a new sale") : msg("Start a new payment")}</button>
      </div>
    </div>
  `;
}

/** "Change", the cash given back (not "a change"). */
function changeLabel(): string {
  return msg("Change", { desc: "Money given back to a customer who paid more in cash than was due." });
}

/** The English names of the "Paid by …" figures (`data-figure`). */
const PAID_BY_KEYS: Readonly<Record<PaymentMethod, string>> = {
  card: "card",
  ach: "bank (ACH)",
  cash: "cash",
  check: "check",
  other: "other",
};

/** "Paid by card": how much one tender paid, one whole sentence per method. */
function paidByLabel(method: PaymentMethod): string {
  switch (method) {
    case "card":
      return msg("Paid by card");
    case "ach":
      return msg("Paid by bank (ACH)");
    case "cash":
      return msg("Paid by cash");
    case "check":
      return msg("Paid by check");
    default:
      return msg("Paid by other means", { desc: "A payment figure: the amount paid with a method other than card, bank, cash or check." });
  }
}

/** "3 ledger entries written.", with the count's plural form in the locale. */
function entriesWritten(n: number): string {
  const count = whole(n);
  return isOne(n) ? msg(str`${count} ledger entry written.`) : msg(str`${count} ledger entries written.`);
}

/** A swept entry reads "Account credit applied: Swim lessons"; the list says the fee's name. */
function sweptFeeName(description: string): string {
  return description.replace(/^Account credit applied: /, "");
}
