/**
 * #17.19: axe finds nothing in the account elements at a phone's width (390 px) and with a dark
 * operating-system setting, over realistic data (the demo's seeded families).
 */
import type { AccountSnapshot, LedgerEntry } from "@creditkit/core";
import type { CkMembersReport, CkPayWindow, CkTransactions } from "@creditkit/elements";
import "@creditkit/elements";
import { createMemoryDataSource, type StoreDataSource, seedDemoData } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { emulateMedia, sendKeys, setViewport } from "@web/test-runner-commands";

let seeded: Promise<StoreDataSource> | undefined;

/** Forty of the demo's families: fees, credits, payments and credit applied. */
function demoSource(): Promise<StoreDataSource> {
  seeded ??= (async () => {
    const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
    await seedDemoData(source, { seed: 7, families: 40 });
    return source;
  })();
  return seeded;
}

/** A family that owes and holds credit (the pay window's every part shows). */
async function owingWithCredit(source: StoreDataSource): Promise<AccountSnapshot> {
  const accounts = await source.getAccounts();
  const found =
    accounts.find((a) => Number(a.amountDue) > 0 && Number(a.accountCredit) > 0) ?? accounts.find((a) => Number(a.amountDue) > 0);
  if (!found) throw new Error("No family owes anything");
  return found;
}

const SETTINGS = [
  ["at a phone's width (390 px)", "light", 390],
  ["with a dark setting", "dark", 1024],
  ["dark at a phone's width", "dark", 390],
] as const;

describe("the account elements under axe: phone width and dark (#17.19)", () => {
  after(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 600 });
  });

  for (const [name, scheme, width] of SETTINGS) {
    describe(name, () => {
      beforeEach(async () => {
        await emulateMedia({ colorScheme: scheme });
        await setViewport({ width, height: 844 });
      });

      it("<ck-transactions>, the admin's page of every line", async () => {
        const source = await demoSource();
        const wrapper = await fixture<HTMLElement>(
          html`<ck-provider .dataSource=${source} locale="en-US"><ck-transactions allow-reverse></ck-transactions></ck-provider>`,
        );
        const el = wrapper.querySelector("ck-transactions") as CkTransactions;
        await waitUntil(() => el.lines.length > 0, "the lines show");
        await el.updateComplete;
        await expect(el).to.be.accessible();
        expect(el.getBoundingClientRect().right).to.be.at.most(window.innerWidth + 0.5);
      });

      it("<ck-transactions>, one member's", async () => {
        const source = await demoSource();
        const account = await owingWithCredit(source);
        const wrapper = await fixture<HTMLElement>(
          html`<ck-provider .dataSource=${source} locale="en-US"><ck-transactions audience="member" account-id=${account.account.id}></ck-transactions></ck-provider>`,
        );
        const el = wrapper.querySelector("ck-transactions") as CkTransactions;
        await waitUntil(() => el.lines.length > 0, "the lines show");
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });

      for (const channel of ["admin", "pos", "portal"] as const) {
        it(`<ck-pay-window channel="${channel}">`, async () => {
          const source = await demoSource();
          const account = await owingWithCredit(source);
          const wrapper = await fixture<HTMLElement>(
            html`<ck-provider .dataSource=${source} locale="en-US"><ck-pay-window channel=${channel} account-id=${account.account.id}></ck-pay-window></ck-provider>`,
          );
          const el = wrapper.querySelector("ck-pay-window") as CkPayWindow;
          await waitUntil(() => el.shadowRoot?.querySelector("[part~=fees]"), "the fees show");
          for (const box of el.shadowRoot?.querySelectorAll<HTMLInputElement>("[part~=fee] input[type=checkbox]:not(:checked)") ?? []) {
            box.click();
            await el.updateComplete;
          }
          await el.updateComplete;
          await expect(el).to.be.accessible();
        });
      }

      it("<ck-members-report>", async () => {
        const source = await demoSource();
        const wrapper = await fixture<HTMLElement>(
          html`<ck-provider .dataSource=${source} locale="en-US"><ck-members-report></ck-members-report></ck-provider>`,
        );
        const el = wrapper.querySelector("ck-members-report") as CkMembersReport;
        await waitUntil(() => el.rows.length > 0, "the accounts show");
        await waitUntil(() => el.shadowRoot?.querySelector("[part~=member-row]"), "the rows show");
        await el.updateComplete;
        await expect(el).to.be.accessible();
        // Each column's heading stays in its column (a narrow one wraps, "Amount / Due"), never running into the next.
        const headings = [...(el.shadowRoot?.querySelectorAll("[role=columnheader]") ?? [])].map((h) => ({
          cell: h.getBoundingClientRect(),
          text: (h.querySelector("button") ?? h).getBoundingClientRect(),
        }));
        for (const h of headings) expect(h.text.right).to.be.at.most(h.cell.right + 0.5);
      });

      it("<ck-balance>, owing and holding credit, and all zero", async () => {
        const source = await demoSource();
        const account = await owingWithCredit(source);
        const wrapper = await fixture<HTMLElement>(html`
          <ck-provider .dataSource=${source} locale="en-US">
            <ck-balance account-id=${account.account.id}></ck-balance>
            <ck-balance amount-due="0.00" account-credit="0.00"></ck-balance>
          </ck-provider>
        `);
        const [live, zero] = [...wrapper.querySelectorAll("ck-balance")] as HTMLElement[];
        await waitUntil(() => (live?.shadowRoot?.textContent ?? "").includes("$"), "the balance shows");
        await expect(live).to.be.accessible();
        await expect(zero).to.be.accessible();
      });
    });
  }
});

