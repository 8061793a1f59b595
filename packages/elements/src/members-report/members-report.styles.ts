import { css } from "lit";

export const membersReportStyles = css`
  .search {
    max-inline-size: 28rem;
    margin-block: var(--_ck-space);
  }
  .match {
    display: flex;
    gap: calc(var(--_ck-space) * 2);
    padding-inline-start: var(--_ck-space);
    border-inline-start: 1px solid var(--_ck-border);
  }
  .match[aria-disabled="true"] {
    color: var(--_ck-muted);
  }
  .balances {
    padding: 0;
  }
  .row-balance {
    display: block;
    /* In a row the figures sit on the report's own surface: no box of the balance's own. */
    background: none;
    padding: 0;
    border-radius: 0;
  }
  /* A narrow column's heading wraps ("Amount / Due") rather than running into the next one's. */
  [role="columnheader"].num {
    white-space: normal;
    overflow-wrap: normal;
  }
  [role="columnheader"].num .sort {
    text-align: end;
  }
  .pair,
  .row-balance::part(balance) {
    display: grid;
    grid-template-columns: 1fr 1fr;
    column-gap: 20px;
    padding: 6px 10px;
  }
  .row-balance::part(label) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .row-balance::part(amount) {
    font-size: 1em;
    text-align: end;
  }
  .row-action {
    min-height: 32px;
    padding: 4px 12px;
  }
`;
