/** Every story: the elements registered, their controls read from the Custom Elements Manifest. */
import type { Preview } from "@storybook/web-components-vite";
import { setCustomElementsManifest } from "@storybook/web-components-vite";
import "@creditkit/elements";
import manifest from "../packages/elements/custom-elements.json";

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true, matchers: { color: /color$/i } },
    a11y: { test: "error" },
  },
};

export default preview;
