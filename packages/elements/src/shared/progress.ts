/**
 * A progress bar announced to screen readers: `role="progressbar"` with its
 * values (or none while the amount of work is unknown), and a polite live
 * region that speaks the text at most once per tenth of the way.
 */
import { css, html, nothing, type TemplateResult } from "lit";
import { msg, str } from "./localize.js";
import { styleProps } from "./style-props.js";

export interface ProgressOptions {
  readonly id: string;
  readonly label: string;
  readonly done: number;
  /** Zero while the amount of work is not known: the bar is indeterminate. */
  readonly total: number;
  /** What the bar shows under it, e.g. "Posted 500 of 1,000 credits". */
  readonly text: string;
  /** The locale the percentage is written in; default the page's language. */
  readonly locale?: string | undefined;
}

/** The share done, in whole percent (0 … 100); undefined when indeterminate. */
export function percentOf(done: number, total: number): number | undefined {
  if (!(total > 0)) return undefined;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/** "Posting credits: 30%": the bar's name and the share done, in words a screen reader says. */
function spokenShare(label: string, percent: number, locale: string | undefined): string {
  const page = typeof document === "undefined" ? undefined : document.documentElement.lang || undefined;
  const share = new Intl.NumberFormat(locale ?? page, { style: "percent" }).format(percent / 100);
  return msg(str`${label}: ${share}`);
}

export function renderProgress(options: ProgressOptions): TemplateResult {
  const percent = percentOf(options.done, options.total);
  const spoken = percent === undefined ? options.label : spokenShare(options.label, Math.floor(percent / 10) * 10, options.locale);
  return html`
    <div class="ck-progress" part="progress">
      <div
        class="bar"
        role="progressbar"
        id=${options.id}
        aria-label=${options.label}
        aria-valuemin=${percent === undefined ? nothing : 0}
        aria-valuemax=${percent === undefined ? nothing : 100}
        aria-valuenow=${percent === undefined ? nothing : percent}
        aria-valuetext=${options.text}
        data-indeterminate=${percent === undefined ? "true" : "false"}
      >
        <span class="fill" style=${styleProps({ "inline-size": `${percent ?? 30}%` })}></span>
      </div>
      <p class="progress-text">${options.text}</p>
      <p class="visually-hidden" role="status" aria-live="polite">${spoken}</p>
    </div>
  `;
}

export const progressStyles = css`
  .ck-progress .bar {
    position: relative;
    block-size: 12px;
    border-radius: 6px;
    background: var(--_ck-surface-raised);
    border: 1px solid var(--_ck-border);
    overflow: hidden;
  }
  .ck-progress .fill {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    background: var(--_ck-accent);
    transition: inline-size 120ms linear;
  }
  .ck-progress [data-indeterminate="true"] .fill {
    animation: ck-progress-slide 1.2s ease-in-out infinite;
  }
  .ck-progress .progress-text {
    margin: 4px 0 0;
    color: var(--_ck-muted);
    font-size: 0.875em;
    font-variant-numeric: tabular-nums;
  }
  :host(:dir(rtl)) .ck-progress [data-indeterminate="true"] .fill {
    animation-name: ck-progress-slide-rtl;
  }
  @keyframes ck-progress-slide-rtl {
    from {
      transform: translateX(100%);
    }
    to {
      transform: translateX(-340%);
    }
  }
  @keyframes ck-progress-slide {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(340%);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .ck-progress .fill {
      transition: none;
      animation: none !important;
    }
  }
`;
