#!/usr/bin/env node
/**
 * Checks packages/elements/custom-elements.json against the sources (issue #16):
 *
 * - every `path` and `module` names a file inside the published package;
 * - no private, protected, `#`- or `_`-prefixed member;
 * - every element's event has a type, and that class's `eventName` is the event's name;
 * - each element's `@csspart`s are the `part="…"` (and `exportparts` outer) names its templates use,
 *   and its `@cssprop`s are the `--ck-*` properties its styles read (through the theme's `--_ck-*`).
 *
 * An element's sources are the .ts files of its folder plus the shared modules they import
 * (`src/shared/`, `src/theme.ts`, …), never another element's folder. Prints every difference;
 * exits 1 if there is one. Run `npm run analyze` first.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "packages/elements");
const manifest = JSON.parse(readFileSync(join(pkg, "custom-elements.json"), "utf8"));
const problems = [];
const problem = (text) => problems.push(text);

/** The code without comments (JSDoc repeats part and property names that the code may no longer use). */
const codeOf = (file) =>
  readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");

// Paths, members and events.
const references = [];
const collect = (node) => {
  if (Array.isArray(node)) for (const item of node) collect(item);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if ((key === "path" || key === "module") && typeof value === "string") references.push(value);
      else collect(value);
    }
  }
};
collect(manifest.modules);
for (const reference of new Set(references)) {
  if (reference.startsWith("/") || reference.startsWith(".") || !existsSync(join(pkg, reference))) {
    problem(`path ${reference}: not a file inside the package`);
  }
}
const eventClasses = new Map();
for (const mod of manifest.modules) {
  for (const declaration of mod.declarations ?? []) {
    for (const member of declaration.members ?? []) {
      if (member.privacy === "private" || member.privacy === "protected" || /^[#_]/.test(member.name)) {
        problem(`${declaration.name}.${member.name}: ${member.privacy ?? "private name"} member in the manifest`);
      }
      if (member.static && member.name === "eventName" && member.default) {
        eventClasses.set(declaration.name, member.default.replace(/ as const$/, "").replace(/^"|"$/g, ""));
      }
    }
  }
}
const elements = manifest.modules.flatMap((mod) =>
  (mod.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName)
    .map((declaration) => ({ mod, declaration })),
);
for (const { declaration } of elements) {
  for (const event of declaration.events ?? []) {
    const type = event.type?.text;
    if (!type) problem(`<${declaration.tagName}> event ${event.name}: no type (write @fires {SomeEvent} ${event.name})`);
    else if (eventClasses.get(type) !== event.name) {
      problem(`<${declaration.tagName}> event ${event.name}: type ${type} is not an event class named "${event.name}"`);
    }
  }
}

// An element's sources: its folder, and what they import from outside any other element's folder.
const elementFolders = new Set(elements.map(({ mod }) => dirname(join(pkg, mod.path))));
function sourcesOf(folder) {
  const files = new Set(
    readdirSync(folder)
      .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
      .map((name) => join(folder, name)),
  );
  for (const file of files) {
    for (const [, specifier] of codeOf(file).matchAll(/^import\s+(?!type\b)[^;]*?from\s+"(\.[^"]+)"/gm)) {
      const target = normalize(join(dirname(file), specifier.replace(/\.js$/, ".ts")));
      if (existsSync(target) && !elementFolders.has(dirname(target))) files.add(target);
    }
  }
  return [...files];
}

// Parts: `part="…"` values (string literals inside `${…}` count; a `${x.somePart}` is one of the
// `somePart: "name"` literals), and the outer names of `exportparts="inner: outer, …"`.
function attributeValues(code, attribute) {
  const values = [];
  const start = new RegExp(`\\s${attribute}=`, "g");
  for (const match of code.matchAll(start)) {
    let index = match.index + match[0].length;
    if (code[index] === "$") {
      const end = code.indexOf("}", index);
      values.push(code.slice(index, end + 1));
      continue;
    }
    if (code[index] !== '"') continue;
    index += 1;
    let depth = 0;
    let value = "";
    for (; index < code.length; index += 1) {
      const char = code[index];
      if (depth === 0 && char === '"') break;
      if (char === "$" && code[index + 1] === "{") depth += 1;
      else if (char === "}" && depth > 0) depth -= 1;
      value += char;
    }
    values.push(value);
  }
  return values;
}

