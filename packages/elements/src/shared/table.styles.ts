/** The look of the report elements: their frame, filters, buttons and the shared table. */
import { css } from "lit";

export const reportStyles = css`
  .frame {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_ck-space) * 2);
  }
  h3 {
    margin: 0 0 var(--_ck-space);
    font-size: 1em;
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--_ck-muted);
    font-size: 0.875em;
  }
  .failure {
    color: var(--_ck-danger);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_ck-space) calc(var(--_ck-space) * 2);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    padding: var(--_ck-space) calc(var(--_ck-space) * 1.5) calc(var(--_ck-space) * 1.5);
    margin: 0;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.875em;
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_ck-space);
    min-height: 40px;
  }
  .check input {
    width: 18px;
    height: 18px;
    margin: 0;
  }
  input:not([type="checkbox"]):not([type="radio"]),
  select {
    font: inherit;
    font-size: 1rem;
    color: inherit;
    background: var(--_ck-surface);
    border: 1px solid var(--_ck-muted);
    border-radius: calc(var(--_ck-radius) / 2);
    min-height: 40px;
    padding: 6px 8px;
  }
  input[aria-invalid="true"] {
    border: 2px solid var(--_ck-danger);
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible,
  .table:focus-visible {
    outline: none;
    box-shadow: var(--_ck-focus);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space);
    align-items: center;
  }
  button {
    font: inherit;
    min-height: 40px;
    padding: 6px 16px;
    border-radius: calc(var(--_ck-radius) / 2);
    border: 1px solid var(--_ck-accent);
    background: var(--_ck-surface);
    color: var(--_ck-accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--_ck-accent);
    color: var(--_ck-on-accent);
    font-weight: 600;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.link {
    border: none;
    background: none;
    padding: 2px 0;
    min-height: 24px;
    text-decoration: underline;
  }
  .table {
    display: block;
    max-height: var(--ck-table-height, 26rem);
    overflow: auto;
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    font-size: 0.9375em;
    position: relative;
  }
  .row {
    display: grid;
    grid-template-columns: var(--_ck-columns);
    align-items: center;
    min-width: fit-content;
    width: 100%;
  }
  .body .row {
    border-top: 1px solid var(--_ck-border);
  }
  .head,
  .foot {
    position: sticky;
    z-index: 1;
    background: var(--_ck-surface-raised);
  }
  .head {
    top: 0;
    font-weight: 600;
    border-bottom: 1px solid var(--_ck-border);
  }
  .foot {
    bottom: 0;
    font-weight: 600;
    border-top: 2px solid var(--_ck-border);
  }
  .cell {
    padding: 6px 10px;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  [role="columnheader"].num .sort {
    justify-content: flex-end;
  }
  .sort {
    display: inline-flex;
    gap: 4px;
    align-items: center;
    border: none;
    background: none;
    color: inherit;
    font-weight: 600;
    padding: 2px 4px;
    min-height: 32px;
  }
  .arrow {
    color: var(--_ck-muted);
    font-size: 0.8em;
  }
  .empty {
    color: var(--_ck-muted);
    padding: var(--_ck-space) 0;
  }
  .owed {
    color: var(--_ck-owed);
  }
  .available {
    color: var(--_ck-available);
  }
  .good {
    color: var(--_ck-success);
  }
  .bad {
    color: var(--_ck-danger);
  }
`;
