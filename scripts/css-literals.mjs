// Minifies the CSS inside the elements' css`` templates (Lightning CSS, through minify-literals): esbuild and Vite
// minify code but leave a template's text alone, and the styles' indentation and comments are a tenth of the kit.
// Used by the one-file kit and `npm run size` (scripts/kit-bundle.mjs) and by the package build
// (packages/elements/vite.config.ts), so both ship the same styles.
//
// HTML templates are left as written (their whitespace can be text a person reads). Lightning CSS may merge rules
// into one selector list (`:dir(rtl)` beside another selector): every browser the kit supports reads all of them, as
// the colours already need `light-dark()` (Chrome 123, Firefox 120, Safari 17.5), which came after `:dir()`.
import { minifyHTMLLiterals } from "minify-literals";

/**
 * `code` with its css`` templates minified, and a source map when asked; undefined when there is nothing to do
 * (no css`` template, or a file building CSS from text with unsafeCSS: the theme's colour table is left as written).
 */
export async function minifyCssLiterals(code, fileName, { sourceMap = false } = {}) {
  if (!code.includes("css`") || code.includes("unsafeCSS(")) return undefined;
  const result = await minifyHTMLLiterals(code, { fileName, html: false, sourceMap });
  return result ? { code: result.code, map: result.map } : undefined;
}
