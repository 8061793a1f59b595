import { css } from "lit";

export const payWindowStyles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: flex-start;
    gap: var(--_ck-space) calc(var(--_ck-space) * 2);
    padding-bottom: calc(var(--_ck-space) * 1.5);
    border-bottom: 1px solid var(--_ck-border);
    margin-bottom: calc(var(--_ck-space) * 2);
  }
  h2 {
    overflow-wrap: anywhere;
  }
  h3 {
    margin: 0 0 4px;
    font-size: 1em;
  }
  .channel,
  .muted {
    margin: 0;
    color: var(--_ck-muted);
    font-size: 0.875em;
  }
  .balances {
    display: flex;
    gap: calc(var(--_ck-space) * 2);
    margin: 0;
    margin-inline-start: auto;
    text-align: end;
  }
  dt {
    font-size: 0.8125em;
    color: var(--_ck-muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .balances dd {
    font-size: 1.25em;
  }
  .balances .owed dd,
  .summary .owed dd {
    color: var(--_ck-owed);
  }
  .balances .available dd,
  .summary .available dd {
    color: var(--_ck-available);
  }
  .balances .neutral dd,
  .summary .neutral dd {
    color: var(--_ck-neutral);
  }
  .balances .owed dt,
  .balances .available dt,
  .balances .neutral dt {
    color: var(--_ck-muted);
  }
  fieldset {
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    margin: 0;
    padding: var(--_ck-space) calc(var(--_ck-space) * 1.5) calc(var(--_ck-space) * 1.5);
    min-width: 0;
  }
  fieldset.plain {
    border: none;
    padding: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_ck-space) * 2);
  }
  @container (min-width: 640px) {
    .columns {
      grid-template-columns: minmax(0, 1.2fr) minmax(0, 1fr);
    }
  }
  .choose,
  .pay {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_ck-space) * 2);
    min-width: 0;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    max-height: 24rem;
    overflow-y: auto;
  }
  .fee + .fee {
    border-top: 1px solid var(--_ck-border);
  }
  /* The fee, then its move buttons; the payment line below both. */
  .fee {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: start;
    column-gap: 6px;
  }
  .fee .line {
    grid-column: 1 / -1;
  }
  .move {
    display: flex;
    gap: 2px;
    padding-top: 4px;
  }
  .move button {
    min-height: 28px;
    min-width: 28px;
    padding: 0;
    font-size: 0.7em;
    background: transparent;
    color: var(--_ck-accent);
    border: 1px solid var(--_ck-border);
  }
  .move button:disabled {
    color: var(--_ck-muted);
    opacity: 0.45;
  }
  .fee label {
    display: flex;
    align-items: flex-start;
    gap: var(--_ck-space);
    padding: 6px 0;
    cursor: pointer;
  }
  .fee input {
    margin-top: 3px;
    flex: none;
    width: 18px;
    height: 18px;
  }
  .fee-text {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-width: 0;
  }
  .fee-name {
    overflow-wrap: anywhere;
  }
  .amount {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    white-space: nowrap;
  }
  .line {
    margin: 0;
    margin-block-end: 6px;
    margin-inline-start: 26px;
  }
  .charges li {
    display: flex;
    justify-content: space-between;
    gap: var(--_ck-space);
    padding: 4px 0;
  }
  .credit-box {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space);
    padding: var(--_ck-space) calc(var(--_ck-space) * 1.5);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    background: var(--_ck-surface-raised);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
  }
  label {
    font-size: 0.875em;
  }
  input:not([type]),
  select {
    font: inherit;
    color: inherit;
    background: var(--_ck-surface);
    border: 1px solid var(--_ck-muted);
    border-radius: calc(var(--_ck-radius) / 2);
    min-height: 40px;
    padding: 6px 8px;
    width: 100%;
  }
  input:not([type]) {
    font-variant-numeric: tabular-nums;
  }
  input[aria-invalid="true"] {
    border: 2px solid var(--_ck-danger);
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible {
    outline: none;
    box-shadow: var(--_ck-focus);
  }
  /* The tender rows answer to their own width: in the two-column layout the fieldset is narrower than the host. */
  .tenders {
    container-type: inline-size;
  }
  .tender {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto;
    align-items: end;
    gap: var(--_ck-space);
    padding: var(--_ck-space) 0;
  }
  .tender .field-error {
    grid-column: 1 / -1;
  }
  @container (max-width: 320px) {
    .tender {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
    .tender .remove {
      grid-column: 1 / -1;
      justify-self: start;
    }
  }
  @container (max-width: 400px) {
    .balances {
      margin-inline-start: 0;
      text-align: start;
    }
  }
  button {
    font: inherit;
    min-height: 40px;
    padding: 6px 14px;
    border-radius: calc(var(--_ck-radius) / 2);
    cursor: pointer;
  }
  button.remove,
  button.add,
  button.secondary {
    background: transparent;
    color: var(--_ck-accent);
    border: 1px solid var(--_ck-border);
  }
  button.add {
    margin-top: 4px;
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_ck-space);
    margin-top: var(--_ck-space);
    font-size: 1em;
  }
  .check input {
    width: 18px;
    height: 18px;
  }
  .field-error {
    margin: 4px 0 0;
    color: var(--_ck-danger);
    font-size: 0.875em;
  }
  .summary {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(7.5rem, 1fr));
    gap: var(--_ck-space) calc(var(--_ck-space) * 2);
    margin: calc(var(--_ck-space) * 2) 0 0;
    padding: calc(var(--_ck-space) * 1.5);
    border-radius: var(--_ck-radius);
    background: var(--_ck-surface-raised);
  }
  .summary dd {
    font-size: 1.125em;
  }
  .warning {
    margin: calc(var(--_ck-space) * 2) 0 0;
    padding: var(--_ck-space) calc(var(--_ck-space) * 1.5);
    border-radius: var(--_ck-radius);
    border-inline-start: 4px solid currentColor;
    background: var(--_ck-warning-surface);
    color: var(--_ck-warning-text);
  }
  .failure {
    margin-top: calc(var(--_ck-space) * 2);
    padding: var(--_ck-space) calc(var(--_ck-space) * 1.5);
    border-radius: var(--_ck-radius);
    border: 1px solid var(--_ck-danger);
    color: var(--_ck-danger);
  }
  .failure p {
    margin: 0 0 var(--_ck-space);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    align-items: center;
    gap: var(--_ck-space) calc(var(--_ck-space) * 2);
    margin-top: calc(var(--_ck-space) * 2);
  }
  .status {
    margin: 0;
    color: var(--_ck-muted);
  }
  button.confirm {
    min-height: 44px;
    padding: 8px 24px;
    border: none;
    background: var(--_ck-accent);
    color: var(--_ck-on-accent);
    font-weight: 600;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .result:focus {
    outline: none;
  }
  .result > .muted {
    margin-top: var(--_ck-space);
  }
  .swept {
    margin-top: calc(var(--_ck-space) * 1.5);
  }
  .swept p {
    margin: 0;
  }
  .swept ul {
    margin: calc(var(--_ck-space) / 2) 0 0;
    padding-inline-start: 1.25em;
  }
  .swept .amount {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .hint {
    margin: var(--_ck-space) 0 0;
  }
  .nothing-owed {
    margin: calc(var(--_ck-space) * 1.5) 0 0;
  }
  .headline {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
    color: var(--_ck-success);
  }
  @media (forced-colors: active) {
    button.confirm {
      border: 1px solid ButtonText;
    }
  }
  .summary-note {
    margin: 4px 0 0;
    font-size: 0.875em;
  }
`;
