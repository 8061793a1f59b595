import type { CreditKitDataSource } from "@creditkit/core";
import { consume } from "@lit/context";
import { localized } from "@lit/localize";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { dataSourceContext } from "../context.js";
import { isOne, whole } from "../shared/counts.js";
import { msg, str } from "../shared/localize.js";
import { SourceLoader } from "../shared/source-loader.js";
import { themeStyles } from "../theme.js";
import { matchAccounts, type SearchableAccount } from "./account-match.js";
import { AccountQueryEvent, AccountSelectEvent } from "./account-search.events.js";
import { accountSearchStyles } from "./account-search.styles.js";

/** The most options the list shows at once; typing more narrows it. */
export const MAX_OPTIONS = 50;

/**
 * A search for one account among many (hundreds of families): an ARIA 1.2
 * combobox — a text field with a popup listbox of the accounts whose name or
 * id holds every word typed (case and accents ignored; names starting with
 * the text first). Typing filters and opens the list; ArrowDown and ArrowUp
 * move through the options (wrapping), Enter picks the active one (or the
 * only match), Escape closes the list, and a second Escape clears the text;
 * a click picks too. At most 50 options show; a status line says how many
 * match. Names are text, always.
 *
 * Inside a `<ck-provider>` it lists the data source's accounts (sorted by
 * name) and refreshes when they change; or set `accounts` (controlled). It is
 * the one account search the kit's places share: the members report has it
 * above its table, and a host's point of sale or member portal uses it to
 * choose the customer or switch family.
 *
 * @summary Find an account by typing: an accessible combobox (ARIA 1.2) over hundreds of accounts.
 * @fires {AccountSelectEvent} ck-account-select - A person picked an account; `detail.accountId`, `detail.name`.
 * @fires {AccountQueryEvent} ck-account-query - The search text changed; `detail.query`.
 * @csspart base - The wrapper.
 * @csspart label - The field's label.
 * @csspart input - The text field (`role="combobox"`).
 * @csspart listbox - The popup list of matching accounts.
 * @csspart option - One account in the list.
 * @csspart status - How many accounts match.
 * @cssprop --ck-color-surface - The field's and the list's background.
 * @cssprop --ck-color-surface-raised - The active option's background.
 * @cssprop --ck-color-border - The list's border.
 * @cssprop --ck-color-accent - Focus and the active option's mark.
 * @cssprop --ck-radius - Corner radius.
 * @cssprop --ck-space - The spacing unit.
 * @cssprop --ck-color-text - Text.
 * @cssprop --ck-color-muted - Secondary text and labels.
 * @cssprop --ck-focus-ring - The focus ring (a `box-shadow`).
 * @cssprop --ck-font-family - The font.
 * @cssprop --ck-font-size - The base font size.
 */
@localized()
export class CkAccountSearch extends LitElement {
  static override styles = [themeStyles, accountSearchStyles];

  /** The field's label; default "Find an account" in the kit's language. */
  @property()
  label: string | undefined;

  /** The field's placeholder; default "Type a name or account ID" in the kit's language. */
  @property()
  placeholder: string | undefined;

  /** The id of the account picked last (the field shows its name); empty for none. */
  @property({ reflect: true })
  value = "";

  /** Controlled: the accounts to search, when there is no data source (shown in the order given). */
  @property({ attribute: false })
  accounts: readonly SearchableAccount[] | undefined;

  /** The data source; normally provided by `<ck-provider>`. */
  @consume({ context: dataSourceContext, subscribe: true })
  @property({ attribute: false })
  dataSource: CreditKitDataSource | undefined;

  /** The text in the field. */
  @state() private query = "";
  @state() private open = false;
  /** The active option's index in the options shown; -1 for none. */
  @state() private active = -1;

