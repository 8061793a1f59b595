/**
 * Long tables' rows on screen: a window over the rows, chosen from the
 * scroller's position, with the rows before and after it stood in for by
 * padding on their rowgroup. Rows are taken to have one height (measured
 * from the rendered rows), so nothing is measured per row and no row is
 * positioned on its own: a trace of a scroll through 95,000 rows laid out
 * one transform per row (as a general virtualiser does) showed style
 * recalculation growing with the scroll offset, up to hundreds of
 * milliseconds a frame.
 *
 * Rows are kept in slots: the row at index i always renders into slot
 * `i mod slots`, so a row that stays in the window keeps its elements, and a
 * row that enters takes over the elements of one that left, its text and
 * attributes updated in place. Keyed by row, a jump of a screenful removed
 * every row and built as many new ones each frame (template clones, style
 * and layout of new elements): frames of 50–80 ms in `npm run bench:wizard`.
 *
 * `windowRows(rows, key, renderRow)` is the directive the tables use: put it
 * as the only content of the body rowgroup, whose parent element is the
 * scroller. Each use keeps its own window and re-renders only its rows.
 *
 * Focus: when the window moves, the slots are put back in row order, and an
 * element moved in the page loses focus. So a focused control whose row
 * stays in the window gets focus back once the rows are in place (a keyboard
 * user going down a long table goes on row after row), and one whose row
 * leaves hands focus to the table (or is blurred when the table cannot take
 * it), so focus never stays on an element that now shows another row.
 *
 * `rendered`, when given, is called once the window has moved and its rows
 * are in the page (a scroll renders them outside the host's update): a grid
 * keeping one Tab stop checks there whether its stop is still on screen.
 */
import { AsyncDirective, directive, type PartInfo, PartType } from "lit/async-directive.js";
import type { ChildPart } from "lit/directive.js";
import { repeat } from "lit/directives/repeat.js";

/** Rows rendered beyond each edge of the visible ones (rows are rendered in the scroll event, before the frame is painted). */
const OVERSCAN = 3;
/** A row's height until one is measured: min-block-size 40px plus its 1px border. */
const DEFAULT_ROW_HEIGHT = 41;
/** The scroller's height until it is measured. */
const DEFAULT_VIEWPORT = 440;

export interface RowRange {
  readonly first: number;
  readonly last: number;
  /** Padding standing in for the rows before `first` and after `last`. */
  readonly before: number;
  readonly after: number;
}

/** What a window re-renders when it moves. */
export interface Invalidate {
  requestUpdate(): void;
}

export class RowWindow {
  #rowHeight = DEFAULT_ROW_HEIGHT;
  #viewport = DEFAULT_VIEWPORT;
  #scrollTop = 0;
  /** Where the rows start in the scroller's content (a sticky header above them). */
  #offset = 0;
  #range = "";
  #measured: Element | undefined;
  #resize: ResizeObserver | undefined;

  constructor(readonly host: Invalidate) {}

