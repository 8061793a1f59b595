/**
 * For report elements that read only the provider's locale: the provider
 * publishes a new settings object each time it re-reads the settings (after
 * every ledger change), and a batch writes thousands of changes. Comparing
 * the locale alone keeps those publications from re-rendering a table.
 */
import type { KitSettings } from "../context.js";

export function localeChanged(next: KitSettings | undefined, previous: KitSettings | undefined): boolean {
  return next?.locale !== previous?.locale;
}
