/**
 * Every story: the elements registered; autodocs pages, controls and the
 * attributes/properties/events/parts/CSS-properties tables read from the
 * Custom Elements Manifest; a toolbar theme switcher (light, dark, and a
 * custom brand set through --ck-* properties) applied by a decorator.
 */
import type { Decorator, Preview } from "@storybook/web-components-vite";
import { setCustomElementsManifest } from "@storybook/web-components-vite";
import { html } from "lit";
import "@creditkit/elements";
import "../packages/elements/src/theme.css";
import manifest from "../packages/elements/custom-elements.json";

setCustomElementsManifest(manifest);

/** A host's brand: only --ck-* custom properties, nothing inside the elements changes. */
const BRAND = [
  "--ck-color-accent: #6b2fa3",
  "--ck-color-on-accent: #ffffff",
  "--ck-color-available: #1d6b57",
  "--ck-color-owed: #a4262c",
  "--ck-color-surface-raised: #f7f2fb",
  "--ck-color-border: #cbbfd8",
  "--ck-radius: 14px",
  "--ck-font-family: Georgia, 'Times New Roman', serif",
].join(";");

const THEMES: Record<string, { className: string; style: string; background: string }> = {
  light: { className: "ck-theme-light", style: "", background: "#ffffff" },
  dark: { className: "ck-theme-dark", style: "", background: "#1b1b1f" },
  brand: { className: "ck-theme-light", style: BRAND, background: "#fbf8fd" },
};

const withTheme: Decorator = (story, context) => {
  const theme = THEMES[String(context.globals.theme ?? "light")] ?? THEMES.light;
  return html`<div class=${theme?.className ?? ""} style="padding: 1rem; background: ${theme?.background}; ${theme?.style ?? ""}">
    ${story()}
  </div>`;
};

const preview: Preview = {
  tags: ["autodocs"],
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: "The --ck-* theme around the element",
      toolbar: {
        title: "Theme",
        icon: "paintbrush",
        items: [
          { value: "light", title: "Light" },
          { value: "dark", title: "Dark" },
          { value: "brand", title: "Custom brand (--ck-*)" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light" },
  parameters: {
    controls: { expanded: true, matchers: { color: /color$/i } },
    docs: { toc: true },
    a11y: { test: "error" },
  },
};

export default preview;
