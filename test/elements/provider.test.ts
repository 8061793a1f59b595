/** <ck-provider>: what it hands down, and that it hands down a new value only when something changed. */
import { type KitSettings, settingsContext } from "@creditkit/elements";
import { ContextConsumer } from "@lit/context";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { LitElement } from "lit";
import { ACCOUNT, accountSource } from "./helpers.js";

/** A consumer that records every value the provider publishes (each one re-renders a real element). */
class SettingsProbe extends LitElement {
  readonly seen: KitSettings[] = [];
  protected readonly consumer = new ContextConsumer(this, {
    context: settingsContext,
    subscribe: true,
    callback: (value) => this.seen.push(value),
  });
}
customElements.define("ck-test-settings-probe", SettingsProbe);

async function mount(locale = "en-US") {
  const source = await accountSource({ fees: [{ id: "tuition", amount: "20.00" }] });
  const provider = await fixture<HTMLElement & { locale: string }>(html`
    <ck-provider .dataSource=${source} locale=${locale}><ck-test-settings-probe></ck-test-settings-probe></ck-provider>
  `);
  const probe = provider.querySelector("ck-test-settings-probe") as SettingsProbe;
  await waitUntil(() => probe.seen.at(-1)?.settings !== undefined, "the probe receives the settings");
  return { source, provider, probe };
}

/** Lets the provider's reads of the settings after each change finish. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("<ck-provider>", () => {
  it("hands down the data source's settings and the locale", async () => {
    const { probe } = await mount("de-DE");
    expect(probe.seen.at(-1)).to.deep.equal({
      settings: { autoApply: false, overpaymentToCredit: false, portalPartialPayments: false },
      locale: "de-DE",
    });
  });

  it("publishes nothing new when the data changes but the settings do not (a run posting credits re-renders nobody)", async () => {
    const { source, probe } = await mount();
    const before = probe.seen.length;
    for (let i = 0; i < 20; i++) {
      const key = `credit/${i}`;
      await source.commit(key, [
        {
          id: `${key}#0`,
          key,
          type: "Account Credit",
          accountId: ACCOUNT,
          grantId: `g${i}`,
          amount: "1.00",
          date: "2026-11-02",
          description: "Goodwill",
          creditType: "Goodwill",
          source: { kind: "manual" },
        },
      ]);
    }
    await settle();
    expect(probe.seen.length).to.equal(before);
  });

  it("publishes once when a setting changes, and again when the locale changes", async () => {
    const { source, provider, probe } = await mount();
    const before = probe.seen.length;
    await source.updateSettings({ autoApply: true });
    await waitUntil(() => probe.seen.at(-1)?.settings?.autoApply === true, "the new setting reaches the consumer");
    await settle();
    expect(probe.seen.length).to.equal(before + 1);
    provider.locale = "fr-FR";
    await waitUntil(() => probe.seen.at(-1)?.locale === "fr-FR", "the new locale reaches the consumer");
    expect(probe.seen.length).to.equal(before + 2);
    expect(probe.seen.at(-1)?.settings?.autoApply).to.equal(true);
  });
});
