/** The Past runs view (runs.render.ts) and the start's notice of a run processing on the server. */
import { css } from "lit";

export const pastRunsStyles = css`
  .runs-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: var(--_ck-space);
  }
  .on-server {
    border-inline-start: 4px solid var(--_ck-accent);
    padding-inline-start: var(--_ck-space);
    margin: 0 0 calc(var(--_ck-space) * 2);
  }
  .past-runs {
    list-style: none;
    margin: calc(var(--_ck-space) * 2) 0 0;
    padding: 0;
    display: grid;
    gap: var(--_ck-space);
  }
  .past-run {
    border: 1px solid var(--_ck-border);
    border-radius: var(--_ck-radius);
    padding: calc(var(--_ck-space) * 1.5);
  }
  .past-run h4 {
    margin-block-end: var(--_ck-space);
    overflow-wrap: anywhere;
  }
  .past-run .figures {
    margin-block-end: 0;
  }
  /* Narrow: the figures in two even columns, the date saved across both. */
  @container (max-width: 36rem) {
    .past-run .figures {
      display: grid;
      grid-template-columns: 1fr 1fr;
    }
    .past-run .figures > :first-child {
      grid-column: span 2;
    }
  }
  .past-run .actions {
    margin-block-start: var(--_ck-space);
  }
  .past-run .actions:empty {
    display: none;
  }
  .past-run .ck-progress,
  .past-run > p {
    margin-block-start: var(--_ck-space);
  }
  .past-run .said {
    font-weight: 600;
  }
  .empty {
    margin: calc(var(--_ck-space) * 2) 0;
  }
`;
