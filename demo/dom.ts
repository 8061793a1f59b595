/** A tiny DOM builder for the demo host: attributes and text only, never HTML strings. */
import { showMessage } from "./messages.js";

export type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | boolean | undefined>;

/** `h("a", { href: "#/x" }, "text", node)`: strings become text nodes; `true` sets an empty attribute, `false`/undefined none. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) el.setAttribute(name, "");
    else if (typeof value === "string") el.setAttribute(name, value);
  }
  el.append(
    ...children
      .filter((c): c is Node | string | number => c !== false && c !== null && c !== undefined)
      .map((c) => (typeof c === "number" ? String(c) : c)),
  );
  return el;
}

/** A page: its heading (focused after navigation) and an optional lead paragraph. */
export function page(title: string, lead: string | undefined, ...children: Child[]): HTMLElement {
  return h("article", { class: "page" }, h("h1", { tabindex: "-1" }, title), lead ? h("p", { class: "lead" }, lead) : null, ...children);
}

/** A titled panel. */
export function panel(title: string, ...children: Child[]): HTMLElement {
  const id = `panel-${Math.random().toString(36).slice(2, 8)}`;
  return h("section", { class: "panel", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

/** A page message that clears itself after a few seconds (a polite status; see messages.ts). */
export function announce(text: string): void {
  showMessage(text, "status");
}

/** A page message about something that failed: announced at once, kept until dismissed or replaced. */
export function announceError(text: string): void {
  showMessage(text, "error");
}

/** Downloads `text` as a file. */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Today as YYYY-MM-DD in the browser's own time zone. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
