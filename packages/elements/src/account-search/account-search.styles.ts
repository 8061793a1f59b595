/** `<ck-account-search>`'s look: a labelled field with its list of accounts dropping below it. */
import { css } from "lit";

export const accountSearchStyles = css`
  :host {
    display: block;
    max-width: 100%;
    /* The label and the count sit on the host's page: they take its colour; the field and its list paint their own surface. */
    color: inherit;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  label {
    font-size: 0.875em;
  }
  .field {
    position: relative;
  }
  input {
    width: 100%;
    font: inherit;
    font-size: 1rem;
    color: var(--_ck-text);
    background: var(--_ck-surface);
    border: 1px solid var(--_ck-muted);
    border-radius: calc(var(--_ck-radius) / 2);
    min-height: 40px;
    padding: 6px 8px;
  }
  input:focus-visible {
    outline: none;
    box-shadow: var(--_ck-focus);
  }
  ul {
    position: absolute;
    z-index: 10;
    inset-inline: 0;
    top: calc(100% + 2px);
    max-height: min(18rem, 60vh);
    overflow-y: auto;
    margin: 0;
    padding: 4px 0;
    list-style: none;
    color: var(--_ck-text);
    background: var(--_ck-surface);
    border: 1px solid var(--_ck-border);
    border-radius: calc(var(--_ck-radius) / 2);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  ul[hidden] {
    display: none;
  }
  li {
    display: flex;
    justify-content: space-between;
    gap: var(--_ck-space);
    padding: 8px 10px;
    border-inline-start: 3px solid transparent;
    cursor: pointer;
  }
  li:hover,
  li[aria-selected="true"] {
    background: var(--_ck-surface-raised);
  }
  li[aria-selected="true"] {
    border-inline-start-color: var(--_ck-accent);
    font-weight: 600;
  }
  li.current .name::after {
    content: " ✓";
  }
  .id {
    color: var(--_ck-muted);
    font-size: 0.875em;
    white-space: nowrap;
  }
  .status {
    margin: 0;
    font-size: 0.875em;
  }
  @media (forced-colors: active) {
    li[aria-selected="true"] {
      outline: 2px solid Highlight;
    }
  }
`;
