/** #17 item 7: <ck-account-search>, the accessible combobox the members report, the point of sale and the portal's family switch share. */
import type { AccountSelectEvent, CkAccountSearch, CkMembersReport, MemberActionEvent } from "@creditkit/elements";
import "@creditkit/elements";
import { createMemoryDataSource } from "@creditkit/store";
import { expect, fixture, html, oneEvent, waitUntil } from "@open-wc/testing";
import { emulateMedia, sendKeys, setViewport } from "@web/test-runner-commands";

const SURNAMES = ["Rivera", "Okafor", "Nguyen", "Müller", "Smith", "Garcia", "Khan", "Cohen", "Silva", "Tanaka", "Dubois"];
const GIVEN = ["Ana", "Ben", "Chloé", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jörg", "Kim"];

/** 601 families, "Surname, Given" with a number where names repeat (as the demo's 601 are). */
const ACCOUNTS = Array.from({ length: 601 }, (_, i) => {
  const name = `${SURNAMES[i % SURNAMES.length]}, ${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
  return { id: `fam-${String(i + 1).padStart(4, "0")}`, name: i < 121 ? name : `${name} ${Math.floor(i / 121)}` };
});

const inputOf = (el: Element) => el.shadowRoot?.querySelector("input") as HTMLInputElement;
const options = (el: Element) => [...(el.shadowRoot?.querySelectorAll("[role=option]") ?? [])] as HTMLElement[];
const statusOf = (el: Element) => el.shadowRoot?.querySelector("[role=status]")?.textContent?.trim();
const activeText = (el: Element) => {
  const id = inputOf(el).getAttribute("aria-activedescendant");
  return id ? el.shadowRoot?.getElementById(id)?.querySelector(".name")?.textContent : undefined;
};

async function mountSearch(): Promise<CkAccountSearch> {
  const el = await fixture<CkAccountSearch>(html`<ck-account-search label="Customer" .accounts=${ACCOUNTS}></ck-account-search>`);
  await el.updateComplete;
  return el;
}

async function type(el: Element, text: string): Promise<void> {
  inputOf(el).focus();
  await sendKeys({ type: text });
  await (el as CkAccountSearch).updateComplete;
}

async function press(el: Element, key: string): Promise<void> {
  await sendKeys({ press: key });
  await (el as CkAccountSearch).updateComplete;
}

describe("<ck-account-search> (#17.7)", () => {
  beforeEach(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 700 });
  });

  it("is an ARIA 1.2 combobox with a listbox, accessible closed and open", async () => {
    const el = await mountSearch();
    await expect(el).to.be.accessible();
    const input = inputOf(el);
    expect(input.getAttribute("role")).to.equal("combobox");
    expect(input.getAttribute("aria-controls")).to.equal("listbox");
    expect(input.getAttribute("aria-autocomplete")).to.equal("list");
    expect(input.getAttribute("aria-expanded")).to.equal("false");
    expect(el.shadowRoot?.querySelector("label")?.textContent?.trim()).to.equal("Customer");
    expect(statusOf(el)).to.equal("601 accounts: type to search.");
    await type(el, "okafor, ch");
    expect(input.getAttribute("aria-expanded")).to.equal("true");
    expect(el.shadowRoot?.getElementById("listbox")?.getAttribute("role")).to.equal("listbox");
    await expect(el).to.be.accessible();
  });

  it("typing filters (any order of words, accents ignored); arrows move, wrapping; Enter picks; the event bubbles out composed", async () => {
    const el = await mountSearch();
    await type(el, "jorg muller");
    const names = options(el).map((o) => o.querySelector(".name")?.textContent);
    expect(names.length).to.be.greaterThan(0);
    expect(names.every((n) => n?.startsWith("Müller, Jörg"))).to.equal(true);
    expect(statusOf(el)).to.equal(`${names.length} accounts match.`);
    expect(inputOf(el).hasAttribute("aria-activedescendant")).to.equal(false);
    await press(el, "ArrowDown");
    expect(activeText(el)).to.equal(names[0]);
    expect(options(el)[0]?.getAttribute("aria-selected")).to.equal("true");
    await press(el, "ArrowDown");
    expect(activeText(el)).to.equal(names[1]);
    await press(el, "ArrowUp");
    await press(el, "ArrowUp");
    expect(activeText(el), "ArrowUp from the first wraps to the last").to.equal(names.at(-1));
    await press(el, "ArrowDown");
    expect(activeText(el), "ArrowDown from the last wraps to the first").to.equal(names[0]);
    await press(el, "ArrowDown");
    const picked = oneEvent(document, "ck-account-select") as Promise<AccountSelectEvent>;
    await press(el, "Enter");
    const event = await picked;
    expect(event.composed && event.bubbles).to.equal(true);
    expect(event.detail.name).to.equal(names[1]);
    expect(event.detail.accountId).to.equal(ACCOUNTS.find((a) => a.name === names[1])?.id);
    expect(el.value).to.equal(event.detail.accountId);
    expect(inputOf(el).value).to.equal(names[1]);
    expect(inputOf(el).getAttribute("aria-expanded")).to.equal("false");
    expect(statusOf(el)).to.equal(`Chosen: ${names[1]} (${event.detail.accountId}).`);
  });

  it("lists at most 50 and says how many match; Escape closes the list, a second Escape clears the text", async () => {
    const el = await mountSearch();
    await type(el, "a");
    expect(options(el)).to.have.length(50);
    expect(statusOf(el)).to.match(/^[\d,]+ accounts match; the first 50 are listed: type more to narrow\.$/);
    await press(el, "Escape");
    expect(inputOf(el).getAttribute("aria-expanded")).to.equal("false");
    expect(inputOf(el).value).to.equal("a");
    await press(el, "Escape");
    expect(inputOf(el).value).to.equal("");
    await type(el, "zzz");
    expect(statusOf(el)).to.equal("No account matches “zzz”.");
    expect(inputOf(el).getAttribute("aria-expanded")).to.equal("false");
  });

  it("a click on an option picks it; names are text, never HTML", async () => {
    const hostile = { id: "fam-x", name: "<img src=x onerror=alert(1)> Rivera" };
    const el = await fixture<CkAccountSearch>(html`<ck-account-search .accounts=${[...ACCOUNTS, hostile]}></ck-account-search>`);
    await type(el, "img");
    expect(el.shadowRoot?.querySelector("img")).to.equal(null);
    const picked = oneEvent(el, "ck-account-select") as Promise<AccountSelectEvent>;
    options(el)[0]?.click();
    expect((await picked).detail.accountId).to.equal("fam-x");
  });

  it("lists the provided data source's accounts", async () => {
    const source = await createMemoryDataSource({ currency: "USD" });
    await source.openAccounts(ACCOUNTS.slice(0, 30).map((a) => ({ ...a, kind: "family" as const })));
    const wrapper = await fixture<HTMLElement>(
      html`<ck-provider .dataSource=${source}><ck-account-search></ck-account-search></ck-provider>`,
    );
    const el = wrapper.querySelector("ck-account-search") as CkAccountSearch;
    await waitUntil(() => statusOf(el) === "30 accounts: type to search.", "the accounts are read");
    await type(el, "tanaka");
    expect(options(el).map((o) => o.querySelector(".name")?.textContent)).to.deep.equal(["Tanaka, Ana", "Tanaka, Ben"]);
  });

  for (const [name, scheme, width] of [
    ["dark", "dark", 800],
    ["at a phone's width", "light", 390],
  ] as const) {
    it(`is accessible with the list open, ${name}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 844 });
      const el = await mountSearch();
      await type(el, "ri");
      await press(el, "ArrowDown");
      await expect(el).to.be.accessible();
      const list = el.shadowRoot?.getElementById("listbox") as HTMLElement;
      expect(list.getBoundingClientRect().right).to.be.at.most(window.innerWidth);
    });
  }
});

