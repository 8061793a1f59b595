/** Storybook for @creditkit/elements: web components on Vite, autodocs and controls from the Custom Elements Manifest, the a11y addon. */
import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/web-components-vite";

const config: StorybookConfig = {
  stories: ["../stories/**/*.stories.ts"],
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y"],
  framework: {
    name: "@storybook/web-components-vite",
    options: { builder: { viteConfigPath: fileURLToPath(new URL("./vite.config.ts", import.meta.url)) } },
  },
  core: { disableTelemetry: true },
};

export default config;
