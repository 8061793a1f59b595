/**
 * #16 "Theming and CSP": the kit works under a strict Content Security
 * Policy — `style-src 'self'` (no inline style attributes) and Trusted Types
 * enforced (`require-trusted-types-for 'script'`, policies `lit-html` and the
 * kit's `creditkit`). A frame loads csp/host.html (the policy in its meta
 * tag), which renders every element with data, a progress bar and the
 * wizard's preview worker, and counts the policy's violations: 0. A probe
 * that breaks the policy on purpose proves the count works.
 */
import { expect } from "@open-wc/testing";
import type { CspReport } from "./csp/host.js";

async function openHost(): Promise<{ frame: HTMLIFrameElement; report: CspReport }> {
  const frame = document.createElement("iframe");
  frame.style.inlineSize = "1024px";
  frame.style.blockSize = "800px";
  const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
  frame.src = new URL("./csp/host.html", import.meta.url).href;
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as unknown as { cspReport?: Promise<CspReport> };
  const started = Date.now();
  while (!win.cspReport && Date.now() - started < 15000) await new Promise((r) => setTimeout(r, 50));
  if (!win.cspReport) throw new Error("the host page did not start");
  return { frame, report: await win.cspReport };
}

describe("the kit under a strict CSP: style-src 'self' and Trusted Types (#16)", () => {
  it("renders every element with data, a progress bar and the preview worker with 0 violations", async () => {
    const { frame, report } = await openHost();
    try {
      expect(report.rendered).to.have.length(8);
      expect(report.inWorker, "the preview worker started through the creditkit policy").to.equal(true);
      expect(report.violations, JSON.stringify(report.violations)).to.deep.equal([]);
      const doc = frame.contentDocument as Document;
      const bar = doc.querySelector(".bar .fill") as HTMLElement;
      expect(bar.style.inlineSize, "the bar's width set through the CSSOM").to.equal("30%");
    } finally {
      frame.remove();
    }
  });

  it("counts what breaks the policy: an inline style attribute is one violation", async () => {
    const { frame, report } = await openHost();
    try {
      const doc = frame.contentDocument as Document;
      const probe = doc.createElement("div");
      doc.body.append(probe);
      probe.setAttribute("style", "color: red");
      await new Promise((r) => setTimeout(r, 100));
      expect(report.violations.map((v) => v.directive)).to.deep.equal(["style-src-attr"]);
      expect(probe.style.color, "the inline style was refused").to.equal("");
    } finally {
      frame.remove();
    }
  });
});
