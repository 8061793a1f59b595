/**
 * The kit's on/off switch: one look (`switchStyles`, also worn by
 * `<ck-credit-toggle>`'s button) and, in `renderSwitch`, the semantics
 * (a `role="switch"` button: Space and Enter, `aria-checked`) for yes/no
 * questions that are not about money (the toggle itself shows credit figures
 * and disables itself without credit).
 */
import { css, html, type TemplateResult } from "lit";

export interface SwitchOptions {
  readonly id: string;
  readonly label: string;
  readonly checked: boolean;
  readonly describedBy?: string;
  readonly onToggle: (checked: boolean) => void;
}

export function renderSwitch(options: SwitchOptions): TemplateResult {
  return html`
    <button
      type="button"
      class="ck-switch"
      role="switch"
      part="switch"
      id=${options.id}
      aria-checked=${options.checked ? "true" : "false"}
      aria-describedby=${options.describedBy ?? ""}
      @click=${() => options.onToggle(!options.checked)}
    >
      <span class="track" part="track"><span class="thumb" part="thumb"></span></span>
      <span>${options.label}</span>
    </button>
  `;
}

export const switchStyles = css`
  .ck-switch {
    display: inline-flex;
    align-items: center;
    gap: var(--_ck-space);
    min-height: 44px;
    padding-block: 4px;
    padding-inline: 4px 8px;
    border: none;
    border-radius: var(--_ck-radius);
    background: transparent;
    color: inherit;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    text-align: start;
  }
  .ck-switch:focus-visible {
    outline: none;
    box-shadow: var(--_ck-focus);
  }
  .ck-switch .track {
    position: relative;
    flex: none;
    width: 44px;
    height: 24px;
    border-radius: 12px;
    border: 2px solid var(--_ck-muted);
    background: var(--_ck-surface);
    transition: background-color 120ms ease;
  }
  .ck-switch .thumb {
    position: absolute;
    inset-block-start: 2px;
    inset-inline-start: 2px;
    width: 16px;
    height: 16px;
    border-radius: 50%;
    background: var(--_ck-muted);
    transition: transform 120ms ease;
  }
  .ck-switch[aria-checked="true"] .track {
    background: var(--_ck-accent);
    border-color: var(--_ck-accent);
  }
  /* On, the thumb moves toward the inline end: right, or left in a right-to-left page. */
  .ck-switch[aria-checked="true"] .thumb {
    transform: translateX(20px);
    background: var(--_ck-on-accent);
  }
  :host(:dir(rtl)) .ck-switch[aria-checked="true"] .thumb {
    transform: translateX(-20px);
  }
  @media (prefers-reduced-motion: reduce) {
    .ck-switch .track,
    .ck-switch .thumb {
      transition: none;
    }
  }
`;
