import { css } from "lit";
import { switchStyles } from "../shared/switch.js";

const toggleStyles = css`
  :host {
    display: block;
  }
  .base {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space) calc(var(--_ck-space) * 3);
  }
  .ck-switch:disabled {
    cursor: not-allowed;
    color: var(--_ck-muted);
  }
  .ck-switch:disabled .track {
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
`;

/** The shared switch look, plus the toggle's own layout, disabled state and figures. */
export const creditToggleStyles = [switchStyles, toggleStyles];
