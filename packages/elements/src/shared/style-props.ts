/**
 * `style=${styleProps({ "inline-size": "30%" })}`: style properties set
 * through the CSSOM only (`style.setProperty`), never as a `style`
 * attribute. Lit's `styleMap` writes the attribute on its first render, which
 * a page with `style-src 'self'` refuses (one CSP violation per element, the
 * style lost); this is the same binding without that first write, so the kit
 * works under a strict Content Security Policy. Property names as in CSS
 * (`grid-column`, `--_ck-columns`); an undefined value removes the property.
 */
import { noChange } from "lit";
import { type AttributePart, Directive, directive, type PartInfo, PartType } from "lit/directive.js";

type StyleProps = Readonly<Record<string, string | undefined>>;

class StylePropsDirective extends Directive {
  #set = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== "style") throw new Error("styleProps belongs in a style attribute binding");
  }

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [StyleProps]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    const set = new Set<string>();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined) continue;
      style.setProperty(name, value);
      set.add(name);
    }
    for (const name of this.#set) if (!set.has(name)) style.removeProperty(name);
    this.#set = set;
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
