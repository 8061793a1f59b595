/**
 * The demo host's page messages ("Payment recorded", "Backup restored", "Not
 * saved: …"): one box under the side navigation, where it covers no control
 * (sticky beside the page on a wide screen, above the page on a phone). A
 * status is announced politely (role=status) and clears itself after a few
 * seconds, held while the pointer or focus is on it; an error is announced at
 * once (role=alert) and stays until dismissed or replaced. Dismiss with the
 * button or Escape.
 *
 * The markup is in index.html: `#messages` holding `#status`, `#alert` and
 * `#dismiss`.
 */

export type MessageKind = "status" | "error";

/** How long a status stays (ms). */
export const STATUS_DURATION = 6000;

interface Parts {
  readonly box: HTMLElement;
  readonly status: HTMLElement;
  readonly alert: HTMLElement;
  readonly dismiss: HTMLButtonElement;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let held = false;
let duration = STATUS_DURATION;
let wired: HTMLElement | undefined;

function parts(): Parts | undefined {
  const box = document.getElementById("messages");
  const status = document.getElementById("status");
  const alert = document.getElementById("alert");
  const dismiss = document.getElementById("dismiss");
  if (!box || !status || !alert || !(dismiss instanceof HTMLButtonElement)) return undefined;
  if (wired !== box) wire({ box, status, alert, dismiss });
  return { box, status, alert, dismiss };
}

/** The box's own listeners, once per box: hold a status while it is pointed at or focused; Dismiss. */
function wire(p: Parts): void {
  wired = p.box;
  const hold = () => {
    held = true;
    clearTimeout(timer);
  };
  const release = () => {
    held = false;
    if (p.box.dataset.kind === "status") schedule();
  };
  p.box.addEventListener("pointerenter", hold);
  p.box.addEventListener("pointerleave", release);
  p.box.addEventListener("focusin", hold);
  p.box.addEventListener("focusout", release);
  p.dismiss.addEventListener("click", () => {
    dismissMessage();
    // The button goes away with the message: focus goes back to the page's heading.
    document.querySelector<HTMLElement>("#view h1")?.focus();
  });
}

function schedule(): void {
  clearTimeout(timer);
  if (!held) timer = setTimeout(dismissMessage, duration);
}

/** Shows a message (replacing the one shown): a status clears itself, an error stays. */
export function showMessage(text: string, kind: MessageKind = "status"): void {
  const p = parts();
  if (!p) return;
  clearTimeout(timer);
  if (text === "") {
    dismissMessage();
    return;
  }
  const [region, other] = kind === "error" ? [p.alert, p.status] : [p.status, p.alert];
  other.textContent = "";
  region.textContent = "";
  p.box.dataset.kind = kind;
  p.dismiss.hidden = false;
  // A fresh text node after clearing, so a screen reader announces a repeated message too.
  requestAnimationFrame(() => {
    if (p.box.dataset.kind === kind) region.textContent = text;
  });
  if (kind === "status") schedule();
}

/** Removes the message shown, if any. */
export function dismissMessage(): void {
  clearTimeout(timer);
  const p = parts();
  if (!p) return;
  if (p.dismiss.contains(document.activeElement)) p.dismiss.blur();
  p.status.textContent = "";
  p.alert.textContent = "";
  delete p.box.dataset.kind;
  p.dismiss.hidden = true;
  held = false;
}

/** The message shown: its kind and text, or undefined. */
export function currentMessage(): { kind: MessageKind; text: string } | undefined {
  const p = parts();
  const kind = p?.box.dataset.kind as MessageKind | undefined;
  if (!p || !kind) return undefined;
  return { kind, text: (kind === "error" ? p.alert : p.status).textContent ?? "" };
}

/** Escape dismisses the message, unless it closes a dialog (an element's confirmation) first. */
function onKeydown(event: KeyboardEvent): void {
  if (event.key !== "Escape" || event.defaultPrevented || !currentMessage()) return;
  if (event.composedPath().some((node) => node instanceof HTMLDialogElement)) return;
  dismissMessage();
}

/** Starts listening for Escape; `statusMs` shortens the status's time (tests). Returns a stop function. */
export function startMessages(options: { statusMs?: number } = {}): () => void {
  duration = options.statusMs ?? STATUS_DURATION;
  document.addEventListener("keydown", onKeydown);
  return () => {
    document.removeEventListener("keydown", onKeydown);
    duration = STATUS_DURATION;
    dismissMessage();
  };
}
