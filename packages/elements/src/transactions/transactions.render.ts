/** `<ck-transactions>`'s templates. Data is always bound as text. */
import {
  ACCOUNT_CREDIT_PAYMENT_TYPE,
  type CreditsByTypeReport,
  type GrantEntry,
  PAYMENT_TYPE_ORDER,
  type PaymentType,
  TRANSACTION_TYPES,
  type TransactionLine,
  type TransactionType,
} from "@creditkit/core";
import { html, nothing } from "lit";
import { whole } from "../shared/counts.js";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { styleProps } from "../shared/style-props.js";
import { cell, renderTable } from "../shared/table.render.js";
import { isOne, paymentTypeLabel, showDate, transactionTypeLabel } from "./labels.js";
import { memberTypeLabel, notesText, type VoidNote } from "./transactions-member.js";
import {
  type ReverseHandlers,
  type ReverseView,
  renderReverseCell,
  renderReverseDialog,
  renderReverseOutcome,
} from "./transactions-reverse.render.js";
import { renderCredits, renderSummary, type SummaryView } from "./transactions-side.render.js";

export interface TransactionsView extends ReverseView {
  readonly heading: string;
  readonly from: string;
  readonly to: string;
  readonly paymentType: PaymentType | "";
  readonly transactionType: TransactionType | "";
  readonly lines: readonly TransactionLine[];
  /** The lines' sum, only when they are all of one transaction type; else empty. */
  readonly total: string;
  readonly summary: SummaryView | undefined;
  /** The member audience: a family's own lines in words, no summaries, no Account column. */
  readonly member: boolean;
  /** Member audience: the notes voids put on the lines they change (by entry id). */
  readonly notes: ReadonlyMap<string, readonly VoidNote[]>;
  readonly credits: CreditsByTypeReport | undefined;
  readonly grants: ReadonlyMap<string, GrantEntry>;
  readonly names: ReadonlyMap<string, string>;
  /** Credit types' names by id; an id without one is shown as it is. */
  readonly creditTypeNames: ReadonlyMap<string, string>;
  readonly open: ReadonlySet<string>;
  readonly currency: string;
  readonly locale: string | undefined;
  readonly loading: boolean;
  readonly error: string;
  /** The data source can reverse payments: the lines get an Action column. */
  readonly reversible: boolean;
  /** Today (YYYY-MM-DD), the date a reversal takes. */
  readonly today: string;
}

