/**
 * The demo host's page messages (demo/messages.ts), in the demo's own markup and styles: beside the page,
 * never over a control; a status clears itself, an error stays until dismissed (button or Escape) or replaced.
 */
import { expect, waitUntil } from "@open-wc/testing";
import { emulateMedia, sendKeys, sendMouse, setViewport } from "@web/test-runner-commands";
import { announce, announceError } from "../../demo/dom.js";
import { currentMessage, startMessages } from "../../demo/messages.js";
import { money, paymentMessage } from "../../demo/pages/shared.js";

let stop: () => void = () => {};
const added: Element[] = [];

/** The demo's index.html body (without its script) and demo.css, with a page whose last control sits at the bottom right. */
async function mountDemo(statusMs = 400): Promise<{ layout: HTMLElement; control: HTMLButtonElement }> {
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/demo/demo.css";
  const loaded = new Promise((resolve) => css.addEventListener("load", resolve));
  document.head.append(css);
  added.push(css);
  await loaded;
  const markup = new DOMParser().parseFromString(await (await fetch("/demo/index.html")).text(), "text/html");
  for (const script of markup.querySelectorAll("script")) script.remove();
  const nodes = [...markup.body.children].map((node) => document.adoptNode(node));
  document.body.append(...nodes);
  added.push(...nodes);
  const view = document.getElementById("view") as HTMLElement;
  view.innerHTML = `<article class="page"><h1 tabindex="-1">Point of sale</h1>
    <div style="height: 600px"></div>
    <div class="row" style="justify-content: flex-end"><button type="button" id="record">Record payment</button></div>
    <div style="height: 1200px"></div></article>`;
  stop = startMessages({ statusMs });
  return { layout: document.querySelector(".layout") as HTMLElement, control: document.getElementById("record") as HTMLButtonElement };
}

const box = () => document.getElementById("messages") as HTMLElement;
const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Clicks an element's centre with the mouse and says what the click landed on. */
async function clickOn(target: Element): Promise<Element | null> {
  const r = target.getBoundingClientRect();
  const [x, y] = [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)];
  const hit = document.elementFromPoint(x, y);
  await sendMouse({ type: "click", position: [x, y] });
  return hit;
}

const LONG = "Clark, Sofia: payment recorded, $40.00 of Account Credit applied. The rest was charged to the card on file.";

describe("the demo's page messages", () => {
  afterEach(async () => {
    stop();
    for (const node of added.splice(0)) node.remove();
    window.scrollTo(0, 0);
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 600 });
  });

  it("at 1280×800 a message sits beside the page: the point of sale's button under it still takes the click", async () => {
    await setViewport({ width: 1280, height: 800 });
    const { control } = await mountDemo(60000);
    control.scrollIntoView({ block: "end" });
    const clicked = new Promise((resolve) => control.addEventListener("click", resolve, { once: true }));
    announce(LONG);
    await waitUntil(() => document.getElementById("status")?.textContent === LONG, "the status shows");
    expect(box().getBoundingClientRect().height).to.be.greaterThan(0);
    const view = document.getElementById("view") as HTMLElement;
    expect(overlaps(box().getBoundingClientRect(), view.getBoundingClientRect())).to.equal(false);
    expect(await clickOn(control)).to.equal(control);
    await clicked;
    // Scrolled down, the message is still in sight and still beside the page.
    window.scrollTo(0, 900);
    const shown = box().getBoundingClientRect();
    expect(shown.top).to.be.at.least(0);
    expect(shown.bottom).to.be.at.most(800);
    expect(overlaps(shown, view.getBoundingClientRect())).to.equal(false);
  });

  it("a status is announced politely and clears itself after a few seconds", async () => {
    await mountDemo(400);
    announce("Swim cap added to the sale.");
    const status = document.getElementById("status") as HTMLElement;
    expect(status.getAttribute("role")).to.equal("status");
    await waitUntil(() => status.textContent === "Swim cap added to the sale.", "the status shows");
    expect(currentMessage()).to.deep.equal({ kind: "status", text: "Swim cap added to the sale." });
    await waitUntil(() => currentMessage() === undefined, "the status clears itself", { timeout: 3000 });
    expect(status.textContent).to.equal("");
    expect((document.getElementById("dismiss") as HTMLButtonElement).hidden).to.equal(true);
    expect(box().getBoundingClientRect().height).to.equal(0);
  });

  it("an error is an alert that stays until Escape; a new message replaces it", async () => {
    await mountDemo(200);
    announceError("Not saved: the browser's storage is full.");
    const alert = document.getElementById("alert") as HTMLElement;
    expect(alert.getAttribute("role")).to.equal("alert");
    await waitUntil(() => alert.textContent === "Not saved: the browser's storage is full.", "the error shows");
    await new Promise((r) => setTimeout(r, 500));
    expect(currentMessage()?.kind).to.equal("error");
    await sendKeys({ press: "Escape" });
    expect(currentMessage()).to.equal(undefined);
    expect(alert.textContent).to.equal("");

    announceError("Not restored, nothing changed: backup.json is not a JSON file.");
    await waitUntil(() => currentMessage()?.text.startsWith("Not restored") === true);
    announce("Backup restored: 601 accounts and 1 mass-credit run.");
    await waitUntil(() => currentMessage()?.text.startsWith("Backup restored") === true, "the status replaces the error");
    expect(alert.textContent).to.equal("");
  });

  it("Dismiss (clicked) removes the message and puts focus on the page's heading", async () => {
    await mountDemo(60000);
    announceError("Not saved: the browser's storage is full.");
    const dismiss = document.getElementById("dismiss") as HTMLButtonElement;
    await waitUntil(() => !dismiss.hidden && currentMessage()?.text !== "", "the error shows with Dismiss");
    expect(dismiss.textContent).to.equal("Dismiss");
    expect(dismiss.getAttribute("aria-label")).to.equal("Dismiss message");
    expect(await clickOn(dismiss)).to.equal(dismiss);
    expect(currentMessage()).to.equal(undefined);
    expect(document.activeElement?.textContent).to.equal("Point of sale");
  });

  for (const [name, scheme, width] of [
    ["light", "light", 1280],
    ["dark", "dark", 1280],
    ["at a phone's width", "light", 390],
  ] as const) {
    it(`is accessible with a status and with an error shown, ${name}, and covers nothing`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 800 });
      const { layout } = await mountDemo(60000);
      for (const show of [() => announce(LONG), () => announceError("Not saved: the browser's storage is full.")]) {
        show();
        await waitUntil(() => (currentMessage()?.text ?? "") !== "", "the message shows");
        await expect(layout).to.be.accessible();
        const view = document.getElementById("view") as HTMLElement;
        expect(overlaps(box().getBoundingClientRect(), view.getBoundingClientRect())).to.equal(false);
        expect(box().getBoundingClientRect().right).to.be.at.most(width);
      }
    });
  }

  it("says amounts as money, in the currency and the provider's locale", () => {
    expect(paymentMessage("The sale", "committed", "10.00")).to.equal("The sale: payment recorded, $10.00 of Account Credit applied.");
    expect(paymentMessage("The sale", "committed", "0.00")).to.equal("The sale: payment recorded.");
    expect(`${money("795.00")} in all`).to.equal("$795.00 in all");
    expect(`Swim cap ${money("12.00")}`).to.equal("Swim cap $12.00");
  });
});