/** Large credits of three types, two of them partly voided: the summaries are wider than a phone's screen. */
async function wideSummariesSource(): Promise<StoreDataSource> {
  const source = await createMemoryDataSource({ currency: "USD", settings: { autoApply: false } });
  await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
  const grant = (n: number, creditType: string, amount: string): LedgerEntry => ({
    id: `g${n}#0`,
    key: `g${n}`,
    type: "Account Credit",
    accountId: "fam-1",
    grantId: `grant-${n}`,
    amount,
    date: "2026-11-02",
    description: `${creditType} credit`,
    creditType,
    source: { kind: "manual" },
  });
  const voided = (n: number, amount: string): LedgerEntry => ({
    id: `v${n}#0`,
    key: `v${n}`,
    type: "Void",
    accountId: "fam-1",
    amount,
    date: "2026-11-05",
    description: "Void: reversed run",
    target: { kind: "grant", grantId: `grant-${n}` },
  });
  for (const e of [
    grant(1, "Weather closure", "123456.78"),
    grant(2, "Goodwill gesture", "98765.43"),
    grant(3, "Facility maintenance closure", "45678.90"),
    voided(1, "23456.78"),
    voided(2, "8765.43"),
  ]) {
    await source.commit(e.key, [e]);
  }
  return source;
}

describe("<ck-transactions>: a summary wider than a phone's screen scrolls, and the keyboard reaches it (#17.19)", () => {
  after(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 600 });
  });

  async function mountWide(): Promise<{ el: CkTransactions; credits: HTMLElement }> {
    const source = await wideSummariesSource();
    const wrapper = await fixture<HTMLElement>(
      html`<ck-provider .dataSource=${source} locale="en-US"><ck-transactions></ck-transactions></ck-provider>`,
    );
    const el = wrapper.querySelector("ck-transactions") as CkTransactions;
    await waitUntil(() => el.shadowRoot?.querySelector("[part~=credits] tbody tr"), "the credits by type show");
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    return { el, credits: el.shadowRoot?.querySelector("[part~=credits]") as HTMLElement };
  }

  for (const scheme of ["light", "dark"] as const) {
    it(`at 390 px (${scheme}): the credits by type scroll sideways, are one Tab stop named by their caption, and axe finds nothing`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width: 390, height: 844 });
      const { el, credits } = await mountWide();
      expect(credits.scrollWidth).to.be.greaterThan(credits.clientWidth);
      await waitUntil(() => credits.getAttribute("tabindex") === "0", "the scrolling summary is focusable");
      expect(credits.getAttribute("aria-labelledby")).to.equal("credits-title");
      await expect(el).to.be.accessible();
      // From the keyboard: focus it, the arrow keys scroll it, a ring shows it.
      credits.focus();
      await sendKeys({ press: "ArrowRight" });
      await waitUntil(() => credits.scrollLeft > 0, "ArrowRight scrolls the summary");
      expect(getComputedStyle(credits).boxShadow).to.not.equal("none");
      expect(el.getBoundingClientRect().right).to.be.at.most(window.innerWidth + 0.5);
    });
  }

  it("wide enough to show it all, the summary is no Tab stop", async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 1400, height: 900 });
    const { el, credits } = await mountWide();
    expect(credits.scrollWidth).to.be.at.most(credits.clientWidth);
    expect(credits.hasAttribute("tabindex")).to.equal(false);
    await expect(el).to.be.accessible();
  });
});