export interface TransactionsHandlers extends ReverseHandlers {
  filter(patch: Partial<{ from: string; to: string; paymentType: PaymentType | ""; transactionType: TransactionType | "" }>): void;
  clear(): void;
  toggleGrants(entryId: string): void;
  exportCsv(): void;
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function renderTransactions(view: TransactionsView, on: TransactionsHandlers) {
  const badRange = view.error !== "" && view.from !== "" && view.to !== "" && view.from > view.to;
  return html`
    <section class="frame ck-frame ${view.member ? "member" : ""}" part="base" aria-labelledby="title">
      <h2 id="title">${view.heading}</h2>
      <fieldset class="filters" part="filters">
        <legend>${msg("Filters", { id: "transactions.filters" })}</legend>
        <label class="field"><span>${msg("From", { id: "transactions.from", desc: "Date filter: the first day shown." })}</span>
          <input type="date" .value=${view.from} aria-invalid=${badRange ? "true" : nothing}
            aria-describedby=${badRange ? "filter-error" : nothing} @change=${(e: Event) => on.filter({ from: value(e) })} />
        </label>
        <label class="field"><span>${msg("To", { id: "transactions.to", desc: "Date filter: the last day shown." })}</span>
          <input type="date" .value=${view.to} aria-invalid=${badRange ? "true" : nothing}
            aria-describedby=${badRange ? "filter-error" : nothing} @change=${(e: Event) => on.filter({ to: value(e) })} />
        </label>
        ${view.member ? nothing : renderTypeFilters(view, on)}
        <button type="button" @click=${on.clear}>${view.member ? msg("Clear dates", { id: "transactions.clear-dates" }) : msg("Clear filters", { id: "transactions.clear-filters" })}</button>
      </fieldset>
      ${view.error ? html`<p class="failure" id="filter-error" role="alert">${view.error}</p>` : nothing}
      <div class="columns">
        <div class="lines" style=${styleProps({ "--_ck-amount": amountTrack(view) })}>
          <p class="count" role="status">
            ${view.loading ? msg("Loading the ledger…") : linesText(view.lines.length)}
          </p>
          ${renderLines(view, on)}
          ${view.member || view.lines.length === 0 ? nothing : html`<p class="legend muted" id="amount-legend" part="legend">${amountLegend()}</p>`}
          <div class="actions">
            <button type="button" part="export" @click=${on.exportCsv}>${msg("Save to CSV", { id: "transactions.save-csv" })}</button>
            ${view.reversible ? renderReverseOutcome(view) : nothing}
          </div>
        </div>
        ${!view.member && (view.summary || view.credits) ? html`<div class="side">${renderSummary(view)} ${renderCredits(view)}</div>` : nothing}
      </div>
      ${view.reversible ? renderReverseDialog(view, on, view.today) : nothing}
    </section>
  `;
}

function renderTypeFilters(view: TransactionsView, on: TransactionsHandlers) {
  return html`
    <label class="field"><span>${msg("Payment type", { id: "transactions.payment-type" })}</span>
      <select @change=${(e: Event) => on.filter({ paymentType: value(e) as PaymentType | "" })}>
        <option value="" ?selected=${view.paymentType === ""}>${msg("All lines", { id: "transactions.all-lines", desc: "Payment type filter: no filter, every line." })}</option>
        ${PAYMENT_TYPE_ORDER.map((t) => html`<option value=${t} ?selected=${view.paymentType === t}>${paymentTypeLabel(t)}</option>`)}
      </select>
    </label>
    <label class="field"><span>${msg("Transaction type", { id: "transactions.transaction-type" })}</span>
      <select @change=${(e: Event) => on.filter({ transactionType: value(e) as TransactionType | "" })}>
        <option value="" ?selected=${view.transactionType === ""}>${msg("All types", { id: "transactions.all-types", desc: "Transaction type filter: no filter, every type." })}</option>
        ${TRANSACTION_TYPES.map((t) => html`<option value=${t} ?selected=${view.transactionType === t}>${transactionTypeLabel(t)}</option>`)}
      </select>
    </label>
  `;
}

function renderLines(view: TransactionsView, on: TransactionsHandlers) {
  if (view.member) return renderMemberLines(view, on);
  const money = (amount: string) => showMoney(amount, view.currency, view.locale);
  const action = view.reversible;
  return renderTable<TransactionLine>({
    label: msg("Ledger lines"),
    describedBy: view.lines.length === 0 ? undefined : "amount-legend",
    columns: [
      { id: "date", label: msg("Date", { id: "transactions.date" }) },
      { id: "account", label: msg("Account", { id: "transactions.account" }) },
      { id: "type", label: msg("Type", { id: "transactions.type", desc: "Column header: the transaction type of a ledger line." }) },
      { id: "payment", label: msg("Payment type", { id: "transactions.payment-type" }) },
      { id: "description", label: msg("Description", { id: "transactions.description" }) },
      ...(action
        ? [
            {
              id: "action",
              label: msg("Action", { id: "transactions.action", desc: "Column header: the button that acts on a line (Reverse)." }),
            },
          ]
        : []),
      { id: "amount", label: msg("Amount", { id: "transactions.amount" }), numeric: true },
    ],
    // Small minimums, the description takes the slack; the date's width fits the widest date (dateTrack); the action's fits
    // its Reverse button; the amount's fits the widest amount (--_ck-amount), and stays the last cell (the narrow layout places it).
    template: `${dateTrack(view)} minmax(5rem, 1.2fr) minmax(6rem, 1.2fr) minmax(6rem, 0.8fr) minmax(6rem, 2fr)${action ? " var(--_ck-action)" : ""} var(--_ck-amount)`,
    rows: view.lines,
    key: (l) => l.entryId,
    rowPart: "line",
    empty: msg("No line passes these filters."),
    renderCells: (l, index) => html`
      ${cell(showDate(l.date, view.locale), false, { cls: "nowrap" })} ${cell(view.names.get(l.accountId) ?? l.accountId)}
      ${cell(transactionTypeLabel(l.type))} ${cell(l.paymentType ? paymentTypeLabel(l.paymentType) : "")}
      ${cell(html`${l.description}${l.grants && l.grants.length > 0 ? renderGrants(view, on, l, index) : nothing}`)}
      ${action ? cell(renderReverseCell(view, on, l), false, { cls: "action" }) : nothing}
      ${cell(money(signedAmount(l)), true, { cls: l.paymentType === ACCOUNT_CREDIT_PAYMENT_TYPE ? "available" : "" })}
    `,
    totals: html`<div role="cell" class="cell total-label" aria-colspan=${action ? 6 : 5}>${totalLabel(view)}</div>
      ${cell(view.total ? money(view.total) : "", true)}`,
  });
}

/** "1 line", "5 lines". */
function linesText(n: number): string {
  const count = whole(n);
  return isOne(n)
    ? msg(str`${count} line`, { id: "transactions.lines-one", desc: "A count of ledger lines (one)." })
    : msg(str`${count} lines`, { id: "transactions.lines", desc: "A count of ledger lines." });
}

/** "Total of 2 lines of type Payment (AC)" when the lines are of one type and so have a sum that means something; else "5 lines". */
function totalLabel(view: TransactionsView): string {
  const n = view.lines.length;
  const type = view.lines[0]?.type;
  if (!view.total || !type) return linesText(n);
  const count = whole(n);
  const label = transactionTypeLabel(type);
  return isOne(n)
    ? msg(str`Total of ${count} line of type ${label}`, {
        desc: "The footer of ledger lines all of one transaction type (the second value), one line.",
      })
    : msg(str`Total of ${count} lines of type ${label}`, {
        desc: "The footer of ledger lines all of one transaction type (the second value).",
      });
}

/** The table's one sign convention, said beneath it. */
export function amountLegend(): string {
  return msg(
    "Amounts are as recorded. A minus sign marks a Void: it takes that amount back off the payment, credit or fee it names (a reversed payment is owed again; a voided credit can no longer be used).",
  );
}

/** The date column's width: the widest date in the locale (a late-September day, the longest abbreviated month in common locales), plus the cell's padding. */
function dateTrack(view: TransactionsView): string {
  const widest = Math.max(10, showDate("2026-09-30", view.locale).length, showDate("2026-12-31", view.locale).length);
  return `calc(${(widest * 0.6).toFixed(2)}em + 1.5rem)`;
}

/** A line's amount as the report shows it: a Void (a payment's reversal, a credit's or a fee's void) takes its amount back, so it reads negative. */
export function signedAmount(line: TransactionLine): string {
  return line.type === "Void" ? `-${line.amount}` : line.amount;
}

/** A family's lines: date, what happened in words, the description (with any void's note), the amount. */
function renderMemberLines(view: TransactionsView, on: TransactionsHandlers) {
  const money = (amount: string) => showMoney(amount, view.currency, view.locale);
  return renderTable<TransactionLine>({
    label: msg("My transactions"),
    columns: [
      { id: "date", label: msg("Date", { id: "transactions.date" }) },
      {
        id: "type",
        label: msg("What", { desc: "Column header of a family's transactions: what happened (a charge, a payment, a credit)." }),
      },
      { id: "description", label: msg("Description", { id: "transactions.description" }) },
      { id: "amount", label: msg("Amount", { id: "transactions.amount" }), numeric: true },
    ],
    template: `${dateTrack(view)} minmax(7rem, 1.2fr) minmax(8rem, 2.5fr) var(--_ck-amount)`,
    rows: view.lines,
    key: (l) => l.entryId,
    rowPart: "line",
    empty: msg("Nothing in these dates."),
    renderCells: (l, index) => {
      const note = notesText(view.notes.get(l.entryId), money, (iso) => showDate(iso, view.locale));
      return html`
        ${cell(showDate(l.date, view.locale), false, { cls: "nowrap" })} ${cell(memberTypeLabel(l))}
        ${cell(html`${l.description}${note ? html` <span class="note" part="note">(${note})</span>` : nothing}${l.grants && l.grants.length > 0 ? renderGrants(view, on, l, index) : nothing}`)}
        ${cell(money(l.amount), true, { cls: l.type === "Fee" ? "" : l.paymentType === ACCOUNT_CREDIT_PAYMENT_TYPE || l.grantId ? "available" : "" })}
      `;
    },
    totals: html`<div role="cell" class="cell total-label" aria-colspan="3">${totalLabel(view)}</div>
      ${cell(view.total ? money(view.total) : "", true)}`,
  });
}

/**
 * The amount column's width: the widest amount shown (the longest canonical
 * amount, formatted, or the total), at least the header's, plus the cell's
 * padding. Counted in `em` (0.65 a character: a digit is narrower in common
 * fonts), not `ch`, which is wider in the bold header and footer and would
 * move their columns off the body's.
 */
function amountTrack(view: TransactionsView): string {
  let longest = view.total;
  for (const line of view.lines) if (signedAmount(line).length > longest.length) longest = signedAmount(line);
  const shown = [longest, view.total].filter(Boolean).map((a) => showMoney(a, view.currency, view.locale).length);
  return `calc(${((Math.max(7, ...shown) + 0.5) * 0.65).toFixed(2)}em + 1.5rem)`;
}

function renderGrants(view: TransactionsView, on: TransactionsHandlers, line: TransactionLine, index: number) {
  const open = view.open.has(line.entryId);
  const id = `grants-${index}`;
  const n = line.grants?.length ?? 0;
  return html`
    <button type="button" class="link" aria-expanded=${open ? "true" : "false"} aria-controls=${id}
      @click=${() => on.toggleGrants(line.entryId)}>${grantsButtonText(open, view.member, n)}</button>
    <ul class="grants" id=${id} part="grants" ?hidden=${!open}>
      ${(line.grants ?? []).map((use) => {
        const grant = view.grants.get(use.grantId);
        const what = grant
          ? `${grant.description} (${transactionTypeLabel(grant.type)}, ${view.creditTypeNames.get(grant.creditType) ?? grant.creditType}, ${showDate(grant.date, view.locale)})`
          : use.grantId;
        return html`<li><span>${what}</span> <span class="num">${showMoney(use.amount, view.currency, view.locale)}</span></li>`;
      })}
    </ul>
  `;
}

/** "Show grants used", "Hide credit used" (a family reads "credit"). */
function grantsButtonText(open: boolean, member: boolean, n: number): string {
  if (member) return open ? msg("Hide credit used") : msg("Show credit used");
  if (n === 1) return open ? msg("Hide grant used") : msg("Show grant used");
  return open ? msg("Hide grants used") : msg("Show grants used");
}
