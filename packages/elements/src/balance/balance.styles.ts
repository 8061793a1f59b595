import { css } from "lit";

export const balanceStyles = css`
  /*
   * The figures' colours are chosen against the kit's surface (light, or dark with a dark system setting):
   * the balance paints that surface itself, so a host page that stays white under a dark setting (or dark
   * under a light one) never gets light-on-white text. A host sets --ck-color-surface to match its own.
   */
  :host {
    display: inline-block;
    background: var(--_ck-surface);
    border-radius: var(--_ck-radius);
    padding: 4px 8px;
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
