/**
 * The review table's rows on screen: a window over the shown rows, chosen
 * from the scroller's position, with the rows before and after it stood in
 * for by padding. Rows have one height (measured from a
 * rendered row), so nothing is measured per row and no row is positioned on
 * its own: a trace of a scroll through 95,000 rows laid out one transform per
 * row (as a general virtualiser does) showed style recalculation growing with
 * the scroll offset, up to hundreds of milliseconds a frame.
 */
import type { ReactiveControllerHost } from "lit";

/** Rows rendered beyond each edge of the visible ones. */
const OVERSCAN = 8;
/** A row's height until one is measured: min-block-size 40px plus its 1px border. */
const DEFAULT_ROW_HEIGHT = 41;
/** The scroller's height until it is measured: block-size min(60vh, 440px). */
const DEFAULT_VIEWPORT = 440;

export interface RowRange {
  readonly first: number;
  readonly last: number;
  /** Padding standing in for the rows before `first` and after `last`. */
  readonly before: number;
  readonly after: number;
}

export class RowWindow {
  #rowHeight = DEFAULT_ROW_HEIGHT;
  #viewport = DEFAULT_VIEWPORT;
  #scrollTop = 0;
  #range = "";
  #measured: Element | undefined;
  #resize: ResizeObserver | undefined;

  constructor(readonly host: ReactiveControllerHost) {}

  /** The rows to render out of `total`. */
  range(total: number): RowRange {
    const h = this.#rowHeight;
    const first = Math.max(0, Math.min(total, Math.floor(this.#scrollTop / h) - OVERSCAN));
    const last = Math.max(first, Math.min(total, Math.ceil((this.#scrollTop + this.#viewport) / h) + OVERSCAN));
    this.#range = `${first}:${last}:${total}`;
    return { first, last, before: first * h, after: (total - last) * h };
  }

  /** The scroller's scroll listener: renders again only when the window moves. */
  readonly onScroll = (event: Event): void => {
    const scroller = event.currentTarget as HTMLElement;
    this.#scrollTop = scroller.scrollTop;
    this.#viewport = scroller.clientHeight || this.#viewport;
    const total = Number(this.#range.split(":")[2] ?? 0);
    const before = this.#range;
    this.range(total);
    if (this.#range !== before) this.host.requestUpdate();
  };

  /** After a render: measures a row and the scroller once per scroller element (a new review), then renders again if they differ. */
  measure(scroller: HTMLElement | null): void {
    if (!scroller || scroller === this.#measured) return;
    const row = scroller.querySelector<HTMLElement>("[role=row]");
    if (!row) return;
    this.#measured = scroller;
    // A new width (the narrow layout stacks the names) can change the row height: measure again then.
    this.#resize?.disconnect();
    let first = true;
    this.#resize = new ResizeObserver(() => {
      if (first) first = false;
      else if (this.#measured === scroller) {
        this.#measured = undefined;
        this.host.requestUpdate();
      }
    });
    this.#resize.observe(scroller);
    const height = row.getBoundingClientRect().height;
    const viewport = scroller.clientHeight;
    let changed = scroller.scrollTop !== this.#scrollTop;
    this.#scrollTop = scroller.scrollTop;
    if (height > 0 && Math.abs(height - this.#rowHeight) > 0.01) {
      this.#rowHeight = height;
      changed = true;
    }
    if (viewport > 0 && viewport !== this.#viewport) {
      this.#viewport = viewport;
      changed = true;
    }
    if (changed) this.host.requestUpdate();
  }

  /** Stops watching the scroller (the element left the page). */
  dispose(): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#measured = undefined;
  }
}
