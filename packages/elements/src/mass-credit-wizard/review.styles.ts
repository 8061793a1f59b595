import { css } from "lit";

/** The review step's table: the totals, the search toolbar, the grid of rows (a window of them), and its narrow form. */
export const reviewStyles = css`
  .totals {
    font-variant-numeric: tabular-nums;
    margin: var(--_ck-space) 0;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space);
    margin-block-end: var(--_ck-space);
  }
  .toolbar input {
    flex: 1 1 12rem;
  }
  .table {
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    overflow: hidden;
    --_columns: 3rem minmax(0, 3fr) 8rem;
  }
  [data-mode="student"] .table {
    --_columns: 3rem minmax(0, 2fr) minmax(0, 2fr) 8rem;
  }
  [data-mode="enrollment"] .table {
    --_columns: 3rem minmax(0, 2fr) minmax(0, 2fr) minmax(0, 2fr) 8rem;
  }
  .row {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    inline-size: 100%;
    min-block-size: 40px;
    border-block-end: 1px solid var(--_ck-border);
  }
  .row > span {
    padding: 4px 8px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .head .row {
    background: var(--_ck-surface-raised);
    font-weight: 600;
    font-size: 0.875em;
  }
  .rows {
    block-size: min(60vh, 440px);
    overflow: auto;
    /* The window moves rows and padding: the browser anchoring the scroll to the focused row would move it again. */
    overflow-anchor: none;
    contain: layout paint;
  }
  /* A row's text changes as it scrolls in: its layout and style stay inside it. */
  .rows .row {
    contain: layout style;
  }
  .row.selected {
    background: color-mix(in srgb, var(--_ck-accent) 12%, var(--_ck-surface));
  }
  .row .pick {
    display: flex;
    justify-content: center;
    overflow: visible;
  }
  /* The review grid's focused row stands out as a whole (arrows move it; review-grid.ts). */
  .rows .row:has(:focus-visible) {
    box-shadow: inset 0 0 0 2px var(--_ck-accent);
  }
  .rows [role="gridcell"]:focus-visible {
    outline: none;
    box-shadow: var(--_ck-focus);
  }
  .row .pick input {
    inline-size: 20px;
    block-size: 20px;
    margin: 0;
    accent-color: var(--_ck-accent);
  }
  .amount {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  /* Narrow: the names stack in one column, the checkbox and amount beside them. */
  @container (max-width: 36rem) {
    .table,
    [data-mode] .table {
      --_columns: 2.75rem minmax(0, 1fr) auto;
    }
    .row > span:not(.pick):not(.amount) {
      grid-column: 2;
      padding-block: 2px;
    }
    .row > .pick {
      grid-row: 1 / span 3;
    }
    .row > .amount {
      grid-column: 3;
      grid-row: 1 / span 3;
    }
    .row > span:nth-child(2) {
      font-weight: 600;
    }
  }
`;
