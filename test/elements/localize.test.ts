import type { CkBalance, CkProvider } from "@creditkit/elements";
import { kitLanguageFor, kitLocale, kitLocales, registerKitLocale, setKitLocale } from "@creditkit/elements";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";

// A host's own language, registered before the page's first switch (as the kit asks).
registerKitLocale("fr", { templates: { sa78ae49fcfd5ce47: "Montant dû", s20f4593e80481831: "Crédit du compte" } });

const labelsOf = (balance: CkBalance) =>
  [...(balance.shadowRoot?.querySelectorAll("[part~=label]") ?? [])].map((label) => label.textContent?.replace(":", "").trim());

async function balanceIn(locale: string) {
  const provider = await fixture<CkProvider>(html`
    <ck-provider locale=${locale}><ck-balance amount-due="20.00" account-credit="5.00" currency="USD"></ck-balance></ck-provider>
  `);
  return { provider, balance: provider.querySelector("ck-balance") as CkBalance };
}

describe("the elements' language", () => {
  afterEach(() => setKitLocale("en"));

  it("serves a locale by its exact tag, else its language, else English", () => {
    expect(kitLocales()).to.include.members(["en", "es", "ar", "fr"]);
    expect(kitLanguageFor("es-MX")).to.equal("es");
    expect(kitLanguageFor("ar-EG")).to.equal("ar");
    expect(kitLanguageFor("de-DE")).to.equal("en");
    expect(kitLanguageFor(undefined)).to.equal("en");
  });

  it("follows the provider's locale: Spanish, then Arabic, then English again", async () => {
    const { provider, balance } = await balanceIn("es-MX");
    await waitUntil(() => labelsOf(balance)[0] === "Importe adeudado", "Spanish labels");
    expect(labelsOf(balance)).to.deep.equal(["Importe adeudado", "Crédito en cuenta"]);
    expect(kitLocale()).to.equal("es");

    provider.locale = "ar";
    await waitUntil(() => labelsOf(balance)[0] === "المبلغ المستحق", "Arabic labels");
    expect(labelsOf(balance)).to.deep.equal(["المبلغ المستحق", "رصيد الحساب"]);

    provider.locale = "en-US";
    await waitUntil(() => labelsOf(balance)[0] === "Amount Due", "English labels");
  });

  it("speaks a language the host registered", async () => {
    const { balance } = await balanceIn("fr-CA");
    await waitUntil(() => labelsOf(balance)[0] === "Montant dû", "French labels");
    expect(labelsOf(balance)).to.deep.equal(["Montant dû", "Crédit du compte"]);
  });

  it("refuses a language registered after the first switch, and keeps speaking", async () => {
    await setKitLocale("es");
    expect(() => registerKitLocale("de", { templates: {} })).to.throw(/register languages first/);
  });
});
