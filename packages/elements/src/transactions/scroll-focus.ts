/**
 * Keeps the keyboard able to scroll a region that overflows: a region matching
 * the selector that is wider (or taller) than its box gets `tabindex="0"` (it
 * must already be named, e.g. by `aria-labelledby`), so arrow keys scroll it
 * (WCAG 2.1.1, axe `scrollable-region-focusable`); one that fits is no Tab
 * stop. Checked after every render and whenever a region's box is resized
 * (a phone turned, a window narrowed).
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

export class ScrollFocusController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #selector: string;
  readonly #seen = new WeakSet<Element>();
  #observer: ResizeObserver | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, selector: string) {
    this.#host = host;
    this.#selector = selector;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer ??= new ResizeObserver((entries) => {
      for (const entry of entries) mark(entry.target);
    });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  hostUpdated(): void {
    const root = this.#host.shadowRoot;
    if (!root) return;
    for (const region of root.querySelectorAll(this.#selector)) {
      mark(region);
      if (!this.#seen.has(region) && this.#observer) {
        this.#seen.add(region);
        this.#observer.observe(region);
      }
    }
  }
}

function mark(region: Element): void {
  const scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
  if (scrolls && region.getAttribute("tabindex") !== "0") region.setAttribute("tabindex", "0");
  else if (!scrolls && region.hasAttribute("tabindex")) region.removeAttribute("tabindex");
}
