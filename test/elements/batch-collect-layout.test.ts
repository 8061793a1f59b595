/**
 * `<ck-batch-collect>` as a person sees it (#17 item 13): the tables' headers
 * stay in their own columns, nothing in the results is cut off (on a desktop
 * or a phone), and the preview counts invoices as the results do.
 */
import type { CkBatchCollect } from "@creditkit/elements";
import "@creditkit/elements";
import type { StoreDataSource } from "@creditkit/store";
import { expect, fixture, html, waitUntil } from "@open-wc/testing";
import { emulateMedia, setViewport } from "@web/test-runner-commands";
import { button, confirmBatch, type Family, familiesSource, OKAFOR, RIVERA, rowsOf, textIn, waitForRows } from "./report-helpers.js";

/** Credit covers the first of two invoices and part of the second. */
const LEE: Family = {
  id: "fam-lee",
  name: "Lee-Montgomery-Castellanos family",
  fees: [
    ["swim-nov", "30.00", "Swim lessons, November"],
    ["swim-dec", "40.00", "Swim lessons, December"],
  ],
  credit: "35.00",
  card: true,
};
const CHEN: Family = { id: "fam-chen", name: "Chen family", fees: [["dues-dec", "10.00", "Dues"]], credit: "25.00", card: true };
const XU: Family = { id: "fam-xu", name: "Xu family", fees: [["dues-dec", "30.00", "Dues"]], card: false };
const FAMILIES: readonly Family[] = [RIVERA, OKAFOR, LEE, CHEN, XU];

async function mount(source: StoreDataSource): Promise<CkBatchCollect> {
  const wrapper = await fixture<HTMLElement>(html`
    <ck-provider .dataSource=${source} locale="en-US">
      <ck-batch-collect batch-id="dues-2026-12" date="2026-12-01"></ck-batch-collect>
    </ck-provider>
  `);
  const el = wrapper.querySelector("ck-batch-collect") as CkBatchCollect;
  await waitForRows(el, "preview-row", FAMILIES.length);
  return el;
}

async function run(el: CkBatchCollect): Promise<void> {
  button(el, "Run batch").click();
  await confirmBatch(el);
  await waitUntil(() => el.status === "done", "the batch has run");
  await el.updateComplete;
}

/** Where the text inside `node` is drawn (the union of its line boxes), or undefined when it has none. */
function textBox(node: Element): DOMRect | undefined {
  const range = document.createRange();
  range.selectNodeContents(node);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  if (rects.length === 0) return undefined;
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.right));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  return new DOMRect(left, top, right - left, bottom - top);
}

const overlap = (a: DOMRect, b: DOMRect) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;

/** Each header of the table in `section`: its words, its box and where its words are drawn. */
function headers(el: CkBatchCollect, section: string) {
  const cells = [...(el.shadowRoot?.querySelectorAll<HTMLElement>(`${section} [role=columnheader]`) ?? [])];
  return cells.map((cell) => ({ label: (cell.textContent ?? "").trim(), box: cell.getBoundingClientRect(), text: textBox(cell) }));
}

/** Fails unless every header's words are drawn inside its own box and no two header boxes overlap. */
function expectHeadersApart(el: CkBatchCollect, section: string): void {
  const found = headers(el, section);
  expect(found.length, `${section}'s headers`).to.equal(6);
  for (const { label, box, text } of found) {
    expect(text, `"${label}" is drawn`).to.exist;
    const drawn = text as DOMRect;
    expect(drawn.left, `"${label}" starts inside its box`).to.be.at.least(box.left - 0.5);
    expect(drawn.right, `"${label}" ends inside its box`).to.be.at.most(box.right + 0.5);
  }
  for (const [i, a] of found.entries()) {
    for (const b of found.slice(i + 1)) {
      expect(overlap(a.box, b.box), `"${a.label}" and "${b.label}" overlap`).to.equal(false);
      expect(overlap(a.text as DOMRect, b.text as DOMRect), `the words "${a.label}" and "${b.label}" overlap`).to.equal(false);
    }
  }
}

