/**
 * Issue #17 item 17: every element's focus ring is solid and at least 3:1
 * against the surface it sits on (WCAG 2.2 focus appearance), in light and in
 * dark — it was the accent at 45% opacity, about 2.1:1 on white.
 */
import "@creditkit/elements";
import { createMemoryDataSource } from "@creditkit/store";
import { expect, fixture, html } from "@open-wc/testing";
import { emulateMedia, sendKeys } from "@web/test-runner-commands";
import { contrast } from "./contrast.js";

/** The colours of a computed box-shadow, in order ("rgb(…) 0px 0px 0px 2px, rgb(…) …"). */
const shadowColors = (shadow: string) => shadow.match(/rgba?\([^)]*\)/g) ?? [];

describe("focus rings", () => {
  after(() => emulateMedia({ colorScheme: "light" }));

  for (const scheme of ["light", "dark"] as const) {
    it(`are solid and at least 3:1 against the surface (${scheme})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const source = await createMemoryDataSource({ currency: "USD" });
      await source.openAccounts([{ id: "fam-1", name: "Rivera family", kind: "family" }]);
      const wrapper = await fixture<HTMLElement>(html`
        <ck-provider .dataSource=${source} locale="en-US">
          <ck-account-search label="Find a family"></ck-account-search>
          <ck-pay-window channel="pos" heading="Sale"></ck-pay-window>
        </ck-provider>
      `);
      const search = wrapper.querySelector("ck-account-search") as HTMLElement & { updateComplete: Promise<boolean> };
      await search.updateComplete;
      const input = search.shadowRoot?.querySelector("input") as HTMLInputElement;
      input.focus();
      await sendKeys({ press: "Shift+Tab" });
      await sendKeys({ press: "Tab" });
      const style = getComputedStyle(input);
      const colors = shadowColors(style.boxShadow);
      expect(colors, style.boxShadow).to.have.length(2);
      const [gap, ring] = colors as [string, string];
      expect(ring).not.to.match(/rgba\([^)]*,\s*0?\.\d+\)/, "the ring is opaque");
      const surface = getComputedStyle(search).getPropertyValue("--_ck-surface").trim();
      const host = document.createElement("div");
      host.style.color = surface;
      document.body.append(host);
      const surfaceRgb = getComputedStyle(host).color;
      host.remove();
      expect(gap).to.equal(surfaceRgb);
      expect(contrast(ring, surfaceRgb), `${ring} on ${surfaceRgb}`).to.be.at.least(3);
    });
  }
});
