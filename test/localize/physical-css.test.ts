/**
 * Right to left (issue #16): the elements' styles use logical properties only,
 * so an Arabic page mirrors every layout. Reads each `css\`…\`` template in
 * packages/elements/src and the demo host (and every stylesheet there) and
 * fails, naming file and line, on a physical property: margin/padding/border
 * left or right, `left:`/`right:` positioning, `text-align` or `float`
 * left/right, a physical corner radius, a shorthand whose left and right
 * differ. A Node test (mocha); in a browser it skips.
 */
import { expect } from "chai";

/** A physical declaration and the logical one to write instead. */
const PHYSICAL: readonly (readonly [RegExp, string])[] = [
  [/(?<![\w-])(scroll-)?(margin|padding)-(left|right)\s*:/, "margin-inline-start/end, padding-inline-start/end"],
  [/(?<![\w-])border-(left|right)(-(width|color|style))?\s*:/, "border-inline-start/end"],
  [/(?<![\w-])border-(top|bottom)-(left|right)-radius\s*:/, "border-start-start-radius etc."],
  [/(?<![\w-])(left|right)\s*:/, "inset-inline-start/end"],
  [/(?<![\w-])text-align\s*:\s*(left|right)\b/, "text-align: start/end"],
  [/(?<![\w-])(float|clear)\s*:\s*(left|right)\b/, "float: inline-start/inline-end"],
];

/**
 * Files whose physical properties are still being converted, each with the
 * reason; empty when every style is logical. Keep it short, and empty.
 */
const ALLOWED: ReadonlySet<string> = new Set<string>([]);

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly instead: string;
}

/** Blanks out comments, keeping every newline so line numbers stay true. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, " "));
}

/** The [start, end) offsets of each css`…` template in a TypeScript file (nested `${…}` included). */
function cssBlocks(source: string): Array<readonly [number, number]> {
  const blocks: Array<readonly [number, number]> = [];
  for (const match of source.matchAll(/(?<![\w$])css`/g)) {
    const start = (match.index ?? 0) + match[0].length;
    let i = start;
    let depth = 0;
    for (; i < source.length; i++) {
      const c = source[i];
      if (c === "\\") i++;
      else if (depth === 0 && c === "`") break;
      else if (c === "$" && source[i + 1] === "{") {
        depth++;
        i++;
      } else if (depth > 0 && c === "}") depth--;
    }
    blocks.push([start, i]);
  }
  return blocks;
}

/** A value's top-level parts ("0 calc(1px + 2px) 3px" → three), or undefined when it has a slash (elliptical radii). */
function partsOf(value: string): string[] | undefined {
  if (value.includes("/")) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of value.trim()) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (/\s/.test(c) && depth === 0) {
      if (current) parts.push(current);
      current = "";
    } else current += c;
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * A shorthand that is not the same on the left and the right: `margin: 0 0 0 1rem`
 * (four sides, left ≠ right), `border-radius: 0 8px 8px 0` (corners not mirrored).
 */
function lopsided(line: string): string | undefined {
  for (const [, property = "", value = ""] of line.matchAll(
    /(?<![\w-])((?:scroll-)?(?:margin|padding)|inset|border-(?:width|style|color))\s*:\s*([^;{}]+)/g,
  )) {
    const parts = partsOf(value.replace(/!important/, ""));
    if (parts?.length === 4 && parts[1] !== parts[3]) return `${property}-inline-start/end (the shorthand's right and left differ)`;
  }
  for (const [, value = ""] of line.matchAll(/(?<![\w-])border-radius\s*:\s*([^;{}]+)/g)) {
    const [a, b = a, c = a, d = b] = partsOf(value.replace(/!important/, "")) ?? [];
    if (a !== undefined && (a !== b || c !== d)) return "border-start-start-radius etc. (the corners are not mirrored)";
  }
  return undefined;
}

function findingsIn(file: string, text: string, whole: boolean): Finding[] {
  const findings: Finding[] = [];
  const blocks = whole ? [[0, text.length] as const] : cssBlocks(text);
  for (const [start, end] of blocks) {
    const css = withoutComments(text.slice(start, end));
    const firstLine = text.slice(0, start).split("\n").length;
    css.split("\n").forEach((line, i) => {
      for (const [pattern, instead] of PHYSICAL) {
        if (pattern.test(line)) findings.push({ file, line: firstLine + i, text: line.trim(), instead });
      }
      const shorthand = lopsided(line);
      if (shorthand) findings.push({ file, line: firstLine + i, text: line.trim(), instead: shorthand });
    });
  }
  return findings;
}

describe("the elements' styles are right-to-left ready (logical properties only)", () => {
  const node = typeof process !== "undefined" && typeof process.versions?.node === "string";
  if (!node) {
    it.skip("runs in Node (it reads the sources)");
    return;
  }

  let findings: Finding[] = [];

  before(async () => {
    // Computed specifiers: a browser test run never resolves these Node modules.
    const fs = (await import(["node", "fs"].join(":"))) as typeof import("node:fs");
    const path = (await import(["node", "path"].join(":"))) as typeof import("node:path");
    const url = (await import(["node", "url"].join(":"))) as typeof import("node:url");
    const root = url.fileURLToPath(new URL("../../", import.meta.url));
    const src = path.join(root, "packages/elements/src");
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
    findings = [...walk(src), ...walk(path.join(root, "demo"))]
      .filter((file) => /\.(ts|css)$/.test(file) && !file.endsWith(".d.ts") && !file.includes(`${path.sep}locales${path.sep}`))
      .flatMap((file) =>
        findingsIn(path.relative(root, file).split(path.sep).join("/"), fs.readFileSync(file, "utf8"), file.endsWith(".css")),
      );
  });

  it("finds the physical properties it looks for (a self-check)", () => {
    const sample = [
      "const s = css`",
      "  .a { margin-left: 4px; }",
      "  /* right: 0 */",
      "  .b { inset-inline-start: 0; text-align: right; }",
      "  .c { margin: 0 calc(1px + 2px) 0 calc(1px + 2px); padding: 1px 2px 3px; border-radius: 8px 8px 0 0; }",
      "  .d { padding: 0 0 0 1rem; }",
      "  .e { border-radius: 0 8px 8px 0; }",
      "`;",
    ].join("\n");
    expect(findingsIn("sample.ts", sample, false).map((f) => f.line)).to.deep.equal([2, 4, 6, 7]);
  });

  it("has no margin, padding, border, position, text-align, float or corner radius on the left or right", () => {
    const failing = findings.filter((f) => !ALLOWED.has(f.file));
    const report = failing.map((f) => `${f.file}:${f.line}: ${f.text}  (use ${f.instead})`).join("\n");
    expect(failing, `physical properties:\n${report}`).to.deep.equal([]);
  });

  it("allows no file that is already logical (the allow-list only shrinks)", () => {
    const stale = [...ALLOWED].filter((file) => !findings.some((f) => f.file === file));
    expect(stale, "remove these from ALLOWED").to.deep.equal([]);
  });
});
