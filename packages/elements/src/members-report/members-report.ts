import {
  type AccountSnapshot,
  type CreditKitDataSource,
  fromAmountString,
  type MembersReportRow,
  type MembersSortKey,
  membersReport,
  sum,
  toAmountString,
} from "@creditkit/core";
import { consume } from "@lit/context";
import { localized } from "@lit/localize";
import { LitElement, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { accountMatches, queryWords, type SearchableAccount } from "../account-search/account-match.js";
import type { AccountQueryEvent, AccountSelectEvent } from "../account-search/account-search.events.js";
import { dataSourceContext, type KitSettings, settingsContext } from "../context.js";
import { csvText, saveCsv } from "../shared/csv-download.js";
import { frameStyles } from "../shared/frame.styles.js";
import { localeChanged } from "../shared/kit-locale.js";
import { msg } from "../shared/localize.js";
import { messageOf, resolveLocale } from "../shared/money-text.js";
import { SourceLoader } from "../shared/source-loader.js";
import type { SortDirection } from "../shared/table.render.js";
import { reportStyles } from "../shared/table.styles.js";
import { themeStyles } from "../theme.js";
import { MemberActionEvent } from "./members-report.events.js";
import { type MembersView, renderMembers } from "./members-report.render.js";
import { membersReportStyles } from "./members-report.styles.js";

/**
 * The members report: accounts with Amount Due > 0 and/or Account
 * Credit > 0, sortable by name, Amount Due or Account Credit (header buttons
 * with `aria-sort`), each row's balances shown by `<ck-balance>` (owed red,
 * available blue, zero grey), totals, a CSV of the rows, and a Take payment
 * button per row that fires `ck-member-action` for the host to open its pay
 * window. Filtering and order are the core's `membersReport`. Long lists are
 * virtualised. Above them, `<ck-account-search>` finds an account among
 * hundreds: typing narrows the table to the accounts whose name or id holds
 * every word, and picking one (Enter or a click) is that row's action.
 *
 * Inside a `<ck-provider>` it reads every account and refreshes when the
 * ledger changes; or set `snapshots` (controlled).
 *
 * @summary Accounts with Amount Due and/or Account Credit, filtered, sortable, coloured, with a row action.
 * @fires {MemberActionEvent} ck-member-action - A row's Take payment was pressed, or an account picked in the search; `detail.accountId`, `detail.name`, `detail.amountDue`.
 * @fires {CsvExportEvent} ck-csv-export - Cancelable, before the CSV downloads; `detail.csv`, `detail.filename`.
 * @csspart base - The frame.
 * @csspart search - The account search (`<ck-account-search>`) above the filters.
 * @csspart filters - The filter controls.
 * @csspart table - The table.
 * @csspart member-row - One account's row.
 * @csspart balance - Each row's `<ck-balance>`.
 * @csspart action - Each row's Take payment button.
 * @csspart sort-button - The sort buttons in the header.
 * @csspart totals - The totals row.
 * @csspart export - The Save to CSV button.
 * @csspart empty - The text shown when no account passes the filters.
 * @cssprop --ck-color-owed - Amount Due above zero.
 * @cssprop --ck-color-available - Account Credit above zero.
 * @cssprop --ck-color-accent - Buttons and focus.
 * @cssprop --ck-color-surface - The background.
 * @cssprop --ck-color-surface-raised - The header and totals.
 * @cssprop --ck-color-border - Borders.
 * @cssprop --ck-table-height - The tallest the table grows before it scrolls (default 26rem).
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-space - The spacing unit.
 * @cssprop --ck-color-muted - Secondary text and labels.
 * @cssprop --ck-color-danger - Errors.
 * @cssprop --ck-focus-ring - The focus ring (a `box-shadow`).
 * @cssprop --ck-color-on-accent - Text on accent buttons.
 * @cssprop --ck-color-success - Success messages.
 * @cssprop --ck-font-family - The font.
 * @cssprop --ck-font-size - The base font size.
 * @cssprop --ck-color-text - Text.
 */
@localized()
export class CkMembersReport extends LitElement {
  static override styles = [themeStyles, frameStyles, reportStyles, membersReportStyles];

  /** Keep accounts with Amount Due > 0. */
  @property({ attribute: "has-amount-due", type: Boolean, reflect: true })
  hasAmountDue = false;

  /** Keep accounts with Account Credit > 0. */
  @property({ attribute: "has-credit", type: Boolean, reflect: true })
  hasCredit = false;

  /** With both filters on: `any` keeps accounts passing either, `all` those passing both. */
  @property({ reflect: true })
  match: "any" | "all" = "any";

  /** The column sorted by: `name`, `amountDue` or `accountCredit`. */
  @property({ attribute: "sort-by", reflect: true })
  sortBy: MembersSortKey = "name";

  /** `asc` or `desc`. */
  @property({ attribute: "sort-direction", reflect: true })
  sortDirection: SortDirection = "asc";

  /** Controlled: the accounts to report on, when there is no data source. */
  @property({ attribute: false })
  snapshots: readonly AccountSnapshot[] | undefined;

  /** The heading's text; default "Members" in the kit's language. */
  @property()
  heading: string | undefined;

  /** The search's label (it finds an account by name or id among all of them; picking one is its row action); default "Find a member". */
  @property({ attribute: "search-label" })
  searchLabel: string | undefined;

  /** The row action's text; default "Take payment". */
  @property({ attribute: "action-label" })
  actionLabel: string | undefined;

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

  /** The search's text: the table keeps the accounts whose name or id holds every word. */
  @state() private query = "";

  readonly #accounts = new SourceLoader<readonly AccountSnapshot[]>(this, (source) => source.getAccounts());
  #rows: readonly MembersReportRow[] = [];
  #totals = { due: "", credit: "" };
  /** What the report threw, worded at render time. */
  #error: { readonly error: unknown } | undefined;
  #inputs: readonly unknown[] = [];
  #searchable: readonly SearchableAccount[] = [];
  #searchableOf: readonly AccountSnapshot[] | undefined;

  /** The rows shown now, in order. */
  get rows(): readonly MembersReportRow[] {
    return this.#rows;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.#accounts.track(this.snapshots ? undefined : this.dataSource);
    const all = this.snapshots ?? this.#accounts.value;
    const locale = this.#locale();
    if (all !== this.#searchableOf) {
      const collator = new Intl.Collator(locale, { numeric: true });
      this.#searchableOf = all;
      this.#searchable = (all ?? [])
        .map((s) => ({ id: s.account.id, name: s.account.name }))
        .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id));
    }
    const inputs = [all, this.hasAmountDue, this.hasCredit, this.match, this.sortBy, this.sortDirection, locale, this.query];
    if (inputs.every((value, i) => value === this.#inputs[i])) return;
    this.#inputs = inputs;
    try {
      const words = queryWords(this.query);
      const found = words.length === 0 ? all : all?.filter((s) => accountMatches({ id: s.account.id, name: s.account.name }, words));
      this.#rows = found
        ? membersReport(found, {
            hasAmountDue: this.hasAmountDue,
            hasCredit: this.hasCredit,
            match: this.match,
            sort: { by: this.sortBy, direction: this.sortDirection },
            ...(locale ? { locale } : {}),
          })
        : [];
      const currency = this.#currency();
      this.#totals = {
        due: toAmountString(
          sum(
            this.#rows.map((r) => fromAmountString(r.amountDue, currency)),
            currency,
          ),
        ),
        credit: toAmountString(
          sum(
            this.#rows.map((r) => fromAmountString(r.accountCredit, currency)),
            currency,
          ),
        ),
      };
      this.#error = undefined;
    } catch (error) {
      this.#rows = [];
      this.#error = { error };
    }
  }

  protected override render() {
    const view: MembersView = {
      heading: this.heading ?? msg("Members", { desc: "Heading of the report listing the accounts (families) with their balances." }),
      actionLabel: this.actionLabel ?? msg("Take payment"),
      hasAmountDue: this.hasAmountDue,
      hasCredit: this.hasCredit,
      match: this.match,
      sort: { column: this.sortBy, direction: this.sortDirection },
      rows: this.#rows,
      total: (this.snapshots ?? this.#accounts.value)?.length,
      totals: this.#totals,
      currency: this.#currency(),
      locale: this.#locale(),
      loadState: this.snapshots ? "ready" : this.#accounts.state,
      error: this.#error ? messageOf(this.#error.error) : this.#accounts.error,
      searchable: this.#searchable,
      searchLabel: this.searchLabel ?? msg("Find a member"),
    };
    return renderMembers(view, {
      filter: (patch) => Object.assign(this, patch),
      sort: (column) => this.#sort(column as MembersSortKey),
      act: (row) =>
        this.dispatchEvent(
          new MemberActionEvent({
            action: "pay",
            accountId: row.accountId,
            name: row.name,
            amountDue: row.amountDue,
            accountCredit: row.accountCredit,
          }),
        ),
      exportCsv: () => this.exportCsv(),
      search: (e: AccountQueryEvent) => {
        e.stopPropagation();
        this.query = e.detail.query;
      },
      pick: (e: AccountSelectEvent) => {
        e.stopPropagation();
        const snapshot = (this.snapshots ?? this.#accounts.value)?.find((s) => s.account.id === e.detail.accountId);
        if (!snapshot) return;
        this.dispatchEvent(
          new MemberActionEvent({
            action: "pay",
            accountId: snapshot.account.id,
            name: snapshot.account.name,
            amountDue: snapshot.amountDue,
            accountCredit: snapshot.accountCredit,
          }),
        );
      },
    });
  }

  /** Downloads the rows shown as CSV (after `ck-csv-export`). */
  exportCsv(): boolean {
    const header = ["Name", "Account ID", "Kind", "Amount Due", "Account Credit", "Currency"];
    const rows = this.#rows.map((r) => [r.name, r.accountId, r.kind, r.amountDue, r.accountCredit, r.currency]);
    return saveCsv(this, "members-report.csv", csvText(header, rows, [3, 4]));
  }

  #sort(column: MembersSortKey): void {
    if (column === this.sortBy) this.sortDirection = this.sortDirection === "asc" ? "desc" : "asc";
    else {
      this.sortBy = column;
      this.sortDirection = column === "name" ? "asc" : "desc";
    }
  }

  #currency(): string {
    return this.dataSource?.currency ?? this.snapshots?.[0]?.currency ?? "USD";
  }

  #locale(): string | undefined {
    return resolveLocale(this.locale, this.kit?.locale);
  }
}
