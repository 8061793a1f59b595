/** `<ck-batch-collect>` asks before it charges: the totals in a modal dialog; Escape or Cancel charges nothing. */
import type { CkBatchCollect } from "@creditkit/elements";
import "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { emulateMedia, sendKeys, sendMouse, setViewport } from "@web/test-runner-commands";
import { button, type Family, familiesSource, OKAFOR, RIVERA, waitForRows } from "./report-helpers.js";

const NO_CARD: Family = { id: "fam-x", name: "Xu family", fees: [["dues-dec", "30.00", "Dues"]], card: false };

async function mount(source: StoreDataSource): Promise<CkBatchCollect> {
  const wrapper = await fixture<HTMLElement>(html`
    <ck-provider .dataSource=${source} locale="en-US">
      <ck-batch-collect batch-id="dues-2026-12" date="2026-12-01"></ck-batch-collect>
    </ck-provider>
  `);
  const el = wrapper.querySelector("ck-batch-collect") as CkBatchCollect;
  await waitForRows(el, "preview-row", 3);
  return el;
}

function dialogOf(el: CkBatchCollect): HTMLDialogElement {
  const dialog = el.shadowRoot?.querySelector<HTMLDialogElement>("dialog[part~=confirm-dialog]");
  if (!dialog) throw new Error("No confirmation dialog");
  return dialog;
}

/** Each figure of the confirmation as read: [label, value]. */
function confirmFigures(el: CkBatchCollect): string[][] {
  return [...dialogOf(el).querySelectorAll(".figures > div")].map((d) =>
    [d.querySelector("dt"), d.querySelector("dd")].map((x) => (x?.textContent ?? "").trim()),
  );
}

/** Clicks an element with the mouse, as a person does. */
async function clickOn(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({ type: "click", position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

const focusedId = (el: CkBatchCollect) => el.shadowRoot?.activeElement?.id || el.shadowRoot?.activeElement?.getAttribute("part");

describe("<ck-batch-collect> confirmation", () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 600 });
  });

  it("Run asks first with the totals; Escape charges nothing and puts focus back on Run", async () => {
    const source = await familiesSource([RIVERA, OKAFOR, NO_CARD]);
    const el = await mount(source);
    await expect(el).to.be.accessible();
    await clickOn(button(el, "Run batch"));
    await waitUntil(() => dialogOf(el).open, "the confirmation opens");
    expect(dialogOf(el).matches(":modal")).to.equal(true);
    expect(dialogOf(el).querySelector("h3")?.textContent?.trim()).to.equal("Collect from 3 accounts?");
    expect(confirmFigures(el)).to.deep.equal([
      ["Accounts", "3"],
      ["Invoices", "3"],
      ["To charge to cards", "$195.00"],
      ["Credit to use", "$55.00"],
    ]);
    expect(dialogOf(el).querySelector("#confirm-body")?.textContent?.replace(/\s+/g, " ").trim()).to.equal(
      "Up to $195.00 will be charged to the cards on file and up to $55.00 of Account Credit used: each invoice is paid in full or left unpaid. 1 account without a card on file will be declined.",
    );
    // Focus goes in, on the safe choice.
    expect(focusedId(el)).to.equal("confirm-cancel");
    await expect(el).to.be.accessible();
    await sendKeys({ press: "Escape" });
    await waitUntil(() => !dialogOf(el).open, "the confirmation closes");
    await el.updateComplete;
    expect(el.status).to.equal("idle");
    expect(source.gateway.attempts()).to.equal(0);
    expect((await source.listEntries()).filter((e) => e.type === "Payment" || e.type === "Payment (AC)")).to.have.length(0);
    expect(focusedId(el)).to.equal("run");
  });

  it("Cancel charges nothing; Charge runs the batch", async () => {
    const source = await familiesSource([RIVERA, OKAFOR, NO_CARD]);
    const el = await mount(source);
    await clickOn(button(el, "Run batch"));
    await waitUntil(() => dialogOf(el).open, "the confirmation opens");
    await clickOn(dialogOf(el).querySelector("#confirm-cancel") as HTMLElement);
    await waitUntil(() => !dialogOf(el).open, "the confirmation closes");
    expect(source.gateway.attempts()).to.equal(0);
    expect(focusedId(el)).to.equal("run");

    await clickOn(button(el, "Run batch"));
    await waitUntil(() => dialogOf(el).open, "the confirmation opens again");
    const charge = dialogOf(el).querySelector("#confirm-run") as HTMLButtonElement;
    expect(charge.textContent?.trim()).to.equal("Charge $195.00");
    await clickOn(charge);
    await waitUntil(() => el.status === "done", "the batch has run");
    expect(source.gateway.charges().map((c) => c.amount)).to.deep.equal(["15.00", "150.00"]);
  });

  it("Run again asks again, with what the re-run would charge", async () => {
    const source = await familiesSource([RIVERA, OKAFOR]);
    await source.gateway.script("fam-200", ["decline"]);
    const el = await (async () => {
      const wrapper = await fixture<HTMLElement>(html`
        <ck-provider .dataSource=${source} locale="en-US"><ck-batch-collect batch-id="b" date="2026-12-01"></ck-batch-collect></ck-provider>
      `);
      const batch = wrapper.querySelector("ck-batch-collect") as CkBatchCollect;
      await waitForRows(batch, "preview-row", 2);
      return batch;
    })();
    button(el, "Run batch").click();
    await waitUntil(() => dialogOf(el).open, "the confirmation opens");
    (dialogOf(el).querySelector("#confirm-run") as HTMLButtonElement).click();
    await waitUntil(() => el.status === "done", "the batch has run");
    await waitUntil(() => button(el, "Run again") !== undefined);
    button(el, "Run again").click();
    await waitUntil(() => dialogOf(el).open, "the confirmation opens before the re-run");
    await waitUntil(() => confirmFigures(el)[2]?.[1] === "$150.00", "only the declined invoice is left to charge");
    expect(confirmFigures(el)[0]).to.deep.equal(["Accounts", "1"]);
    await sendKeys({ press: "Escape" });
    await waitUntil(() => !dialogOf(el).open);
    expect(source.gateway.charges()).to.have.length(1);
  });

  for (const [name, scheme, width] of [
    ["dark", "dark", 800],
    ["a phone's width", "light", 390],
  ] as const) {
    it(`is accessible with the confirmation open, ${name}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 844 });
      const el = await mount(await familiesSource([RIVERA, OKAFOR, NO_CARD]));
      await expect(el).to.be.accessible();
      button(el, "Run batch").click();
      await waitUntil(() => dialogOf(el).open, "the confirmation opens");
      await expect(el).to.be.accessible();
      const box = dialogOf(el).getBoundingClientRect();
      expect(box.left).to.be.at.least(0);
      expect(box.right).to.be.at.most(window.innerWidth);
    });
  }
});
