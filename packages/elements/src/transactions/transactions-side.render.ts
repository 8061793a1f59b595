/** The tables beside (or below) `<ck-transactions>`'s lines: the payment summary and the credits by credit type, for the same period. */
import { ACCOUNT_CREDIT_PAYMENT_TYPE, type CreditTypeTotals } from "@creditkit/core";
import { html, nothing } from "lit";
import { whole } from "../shared/counts.js";
import { showMoney } from "../shared/money-text.js";
import type { TransactionsView } from "./transactions.render.js";

function periodText(report: { readonly from?: string; readonly to?: string }): string {
  return report.from || report.to ? `${report.from ?? "…"} to ${report.to ?? "…"}` : "All dates";
}

export function renderSummary(view: TransactionsView) {
  const summary = view.summary;
  if (!summary) return nothing;
  const money = (amount: string) => showMoney(amount, view.currency, view.locale);
  return html`
    <aside class="summary" part="summary" aria-labelledby="summary-title">
      <table>
        <caption id="summary-title">Payment summary <span class="muted">${periodText(summary)}</span></caption>
        <thead>
          <tr><th scope="col">Payment type</th><th scope="col" class="num">Payments</th><th scope="col" class="num">Total</th></tr>
        </thead>
        <tbody>
          ${summary.categories.map(
            (c) => html`<tr class=${c.paymentType === ACCOUNT_CREDIT_PAYMENT_TYPE ? "account-credit" : ""} data-type=${c.paymentType}>
              <th scope="row">${c.label}</th><td class="num">${whole(c.count)}</td><td class="num">${money(c.total)}</td>
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr><th scope="row">Total</th><td class="num">${whole(summary.count)}</td><td class="num">${money(summary.total)}</td></tr>
        </tfoot>
      </table>
    </aside>
  `;
}

/** §7's credits by credit type (for the deposit report): issued, voided (when the period has voids) and net per credit type. */
export function renderCredits(view: TransactionsView) {
  const report = view.credits;
  if (!report) return nothing;
  const money = (amount: string) => showMoney(amount, view.currency, view.locale);
  const voids = report.totals.voidCount > 0;
  const label = (creditType: string) => view.creditTypeNames.get(creditType) ?? creditType;
  const collator = new Intl.Collator(view.locale, { numeric: true });
  const rows = [...report.rows].sort((a, b) => collator.compare(label(a.creditType), label(b.creditType)));
  const figures = (t: CreditTypeTotals) =>
    html`<td class="num">${money(t.issued)}</td>${voids ? html`<td class="num">${money(t.voided)}</td>` : nothing}<td class="num">${money(t.net)}</td>`;
  return html`
    <aside class="summary" part="credits" aria-labelledby="credits-title">
      <table>
        <caption id="credits-title">Credits by credit type <span class="muted">${periodText(report)}</span></caption>
        <thead>
          <tr>
            <th scope="col">Credit type</th><th scope="col" class="num">Issued</th>
            ${voids ? html`<th scope="col" class="num">Voided</th>` : nothing}<th scope="col" class="num">Net</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr><td colspan=${voids ? 4 : 3} class="muted">No credit issued or voided in this period.</td></tr>`
              : rows.map(
                  (r) => html`<tr data-type=${r.creditType}>
                    <th scope="row">${label(r.creditType)}</th>${figures(r)}
                  </tr>`,
                )
          }
        </tbody>
        <tfoot>
          <tr><th scope="row">Total</th>${figures(report.totals)}</tr>
        </tfoot>
      </table>
    </aside>
  `;
}
