/** The frame every panel-like element sits in: the host box, the framed surface (`.ck-frame`) and its title. */
import { css } from "lit";

export const frameStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    max-width: 100%;
  }
  .ck-frame {
    background: var(--_ck-surface);
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    padding: calc(var(--_ck-space) * 2);
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
`;
