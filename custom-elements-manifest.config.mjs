// Custom Elements Manifest for @creditkit/elements: `npm run analyze` writes packages/elements/custom-elements.json.

/** Drops the nameless events the analyzer records for `dispatchEvent(new SomeEvent(…))`; the JSDoc @fires tags name them. */
function namedEventsOnly() {
  return {
    name: "creditkit-named-events-only",
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
        }
      }
    },
  };
}

export default {
  globs: ["packages/elements/src/**/*.ts"],
  exclude: ["**/*.styles.ts", "**/*.render.ts", "**/*.d.ts"],
  outdir: "packages/elements",
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [namedEventsOnly()],
};
