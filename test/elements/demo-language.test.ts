/**
 * The demo host's language picker (demo/language.ts): it sets the provider's locale, the page's lang and
 * direction, re-words the host's chrome, and remembers the choice.
 */
import type { CkProvider } from "@creditkit/elements";
import { setKitLocale } from "@creditkit/elements";
import "@creditkit/elements";
import { expect, fixture, html } from "@open-wc/testing";
import { savedLanguage, startLanguagePicker, t } from "../../demo/language.js";

const KEY = "creditkit-demo:locale";

describe("the demo's language picker", () => {
  afterEach(async () => {
    localStorage.removeItem(KEY);
    document.documentElement.lang = "en";
    document.documentElement.removeAttribute("dir");
    await setKitLocale("en");
  });

  it("switches the provider, <html lang dir> and the host's words, and remembers the choice", async () => {
    const root = await fixture<HTMLElement>(html`
      <div>
        <label><span data-text="language">Language</span> <select id="language"></select></label>
        <a href="#/admin/transactions" data-text="transactions">Transactions</a>
        <ck-provider locale="en-US"></ck-provider>
      </div>
    `);
    const select = root.querySelector("select") as HTMLSelectElement;
    const provider = root.querySelector("ck-provider") as CkProvider;
    let changes = 0;
    startLanguagePicker(select, provider, () => changes++);
    expect([...select.options].map((o) => [o.value, o.lang, o.textContent])).to.deep.equal([
      ["en-US", "en", "English"],
      ["es-US", "es", "Español"],
      ["ar", "ar", "العربية"],
    ]);
    expect(select.value).to.equal("en-US");

    select.value = "ar";
    select.dispatchEvent(new Event("change"));
    expect(provider.locale).to.equal("ar");
    expect(document.documentElement.lang).to.equal("ar");
    expect(document.documentElement.dir).to.equal("rtl");
    expect(root.querySelector("a")?.textContent).to.equal("المعاملات");
    expect(t("Welcome, {name}", { name: "Ana" })).to.equal("مرحبًا، Ana");
    expect(localStorage.getItem(KEY)).to.equal("ar");
    expect(savedLanguage().locale).to.equal("ar");
    expect(changes).to.equal(1);

    select.value = "en-US";
    select.dispatchEvent(new Event("change"));
    expect(document.documentElement.dir).to.equal("ltr");
    expect(root.querySelector("a")?.textContent).to.equal("Transactions");
    expect(root.querySelector("[data-text=language]")?.textContent).to.equal("Language");
  });
});