describe("<ck-members-report>: the search over 601 accounts (#17.7)", () => {
  it("typing narrows the table; picking with the keyboard opens that account (the row's action)", async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 1024, height: 800 });
    const source = await createMemoryDataSource({ currency: "USD" });
    await source.openAccounts(ACCOUNTS.map((a) => ({ ...a, kind: "family" as const })));
    const wrapper = await fixture<HTMLElement>(
      html`<ck-provider .dataSource=${source}><ck-members-report></ck-members-report></ck-provider>`,
    );
    const report = wrapper.querySelector("ck-members-report") as CkMembersReport;
    await waitUntil(() => report.rows.length === 601, "every account shows");
    const search = report.shadowRoot?.querySelector("ck-account-search") as CkAccountSearch;
    expect(search.getAttribute("part")).to.equal("search");
    await type(search, "dubois, fat");
    await report.updateComplete;
    const count = report.shadowRoot?.querySelector(".count")?.textContent?.trim();
    expect(count).to.equal(`Showing ${report.rows.length} of 601 accounts`);
    expect(report.rows.every((r) => r.name.startsWith("Dubois, Fatima"))).to.equal(true);
    await press(search, "ArrowDown");
    const action = oneEvent(wrapper, "ck-member-action") as Promise<MemberActionEvent>;
    await press(search, "Enter");
    const event = await action;
    expect(event.detail.name.startsWith("Dubois, Fatima")).to.equal(true);
    await expect(report).to.be.accessible();
  });
});
