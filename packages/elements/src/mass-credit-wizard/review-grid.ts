/**
 * The review table as one Tab stop: a WAI-ARIA grid with a roving tabindex.
 * Each row has one control — its checkbox, or the cell of a row a server
 * preview has not read yet — and only the active row's control has
 * tabindex 0, so Tab enters the table on the row focused last (the first at
 * the start) and the next Tab leaves it.
 *
 * Inside: Arrow Down/Up move a row, Home/End (and Ctrl+Home/End) go to the
 * first/last row, Page Down/Up move by the rows the table shows at once.
 * Space toggles the checkbox natively (its change event updates the
 * selection and the announced count, as a click does); Enter does nothing on
 * a checkbox, and is Try again on a row whose read failed.
 *
 * The table is windowed (`windowRows`): a row outside the window is scrolled
 * to and rendered, then focused. While the active row is outside the window
 * (the table scrolled by wheel), the grid itself is the Tab stop and hands
 * focus on to that row. A click on a row makes it the active row. The
 * scroller is the body's rowgroup with tabindex -1: a scroller whose
 * controls are all out of the Tab order would otherwise be a Tab stop of its
 * own in Chromium (a focusable generic element in a grid is refused by axe).
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";

type Host = ReactiveControllerHost & { readonly renderRoot: ParentNode };

/** The body row of `node`, if it is in one. */
const rowOf = (node: Element | null) => node?.closest<HTMLElement>(".rows [role=row]") ?? null;

/** A body row's index among the rows shown (`aria-rowindex` counts the header row). */
const indexOf = (row: Element) => Number(row.getAttribute("aria-rowindex")) - 2;

export class ReviewGrid implements ReactiveController {
  /** How many rows are shown, of which preview and search, and the index of the row holding the Tab stop. */
  #count = 0;
  #of: readonly [preview: unknown, search: string] = [undefined, ""];
  #active = 0;
  /** The row a pointer pressed (null: the grid outside any row), until the focus it causes. */
  #pressed: number | null | undefined;

  constructor(readonly host: Host) {
    host.addController(this);
  }

  /** Called by the template with the rows shown: new rows (another preview or search) start at the first. */
  show(count: number, preview: unknown, search: string): void {
    if (this.#of[0] !== preview || this.#of[1] !== search) {
      this.#of = [preview, search];
      this.#active = 0;
    }
    this.#count = count;
    this.#active = Math.max(0, Math.min(count - 1, this.#active));
  }

  /** The tabindex of the control of the row at `index`. */
  tabIndex(index: number): number {
    return index === this.#active ? 0 : -1;
  }

  hostUpdated(): void {
    this.#sync();
  }

  /** After the window moved (a scroll): the rows shown changed outside the host's update. */
  readonly rendered = (): void => this.#sync();

  readonly onKeydown = (event: KeyboardEvent): void => {
    if (event.altKey || event.metaKey || event.shiftKey) return;
    const grid = event.currentTarget as HTMLElement;
    const key = event.key;
    if (event.ctrlKey && key !== "Home" && key !== "End") return;
    let to: number | undefined;
    if (key === "ArrowDown") to = this.#active + 1;
    else if (key === "ArrowUp") to = this.#active - 1;
    else if (key === "Home") to = 0;
    else if (key === "End") to = this.#count - 1;
    else if (key === "PageDown") to = this.#active + this.#page(grid);
    else if (key === "PageUp") to = this.#active - this.#page(grid);
    else if (key === " " || key === "Enter") {
      // On the grid itself: on to its row. On a row not read: its Try again, if the read failed.
      const row = rowOf(event.target as Element);
      if (!row) to = this.#active;
      else if (row.classList.contains("unread")) {
        event.preventDefault();
        row.querySelector("button")?.click();
      }
    }
    if (to === undefined) return;
    event.preventDefault();
    this.#focusRow(grid, to);
  };

  /** A click on a checkbox (Safari does not focus it) also makes its row the active one. */
  readonly onClick = (event: MouseEvent): void => {
    const row = rowOf(event.target as Element);
    if (row) this.#activate(indexOf(row));
  };

