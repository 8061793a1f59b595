/**
 * `<ck-transactions>`'s look, by the element's own width (container queries):
 * up to 44rem each line is a block (date and type, account and payment type,
 * the amount at the end, the description below), wider the lines are a
 * table; from 75rem the summaries sit beside the lines, below them otherwise.
 */
import { css } from "lit";

export const transactionsStyles = css`
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_ck-space) * 2);
    align-items: start;
  }
  .side {
    display: flex;
    flex-wrap: wrap;
    align-items: start;
    gap: calc(var(--_ck-space) * 2);
    min-width: 0;
  }
  .side > * {
    flex: 0 1 auto;
    min-width: 0;
    overflow-x: auto;
  }
  /* A summary wider than the element scrolls and is then a Tab stop (scroll-focus.ts): its ring shows where the arrows scroll. */
  .side > aside:focus-visible {
    outline: none;
    box-shadow: var(--_ck-focus);
    border-radius: var(--_ck-radius);
  }
  @container (min-width: 75rem) {
    .columns {
      grid-template-columns: minmax(0, 1fr) max-content;
    }
    .side {
      flex-direction: column;
      align-items: stretch;
    }
  }
  .total-label {
    grid-column: 1 / -2;
  }
  .lines {
    /* The Action column fits the Reverse button (0.875em text, 10px padding each side) and the cell's padding. */
    --_ck-action: calc(4.5em + 2.75rem);
  }
  button.reverse {
    min-height: 32px;
    padding: 2px 10px;
    font-size: 0.875em;
  }
  dialog p {
    margin: 0 0 var(--_ck-space);
  }
  @container (max-width: 44rem) {
    .table .row {
      grid-template-columns: minmax(calc(6em + 1.5rem), 1fr) minmax(0, 1.2fr) var(--_ck-amount);
      align-items: start;
      padding: 4px 0;
    }
    .table .row > * {
      padding: 2px 6px;
    }
    .table .row > :nth-child(2) {
      grid-area: 2 / 1;
    }
    .table .row > :nth-child(3) {
      grid-area: 1 / 2;
    }
    .table .row > :nth-child(4) {
      grid-area: 2 / 2;
    }
    .table .row > :nth-child(5) {
      grid-area: 3 / 1 / auto / 3;
    }
    .table .row > :last-child {
      grid-area: 1 / 3 / span 2;
    }
    /* The Action cell (when there is one) beside the description, under the amount. */
    .table .row > :nth-child(6):not(:last-child) {
      grid-area: 3 / 3;
      text-align: end;
    }
    .table .row > .total-label {
      grid-area: 1 / 1 / auto / 3;
    }
    /* A family's lines have four cells: the date and what happened above the description, the amount at the end. */
    .member .table .row > :nth-child(1) {
      grid-area: 1 / 1 / auto / 3;
    }
    .member .table .row > :nth-child(2) {
      grid-area: 2 / 1 / auto / 3;
    }
    .member .table .row > :nth-child(3):not(:last-child) {
      grid-area: 3 / 1 / auto / 4;
    }
    .summary th,
    .summary td {
      padding-inline: 4px;
    }
  }
  .nowrap {
    white-space: nowrap;
  }
  .lines {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space);
    min-width: 0;
  }
  .grants {
    list-style: none;
    margin: 4px 0 0;
    padding: 4px 8px;
    border-inline-start: 3px solid var(--_ck-available);
    background: var(--_ck-surface-raised);
    font-size: 0.875em;
  }
  .grants li {
    display: flex;
    justify-content: space-between;
    gap: var(--_ck-space);
  }
  .grants[hidden] {
    display: none;
  }
  .link {
    display: block;
    font-size: 0.875em;
  }
  .summary table {
    width: 100%;
    border-collapse: collapse;
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    font-size: 0.9375em;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-bottom: var(--_ck-space);
  }
  caption .muted {
    display: block;
    font-weight: 400;
  }
  th,
  td {
    padding: 6px 8px;
    text-align: start;
    border-top: 1px solid var(--_ck-border);
  }
  thead th,
  tfoot th,
  tfoot td {
    background: var(--_ck-surface-raised);
    font-weight: 600;
  }
  tbody th {
    font-weight: 400;
  }
  .summary .num {
    text-align: end;
  }
  .account-credit th,
  .account-credit td {
    color: var(--_ck-available);
    font-weight: 600;
  }
  tfoot tr {
    border-top: 2px solid var(--_ck-border);
  }
  .legend,
  .scope {
    margin: 0;
    font-size: 0.875em;
    max-width: 60ch;
  }
  .scope {
    margin-top: 4px;
  }
  .note {
    color: var(--_ck-muted);
    font-size: 0.875em;
  }
`;
