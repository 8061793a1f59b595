/** The tables beside (or below) `<ck-transactions>`'s lines: the payment summary and the credits by credit type, for the same period. */
import {
  ACCOUNT_CREDIT_PAYMENT_TYPE,
  type CreditTypeTotals,
  fromAmountString,
  PAYMENT_TYPE_LABELS,
  type PaymentSummary,
  type PaymentType,
  sum,
  type TransactionLine,
  toAmountString,
} from "@creditkit/core";
import { html, nothing } from "lit";
import { whole } from "../shared/counts.js";
import { showMoney } from "../shared/money-text.js";
import type { TransactionsView } from "./transactions.render.js";

function periodText(report: { readonly from?: string; readonly to?: string }): string {
  return report.from || report.to ? `${report.from ?? "…"} to ${report.to ?? "…"}` : "All dates";
}

/** One payment type's row of the summary as shown: how many payments, how many of them reversals took back (a payment is reversed whole), and the net. */
export interface SummaryRow {
  readonly paymentType: PaymentType | "total";
  readonly label: string;
  /** Payments (a reversal is not counted as one). */
  readonly payments: number;
  /** Reversals in the period. */
  readonly reversed: number;
  /** Payments less reversals. */
  readonly net: string;
}

/** The payment summary as the element shows it: the core's totals, restricted to the payment type chosen, reversals apart. */
export interface SummaryView {
  readonly from?: string;
  readonly to?: string;
  readonly rows: readonly SummaryRow[];
  readonly total: SummaryRow;
  /** The period has reversals: the Reversed column shows. */
  readonly reversals: boolean;
  /** The payment type the summary follows, if one is chosen. */
  readonly paymentType: PaymentType | "";
}

/**
 * The summary the element shows for the core's `summary` over the period: the
 * chosen payment type's row only (every row without one), each with its
 * payments counted apart from its reversals (`lines`: the period's lines).
 */
export function summaryView(
  summary: PaymentSummary,
  lines: readonly TransactionLine[],
  paymentType: PaymentType | "",
  currency: string,
): SummaryView {
  const reversals = new Map<PaymentType, TransactionLine[]>();
  for (const line of lines) {
    if (line.reverses === undefined || line.paymentType === undefined) continue;
    reversals.set(line.paymentType, [...(reversals.get(line.paymentType) ?? []), line]);
  }
  const amountOf = (values: readonly string[]) =>
    toAmountString(
      sum(
        values.map((v) => fromAmountString(v, currency)),
        currency,
      ),
    );
  const rows: SummaryRow[] = summary.categories
    .filter((c) => paymentType === "" || c.paymentType === paymentType)
    .map((c) => {
      const back = reversals.get(c.paymentType) ?? [];
      return {
        paymentType: c.paymentType,
        label: c.label,
        payments: c.count - back.length,
        reversed: back.length,
        net: c.total,
      };
    });
  const total: SummaryRow = {
    paymentType: "total",
    label: "Total",
    payments: rows.reduce((n, r) => n + r.payments, 0),
    reversed: rows.reduce((n, r) => n + r.reversed, 0),
    net: amountOf(rows.map((r) => r.net)),
  };
  return {
    ...(summary.from ? { from: summary.from } : {}),
    ...(summary.to ? { to: summary.to } : {}),
    rows,
    total,
    reversals: rows.some((r) => r.reversed > 0),
    paymentType,
  };
}

export function renderSummary(view: TransactionsView) {
  const summary = view.summary;
  if (!summary) return nothing;
  const money = (amount: string) => showMoney(amount, view.currency, view.locale);
  const figures = (r: SummaryRow) =>
    html`<td class="num">${whole(r.payments)}</td>${summary.reversals ? html`<td class="num">${whole(r.reversed)}</td>` : nothing}<td class="num">${money(r.net)}</td>`;
  const follows = summary.paymentType
    ? `Follows the dates and the payment type (${PAYMENT_TYPE_LABELS[summary.paymentType]}).`
    : "Follows the dates and the payment type.";
  const ignores = view.transactionType ? ` The transaction type (${view.transactionType}) filters the lines only.` : "";
  return html`
    <aside class="summary" part="summary" aria-labelledby="summary-title" aria-describedby="summary-scope">
      <table>
        <caption id="summary-title">Payment summary <span class="muted">${periodText(summary)}</span></caption>
        <thead>
          <tr>
            <th scope="col">Payment type</th><th scope="col" class="num">Payments</th>
            ${summary.reversals ? html`<th scope="col" class="num">Reversed</th>` : nothing}<th scope="col" class="num">Net</th>
          </tr>
        </thead>
        <tbody>
          ${summary.rows.map(
            (r) => html`<tr class=${r.paymentType === ACCOUNT_CREDIT_PAYMENT_TYPE ? "account-credit" : ""} data-type=${r.paymentType}>
              <th scope="row">${r.label}</th>${figures(r)}
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr><th scope="row">Total</th>${figures(summary.total)}</tr>
        </tfoot>
      </table>
      <p class="scope muted" id="summary-scope" part="summary-scope">${follows}${ignores}</p>
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
    <aside class="summary" part="credits" aria-labelledby="credits-title" aria-describedby="credits-scope">
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
      <p class="scope muted" id="credits-scope" part="credits-scope">
        Follows the dates only${view.paymentType || view.transactionType ? ": the type filters apply to the lines" : ""}.
      </p>
    </aside>
  `;
}
