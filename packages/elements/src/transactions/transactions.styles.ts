import { css } from "lit";

export const transactionsStyles = css`
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_ck-space) * 2);
    align-items: start;
  }
  @container (min-width: 960px) {
    .columns {
      grid-template-columns: minmax(0, 1fr) max-content;
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
    border-left: 3px solid var(--_ck-available);
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
`;
