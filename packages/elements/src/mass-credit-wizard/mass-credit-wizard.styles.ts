import { css } from "lit";
import { pastRunsStyles } from "./past-runs.styles.js";
import { reviewStyles } from "./review.styles.js";

/** The wizard's own sheets: its questions and steps, then the review table, then past runs. */
const stepStyles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: flex-start;
    gap: var(--_ck-space) calc(var(--_ck-space) * 2);
    padding-block-end: calc(var(--_ck-space) * 1.5);
    border-block-end: 1px solid var(--_ck-border);
    margin-block-end: calc(var(--_ck-space) * 2);
  }
  h3 {
    margin: 0 0 var(--_ck-space);
    font-size: 1.125em;
  }
  h2:focus,
  h3:focus,
  h4:focus {
    outline: none;
  }
  h4,
  h3.section-heading {
    margin: 0;
    font-size: 1em;
  }
  h5 {
    margin: 0 0 4px;
    font-size: 1em;
  }
  .location {
    display: grid;
    gap: 2px;
    margin: 0;
    max-inline-size: 22rem;
  }
  .location label,
  .question > label:not(.choice),
  legend {
    font-weight: 600;
  }
  .muted,
  .hint {
    color: var(--_ck-muted);
    font-size: 0.875em;
    margin: 0;
  }
  .questions {
    display: grid;
    gap: calc(var(--_ck-space) * 2);
  }
  .question {
    display: grid;
    gap: 4px;
    max-inline-size: 36rem;
    margin: 0;
    padding: 0;
    border: 0;
    animation: ck-reveal 160ms ease-out;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 4px;
  }
  input[type="text"],
  input[type="search"],
  input[type="date"],
  select {
    font: inherit;
    color: inherit;
    background: var(--_ck-surface);
    border: 1px solid var(--_ck-muted);
    border-radius: calc(var(--_ck-radius) / 2);
    padding: 8px 10px;
    min-block-size: 44px;
  }
  input[aria-invalid="true"],
  select[aria-invalid="true"] {
    border-color: var(--_ck-danger);
    border-width: 2px;
  }
  input:focus-visible,
  select:focus-visible,
  button:focus-visible,
  .table:focus-visible {
    outline: none;
    box-shadow: var(--_ck-focus);
  }
  .field-error {
    color: var(--_ck-danger);
    font-size: 0.875em;
    font-weight: 600;
    margin: 0;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: var(--_ck-space);
    padding: 6px 0;
  }
  .choice input {
    flex: none;
    inline-size: 18px;
    block-size: 18px;
    margin: 2px 0 0;
    accent-color: var(--_ck-accent);
  }
  .choice-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0 calc(var(--_ck-space) * 2);
  }
  .choices {
    margin-block-end: var(--_ck-space);
  }
  button {
    font: inherit;
    min-block-size: 44px;
    padding: 8px 16px;
    border-radius: var(--_ck-radius);
    border: 1px solid var(--_ck-border);
    background: var(--_ck-surface-raised);
    color: var(--_ck-text);
    cursor: pointer;
  }
  button.primary {
    background: var(--_ck-accent);
    border-color: var(--_ck-accent);
    color: var(--_ck-on-accent);
    font-weight: 600;
  }
  button.danger {
    color: var(--_ck-danger);
    border-color: var(--_ck-danger);
  }
  button.link {
    border: none;
    background: none;
    color: var(--_ck-accent);
    padding: 8px 0;
    text-decoration: underline;
  }
  /* A row the server has not answered keeps a row's height (the table's window takes rows to be of one height). */
  .unread button.link {
    padding-block: 0;
    min-block-size: 0;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space);
    margin-block-start: calc(var(--_ck-space) * 2);
  }
  .sections {
    display: grid;
    gap: var(--_ck-space);
  }
  .optional,
  .explain {
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
  }
  .disclosure {
    display: flex;
    align-items: center;
    gap: var(--_ck-space);
    inline-size: 100%;
    border: none;
    background: transparent;
    text-align: start;
    font-weight: 600;
  }
  .disclosure .muted {
    margin-inline-start: auto;
    font-weight: 400;
  }
  .chevron {
    inline-size: 0.5em;
    block-size: 0.5em;
    border-inline-end: 2px solid currentColor;
    border-block-end: 2px solid currentColor;
    transform: rotate(-45deg);
    transition: transform 120ms ease;
  }
  [aria-expanded="true"] .chevron {
    transform: rotate(45deg);
  }
  /* Right to left: the closed chevron points left (the way the text reads), the open one still down. */
  :host(:dir(rtl)) .chevron {
    transform: rotate(45deg);
  }
  :host(:dir(rtl)) [aria-expanded="true"] .chevron {
    transform: rotate(-45deg);
  }
  .section-body,
  #explain-body {
    padding: 0 calc(var(--_ck-space) * 2) calc(var(--_ck-space) * 2);
  }
  .row-filter {
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    padding: var(--_ck-space) calc(var(--_ck-space) * 2);
    margin-block-end: var(--_ck-space);
  }
  .row-filter > legend {
    padding: 0 4px;
  }
  .combine {
    margin: var(--_ck-space) 0;
  }
  .notice {
    background: var(--ck-color-warning-surface, var(--_ck-warning-surface));
    color: var(--_ck-warning-text);
    border-radius: var(--_ck-radius);
    padding: var(--_ck-space) calc(var(--_ck-space) * 2);
    margin-block-end: calc(var(--_ck-space) * 2);
  }
  .actions.continue {
    margin-block-start: var(--_ck-space);
  }
  .date-warning {
    margin: var(--_ck-space) 0 0;
  }
  .date-warning p {
    margin: 0;
  }
  .date-warning .actions {
    margin-block-start: var(--_ck-space);
  }
  .notice ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .notice li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space);
  }
  .filter-summary ul {
    margin: 0 0 var(--_ck-space);
  }
  .explain-form {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space);
  }
  .explain-form .hint {
    flex-basis: 100%;
    margin: 0;
  }
  .why {
    border-inline-start: 4px solid var(--_ck-danger);
    padding: 4px var(--_ck-space);
    margin-block-start: var(--_ck-space);
  }
  .why.in {
    border-color: var(--_ck-success);
  }
  .why ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space) calc(var(--_ck-space) * 3);
    margin: 0 0 calc(var(--_ck-space) * 2);
  }
  dt {
    color: var(--_ck-muted);
    font-size: 0.8125em;
  }
  dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .reversal h4 {
    margin-block-end: var(--_ck-space);
  }
  .reversal {
    margin-block-start: calc(var(--_ck-space) * 2);
    padding-block-start: calc(var(--_ck-space) * 2);
    border-block-start: 1px solid var(--_ck-border);
  }
  .title {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: calc(var(--_ck-space) * 2);
  }
  .title .link {
    min-block-size: 0;
  }
  @keyframes ck-reveal {
    from {
      transform: translateY(-6px);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .question {
      animation: none;
    }
    .chevron {
      transition: none;
    }
  }
`;

export const wizardStyles = [stepStyles, reviewStyles, pastRunsStyles];
