/** The tables beside (or below) `<ck-transactions>`'s lines: the payment summary and the credits by credit type, for the same period. */
import {
  ACCOUNT_CREDIT_PAYMENT_TYPE,
  type CreditTypeTotals,
  fromAmountString,
  type PaymentSummary,
  type PaymentType,
  sum,
  type TransactionLine,
  toAmountString,
} from "@creditkit/core";
import { html, nothing } from "lit";
import { whole } from "../shared/counts.js";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { paymentTypeLabel, showDate, transactionTypeLabel } from "./labels.js";
import type { TransactionsView } from "./transactions.render.js";

function periodText(report: { readonly from?: string; readonly to?: string }, locale: string | undefined): string {
  if (!report.from && !report.to) return msg("All dates", { id: "transactions.all-dates" });
  const from = report.from ? showDate(report.from, locale) : "…";
  const to = report.to ? showDate(report.to, locale) : "…";
  return msg(str`${from} to ${to}`, { id: "transactions.period", desc: "A period of dates (“…” for an open end)." });
}

/** One payment type's row of the summary as shown: how many payments, how many of them reversals took back (a payment is reversed whole), and the net. */
export interface SummaryRow {
  readonly paymentType: PaymentType | "total";
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
        payments: c.count - back.length,
        reversed: back.length,
        net: c.total,
      };
    });
  const total: SummaryRow = {
    paymentType: "total",
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
  const chosen = summary.paymentType ? paymentTypeLabel(summary.paymentType) : "";
  const follows = chosen
    ? msg(str`Follows the dates and the payment type (${chosen}).`, {
        desc: "What the payment summary follows; the value is the payment type chosen.",
      })
    : msg("Follows the dates and the payment type.", { desc: "What the payment summary follows." });
  const type = view.transactionType ? transactionTypeLabel(view.transactionType) : "";
  const ignores = type
    ? ` ${msg(str`The transaction type (${type}) filters the lines only.`, { desc: "The payment summary does not follow the transaction type chosen (the value)." })}`
    : "";
  return html`
    <aside class="summary" part="summary" aria-labelledby="summary-title" aria-describedby="summary-scope">
      <table>
        <caption id="summary-title">${msg("Payment summary", { id: "transactions.payment-summary" })} <span class="muted">${periodText(summary, view.locale)}</span></caption>
        <thead>
          <tr>
            <th scope="col">${msg("Payment type", { id: "transactions.payment-type" })}</th><th scope="col" class="num">${msg("Payments", { id: "transactions.payments", desc: "Column header: how many payments." })}</th>
            ${summary.reversals ? html`<th scope="col" class="num">${msg("Reversed", { id: "transactions.reversed-count", desc: "Column header: how many payments were reversed." })}</th>` : nothing}<th scope="col" class="num">${msg("Net", { id: "transactions.net", desc: "Column header: the amount after reversals or voids." })}</th>
          </tr>
        </thead>
        <tbody>
          ${summary.rows.map(
            (r) => html`<tr class=${r.paymentType === ACCOUNT_CREDIT_PAYMENT_TYPE ? "account-credit" : ""} data-type=${r.paymentType}>
              <th scope="row">${r.paymentType === "total" ? msg("Total", { id: "transactions.total" }) : paymentTypeLabel(r.paymentType)}</th>${figures(r)}
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr><th scope="row">${msg("Total", { id: "transactions.total" })}</th>${figures(summary.total)}</tr>
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
        <caption id="credits-title">${msg("Credits by credit type")} <span class="muted">${periodText(report, view.locale)}</span></caption>
        <thead>
          <tr>
            <th scope="col">${msg("Credit type", { id: "transactions.credit-type" })}</th><th scope="col" class="num">${msg("Issued", { id: "transactions.issued", desc: "Column header: credit issued (an amount)." })}</th>
            ${voids ? html`<th scope="col" class="num">${msg("Voided", { id: "transactions.voided", desc: "Column header: credit voided (an amount)." })}</th>` : nothing}<th scope="col" class="num">${msg("Net", { id: "transactions.net", desc: "Column header: the amount after reversals or voids." })}</th>
          </tr>
        </thead>
        <tbody>
          ${
            rows.length === 0
              ? html`<tr><td colspan=${voids ? 4 : 3} class="muted">${msg("No credit issued or voided in this period.")}</td></tr>`
              : rows.map(
                  (r) => html`<tr data-type=${r.creditType}>
                    <th scope="row">${label(r.creditType)}</th>${figures(r)}
                  </tr>`,
                )
          }
        </tbody>
        <tfoot>
          <tr><th scope="row">${msg("Total", { id: "transactions.total" })}</th>${figures(report.totals)}</tr>
        </tfoot>
      </table>
      <p class="scope muted" id="credits-scope" part="credits-scope">
        ${
          view.paymentType || view.transactionType
            ? msg("Follows the dates only: the type filters apply to the lines.", { desc: "What the credits by credit type follow." })
            : msg("Follows the dates only.", { desc: "What the credits by credit type follow." })
        }
      </p>
    </aside>
  `;
}