  /** The rows to render out of `total`. */
  /**
   * The rows to render out of `total`: always `capacity()` of them (or all,
   * when fewer), so every slot is in use and a scroll builds no row.
   */
  range(total: number): RowRange {
    const h = this.#rowHeight;
    const top = Math.max(0, this.#scrollTop - this.#offset);
    const size = Math.min(total, this.capacity());
    const first = Math.max(0, Math.min(total - size, Math.floor(top / h) - OVERSCAN));
    const last = first + size;
    this.#range = `${first}:${last}:${total}`;
    return { first, last, before: first * h, after: (total - last) * h };
  }

  /** How many rows a window holds: the visible ones (a row cut at each edge) and the overscan on both sides. */
  capacity(): number {
    return Math.ceil(this.#viewport / this.#rowHeight) + 1 + 2 * OVERSCAN;
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

  /** Whether `scroller` has been measured (and has not been resized since). */
  measured(scroller: Element): boolean {
    return this.#measured === scroller;
  }

  /**
   * After a render: measures the rows of `group` (the scroller's rows' rowgroup,
   * by default its first one) and the scroller, once per scroller element,
   * then renders again if they differ.
   */
  measure(scroller: HTMLElement | null, group: Element | null = scroller?.querySelector("[role=rowgroup]") ?? null): void {
    if (!scroller || !group || scroller === this.#measured || !scroller.isConnected) return;
    const rows = [...group.children].filter((r) => r.getAttribute("role") === "row");
    if (rows.length === 0) return;
    const box = scroller.getBoundingClientRect();
    if (box.height === 0) return;
    this.#measured = scroller;
    // A new width (a narrow layout wraps or stacks cells) can change the row height: measure again then.
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
    const top = rows[0]?.getBoundingClientRect().top ?? 0;
    const bottom = rows.at(-1)?.getBoundingClientRect().bottom ?? 0;
    const height = (bottom - top) / rows.length;
    const offset = group.getBoundingClientRect().top - box.top - scroller.clientTop + scroller.scrollTop;
    const viewport = scroller.clientHeight;
    let changed = scroller.scrollTop !== this.#scrollTop;
    this.#scrollTop = scroller.scrollTop;
    if (height > 0 && Math.abs(height - this.#rowHeight) > 0.01) {
      this.#rowHeight = height;
      changed = true;
    }
    if (Math.abs(offset - this.#offset) > 0.5) {
      this.#offset = offset;
      changed = true;
    }
    if (viewport > 0 && viewport !== this.#viewport) {
      this.#viewport = viewport;
      changed = true;
    }
    if (changed) this.host.requestUpdate();
  }

  /** Stops watching the scroller (the table left the page). */
  dispose(): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
    this.#measured = undefined;
  }
}

/** The child indexes from `ancestor` down to `element`. */
function pathTo(ancestor: Element, element: Element): number[] {
  const path: number[] = [];
  for (let node: Element = element; node !== ancestor && node.parentElement; node = node.parentElement) {
    path.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
  }
  return path;
}

/** The element `path` leads to from `start`, if there is one. */
function follow(start: Element | undefined, path: readonly number[]): Element | undefined {
  let node = start;
  for (const i of path) node = node?.children[i];
  return node;
}

type RowsArgs<T> = [rows: readonly T[], key: (row: T) => string, renderRow: (row: T, index: number) => unknown, rendered?: () => void];

class WindowRowsDirective<T> extends AsyncDirective {
  readonly #window = new RowWindow({ requestUpdate: () => this.#refresh() });
  #args: RowsArgs<T> | undefined;
  #group: HTMLElement | undefined;
  #scroller: HTMLElement | undefined;
  #measuring = false;
  /** The rows last rendered from, and the window's first index. */
  #shown: { readonly rows: readonly T[]; readonly first: number } = { rows: [], first: 0 };

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error("windowRows() goes in a rowgroup's content");
  }

  render(rows: readonly T[], key: (row: T) => string, renderRow: (row: T, index: number) => unknown, _rendered?: () => void): unknown {
    const { first, last, before, after } = this.#window.range(rows.length);
    this.#keepFocus(rows, key, first, last);
    this.#group?.style.setProperty("padding-block", `${before}px ${after}px`);
    // One slot per row of a full window (a new viewport or row height re-keys every slot, once).
    const slots = Math.max(1, this.#window.capacity());
    this.#shown = { rows, first };
    return repeat(
      rows.slice(first, last),
      (_row, i) => (first + i) % slots,
      (row, i) => renderRow(row, first + i),
    );
  }

  /** Keeps focus in the table when the window moves (see the module comment). */
  #keepFocus(rows: readonly T[], key: (row: T) => string, first: number, last: number): void {
    const group = this.#group;
    const shown = this.#shown;
    if (!group || shown.rows.length === 0) return;
    const root = group.getRootNode() as Document | ShadowRoot;
    const active = root.activeElement;
    const row = active && group.contains(active) ? active.closest("[role=row]") : null;
    if (!active || !row) return;
    // Rows are the group's only elements, in window order.
    const at = shown.first + Array.prototype.indexOf.call(group.children, row);
    const focused = shown.rows[at];
    const now = rows[at];
    const stays = focused !== undefined && now !== undefined && at >= first && at < last && key(now) === key(focused);
    if (stays) {
      const path = pathTo(row, active);
      // After this render is in the page: the row's slot may have moved.
      queueMicrotask(() => {
        if (root.activeElement === active) return;
        const target = follow(group.children[at - first], path);
        if (target instanceof HTMLElement) target.focus({ preventScroll: true });
      });
      return;
    }
    const table = group.closest<HTMLElement>("[role=table], [role=grid]");
    if (table?.hasAttribute("tabindex")) table.focus({ preventScroll: true });
    else (active as HTMLElement).blur();
  }

  override update(part: ChildPart, args: RowsArgs<T>): unknown {
    const group = part.parentNode as HTMLElement;
    if (group !== this.#group) {
      this.#listen(false);
      this.#group = group;
      this.#scroller = group.parentElement ?? undefined;
      this.#listen(true);
    }
    this.#args = args;
    const value = this.render(...args);
    this.#measureSoon();
    return value;
  }

  #listen(on: boolean): void {
    if (on) this.#scroller?.addEventListener("scroll", this.#window.onScroll, { passive: true });
    else this.#scroller?.removeEventListener("scroll", this.#window.onScroll);
  }

  /** Measures once the rows are in the page and laid out (before the next paint). */
  #measureSoon(): void {
    if (this.#measuring || !this.#scroller || this.#window.measured(this.#scroller)) return;
    this.#measuring = true;
    requestAnimationFrame(() => {
      this.#measuring = false;
      if (this.isConnected && this.#scroller) this.#window.measure(this.#scroller, this.#group ?? null);
    });
  }

  #refresh(): void {
    if (!this.isConnected || !this.#args) return;
    this.setValue(this.render(...this.#args));
    this.#measureSoon();
    this.#args[3]?.();
  }

  protected override disconnected(): void {
    this.#listen(false);
    this.#window.dispose();
  }

  protected override reconnected(): void {
    this.#listen(true);
    this.#measureSoon();
  }
}

/** The rows of a long table, windowed by the scroll position of the rowgroup's parent element. */
export const windowRows = directive(WindowRowsDirective) as unknown as <T>(...args: RowsArgs<T>) => unknown;
