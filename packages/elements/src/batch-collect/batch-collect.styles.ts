import { css } from "lit";

export const batchCollectStyles = css`
  .option {
    font-weight: 600;
  }
  .preview,
  .results,
  .run {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space);
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space) calc(var(--_ck-space) * 3);
    margin: 0;
  }
  .figures dt {
    font-size: 0.8125em;
    color: var(--_ck-muted);
  }
  .figures dd {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .figures .good dd {
    color: var(--_ck-success);
  }
  .figures .bad dd {
    color: var(--_ck-danger);
  }
  .figures .available dd {
    color: var(--_ck-available);
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space);
  }
  progress {
    flex: 1;
    min-inline-size: 10rem;
    block-size: 12px;
    accent-color: var(--_ck-accent);
  }
  .outcome {
    font-weight: 600;
  }
  .outcome.good {
    color: var(--_ck-success);
  }
  .outcome.bad {
    color: var(--_ck-danger);
  }
  .note {
    display: block;
    font-size: 0.8125em;
    color: var(--_ck-muted);
  }
  dialog h3 {
    margin: 0 0 var(--_ck-space);
    font-size: 1.125em;
  }
  dialog .figures {
    margin-block-end: var(--_ck-space);
  }
  dialog p {
    margin: 0 0 calc(var(--_ck-space) * 2);
  }
  h3[tabindex="-1"]:focus {
    outline: none;
  }
  /* Headers wrap between words inside their column ("To charge to card" over two lines), never into the next one. */
  [role="columnheader"] {
    white-space: normal;
    overflow-wrap: normal;
  }
  .total-label {
    grid-column: 1 / span 3;
  }
  /*
   * Narrower than the tables' six columns (a phone, a side panel): each row
   * folds into three lines — names and words at the start, the three amounts
   * one under the other at the end — and the header folds the same way, so
   * it stays the legend of every row and nothing is cut off or scrolled sideways.
   */
  @container (max-width: 50rem) {
    /* Rows are three lines tall here: the table may grow taller before it scrolls. */
    .table {
      max-block-size: var(--ck-table-height, max(26rem, 70vh));
    }
    .table .row {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) minmax(8rem, 0.8fr);
      align-items: start;
      padding-block: 4px;
    }
    .table .row > .cell {
      padding: 2px 8px;
    }
    .noun::after {
      content: " " attr(data-noun) / "";
    }
    .head .row > .cell {
      font-size: 0.8125em;
      padding-block: 0;
    }
    /* Preview: Account | Amount Due / Invoices | Credit to use / What happens | To charge to card. */
    .preview .row > :nth-child(1) {
      grid-area: 1 / 1 / auto / 3;
      font-weight: 600;
    }
    .preview .row > :nth-child(2) {
      grid-area: 2 / 1;
      text-align: start;
    }
    .preview .row > :nth-child(3) {
      grid-area: 1 / 3;
    }
    .preview .row > :nth-child(4) {
      grid-area: 2 / 3;
    }
    .preview .row > :nth-child(5) {
      grid-area: 3 / 3;
    }
    .preview .row > :nth-child(6) {
      grid-area: 3 / 1 / auto / 3;
    }
    /* Results: Account | Amount Due / Invoice | Credit used / Outcome | Charged to card. */
    .results .row > :nth-child(1) {
      grid-area: 1 / 1 / auto / 3;
      font-weight: 600;
    }
    .results .row > :nth-child(2) {
      grid-area: 2 / 1 / auto / 3;
    }
    .results .row > :nth-child(3) {
      grid-area: 3 / 1 / auto / 3;
    }
    .results .row > :nth-child(4) {
      grid-area: 1 / 3;
    }
    .results .row > :nth-child(5) {
      grid-area: 2 / 3;
    }
    .results .row > :nth-child(6) {
      grid-area: 3 / 3;
    }
    /* The totals: the label at the start, the three totals under each other at the end, as in the rows. */
    .results .foot .row > .total-label {
      grid-area: 1 / 1 / auto / 3;
    }
    .results .foot .row > :nth-child(2) {
      grid-area: 1 / 3;
    }
    .results .foot .row > :nth-child(3) {
      grid-area: 2 / 3;
    }
    .results .foot .row > :nth-child(4) {
      grid-area: 3 / 3;
    }
  }
`;
