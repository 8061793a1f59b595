/** `<ck-members-report>`'s templates. Data is always bound as text. */
import type { MembersReportRow } from "@creditkit/core";
import { html, nothing } from "lit";
import { html as staticHtml } from "lit/static-html.js";
import type { SearchableAccount } from "../account-search/account-match.js";
import type { AccountQueryEvent, AccountSelectEvent } from "../account-search/account-search.events.js";
import { CkAccountSearch } from "../account-search/account-search.js";
import { CkBalance } from "../balance/balance.js";
import type { LoadState } from "../shared/account-controller.js";
import { isOne, whole } from "../shared/counts.js";
import { msg, str } from "../shared/localize.js";
import { showMoney } from "../shared/money-text.js";
import { cell, renderTable, type SortDirection } from "../shared/table.render.js";
import { tagOf } from "../shared/tag-of.js";

export interface MembersView {
  readonly heading: string;
  readonly actionLabel: string;
  readonly hasAmountDue: boolean;
  readonly hasCredit: boolean;
  readonly match: "any" | "all";
  readonly sort: { readonly column: string; readonly direction: SortDirection };
  readonly rows: readonly MembersReportRow[];
  /** How many accounts there are before filtering. */
  readonly total: number | undefined;
  readonly totals: { readonly due: string; readonly credit: string };
  readonly currency: string;
  readonly locale: string | undefined;
  readonly loadState: LoadState;
  readonly error: string;
  /** Every account, by name, for the search. */
  readonly searchable: readonly SearchableAccount[];
  readonly searchLabel: string;
}

export interface MembersHandlers {
  filter(patch: Partial<{ hasAmountDue: boolean; hasCredit: boolean; match: "any" | "all" }>): void;
  sort(column: string): void;
  act(row: MembersReportRow): void;
  exportCsv(): void;
  search(e: AccountQueryEvent): void;
  pick(e: AccountSelectEvent): void;
}

/** "Total: 12 accounts" in the totals row. */
function totalText(n: number): string {
  return isOne(n) ? msg(str`Total: ${whole(n)} account`) : msg(str`Total: ${whole(n)} accounts`);
}

const checked = (e: Event) => (e.target as HTMLInputElement).checked;

export function renderMembers(view: MembersView, on: MembersHandlers) {
  const money = (amount: string) => showMoney(amount, view.currency, view.locale);
  const both = view.hasAmountDue && view.hasCredit;
  const search = tagOf(CkAccountSearch, "ck-account-search");
  const balance = tagOf(CkBalance, "ck-balance");
  return staticHtml`
    <section class="frame ck-frame" part="base" aria-labelledby="title">
      <h2 id="title">${view.heading}</h2>
      <${search}
        class="search"
        part="search"
        label=${view.searchLabel}
        .accounts=${view.searchable}
        @ck-account-query=${on.search}
        @ck-account-select=${on.pick}
      ></${search}>
      <fieldset class="filters" part="filters">
        <legend>${msg("Show accounts with")}</legend>
        <label class="check">
          <input type="checkbox" .checked=${view.hasAmountDue} @change=${(e: Event) => on.filter({ hasAmountDue: checked(e) })} />
          ${msg("Amount Due > 0")}
        </label>
        <label class="check">
          <input type="checkbox" .checked=${view.hasCredit} @change=${(e: Event) => on.filter({ hasCredit: checked(e) })} />
          ${msg("Account Credit > 0")}
        </label>
        <div class="match" role="radiogroup" aria-label=${msg("When both are ticked")} aria-disabled=${both ? "false" : "true"}>
          <label class="check">
            <input type="radio" name="match" value="any" ?disabled=${!both} .checked=${view.match === "any"}
              @change=${() => on.filter({ match: "any" })} />
            ${msg("Either", { desc: "Filter: keep accounts matching either condition." })}
          </label>
          <label class="check">
            <input type="radio" name="match" value="all" ?disabled=${!both} .checked=${view.match === "all"}
              @change=${() => on.filter({ match: "all" })} />
            ${msg("Both", { desc: "Filter: keep accounts matching both conditions." })}
          </label>
        </div>
      </fieldset>
      ${view.error ? html`<p class="failure" role="alert">${view.error}</p>` : nothing}
      <p class="count" role="status">
        ${
          view.loadState === "loading" && view.total === undefined
            ? msg("Loading the accounts…")
            : msg(str`Showing ${whole(view.rows.length)} of ${whole(view.total ?? 0)} accounts`)
        }
      </p>
      ${renderTable<MembersReportRow>({
        label: view.heading,
        columns: [
          { id: "name", label: msg("Name"), sortable: true },
          { id: "amountDue", label: msg("Amount Due"), numeric: true, sortable: true },
          { id: "accountCredit", label: msg("Account Credit"), numeric: true, sortable: true },
          { id: "action", label: msg("Action", { id: "members-action-column", desc: "Column heading: the button that acts on a row." }) },
        ],
        template: "minmax(8rem, 2fr) minmax(6.5rem, 1fr) minmax(6.5rem, 1fr) 9.5rem",
        rows: view.rows,
        key: (r) => r.accountId,
        rowPart: "member-row",
        empty: msg("No account passes these filters."),
        sort: view.sort,
        onSort: on.sort,
        renderCells: (r) => html`
          ${cell(r.name)}
          ${cell(
            staticHtml`<${balance} class="row-balance" part="balance" amount-due=${r.amountDue} account-credit=${r.accountCredit}
              currency=${r.currency} locale=${view.locale ?? nothing}></${balance}>`,
            true,
            { span: 2, cls: "balances" },
          )}
          ${cell(
            html`<button type="button" class="row-action" part="action" aria-label=${msg(str`${view.actionLabel}: ${r.name}`)}
              @click=${() => on.act(r)}>${view.actionLabel}</button>`,
          )}
        `,
        // The totals in the same two-column box as each row's balance, so the figures line up.
        totals: html`${cell(totalText(view.rows.length))}
        ${cell(html`<div class="pair"><span>${money(view.totals.due)}</span><span>${money(view.totals.credit)}</span></div>`, true, { span: 2, cls: "balances" })}
        ${cell("")}`,
      })}
      <div class="actions"><button type="button" part="export" @click=${on.exportCsv}>${msg("Save to CSV")}</button></div>
    </section>
  `;
}
