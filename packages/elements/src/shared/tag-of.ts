/**
 * The tag a composite element writes for an element it contains (the pay
 * window's Apply Credit switch, the members report's search and balances):
 * the name the host registered that class under, so a host that registers
 * the classes under its own names (`@creditkit/elements/classes`) gets its
 * own inner elements; the kit's default name until the class is registered.
 * For templates of `lit/static-html.js`.
 */
import { type StaticValue, unsafeStatic } from "lit/static-html.js";

const known = new WeakMap<CustomElementConstructor, { name: string; tag: StaticValue }>();

export function tagOf(element: CustomElementConstructor, fallback: string): StaticValue {
  // A registered name is a valid custom element name (the registry checked it), so it is safe as static markup.
  const name = customElements.getName?.(element) ?? fallback;
  let entry = known.get(element);
  if (entry?.name !== name) {
    entry = { name, tag: unsafeStatic(name) };
    known.set(element, entry);
  }
  return entry.tag;
}
