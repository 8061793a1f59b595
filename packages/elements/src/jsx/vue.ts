/**
 * `@creditkit/elements/vue` — types only: every `ck-*` tag in Vue 3's `GlobalComponents`, after Vue's guide on
 * typing non-Vue custom elements (a constructor whose instance is the element plus `$props` and `$emit`).
 *
 * Vue sets a prop as a property when the element has it (else as an attribute); `@ck-payment-recorded` in a template
 * (`onCk-payment-recorded` in `h()`) listens to the element's `ck-payment-recorded` event, which arrives as the
 * element's own event class.
 *
 * Use: `import type {} from "@creditkit/elements/vue";` once in the host (or list it in `compilerOptions.types`).
 * Vue still needs `compilerOptions.isCustomElement: (tag) => tag.startsWith("ck-")` to render them as elements.
 */
import type { AllowedComponentProps, EmitFn, HTMLAttributes, VNodeProps } from "vue";
import type { CkElementOf, CkEventNameOf, CkPropsOf, CkTag } from "./elements.js";

/** `onCk-…` listeners, as Vue names a template's `@ck-…` in props. */
export type CkVueEvents<Tag extends CkTag> = {
  [Name in CkEventNameOf<Tag> as `on${Capitalize<Name>}`]?: (event: GlobalEventHandlersEventMap[Name]) => void;
};

/** A tag's props in Vue: its properties, its events, and the HTML attributes (`class`, `style`, `id`…). */
export type CkVueProps<Tag extends CkTag> = CkPropsOf<Tag> &
  CkVueEvents<Tag> &
  Omit<HTMLAttributes, keyof CkPropsOf<Tag>> &
  VNodeProps &
  AllowedComponentProps;

/** What a template type-checker reads for a tag: the element, its props and the events it emits. */
export type CkVueComponent<Tag extends CkTag> = new () => CkElementOf<Tag> & {
  /** For template type-checking only; not a property of the element. */
  $props: CkVueProps<Tag>;
  /** For template type-checking only; not a method of the element. */
  $emit: EmitFn<{ [Name in CkEventNameOf<Tag>]: (event: GlobalEventHandlersEventMap[Name]) => void }>;
};

export type CkVueGlobalComponents = { [Tag in CkTag]: CkVueComponent<Tag> };

declare module "vue" {
  interface GlobalComponents extends CkVueGlobalComponents {}
}