  readonly onPointerdown = (event: PointerEvent): void => {
    const row = rowOf(event.target as Element);
    this.#pressed = row ? indexOf(row) : null;
    // The focus a press causes comes before the next task.
    setTimeout(() => {
      this.#pressed = undefined;
    });
  };

  readonly onFocusin = (event: FocusEvent): void => {
    const grid = event.currentTarget as HTMLElement;
    const pressed = this.#pressed;
    this.#pressed = undefined;
    const row = rowOf(event.target as Element);
    if (row) {
      this.#activate(indexOf(row));
      return;
    }
    // The grid (or its scroller) took focus: a click on a row's text (on to that row), Tab while the active row is off the window (on to it).
    const from = event.relatedTarget as Node | null;
    const target = event.target;
    if (pressed !== undefined) {
      if (pressed !== null) this.#focusRow(grid, pressed, true);
    } else if (!from || !grid.contains(from)) this.#focusRow(grid, this.#active);
    else {
      // The window handed focus to the grid from a row (it left the window, or was not read and the window
      // could not tell it stayed): once the rows are in place, back to the active row if it is shown.
      queueMicrotask(() => {
        if ((grid.getRootNode() as ShadowRoot | Document).activeElement === target)
          this.#control(grid, this.#active)?.focus({ preventScroll: true });
      });
    }
  };

  /** A render that replaced the focused control (a row read from the server) drops focus to the page: back to the row. */
  readonly onFocusout = (event: FocusEvent): void => {
    if (event.relatedTarget !== null) return;
    const grid = event.currentTarget as HTMLElement;
    const lost = event.target as Node;
    queueMicrotask(() => {
      const active = (grid.getRootNode() as ShadowRoot | Document).activeElement;
      if (grid.isConnected && !grid.contains(lost) && (active === null || active === document.body)) this.#focusRow(grid, this.#active);
    });
  };

  #activate(index: number): void {
    if (index === this.#active || index < 0) return;
    this.#active = index;
    this.host.requestUpdate();
  }

  /** Exactly one Tab stop: the active row's control when it is rendered, else the grid. */
  #sync(): void {
    const grid = this.host.renderRoot.querySelector<HTMLElement>("[role=grid]");
    if (!grid) return;
    const stop = this.#control(grid, this.#active);
    grid.tabIndex = stop || this.#count === 0 ? -1 : 0;
  }

  #control(grid: HTMLElement, index: number): HTMLElement | null {
    return grid.querySelector<HTMLElement>(`.rows [role=row][aria-rowindex="${index + 2}"] [tabindex]`);
  }

  /** Focuses the control of the row at `index` (clamped), rendering it first when it is outside the window. */
  #focusRow(grid: HTMLElement, index: number, preventScroll = false): void {
    if (this.#count === 0) return;
    const to = Math.max(0, Math.min(this.#count - 1, index));
    this.#activate(to);
    let control = this.#control(grid, to);
    if (!control) {
      this.#scrollTo(grid, to);
      control = this.#control(grid, to);
    }
    control?.focus({ preventScroll });
  }

  /** The scroller, a rendered row and its index, and the rows' height (they share one). */
  #measure(grid: HTMLElement) {
    const scroller = grid.querySelector<HTMLElement>(".rows");
    const row = scroller?.querySelector<HTMLElement>("[role=row][aria-rowindex]");
    if (!scroller || !row) return undefined;
    const box = row.getBoundingClientRect();
    return { scroller, row, index: indexOf(row), box, height: box.height || 1 };
  }

  /** Rows the table shows at once: a Page Down's step. */
  #page(grid: HTMLElement): number {
    const m = this.#measure(grid);
    return m ? Math.max(1, Math.floor(m.scroller.clientHeight / m.height)) : 10;
  }

  /**
   * Scrolls the row at `index` into view, and has the window render it now:
   * the window follows its scroller's scroll event, which would come at the
   * next frame, so one is sent at once.
   */
  #scrollTo(grid: HTMLElement, index: number): void {
    const m = this.#measure(grid);
    if (!m) return;
    const { scroller, box, height } = m;
    const top = box.top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop + (index - m.index) * height;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + height > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + height - scroller.clientHeight;
    scroller.dispatchEvent(new Event("scroll"));
  }
}
