/**
 * What creditkit elements receive from their host through `@lit/context`:
 * the data-source port and the organisation's settings with the locale.
 * `<ck-provider>` provides both; any element can also be driven without them.
 */
import type { CreditKitDataSource, OrgSettings } from "@creditkit/core";
import { ContextRoot, createContext } from "@lit/context";

/** The data source every creditkit element below a provider reads and records through. */
export const dataSourceContext = createContext<CreditKitDataSource | undefined>(Symbol.for("creditkit.data-source"));

/** The organisation's settings and the locale money is shown and typed in. */
export interface KitSettings {
  /** Undefined until the provider has read them from the data source. */
  readonly settings: OrgSettings | undefined;
  /** A BCP 47 tag such as "en-US" or "de-DE"; undefined means the page's language. */
  readonly locale: string | undefined;
}

/** The settings and locale every creditkit element below a provider uses. */
export const settingsContext = createContext<KitSettings>(Symbol.for("creditkit.settings"));

/**
 * Markup written in the page before the kit's script (the READMEs' own HTML,
 * or `creditkit.js` by a script tag at the end of the body) upgrades its
 * elements in document order, so an element may ask for its data source
 * before `<ck-provider>` is defined to answer. A `ContextRoot` on the
 * document keeps those unanswered requests and asks again once a provider
 * appears. Attached once, by the first element module loaded (every element
 * imports this one before it registers), and only in a page.
 */
const ROOTED = Symbol.for("creditkit.context-root");
if (typeof document !== "undefined" && !(ROOTED in document)) {
  Object.defineProperty(document, ROOTED, { value: true });
  new ContextRoot().attach(document.documentElement);
}
