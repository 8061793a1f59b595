/**
 * CSV exports as real file downloads: the cancelable `ck-csv-export` event
 * first (a host may save the text its own way), then a Blob and an
 * `<a download>` click. The text always comes from the core's `toCsv`.
 */
import { toCsv } from "@creditkit/core";

/** What an element is about to save. */
export interface CsvExportDetail {
  /** The file name offered, e.g. "batch-dues-2026-12.csv". */
  readonly filename: string;
  /** The whole file (RFC 4180, formulas neutralised, UTF-8 BOM). */
  readonly csv: string;
}

/**
 * Fired by the report elements before a CSV download. Cancel it
 * (`preventDefault()`) to save `detail.csv` yourself instead.
 */
export class CsvExportEvent extends CustomEvent<CsvExportDetail> {
  static readonly eventName = "ck-csv-export" as const;
  constructor(detail: CsvExportDetail) {
    super(CsvExportEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    "ck-csv-export": CsvExportEvent;
  }
}

/** A CSV document as `toCsv` writes it, with a BOM so spreadsheets read accented names right. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[], numericColumns: readonly number[]): string {
  return toCsv(header, rows, { numericColumns, bom: true });
}

/**
 * Fires `ck-csv-export` from `host`; unless cancelled, downloads `csv` as
 * `filename`. Returns true when the download was started.
 */
export function saveCsv(host: HTMLElement, filename: string, csv: string): boolean {
  if (!host.dispatchEvent(new CsvExportEvent({ filename, csv }))) return false;
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  (host.shadowRoot ?? document.body).append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/** A file name made of safe characters only. */
export function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "export";
}