/** The top-level arguments of the call whose `(` ends just before `start`. */
function argumentList(code, start) {
  const list = [];
  let depth = 0;
  let current = "";
  for (const char of code.slice(start)) {
    if (depth === 0 && (char === "," || char === ")")) {
      list.push(current);
      current = "";
      if (char === ")") break;
      continue;
    }
    if ("([{".includes(char)) depth += 1;
    else if (")]}".includes(char)) depth -= 1;
    current += char;
  }
  return list;
}

/**
 * The string literals a parameter is called with in `code`: for `#figure(name: string, …)` called as
 * `this.#figure("due", …)` and `this.#figure("credit", …)`, `name` is "due" or "credit". Undefined when
 * no function takes that parameter or a call passes something else.
 */
function argumentsOf(code, parameter) {
  for (const [, fn, parameters] of code.matchAll(/(#?\w+)\(([^()]*)\)\s*(?::\s*[^{;]+)?\{/g)) {
    const index = parameters.split(",").findIndex((item) => item.split(":")[0].trim() === parameter);
    if (index < 0) continue;
    const values = [];
    for (const call of code.matchAll(new RegExp(`\\.${fn.replace("#", "\\#")}\\(`, "g"))) {
      const literal = argumentList(code, call.index + call[0].length)
        [index]?.trim()
        .match(/^"([^"]*)"$/);
      if (!literal) return undefined;
      values.push(literal[1]);
    }
    return values.length ? values : undefined;
  }
  return undefined;
}

/**
 * Every spelling a `part` value can take: each `${…}` is one of its string literals, or of the literals its
 * parameter is called with, or `*` (any name) when neither tells.
 */
function expand(value, code) {
  const pieces = value.split(/(\$\{[^}]*\})/);
  let spellings = [""];
  for (const piece of pieces) {
    let choices = [piece];
    if (piece.startsWith("${")) {
      const literals = [...piece.matchAll(/"([^"]*)"/g)].map((literal) => literal[1]);
      const parameter = piece.match(/^\$\{\s*(\w+)\s*\}$/)?.[1];
      choices = literals.length ? literals : ((parameter && argumentsOf(code, parameter)) ?? ["*"]);
    }
    spellings = spellings.flatMap((spelling) => choices.map((choice) => spelling + choice));
  }
  return spellings;
}

/** Parts a shared helper renders only when the element's own code asks for them. */
const CONDITIONAL_PARTS = new Map([["sort-button", /\bsortable:\s*true\b/]]);

function partsOf(files) {
  const names = new Set();
  const patterns = new Set();
  for (const file of files) {
    const code = codeOf(file);
    for (const [, name] of code.matchAll(/\b\w*Part:\s*"([a-z][a-z0-9-]*)"/g)) names.add(name);
    for (const value of attributeValues(code, "part")) {
      if (/^\$\{[\w.]*Part\}$/.test(value)) continue;
      for (const spelling of expand(value, code)) {
        for (const token of spelling.split(/\s+/).filter(Boolean)) (token.includes("*") ? patterns : names).add(token);
      }
    }
    for (const value of attributeValues(code, "exportparts")) {
      for (const entry of value.split(",")) {
        const outer = entry.split(":").pop()?.trim();
        if (outer) names.add(outer);
      }
    }
  }
  const codes = files.map(codeOf);
  for (const [name, asked] of CONDITIONAL_PARTS) if (!codes.some((code) => asked.test(code))) names.delete(name);
  return { names, patterns };
}