  readonly #loaded = new SourceLoader<readonly SearchableAccount[]>(this, async (source) => {
    const collator = new Intl.Collator(undefined, { numeric: true });
    const all = await source.listAccounts();
    return [...all]
      .map((a) => ({ id: a.id, name: a.name }))
      .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.id, b.id));
  });
  #matches: readonly SearchableAccount[] = [];
  #inputs: readonly unknown[] = [];
  /** The value whose name the field was last filled with. */
  #shownValue = "";

  /** The accounts matching the text now (all of them, not only the 50 shown). */
  get found(): readonly SearchableAccount[] {
    return this.#matches;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.#loaded.track(this.accounts ? undefined : this.dataSource);
    const all = this.accounts ?? this.#loaded.value ?? [];
    if (this.value !== this.#shownValue) {
      const picked = all.find((a) => a.id === this.value);
      if (picked || this.value === "") {
        this.#shownValue = this.value;
        this.query = picked?.name ?? "";
      }
    }
    const inputs = [all, this.query];
    if (inputs.every((v, i) => v === this.#inputs[i])) return;
    this.#inputs = inputs;
    this.#matches = matchAccounts(all, this.query);
    if (this.active >= Math.min(this.#matches.length, MAX_OPTIONS)) this.active = -1;
  }

  protected override updated(): void {
    if (this.active < 0) return;
    this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({ block: "nearest" });
  }

  protected override render() {
    const shown = this.#matches.slice(0, MAX_OPTIONS);
    const expanded = this.open && shown.length > 0;
    const loading = !this.accounts && this.#loaded.state === "loading";
    const label = this.label ?? msg("Find an account");
    return html`
      <div class="base" part="base">
        <label for="search" part="label">${label}</label>
        <div class="field">
          <input
            id="search"
            part="input"
            type="text"
            role="combobox"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-controls="listbox"
            aria-expanded=${expanded ? "true" : "false"}
            aria-activedescendant=${expanded && this.active >= 0 ? `option-${this.active}` : nothing}
            aria-describedby="status"
            placeholder=${this.placeholder ?? msg("Type a name or account ID")}
            .value=${this.query}
            @input=${this.#onInput}
            @keydown=${this.#onKeydown}
            @click=${() => {
              this.open = true;
            }}
            @blur=${() => {
              this.open = false;
              this.active = -1;
            }}
          />
          <ul id="listbox" part="listbox" role="listbox" aria-label=${label} ?hidden=${!expanded}>
            ${shown.map(
              (a, i) => html`<li
                id="option-${i}"
                part="option"
                role="option"
                aria-selected=${i === this.active ? "true" : "false"}
                class=${a.id === this.value ? "current" : ""}
                @mousedown=${(e: Event) => e.preventDefault()}
                @click=${() => this.#pick(a)}
              >
                <span class="name">${a.name}</span> <span class="id">${a.id}</span>
              </li>`,
            )}
          </ul>
        </div>
        <p id="status" class="status" part="status" role="status">${loading ? msg("Loading the accounts…") : this.#statusText(shown.length)}</p>
      </div>
    `;
  }

  /** Clears the text and the value picked. */
  clear(): void {
    this.#setQuery("");
    this.value = "";
    this.#shownValue = "";
  }

  #statusText(shown: number): string {
    const n = this.#matches.length;
    const all = (this.accounts ?? this.#loaded.value ?? []).length;

    if (this.query.trim() === "") {
      return isOne(all) ? msg(str`${whole(all)} account: type to search.`) : msg(str`${whole(all)} accounts: type to search.`);
    }
    const picked = this.value ? (this.accounts ?? this.#loaded.value ?? []).find((a) => a.id === this.value) : undefined;
    if (picked && picked.name === this.query) return msg(str`Chosen: ${picked.name} (${picked.id}).`);
    const query = this.query.trim();
    if (n === 0) return msg(str`No account matches “${query}”.`);
    if (shown < n) return msg(str`${whole(n)} accounts match; the first ${whole(shown)} are listed: type more to narrow.`);
    return isOne(n) ? msg(str`${whole(n)} account matches.`) : msg(str`${whole(n)} accounts match.`);
  }

  #onInput(e: Event): void {
    this.#setQuery((e.target as HTMLInputElement).value);
    this.open = true;
    this.active = -1;
  }

  #setQuery(query: string): void {
    this.query = query;
    this.dispatchEvent(new AccountQueryEvent({ query }));
  }

  #onKeydown(e: KeyboardEvent): void {
    const count = Math.min(this.#matches.length, MAX_OPTIONS);
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (count === 0) return;
        if (!this.open) {
          this.open = true;
          if (e.altKey) return;
          this.active = 0;
          return;
        }
        this.active = this.active + 1 >= count ? 0 : this.active + 1;
        return;
      case "ArrowUp":
        e.preventDefault();
        if (count === 0) return;
        this.open = true;
        this.active = this.active <= 0 ? count - 1 : this.active - 1;
        return;
      case "Enter": {
        const target =
          this.open && this.active >= 0 ? this.#matches[this.active] : this.#matches.length === 1 ? this.#matches[0] : undefined;
        if (!target || this.query.trim() === "") return;
        e.preventDefault();
        this.#pick(target);
        return;
      }
      case "Escape":
        if (this.open && count > 0) {
          e.preventDefault();
          this.open = false;
          this.active = -1;
        } else if (this.query !== "") {
          e.preventDefault();
          this.clear();
        }
        return;
      case "Tab":
        this.open = false;
        this.active = -1;
        return;
      default:
        return;
    }
  }

  #pick(account: SearchableAccount): void {
    this.value = account.id;
    this.#shownValue = account.id;
    this.open = false;
    this.active = -1;
    this.#setQuery(account.name);
    this.dispatchEvent(new AccountSelectEvent({ accountId: account.id, name: account.name }));
  }
}
