/**
 * The provider's locale, for the wizard: a context consumer that renders its
 * host again only when the locale changes. `@consume` renders on every value
 * the provider publishes, and the provider publishes after every change to
 * the data source — 95,000 renders while a run posts 95,000 credits (a fifth
 * of the main thread's time while processing, in a trace of
 * `npm run bench:wizard`).
 */
import { ContextEvent } from "@lit/context";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { type KitSettings, settingsContext } from "../context.js";

export class ProvidedLocale implements ReactiveController {
  /** The provider's locale; undefined until provided, or when the provider has none. */
  locale: string | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** Stable identity: the provider tells a callback it already holds apart from a new one. */
  readonly #receive = (value: KitSettings, unsubscribe?: () => void): void => {
    if (this.#unsubscribe && this.#unsubscribe !== unsubscribe) this.#unsubscribe();
    this.#unsubscribe = unsubscribe;
    if (value?.locale === this.locale) return;
    this.locale = value?.locale;
    this.host.requestUpdate();
  };

  hostConnected(): void {
    this.host.dispatchEvent(new ContextEvent(settingsContext, this.host, this.#receive, true));
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