// Custom properties: `--ck-*` read directly, and `--_ck-*` traced through their definitions to the `--ck-*` a host sets.
const themeFile = join(pkg, "src/theme.ts");
// Writes the colour variables from theme.ts's tables (`--ck-color-${name}`): the tables name the tokens.
const themeColorsFile = join(pkg, "src/theme-colors.ts");
const themeCode = codeOf(themeFile);
const colorTokens = [...(themeCode.match(/export const lightTokens = \{([\s\S]*?)\n\}/)?.[1] ?? "").matchAll(/^\s*"?([a-z-]+)"?:/gm)].map(
  (token) => token[1],
);
const definitions = new Map(colorTokens.map((token) => [`--_ck-${token}`, [`--ck-color-${token}`]]));
function readDefinitions(code) {
  for (const [, name, value] of code.matchAll(/(--_ck-[a-z0-9-]+):\s*([^;]+);/g)) {
    if (!definitions.has(name))
      definitions.set(
        name,
        [...value.matchAll(/--_?ck-[a-z0-9-]+/g)].map((used) => used[0]),
      );
  }
}
function propertiesOf(files) {
  const used = new Set();
  const visit = (name) => {
    if (used.has(name)) return;
    used.add(name);
    for (const next of definitions.get(name) ?? []) visit(next);
  };
  const codes = files.filter((file) => file !== themeFile && file !== themeColorsFile).map(codeOf);
  for (const code of codes) {
    readDefinitions(code);
    for (const [, name] of code.matchAll(/var\((--_?ck-[a-z0-9-]*[a-z0-9])/g)) visit(name);
  }
  if (files.includes(themeFile)) {
    // The theme's `:host` rules apply to every element; its `.owed`-style classes only where an element sets them.
    const shared = themeCode.slice(themeCode.indexOf("export const themeStyles"));
    const setsAnyClass = /class="[^"]*\$\{\s*[\w.]+\s*\}/; // `class="figure ${state}"`: a state the core names
    for (const [, selector, body] of shared.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      const className = selector.trim().match(/^\.([a-z-]+)$/)?.[1];
      const set = new RegExp(`(class="[^"]*|")\\b${className}\\b`);
      if (className && !codes.some((code) => set.test(code) || setsAnyClass.test(code))) continue;
      for (const [, name] of body.matchAll(/var\((--_?ck-[a-z0-9-]*[a-z0-9])/g)) visit(name);
    }
  }
  // The dark scheme's `--ck-dark-color-*` go with the documented `--ck-color-*` (theme.ts explains the pair).
  return new Set([...used].filter((name) => name.startsWith("--ck-") && !name.startsWith("--ck-dark-")));
}
readDefinitions(themeCode);

let checked = 0;
for (const { mod, declaration } of elements) {
  const files = sourcesOf(dirname(join(pkg, mod.path)));
  const tag = `<${declaration.tagName}>`;
  const where = (list) => list.map((file) => relative(pkg, file)).join(", ");
  const { names, patterns } = partsOf(files);
  const documented = new Set((declaration.cssParts ?? []).map((part) => part.name));
  const matches = (pattern, name) => new RegExp(`^${pattern.replace(/[.-]/g, "\\$&").replaceAll("*", "[a-z0-9-]+")}$`).test(name);
  for (const name of names) if (!documented.has(name)) problem(`${tag} part "${name}": in the templates, no @csspart`);
  for (const pattern of patterns) {
    if (![...documented].some((name) => matches(pattern, name)))
      problem(`${tag} part "${pattern}": in the templates, no @csspart matches it`);
  }
  for (const name of documented) {
    if (!names.has(name) && ![...patterns].some((pattern) => matches(pattern, name))) {
      problem(
        `${tag} @csspart ${name}: no part="${name}" in ${where(files.filter((file) => file.startsWith(dirname(join(pkg, mod.path)))))}`,
      );
    }
  }
  const used = propertiesOf(files);
  const props = new Set((declaration.cssProperties ?? []).map((property) => property.name));
  for (const name of used) if (!props.has(name)) problem(`${tag} ${name}: read by its styles, no @cssprop`);
  for (const name of props) if (!used.has(name)) problem(`${tag} @cssprop ${name}: its styles never read it`);
  checked += 1;
}

for (const text of problems) console.log(text);
console.log(
  `manifest-check: ${checked} elements, ${new Set(references).size} paths, ${elements.reduce((n, { declaration }) => n + (declaration.events?.length ?? 0), 0)} events; ${problems.length} difference${problems.length === 1 ? "" : "s"}`,
);
process.exitCode = problems.length ? 1 : 0;