/** Fails unless the table in `section` needs no sideways scroll and every cell's words are inside the table's visible box. */
function expectNothingClipped(el: CkBatchCollect, section: string): void {
  const table = el.shadowRoot?.querySelector<HTMLElement>(`${section} [role=table]`) as HTMLElement;
  expect(table.scrollWidth, `${section}'s table scrolls sideways`).to.be.at.most(table.clientWidth);
  const visible = table.getBoundingClientRect();
  const cells = [...table.querySelectorAll<HTMLElement>("[role=columnheader], [role=cell]")];
  expect(cells.length).to.be.above(6);
  for (const cell of cells) {
    const text = textBox(cell);
    if (!text) continue;
    const what = `"${(cell.textContent ?? "").trim()}"`;
    expect(text.left, `${what} is cut off at the start`).to.be.at.least(visible.left);
    expect(text.right, `${what} is cut off at the end`).to.be.at.most(visible.right);
  }
  const host = el.getBoundingClientRect();
  expect(host.right, "the element fits the page").to.be.at.most(document.documentElement.clientWidth + 0.5);
}

describe("<ck-batch-collect> as a person sees it", () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: "light" });
    await setViewport({ width: 800, height: 600 });
  });

  for (const width of [1280, 1000, 800, 390]) {
    it(`at ${width} px: the headers stay apart and nothing in the results is cut off`, async () => {
      await setViewport({ width, height: 900 });
      const el = await mount(await familiesSource(FAMILIES));
      // The count's noun is drawn only when the rows fold.
      const noun = el.shadowRoot?.querySelector("[part~=preview-row] .noun") as Element;
      expect(getComputedStyle(noun, "::after").content === "none").to.equal(width >= 1000);
      expectHeadersApart(el, ".preview");
      expectNothingClipped(el, ".preview");
      await run(el);
      await waitForRows(el, "result-row", 6);
      expectHeadersApart(el, ".results");
      expectNothingClipped(el, ".results");
      // The last column's words whole, as read: "Charged to card", not "Charged to ca…".
      expect(headers(el, ".results").map((h) => h.label)).to.include("Charged to card");
      expect(rowsOf(el, "totals").at(-1)).to.deep.equal(["Total: 6 invoices", "$330.00", "$100.00", "$200.00"]);
    });
  }

  it("at a phone's width, each row reads as three lines with its amounts at the end, under the header's legend", async () => {
    await setViewport({ width: 390, height: 844 });
    const el = await mount(await familiesSource(FAMILIES));
    const [account, invoices, due, credit, card, what] = headers(el, ".preview").map((h) => h.box);
    // The header folds as the rows do: the amounts one under the other at the end.
    expect(Math.round(due?.left ?? 0)).to.equal(Math.round(credit?.left ?? 1));
    expect(Math.round(credit?.left ?? 0)).to.equal(Math.round(card?.left ?? 1));
    expect((due?.top ?? 0) < (credit?.top ?? 0) && (credit?.top ?? 0) < (card?.top ?? 0)).to.equal(true);
    expect((account?.right ?? 0) <= (due?.left ?? 0) + 0.5).to.equal(true);
    expect((invoices?.top ?? 0) < (what?.top ?? 0)).to.equal(true);
    const row = el.shadowRoot?.querySelector("[part~=preview-row]") as HTMLElement;
    const cells = [...row.querySelectorAll<HTMLElement>("[role=cell]")].map((c) => c.getBoundingClientRect());
    expect(Math.round(cells[2]?.left ?? 0)).to.equal(Math.round(due?.left ?? 1));
    expect(Math.round(cells[4]?.left ?? 0)).to.equal(Math.round(card?.left ?? 1));
    // Under the name, the count says what it counts.
    const nouns = [...(el.shadowRoot?.querySelectorAll("[part~=preview-row] .noun") ?? [])].map(
      (n) => getComputedStyle(n, "::after").content,
    );
    expect(
      nouns.map((n) =>
        n
          .replace(/"/g, "")
          .replace(/\s*\/\s*$/, "")
          .trim(),
      ),
    ).to.deep.equal(["invoice", "invoice", "invoices", "invoice", "invoice"]);
    // The results' table shows several whole rows at once, not one between its header and totals.
    await run(el);
    const table = el.shadowRoot?.querySelector(".results [role=table]") as HTMLElement;
    const head = (table.querySelector(".head") as HTMLElement).getBoundingClientRect();
    const foot = (table.querySelector(".foot") as HTMLElement).getBoundingClientRect();
    const whole = [...table.querySelectorAll("[part~=result-row]")].filter((r) => {
      const box = r.getBoundingClientRect();
      return box.top >= head.bottom - 0.5 && box.bottom <= foot.top + 0.5;
    });
    expect(whole.length).to.be.at.least(4);
    // The totals fold as the rows do: each total under its column's header.
    const totals = [...(table.querySelector("[part~=totals]")?.querySelectorAll("[role=cell]") ?? [])].map((c) =>
      c.getBoundingClientRect(),
    );
    const [, , , dueHead, creditHead, chargedHead] = headers(el, ".results").map((h) => h.box);
    expect(totals.slice(1).map((b) => Math.round(b.right))).to.deep.equal(
      [dueHead, creditHead, chargedHead].map((b) => Math.round(b?.right ?? 0)),
    );
  });

  it("the preview counts invoices, in the results' words, and the results say how many accounts", async () => {
    const source = await familiesSource(FAMILIES);
    const el = await mount(source);
    expect(textIn(el, ".preview .lead")).to.equal(
      "6 invoices on 5 accounts: 2 to be paid by credit, 3 by card and credit, 1 to be declined (no card on file).",
    );
    // The per-account table still says what happens to each account.
    expect(rowsOf(el, "preview-row").map((r) => [r[0], r[1], r[5]])).to.deep.equal([
      ["Rivera family", "1", "Card and credit"],
      ["Okafor family", "1", "Card and credit"],
      ["Lee-Montgomery-Castellanos family", "2", "Card and credit"],
      ["Chen family", "1", "Credit only"],
      ["Xu family", "1", "Card only; no card on file: the charge will be declined"],
    ]);
    await run(el);
    expect(textIn(el, ".results .lead")).to.equal("6 invoices on 5 accounts: 5 paid, 1 left unpaid.");
    // Said once in view: the announcement of the same stays for screen readers only, and the bar says it is finished.
    const announcement = el.shadowRoot?.querySelector("[role=status].announcement") as HTMLElement;
    expect(announcement.textContent?.trim()).to.equal("Done: 6 invoices, 5 paid, 1 left unpaid.");
    expect(announcement.getBoundingClientRect().height).to.be.at.most(1);
    expect(textIn(el, "#progress-label")).to.equal("Collection finished");
    // What the preview said, invoice by invoice, is what happened.
    const counted = (outcome: string) => textIn(el, `.results [data-outcome=${outcome}] dd`);
    expect(["paid-by-credit", "paid-by-charge-and-credit", "paid-by-charge", "declined"].map(counted)).to.deep.equal(["2", "3", "0", "1"]);
    expect(rowsOf(el, "result-row").map((r) => [r[1], (r[2] ?? "").replace(/ No card.*$/, "")])).to.deep.equal([
      ["fam-20:tuition-nov", "Paid by card and credit"],
      ["fam-200:dues-dec", "Paid by card and credit"],
      ["fam-lee:swim-nov", "Paid by credit"],
      ["fam-lee:swim-dec", "Paid by card and credit"],
      ["fam-chen:dues-dec", "Paid by credit"],
      ["fam-xu:dues-dec", "Declined: left unpaid"],
    ]);
    // Afterwards the preview counts the same invoices again: paid ones have nothing due.
    await waitUntil(() => textIn(el, ".preview .lead").endsWith("with nothing due."), "the preview shows the accounts now");
    expect(textIn(el, ".preview .lead")).to.equal("6 invoices on 5 accounts: 1 to be declined (no card on file), 5 with nothing due.");
  });

  for (const [name, scheme, width] of [
    ["light", "light", 1280],
    ["dark", "dark", 1280],
    ["at 390 px", "light", 390],
    ["dark at 390 px", "dark", 390],
  ] as const) {
    it(`is accessible before and after a run, ${name}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      await setViewport({ width, height: 900 });
      const el = await mount(await familiesSource(FAMILIES));
      await expect(el).to.be.accessible();
      await run(el);
      await expect(el).to.be.accessible();
    });
  }
});
