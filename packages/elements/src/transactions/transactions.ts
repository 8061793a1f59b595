import {
  type AccountRecord,
  type CreditKitDataSource,
  type CreditsByTypeReport,
  creditsByType,
  formatMoney,
  fromAmountString,
  type GrantEntry,
  isGrantEntry,
  type LedgerEntry,
  type NamedItem,
  type PaymentSummary,
  type PaymentType,
  paymentSummary,
  sum,
  type TransactionLine,
  type TransactionType,
  toAmountString,
  transactionLines,
} from "@creditkit/core";
import { consume } from "@lit/context";
import { localized } from "@lit/localize";
import { LitElement, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { dataSourceContext, type KitSettings, settingsContext } from "../context.js";
import { PaymentReversedEvent } from "../events.js";
import { saveCsv } from "../shared/csv-download.js";
import { dialogStyles } from "../shared/dialog.styles.js";
import { frameStyles } from "../shared/frame.styles.js";
import { localeChanged } from "../shared/kit-locale.js";
import { kitLocale, msg, str } from "../shared/localize.js";
import { messageOf, resolveLocale, todayIso } from "../shared/money-text.js";
import { SourceLoader } from "../shared/source-loader.js";
import { reportStyles } from "../shared/table.styles.js";
import { themeStyles } from "../theme.js";
import { ScrollFocusController } from "./scroll-focus.js";
import { renderTransactions, signedAmount, type TransactionsView } from "./transactions.render.js";
import { transactionsStyles } from "./transactions.styles.js";
import { adminCsv, memberCsv } from "./transactions-csv.js";
import { type Audience, type VoidNote, voidNotes } from "./transactions-member.js";
import { NO_REVERSE, paymentWords, type ReverseState } from "./transactions-reverse.render.js";
import { type SummaryView, summaryView } from "./transactions-side.render.js";

interface Ledger {
  readonly entries: readonly LedgerEntry[];
  readonly accounts: readonly AccountRecord[];
}

/**
 * The transactions report: the ledger lines with filters by date
 * range, payment type (Account Credit among them) and transaction type
 * (`Payment (AC)`, `Refund - Account Credit`, `Preloaded Credit` …); each
 * `Payment (AC)` line can show the credit grant(s) it used; the payment
 * summary for the same period with its own Account Credit category, and the
 * credits by credit type (issued, voided, net) for the deposit report — beside
 * the lines when the element is wide enough, below them otherwise; a CSV of
 * the lines shown. The lines' footer counts them, and adds them up only when
 * they are all of one transaction type (a sum of fees, credits and payments
 * together would mean nothing). One sign convention, said in a legend
 * beneath the lines: a Void (a payment's reversal, a credit's or a fee's
 * void) reads negative. The payment summary follows the dates and the payment
 * type (the chosen type's row only) and says so, and that the transaction
 * type filters the lines only; it counts payments and reversals apart (a
 * reversed card payment reads "Card 1 payment, 1 reversed, $0.00"). The
 * credits by credit type follow the dates only, and say so. Lines and totals are the core's
 * `transactionLines`, `paymentSummary` and `creditsByType`. Long lists are
 * virtualised; narrow, each line stacks with its amount beside it.
 *
 * Inside a `<ck-provider>` it reads the ledger (one account's with
 * `account-id`) and refreshes when it changes; or set `entries` (controlled).
 *
 * With `allow-reverse` (an admin screen's choice: never set it where members
 * look) and a data source that has `reversePayment`, the lines get an Action
 * column: each `Payment` and `Payment (AC)` not yet reversed has a Reverse
 * button, which asks for confirmation in a modal dialog (Escape or Cancel
 * reverses nothing), then reverses the payment dated today and says so (or
 * why not).
 *
 * @summary Ledger lines filtered by date, payment type and transaction type, grants used, payment summary, CSV.
 * @fires {CsvExportEvent} ck-csv-export - Cancelable, before the CSV downloads; `detail.csv`, `detail.filename`.
 * @fires {PaymentReversedEvent} ck-payment-reversed - Once a payment is reversed; `detail.accountId`, `detail.entryId`, `detail.result` (the data source's `CommitResult`).
 * @csspart base - The frame.
 * @csspart filters - The filter controls.
 * @csspart table - The lines table.
 * @csspart line - One ledger line.
 * @csspart grants - The grants a `Payment (AC)` line used, when shown.
 * @csspart totals - The lines' footer: their count, and their sum when they are all of one transaction type.
 * @csspart legend - Beneath the lines: what a minus sign means.
 * @csspart summary - The payment summary.
 * @csspart summary-scope - Which filters the payment summary follows.
 * @csspart credits-scope - Which filters the credits by credit type follow.
 * @csspart note - Member audience: a void's note on the line it changes ("Reversed on 2026-12-05").
 * @csspart credits - The credits by credit type for the same period.
 * @csspart export - The Save to CSV button.
 * @csspart empty - The text shown when no line passes the filters.
 * @csspart reverse - A payment line's Reverse button (only when the data source can reverse payments).
 * @csspart reversed - The "Reversed" mark of a payment line already reversed.
 * @csspart reverse-dialog - The confirmation dialog before a payment is reversed.
 * @csspart reverse-status - The outcome of the last reversal: done, or the error.
 * @cssprop --ck-color-available - Account Credit amounts.
 * @cssprop --ck-color-accent - Buttons and focus.
 * @cssprop --ck-color-surface - The background.
 * @cssprop --ck-color-surface-raised - Headers and totals.
 * @cssprop --ck-color-border - Borders.
 * @cssprop --ck-color-danger - A filter problem.
 * @cssprop --ck-table-height - The tallest the table grows before it scrolls (default 26rem).
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-space - The spacing unit.
 * @cssprop --ck-focus-ring - The focus ring (a `box-shadow`).
 * @cssprop --ck-color-muted - Secondary text and labels.
 * @cssprop --ck-color-text - Text.
 * @cssprop --ck-color-on-accent - Text on accent buttons.
 * @cssprop --ck-color-owed - An amount owed.
 * @cssprop --ck-color-success - Success messages.
 * @cssprop --ck-font-family - The font.
 * @cssprop --ck-font-size - The base font size.
 */
@localized()
export class CkTransactions extends LitElement {
  static override styles = [themeStyles, frameStyles, dialogStyles, reportStyles, transactionsStyles];

  /** First day shown (YYYY-MM-DD, inclusive); empty for no lower bound. */
  @property({ reflect: true })
  from = "";

  /** Last day shown (YYYY-MM-DD, inclusive); empty for no upper bound. */
  @property({ reflect: true })
  to = "";

  /** Only payments of this type (`card`, `ach`, `cash`, `check`, `other`, `account-credit`); empty for every line. */
  @property({ attribute: "payment-type", reflect: true })
  paymentType: PaymentType | "" = "";

  /** Only lines of this transaction type (`Payment (AC)`, `Preloaded Credit` …); empty for every type. */
  @property({ attribute: "transaction-type", reflect: true })
  transactionType: TransactionType | "" = "";

  /** Only this account's lines. */
  @property({ attribute: "account-id", reflect: true })
  accountId: string | undefined;

  /** Controlled: the ledger entries, when there is no data source. */
  @property({ attribute: false })
  entries: readonly LedgerEntry[] | undefined;

  /** Controlled: account names for the lines (id → name). */
  @property({ attribute: false })
  accounts: readonly AccountRecord[] | undefined;

  /** The organisation's credit types (id and name), shown by name; default the data source's data set's lists. */
  @property({ attribute: false })
  creditTypes: readonly NamedItem[] | undefined;

  /** ISO 4217 currency of controlled entries; default the data source's, else USD. */
  @property()
  currency: string | undefined;

  /**
   * Who reads it. `admin` (default): every line with its Account, the type
   * filters, the payment summary and the credits by credit type. `member`
   * (the member portal): the family's own lines in words a family understands
   * ("Charge", "Payment by card", "Paid from account credit", "Credit"), the
   * date filters only, no summaries, no Account column, no Reverse; voids and
   * reversals are a note on the line they change, not lines of their own.
   */
  @property({ reflect: true })
  audience: Audience = "admin";

  /** Offer Reverse on payment lines (admin screens only; needs the data source's `reversePayment`). */
  @property({ attribute: "allow-reverse", type: Boolean, reflect: true })
  allowReverse = false;

  /** The heading's text; default "Transactions" in the kit's language. */
  @property()
  heading: string | undefined;

  /** The locale money is shown in; default the provider's, else the page's language. */
  @property()
  locale: string | undefined;

  /** The data source; normally provided by `<ck-provider>`. */
  @consume({ context: dataSourceContext, subscribe: true })
  @property({ attribute: false })
  dataSource: CreditKitDataSource | undefined;

  /** The provider's locale (its settings are not read here). */
  @consume({ context: settingsContext, subscribe: true })
  @state({ hasChanged: localeChanged })
  protected kit: KitSettings | undefined;

  /** Lines whose grants are shown (by entry id). */
  @state() private open = new Set<string>();

  /** The payment being reversed, and the last reversal's outcome. */
  @state() private reverse: ReverseState = NO_REVERSE;

  readonly #ledger = new SourceLoader<Ledger>(
    this,
    async (source) => {
      const query = this.accountId ? { accountIds: [this.accountId] } : undefined;
      const [entries, accounts] = await Promise.all([source.listEntries(query), source.listAccounts()]);
      return { entries, accounts };
    },
    (change) => !this.accountId || change.accountIds.includes(this.accountId),
  );
  /** The credit types' names (id → name), read once per data source: the lists alone when it has them (the data set is large). */
  readonly #creditTypeNames = new SourceLoader<ReadonlyMap<string, string>>(
    this,
    async (source) => namesOf((source.getLists ? await source.getLists() : (await source.getDataSet())?.lists)?.creditTypes),
    () => false,
  );
  #ownCreditTypeNames: ReadonlyMap<string, string> = new Map();

  constructor() {
    super();
    // The summaries scroll sideways when wider than the element (a phone): then each is a Tab stop.
    new ScrollFocusController(this, ".side > aside");
  }
  #lines: readonly TransactionLine[] = [];
  #summary: PaymentSummary | undefined;
  #summaryView: SummaryView | undefined;
  /** Member audience: the notes voids put on the lines they change (by entry id). */
  #notes: ReadonlyMap<string, readonly VoidNote[]> = new Map();
  #credits: CreditsByTypeReport | undefined;
  #grants = new Map<string, GrantEntry>();
  /** Payments (by entry id) a `Void` reverses, in the whole ledger read (not only the lines shown). */
  #reversed: ReadonlySet<string> = new Set<string>();
  #names = new Map<string, string>();
  #total = "";
  #error = "";
  #inputs: readonly unknown[] = [];

  /** The lines shown now, in date order. */
  get lines(): readonly TransactionLine[] {
    return this.#lines;
  }

  /** The payment summary shown now. */
  get summary(): PaymentSummary | undefined {
    return this.#summary;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("accountId") && changed.get("accountId") !== undefined) void this.#ledger.reload();
    this.#ledger.track(this.entries ? undefined : this.dataSource);
    this.#creditTypeNames.track(this.creditTypes ? undefined : this.dataSource);
    if (changed.has("creditTypes")) this.#ownCreditTypeNames = namesOf(this.creditTypes);
    const ledger = this.entries ? { entries: this.entries, accounts: this.accounts ?? [] } : this.#ledger.value;
    const locale = resolveLocale(this.locale, this.kit?.locale);
    const member = this.audience === "member";
    // The kit language too: a filter error is worded in it.
    const inputs = [
      ledger,
      this.from,
      this.to,
      this.paymentType,
      this.transactionType,
      this.accountId,
      this.#currency(),
      locale,
      member,
      kitLocale(),
    ];
    if (inputs.every((value, i) => value === this.#inputs[i])) return;
    this.#inputs = inputs;
    const entries = ledger?.entries ?? [];
    const accountIds = this.accountId ? [this.accountId] : undefined;
    const mine = accountIds ? entries.filter((e) => e.accountId === this.accountId) : entries;
    const period = { ...(this.from ? { from: this.from } : {}), ...(this.to ? { to: this.to } : {}) };
    try {
      const c = this.#currency();
      if (member) {
        // A family's lines: dates only; voids are notes on the lines they change.
        this.#notes = voidNotes(transactionLines(mine), c);
        this.#lines = transactionLines(mine, period).filter((l) => l.type !== "Void");
        this.#summary = undefined;
        this.#summaryView = undefined;
        this.#credits = undefined;
      } else {
        this.#notes = new Map();
        this.#lines = transactionLines(mine, {
          ...period,
          ...(this.paymentType ? { paymentTypes: [this.paymentType] } : {}),
          ...(this.transactionType ? { transactionTypes: [this.transactionType] } : {}),
        });
        // The summary follows the dates and the payment type (it says so); its reversals are counted apart.
        this.#summary = paymentSummary(mine, { currency: c, ...period });
        this.#summaryView = summaryView(this.#summary, transactionLines(mine, period), this.paymentType, c);
        this.#credits = creditsByType(mine, { currency: c, ...period, ...(locale ? { locale } : {}) });
      }
      const type = this.#lines[0]?.type;
      this.#total = type && this.#lines.every((l) => l.type === type) ? this.#sumLines() : "";
      this.#error = "";
    } catch (error) {
      this.#lines = [];
      this.#summary = undefined;
      this.#summaryView = undefined;
      this.#credits = undefined;
      this.#total = "";
      this.#error = messageOf(error);
    }
    this.#grants = new Map(entries.filter(isGrantEntry).map((g) => [g.grantId, g]));
    this.#reversed = new Set(mine.flatMap((e) => (e.type === "Void" && e.target.kind === "payment" ? [e.target.entryId] : [])));
    this.#names = new Map((ledger?.accounts ?? []).map((a) => [a.id, a.name]));
  }

  protected override render() {
    const view: TransactionsView = {
      heading: this.heading ?? msg("Transactions", { id: "transactions.heading", desc: "The transactions report's heading." }),
      from: this.from,
      to: this.to,
      paymentType: this.paymentType,
      transactionType: this.transactionType,
      lines: this.#lines,
      total: this.#total,
      summary: this.#summaryView,
      member: this.audience === "member",
      notes: this.#notes,
      credits: this.#credits,
      grants: this.#grants,
      names: this.#names,
      creditTypeNames: (this.creditTypes ? this.#ownCreditTypeNames : this.#creditTypeNames.value) ?? new Map(),
      open: this.open,
      currency: this.#currency(),
      locale: resolveLocale(this.locale, this.kit?.locale),
      loading: !this.entries && this.#ledger.state === "loading",
      error: this.#error || this.#ledger.error,
      reversible: this.audience !== "member" && this.allowReverse && !this.entries && typeof this.dataSource?.reversePayment === "function",
      reversed: this.#reversed,
      autoApply: this.kit?.settings?.autoApply === true,
      reverse: this.reverse,
      today: todayIso(),
    };
    return renderTransactions(view, {
      filter: (patch) => Object.assign(this, patch),
      clear: () => Object.assign(this, { from: "", to: "", paymentType: "", transactionType: "" }),
      toggleGrants: (entryId) => {
        const open = new Set(this.open);
        if (!open.delete(entryId)) open.add(entryId);
        this.open = open;
      },
      exportCsv: () => this.exportCsv(),
      askReverse: (line) => {
        this.reverse = { ...NO_REVERSE, line };
      },
      confirmReverse: () => void this.#reversePayment(),
      closeReverse: () => this.#closeReverse(),
    });
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>("dialog[part~=reverse-dialog]");
    if (dialog && this.reverse.line && !dialog.open) dialog.showModal();
  }

  /** Reverses the payment being confirmed, dated today; the dialog closes and the outcome shows. */
  async #reversePayment(): Promise<void> {
    const { line, busy } = this.reverse;
    const source = this.dataSource;
    if (!line || busy || !source?.reversePayment) return;
    this.reverse = { ...this.reverse, busy: true };
    const what = paymentWords(
      { names: this.#names, currency: this.#currency(), locale: resolveLocale(this.locale, this.kit?.locale) },
      line,
    );
    try {
      const result = await source.reversePayment({ accountId: line.accountId, entryId: line.entryId, date: todayIso() });
      // Shown as reversed at once; the ledger's reload (the data source tells of the change) confirms it.
      this.#reversed = new Set([...this.#reversed, line.entryId]);
      const status =
        result.status === "duplicate"
          ? msg(str`The ${what} was already reversed.`, {
              desc: "The value is a payment described in words, e.g. “Card payment of $25.00 on Nov 20, 2026 by Rivera family”.",
            })
          : msg(str`Reversed the ${what}.`, {
              desc: "The value is a payment described in words, e.g. “Card payment of $25.00 on Nov 20, 2026 by Rivera family”.",
            });
      this.reverse = { line: undefined, busy: false, status, error: "" };
      this.dispatchEvent(new PaymentReversedEvent({ accountId: line.accountId, entryId: line.entryId, result }));
    } catch (error) {
      const why = messageOf(error);
      this.reverse = {
        line: undefined,
        busy: false,
        status: "",
        error: msg(str`The ${what} was not reversed: ${why}`, {
          desc: "The first value is a payment described in words; the second, the reason.",
        }),
      };
    }
    await this.#closeReverse(line.entryId);
  }

  /** Closes the confirmation (Cancel, Escape, or done) and gives focus back to the line it came from. */
  async #closeReverse(entryId = this.reverse.line?.entryId): Promise<void> {
    if (this.reverse.busy) return;
    if (this.reverse.line) this.reverse = { ...this.reverse, line: undefined };
    this.renderRoot.querySelector<HTMLDialogElement>("dialog[part~=reverse-dialog]")?.close();
    await this.updateComplete;
    if (entryId === undefined) return;
    const id = CSS.escape(entryId);
    const back =
      this.renderRoot.querySelector<HTMLElement>(`[data-reverse="${id}"], [data-reversed="${id}"]`) ??
      this.renderRoot.querySelector<HTMLElement>("[part~=table]");
    back?.focus();
  }

  /** Downloads the lines shown as CSV (after `ck-csv-export`); a member's has their words, without ids. */
  exportCsv(): boolean {
    const range = [this.from, this.to].filter(Boolean).join("_to_");
    const name = `transactions${range ? `-${range}` : ""}.csv`;
    if (this.audience === "member") {
      const c = this.#currency();
      const locale = resolveLocale(this.locale, this.kit?.locale);
      return saveCsv(
        this,
        name,
        memberCsv(this.#lines, this.#notes, (amount) => formatMoney(fromAmountString(amount, c), locale)),
      );
    }
    return saveCsv(this, name, adminCsv(this.#lines, this.#names));
  }

  /** The lines' sum as shown (they are all of one transaction type; a payment's reversal counts negative). */
  #sumLines(): string {
    const c = this.#currency();
    return toAmountString(
      sum(
        this.#lines.map((l) => fromAmountString(signedAmount(l), c)),
        c,
      ),
    );
  }

  #currency(): string {
    return this.currency ?? this.dataSource?.currency ?? "USD";
  }
}

/** A list's names by id (an item without a name is left out: its id is shown). */
function namesOf(items: readonly NamedItem[] | undefined): ReadonlyMap<string, string> {
  return new Map((items ?? []).flatMap((item) => (item?.name ? [[item.id, item.name] as const] : [])));
}
