/**
 * #16 "Theming": the elements follow the colour scheme the host page gives
 * them (`color-scheme`, inherited), not only the operating system's: a light
 * host on a dark system shows a light balance card (it showed a pale card at
 * 1.7:1), a dark host on a light system a dark one, and `light dark` follows
 * the system. A brand that sets only light colours (`--ck-color-*`) keeps
 * readable dark colours in dark.
 */
import type { CkBalance } from "@creditkit/elements";
import "@creditkit/elements";
import { createMemoryDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { emulateMedia } from "@web/test-runner-commands";
import { contrast } from "./contrast.js";

const LIGHT_TEXT = "rgb(31, 31, 31)";
const DARK_TEXT = "rgb(227, 227, 227)";
const LIGHT_SURFACE = "rgb(255, 255, 255)";
const DARK_SURFACE = "rgb(31, 31, 31)";

/** A balance card inside a host region with `style` (its color-scheme, brand colours). */
async function card(style: string): Promise<{ text: string; surface: string }> {
  const source = await createMemoryDataSource({ currency: "USD" });
  await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
  const wrapper = await fixture<HTMLElement>(html`
    <div style=${style}><ck-provider .dataSource=${source} locale="en-US"><ck-balance account-id="fam-1"></ck-balance></ck-provider></div>
  `);
  const el = wrapper.querySelector("ck-balance") as CkBalance;
  await waitUntil(() => el.shadowRoot?.querySelector("[part~=balance]"), "the card shows");
  // The card paints the kit's surface itself (balance.styles.ts), and its text in the kit's colour.
  return { text: getComputedStyle(el).color, surface: getComputedStyle(el).backgroundColor };
}

describe("the elements follow the host's color-scheme (#16)", () => {
  after(() => emulateMedia({ colorScheme: "light" }));

  it("a light host on a dark system: a light card, readable", async () => {
    await emulateMedia({ colorScheme: "dark" });
    const { text, surface } = await card("color-scheme: light");
    expect([text, surface]).to.deep.equal([LIGHT_TEXT, LIGHT_SURFACE]);
    expect(contrast(text, surface)).to.be.at.least(4.5);
  });

  it("a dark host on a light system: a dark card", async () => {
    await emulateMedia({ colorScheme: "light" });
    expect(await card("color-scheme: dark")).to.deep.equal({ text: DARK_TEXT, surface: DARK_SURFACE });
  });

  it("a host that supports both follows the system", async () => {
    await emulateMedia({ colorScheme: "dark" });
    expect(await card("color-scheme: light dark")).to.deep.equal({ text: DARK_TEXT, surface: DARK_SURFACE });
    await emulateMedia({ colorScheme: "light" });
    expect(await card("color-scheme: light dark")).to.deep.equal({ text: LIGHT_TEXT, surface: LIGHT_SURFACE });
  });

  it("a brand that sets only light colours keeps readable dark ones in dark; --ck-dark-color-* brands dark", async () => {
    const brand = "--ck-color-text: rgb(40, 20, 60); --ck-color-surface: rgb(251, 248, 253);";
    await emulateMedia({ colorScheme: "light" });
    expect(await card(`color-scheme: light dark; ${brand}`)).to.deep.equal({ text: "rgb(40, 20, 60)", surface: "rgb(251, 248, 253)" });
    await emulateMedia({ colorScheme: "dark" });
    const dark = await card(`color-scheme: light dark; ${brand}`);
    expect(dark).to.deep.equal({ text: DARK_TEXT, surface: DARK_SURFACE });
    expect(contrast(dark.text, dark.surface)).to.be.at.least(4.5);
    expect(await card(`color-scheme: dark; ${brand} --ck-dark-color-surface: rgb(20, 10, 30);`)).to.deep.equal({
      text: DARK_TEXT,
      surface: "rgb(20, 10, 30)",
    });
  });
});
