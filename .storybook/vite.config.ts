/** Storybook's Vite config: workspace packages resolve to their TypeScript sources (the "source" export condition). */
import { defaultClientConditions, defineConfig } from "vite";

export default defineConfig({
  resolve: { conditions: ["source", ...defaultClientConditions] },
  esbuild: { target: "es2022" },
  build: { target: "es2022" },
});
