import { css } from "lit";

export const balanceStyles = css`
  :host {
    display: inline-block;
  }
  dl {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_ck-space) * 1) calc(var(--_ck-space) * 3);
    margin: 0;
  }
  .figure {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  dt {
    font-size: 0.8125em;
    color: var(--_ck-muted);
  }
  dd {
    margin: 0;
    font-size: 1.25em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .message {
    color: var(--_ck-muted);
  }
  .message.error {
    color: var(--_ck-danger);
  }
`;
