import { css } from "lit";

export const creditToggleStyles = css`
  :host {
    display: block;
  }
  .base {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space) calc(var(--_ck-space) * 3);
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: var(--_ck-space);
    min-height: 44px;
    padding: 4px 8px 4px 4px;
    border: none;
    border-radius: var(--_ck-radius);
    background: transparent;
    color: inherit;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  button:focus-visible {
    outline: none;
    box-shadow: var(--_ck-focus);
  }
  button:disabled {
    cursor: not-allowed;
    color: var(--_ck-muted);
  }
  .track {
    position: relative;
    flex: none;
    width: 44px;
    height: 24px;
    border-radius: 12px;
    border: 2px solid var(--_ck-muted);
    background: var(--_ck-surface);
    transition: background-color 120ms ease;
  }
  .thumb {
    position: absolute;
    top: 2px;
    left: 2px;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    background: var(--_ck-muted);
    transition: transform 120ms ease;
  }
  [aria-checked="true"] .track {
    background: var(--_ck-accent);
    border-color: var(--_ck-accent);
  }
  [aria-checked="true"] .thumb {
    transform: translateX(20px);
    background: var(--_ck-on-accent);
  }
  button:disabled .track {
    opacity: 0.6;
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: 4px calc(var(--_ck-space) * 2);
    margin: 0;
    font-size: 0.875em;
  }
  dl div {
    display: flex;
    gap: 4px;
  }
  dt {
    color: var(--_ck-muted);
  }
  dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  @media (prefers-reduced-motion: reduce) {
    .track,
    .thumb {
      transition: none;
    }
  }
`;
