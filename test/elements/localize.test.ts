import type { CkBalance, CkProvider } from "@creditkit/elements";
import { kitLanguageFor, kitLocale, kitLocales, registerKitLocale, setKitLocale } from "@creditkit/elements";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";

// A host's own languages, registered before the page's first switch (as the kit asks).
registerKitLocale("fr", { templates: { sa78ae49fcfd5ce47: "Montant dû", s20f4593e80481831: "Crédit du compte" } });
registerKitLocale("pt-br", { templates: { sa78ae49fcfd5ce47: "Valor devido" } });
// Italian's module fails to load the first time (the page was offline), then loads.
let italianLoads = 0;
registerKitLocale("it", async () => {
  italianLoads += 1;
  if (italianLoads === 1) throw new Error("offline");
  return { templates: { sa78ae49fcfd5ce47: "Importo dovuto" } };
});

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
    expect(kitLanguageFor("ES-mx"), "case does not matter").to.equal("es");
    expect(kitLanguageFor("pt-BR-u-nu-latn"), "subtags dropped from the end").to.equal("pt-BR");
    expect(kitLanguageFor("pt-PT")).to.equal("en");
    expect(kitLanguageFor("not a tag!")).to.equal("en");
  });

  it("loads a language again after a failed load, and keeps speaking the last one meanwhile", async () => {
    const { balance } = await balanceIn("en-US");
    await setKitLocale("es");
    let failure: unknown;
    await setKitLocale("it").catch((error) => {
      failure = error;
    });
    expect(String(failure)).to.contain("offline");
    expect(kitLocale()).to.equal("es");
    expect(await setKitLocale("it-IT")).to.equal("it");
    await waitUntil(() => labelsOf(balance)[0] === "Importo dovuto", "Italian labels");
    expect(italianLoads).to.equal(2);
  });

  it("tells both of two switches at once which language is spoken: the later", async () => {
    const [first, second] = await Promise.all([setKitLocale("es"), setKitLocale("ar")]);
    expect([first, second, kitLocale()]).to.deep.equal(["ar", "ar", "ar"]);
  });

  it("refuses to register a language under a name that is not a language tag", () => {
    expect(() => registerKitLocale("es_MX", { templates: {} })).to.throw(/not a language tag|register languages first/);
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

  it("keeps a currency's symbol whole in a right-to-left line: Arabic reads US$ then the number, not $US", async () => {
    const page = await fixture<HTMLElement>(html`
      <div dir="rtl" lang="ar">
        <ck-balance amount-due="75.00" account-credit="0.00" currency="USD" locale="ar"></ck-balance>
      </div>
    `);
    const balance = page.querySelector("ck-balance") as CkBalance;
    const amount = balance.shadowRoot?.querySelector("[part~=due] [part~=amount]") as HTMLElement;
    expect(amount.textContent).to.contain("\u2066US$\u2069");
    // Where the "$" is drawn: right after "US" (the symbol stays one left-to-right unit), not at the line's far end.
    const text = [...amount.childNodes].find((node): node is Text => node.nodeType === Node.TEXT_NODE && node.textContent !== "") as Text;
    const at = (index: number) => {
      const range = document.createRange();
      range.setStart(text, index);
      range.setEnd(text, index + 1);
      return range.getBoundingClientRect();
    };
    const content = text.data;
    const u = at(content.indexOf("US$")),
      dollar = at(content.indexOf("US$") + 2);
    expect(dollar.left, "the $ to the right of US").to.be.greaterThan(u.left);
    const digit = at(content.search(/[0-9\u0660-\u0669]/));
    expect(digit.left, "the number to the right of the symbol (read first, right to left)").to.be.greaterThan(dollar.left);
    // English is unchanged: no isolates.
    const english = await fixture<CkBalance>(
      html`<ck-balance amount-due="75.00" account-credit="0.00" currency="USD" locale="en-US"></ck-balance>`,
    );
    expect(english.shadowRoot?.querySelector("[part~=due] [part~=amount]")?.textContent).to.equal("$75.00");
  });
});
