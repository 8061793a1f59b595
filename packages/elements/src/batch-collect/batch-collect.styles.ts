import { css } from "lit";

export const batchCollectStyles = css`
  .option {
    font-weight: 600;
  }
  .preview,
  .results,
  .run {
    display: flex;
    flex-direction: column;
    gap: var(--_ck-space);
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_ck-space) calc(var(--_ck-space) * 3);
    margin: 0;
  }
  .figures dt {
    font-size: 0.8125em;
    color: var(--_ck-muted);
  }
  .figures dd {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .figures .good dd {
    color: var(--_ck-success);
  }
  .figures .bad dd {
    color: var(--_ck-danger);
  }
  .figures .available dd {
    color: var(--_ck-available);
  }
  .progress {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_ck-space);
  }
  progress {
    flex: 1;
    min-width: 10rem;
    height: 12px;
    accent-color: var(--_ck-accent);
  }
  .outcome {
    font-weight: 600;
  }
  .outcome.good {
    color: var(--_ck-success);
  }
  .outcome.bad {
    color: var(--_ck-danger);
  }
  .note {
    display: block;
    font-size: 0.8125em;
    color: var(--_ck-muted);
  }
  dialog h3 {
    margin: 0 0 var(--_ck-space);
    font-size: 1.125em;
  }
  dialog .figures {
    margin-block-end: var(--_ck-space);
  }
  dialog p {
    margin: 0 0 calc(var(--_ck-space) * 2);
  }
  h3[tabindex="-1"]:focus {
    outline: none;
  }
`;
