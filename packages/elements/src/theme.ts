/**
 * The `--ck-*` theme. Every colour, font and radius an element paints reads a
 * private `--_ck-*` variable. Colours follow the colour scheme the host page
 * uses for the element (its `color-scheme`, inherited: `light`, `dark`, or
 * `light dark` to follow the system), through CSS `light-dark()`: a page that
 * does not declare dark support is light, so a light host on a dark system
 * shows light elements, as it shows light form controls.
 *
 * A host brands the kit with `--ck-color-*` (the light scheme's colours) and
 * `--ck-dark-color-*` (the dark scheme's) on any ancestor. A brand that sets
 * only light colours keeps the kit's readable dark defaults in dark.
 * `theme.css` has ready-made light and dark sets (`.ck-theme-light`,
 * `.ck-theme-dark`) that force one scheme.
 */
import { css } from "lit";
import { colorVariables } from "./theme-colors.js";

/** Light defaults: owed red, available blue and neutral grey, all ≥ 4.5:1 on the surface. */
export const lightTokens = {
  owed: "#b3261e",
  available: "#0b57d0",
  neutral: "#5f6368",
  text: "#1f1f1f",
  muted: "#5f6368",
  surface: "#ffffff",
  "surface-raised": "#f6f8fc",
  border: "#c4c7c5",
  accent: "#0b57d0",
  "on-accent": "#ffffff",
  danger: "#b3261e",
  "warning-surface": "#fff4d6",
  "warning-text": "#5c3d00",
  success: "#146c2e",
} as const;

/** Dark defaults. */
export const darkTokens: Record<keyof typeof lightTokens, string> = {
  owed: "#ffb4ab",
  available: "#a8c7fa",
  neutral: "#c4c7c5",
  text: "#e3e3e3",
  muted: "#c4c7c5",
  surface: "#1f1f1f",
  "surface-raised": "#2b2b2b",
  border: "#5f6368",
  accent: "#a8c7fa",
  "on-accent": "#062e6f",
  danger: "#ffb4ab",
  "warning-surface": "#4a3800",
  "warning-text": "#ffdf99",
  success: "#6dd58c",
};

/** The colour variables, in the scheme the host's `color-scheme` gives the element. */
const colorStyles = colorVariables(lightTokens, darkTokens);

/**
 * Shared by every element: the colour variables, the font, focus ring, state colours and a visually hidden helper.
 * The focus ring is a gap of the surface, then a solid accent ring: at least 3:1 against the surface (WCAG 2.2), and
 * visible around an accent button.
 */
export const themeStyles = [
  colorStyles,
  css`
  :host {
    --_ck-radius: var(--ck-radius, 8px);
    --_ck-space: var(--ck-space, 8px);
    --_ck-focus: var(--ck-focus-ring, 0 0 0 2px var(--_ck-surface), 0 0 0 4px var(--_ck-accent));
    font-family: var(--ck-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    font-size: var(--ck-font-size, 1rem);
    color: var(--_ck-text);
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .owed {
    color: var(--_ck-owed);
  }
  .available {
    color: var(--_ck-available);
  }
  .neutral {
    color: var(--_ck-neutral);
  }
`,
];
