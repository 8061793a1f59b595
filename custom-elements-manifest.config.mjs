// Custom Elements Manifest for @creditkit/elements: `npm run analyze` writes packages/elements/custom-elements.json.
// `npm run manifest:check` (scripts/manifest-check.mjs) then checks it against the sources.
import { existsSync } from "node:fs";
import { posix } from "node:path";

const PACKAGE = "packages/elements";

/**
 * Keeps only the events a JSDoc `@fires` tag names. The analyzer also records
 * `dispatchEvent(new SomeEvent(detail))` calls, naming them after the first
 * argument (`result`) or not at all; the `@fires {SomeEvent} ck-name` tag is
 * the event's real name, type and description.
 */
function documentedEventsOnly() {
  return {
    name: "creditkit-documented-events-only",
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarationsOf(customElementsManifest)) {
        if (declaration.events) declaration.events = declaration.events.filter((event) => event.name && event.description);
      }
    },
  };
}

/** Callbacks the platform calls and static settings it reads: not an API a host calls or sets. */
const PLATFORM_MEMBERS = new Set([
  "formAssociatedCallback",
  "formDisabledCallback",
  "formResetCallback",
  "formStateRestoreCallback",
  "formAssociated",
  "shadowRootOptions",
]);

/**
 * Leaves out what is not public API: `#private`, `private` and `protected`
 * members (Lit lifecycle overrides, `@state()` fields), `_`-prefixed names,
 * anything tagged `@internal` (the analyzer leaves those out itself; a tag
 * that reaches a description is caught here), and the platform's callbacks.
 */
function publicMembersOnly() {
  const hidden = (member) =>
    member.privacy === "private" ||
    member.privacy === "protected" ||
    member.name.startsWith("#") ||
    member.name.startsWith("_") ||
    /@internal\b/.test(member.description ?? "") ||
    PLATFORM_MEMBERS.has(member.name);
  return {
    name: "creditkit-public-members-only",
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of declarationsOf(customElementsManifest)) {
        if (!declaration.members) continue;
        const dropped = new Set(declaration.members.filter(hidden).map((member) => member.name));
        declaration.members = declaration.members.filter((member) => !dropped.has(member.name));
        if (declaration.attributes) {
          declaration.attributes = declaration.attributes.filter((attribute) => !dropped.has(attribute.fieldName));
        }
      }
    },
  };
}

/**
 * Makes every `path` and `module` relative to the package (`src/balance/balance.ts`,
 * not `packages/elements/src/…`, `/packages/elements/src/…` or `./balance/…`) and
 * names the `.ts` file the package ships in `src/` rather than a `.js` that exists
 * only after a build; then orders the modules by path, so regenerating gives no diff.
 */
function packageRelativePaths() {
  const fromPackage = (reference, modulePath) => {
    let path = reference.startsWith(".") ? posix.join(posix.dirname(modulePath), reference) : reference.replace(/^\/+/, "");
    if (path.startsWith(`${PACKAGE}/`)) path = path.slice(PACKAGE.length + 1);
    const typescript = path.replace(/\.js$/, ".ts");
    if (typescript !== path && existsSync(posix.join(PACKAGE, typescript))) path = typescript;
    return path;
  };
  const rewrite = (node, modulePath) => {
    if (Array.isArray(node)) {
      for (const item of node) rewrite(item, modulePath);
    } else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        const bare = typeof value === "string" && !/^[./]/.test(value) && !value.startsWith(PACKAGE);
        // A name re-exported from another package (`msg` from @lit/localize) is a reference to that package.
        if (key === "module" && bare) {
          node.package = value;
          delete node.module;
        } else if (key === "module" && typeof value === "string") node[key] = fromPackage(value, modulePath);
        else rewrite(value, modulePath);
      }
    }
  };
  return {
    name: "creditkit-package-relative-paths",
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const modulePath = mod.path;
        mod.path = fromPackage(modulePath, modulePath);
        rewrite(mod.declarations, modulePath);
        rewrite(mod.exports, modulePath);
      }
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

function* declarationsOf(customElementsManifest) {
  for (const mod of customElementsManifest.modules) yield* mod.declarations ?? [];
}

export default {
  globs: [`${PACKAGE}/src/**/*.ts`],
  // Styles and render helpers declare no element; jsx/ holds framework typings for the elements, not elements;
  // locales/ holds the translations lit-localize generates.
  exclude: ["**/*.styles.ts", "**/*.render.ts", "**/*.d.ts", `${PACKAGE}/src/jsx/**`, `${PACKAGE}/src/locales/**`],
  outdir: PACKAGE,
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [documentedEventsOnly(), publicMembersOnly(), packageRelativePaths()],
};
