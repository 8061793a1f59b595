/** The modal confirmations' box (the wizard's process and reverse, the transactions' Reverse), one copy. */
import { css } from "lit";

export const dialogStyles = css`
  dialog {
    max-width: min(32rem, calc(100vw - 32px));
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    background: var(--_ck-surface);
    color: var(--_ck-text);
    padding: calc(var(--_ck-space) * 2);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
`;
