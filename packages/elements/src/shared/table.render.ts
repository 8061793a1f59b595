/**
 * The report tables: an ARIA table (`role=table`, rows with `aria-rowindex`)
 * whose body is windowed (`windowRows`, shared with the mass-credit wizard)
 * once it is long, so 50,000 rows keep a few dozen in the DOM. The table itself scrolls (and is
 * focusable, so the keyboard scrolls it); the header and the totals stay in
 * view. Sortable columns have a button in their header and `aria-sort`.
 * Cells are always bound as text by the callers' templates.
 */
import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { windowRows } from "./row-window.js";
import { styleProps } from "./style-props.js";

/** Lists this long or longer are windowed; shorter ones render every row. */
export const WINDOW_FROM = 150;

export type SortDirection = "asc" | "desc";

export interface TableColumn {
  readonly id: string;
  readonly label: string;
  /** Amounts align to the end. */
  readonly numeric?: boolean;
  /** Shows a sort button in the header. */
  readonly sortable?: boolean;
}

export interface TableSpec<T> {
  /** The table's accessible name. */
  readonly label: string;
  /** The id of text that explains the table (a legend), for `aria-describedby`. */
  readonly describedBy?: string;
  readonly columns: readonly TableColumn[];
  /** CSS `grid-template-columns` of every row. Each row is its own grid: use no content-sized tracks (`auto`, `max-content`), or the columns drift apart. */
  readonly template: string;
  readonly rows: readonly T[];
  readonly key: (row: T) => string;
  /** The row's cells (use `cell`). */
  readonly renderCells: (row: T, index: number) => unknown;
  /** The part name of each row. */
  readonly rowPart: string;
  /** Shown in place of rows when there are none. */
  readonly empty: string;
  /** The totals row's cells, if any. */
  readonly totals?: unknown;
  readonly sort?: { readonly column: string; readonly direction: SortDirection };
  readonly onSort?: (column: string) => void;
}

/** One cell; `numeric` aligns it to the end. */
export function cell(content: unknown, numeric = false, extra: { span?: number; cls?: string } = {}) {
  return html`<div
    role="cell"
    class="cell ${numeric ? "num" : ""} ${extra.cls ?? ""}"
    aria-colspan=${extra.span ?? nothing}
    style=${styleProps(extra.span ? { "grid-column": `span ${extra.span}` } : {})}
  >${content}</div>`;
}

function header<T>(spec: TableSpec<T>, column: TableColumn) {
  const sorted = spec.sort?.column === column.id ? spec.sort.direction : undefined;
  const ariaSort = sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : column.sortable ? "none" : undefined;
  const content =
    column.sortable && spec.onSort
      ? html`<button type="button" class="sort" part="sort-button" @click=${() => spec.onSort?.(column.id)}>
          ${column.label}<span class="arrow" aria-hidden="true">${sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
        </button>`
      : column.label;
  return html`<div role="columnheader" class="cell ${column.numeric ? "num" : ""}" aria-sort=${ariaSort ?? nothing}>${content}</div>`;
}

export function renderTable<T>(spec: TableSpec<T>): TemplateResult {
  const { rows } = spec;
  const grid = styleProps({ "--_ck-columns": spec.template });
  const row = (item: T, index: number) =>
    html`<div role="row" class="row" part=${spec.rowPart} aria-rowindex=${index + 2}>${spec.renderCells(item, index)}</div>`;
  const body = rows.length >= WINDOW_FROM ? windowRows(rows, spec.key, row) : repeat(rows, spec.key, row);
  return html`
    <div
      class="table"
      role="table"
      part="table"
      tabindex="0"
      aria-label=${spec.label}
      aria-describedby=${spec.describedBy ?? nothing}
      aria-rowcount=${rows.length + 1 + (spec.totals ? 1 : 0)}
      style=${grid}
    >
      <div role="rowgroup" class="head">
        <div role="row" class="row" aria-rowindex="1">${spec.columns.map((c) => header(spec, c))}</div>
      </div>
      <div role="rowgroup" class="body">${body}</div>
      ${
        spec.totals
          ? html`<div role="rowgroup" class="foot">
              <div role="row" class="row" part="totals" aria-rowindex=${rows.length + 2}>${spec.totals}</div>
            </div>`
          : nothing
      }
    </div>
    ${rows.length === 0 ? html`<p class="empty" part="empty">${spec.empty}</p>` : nothing}
  `;
}
