/**
 * `@creditkit/elements/react` — types only: every `ck-*` tag in React 19's `JSX.IntrinsicElements`.
 *
 * React 19 sets a prop on a custom element as a property when the element has it (else as an attribute) and
 * adds a prop named `on` + name as an event listener for the event `name`, with no case change. So the pay
 * window's `ck-payment-recorded` is listened to through `onck-payment-recorded`, and the handler gets the
 * element's own event class (`PaymentRecordedEvent`, `e.detail.entries`).
 *
 * Use: `import type {} from "@creditkit/elements/react";` once in the host (or list it in `compilerOptions.types`).
 */
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type { CkElementOf, CkEventNameOf, CkPropsOf, CkTag } from "./elements.js";

/** `onck-…` handlers, named as React 19 attaches them (`on` + the event's name). */
export type CkReactEvents<Tag extends CkTag> = {
  [Name in CkEventNameOf<Tag> as `on${Name}`]?: (event: GlobalEventHandlersEventMap[Name]) => void;
};

/** A tag's props in React: its properties, its events, and React's own (`className`, `children`, `ref`, `key`, `style`…). */
export type CkReactProps<Tag extends CkTag> = CkPropsOf<Tag> &
  CkReactEvents<Tag> &
  Omit<DetailedHTMLProps<HTMLAttributes<CkElementOf<Tag>>, CkElementOf<Tag>>, keyof CkPropsOf<Tag>> & {
    /** React 19 passes `class` to a custom element as the attribute. */
    class?: string;
  };

export type CkReactIntrinsicElements = { [Tag in CkTag]: CkReactProps<Tag> };

declare module "react" {
  namespace JSX {
    interface IntrinsicElements extends CkReactIntrinsicElements {}
  }
}
