import type { CreditKitDataSource, OrgSettings } from "@creditkit/core";
import { provide } from "@lit/context";
import { css, html, LitElement, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";
import { dataSourceContext, type KitSettings, settingsContext } from "../context.js";
import { setKitLocale } from "../shared/localize.js";

/**
 * Hands the data source, the organisation's settings and the locale to every
 * creditkit element inside it, through `@lit/context`. It renders its children
 * and nothing else.
 *
 * @summary Provides the data source and settings to the creditkit elements below it.
 * @slot - The host's screen, with creditkit elements anywhere inside.
 */
export class CkProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The data source the elements read and record through (the embedded store, or the host's own). */
  @provide({ context: dataSourceContext })
  @property({ attribute: false })
  dataSource: CreditKitDataSource | undefined;

  /**
   * The locale money and dates are shown and typed in, and the elements' language (BCP 47, e.g. "es-MX" speaks
   * Spanish; a language the kit lacks falls back to English); default the page's language.
   */
  @property({ reflect: true })
  locale: string | undefined;

  /** Settings to use instead of the data source's own (for stories and hosts without a data source). */
  @property({ attribute: false })
  settings: OrgSettings | undefined;

  @provide({ context: settingsContext })
  @state()
  protected provided: KitSettings = { settings: undefined, locale: undefined };

  #loaded: OrgSettings | undefined;
  #unsubscribe: (() => void) | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("dataSource")) this.#watch();
    if (changed.has("dataSource") || changed.has("locale") || changed.has("settings")) this.#publish();
    if (!this.hasUpdated || changed.has("locale")) this.#speak();
  }

  /** Switches the elements' language to the one serving this locale (default the page's); a failed load keeps the current one. */
  #speak(): void {
    const locale = this.locale || (typeof document === "undefined" ? undefined : document.documentElement.lang) || undefined;
    setKitLocale(locale).catch(() => undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.dataSource && !this.#unsubscribe) this.#watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  /** Publishes the settings and locale, only when they changed: every consumer re-renders on a new value. */
  #publish(): void {
    const settings = this.settings ?? this.#loaded;
    const locale = this.locale || undefined;
    if (locale === this.provided.locale && sameSettings(settings, this.provided.settings)) return;
    this.provided = { settings, locale };
  }

  #watch(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#loaded = undefined;
    const source = this.dataSource;
    if (!source) return;
    // One read at a time: a burst of changes (a run posts thousands of credits) reads the settings once more, not once each.
    let reading = false;
    let stale = false;
    const load = (): void => {
      if (reading) {
        stale = true;
        return;
      }
      reading = true;
      stale = false;
      source
        .getSettings()
        .then(
          (settings) => {
            if (source !== this.dataSource) return;
            this.#loaded = settings;
            this.#publish();
          },
          () => undefined,
        )
        .finally(() => {
          reading = false;
          if (stale && source === this.dataSource) load();
        });
    };
    this.#unsubscribe = source.subscribe(load);
    load();
  }
}

/** Two settings objects with the same values (undefined only equals undefined). */
function sameSettings(a: OrgSettings | undefined, b: OrgSettings | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const keys = Object.keys(a) as (keyof OrgSettings)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
