/**
 * #16 "Theming": a host styles the Apply Credit switch inside the pay window
 * through the parts the pay window exports from `<ck-credit-toggle>`
 * (`toggle-switch`, `toggle-track`, `toggle-thumb`, …), from its own style
 * sheet, as it styles any other part.
 */
import type { CkCreditToggle } from "@creditkit/elements";
import "@creditkit/elements";
import { expect } from "@open-wc/testing";
import { accountSource, mountPayWindow, q } from "./helpers.js";

describe("<ck-pay-window> exports its Apply Credit switch's parts (#16)", () => {
  let sheet: HTMLStyleElement | undefined;
  afterEach(() => sheet?.remove());

  it("a host's ::part(toggle-thumb), ::part(toggle-track) and ::part(toggle-label) reach inside the switch", async () => {
    sheet = document.createElement("style");
    sheet.textContent = `
      ck-pay-window::part(toggle-thumb) { background-color: rgb(1, 2, 3); }
      ck-pay-window::part(toggle-track) { outline: 3px solid rgb(4, 5, 6); }
      ck-pay-window::part(toggle-label) { letter-spacing: 7px; }
    `;
    document.head.append(sheet);
    const pw = await mountPayWindow(await accountSource({ fees: [{ id: "f1", amount: "40.00" }], credit: "25.00" }), "admin");
    const toggle = q<CkCreditToggle>(pw, "ck-credit-toggle");
    await toggle.updateComplete;
    const inner = (selector: string) => toggle.shadowRoot?.querySelector(selector) as HTMLElement;
    expect(getComputedStyle(inner("[part~=thumb]")).backgroundColor).to.equal("rgb(1, 2, 3)");
    expect(getComputedStyle(inner("[part~=track]")).outlineColor).to.equal("rgb(4, 5, 6)");
    expect(getComputedStyle(inner("[part~=label]")).letterSpacing).to.equal("7px");
  });
});
