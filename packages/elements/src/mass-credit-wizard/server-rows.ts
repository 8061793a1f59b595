/**
 * A preview worked out on the server (`dataSource.previews`): its figures,
 * and its rows as far as they have been read. The review asks for the rows
 * it shows (`want`), read a page at a time; a search, or a run from
 * "Select none" plus a few, reads the rest (`loadAll`). See decision 0023.
 */
import type { PreviewRow, PreviewsPort, ServerPreview } from "@creditkit/core";
import { type ExplainResult, explainData } from "./preview-protocol.js";

/** Rows read per request (the server answers at most 1,000). */
export const PAGE_SIZE = 200;
/** Rows per request when every row is wanted. */
const BULK_PAGE_SIZE = 1000;

export class ServerRows {
  readonly previewId: string;
  readonly asOf: string;
  readonly count: number;
  /** The rows in review order; `undefined` where a row is not read yet. */
  readonly rows: (PreviewRow | undefined)[];
  /** Rows read so far. */
  loaded = 0;
  /** Why reading a page failed, in words ("" none). */
  error = "";
  readonly #pages = new Map<number, Promise<void>>();
  /** Pages whose reading failed: not asked for again until `retry`. */
  readonly #failed = new Set<number>();
  #all: Promise<readonly PreviewRow[]> | undefined;

  constructor(
    readonly port: PreviewsPort,
    preview: ServerPreview,
    readonly onChange: () => void,
  ) {
    this.previewId = preview.previewId;
    this.asOf = preview.asOf;
    this.count = preview.count;
    this.rows = new Array<PreviewRow | undefined>(preview.count).fill(undefined);
    this.#put(0, preview.rows);
  }

  /** True once every row is read. */
  get complete(): boolean {
    return this.loaded === this.count;
  }

  /** The rows read so far, in review order. */
  loadedRows(): PreviewRow[] {
    return this.rows.filter((row): row is PreviewRow => row !== undefined);
  }

  /** Asks for the page holding row `index` (once; the review renders again when it comes). */
  want(index: number): void {
    const page = Math.floor(index / PAGE_SIZE);
    if (this.#pages.has(page) || this.rows[index] !== undefined) return;
    this.#pages.set(page, this.#read(page * PAGE_SIZE, PAGE_SIZE, true));
  }

  /** True when the page holding row `index` could not be read. */
  failed(index: number): boolean {
    return this.#failed.has(Math.floor(index / PAGE_SIZE));
  }

  /** Asks again for the pages that could not be read (as they are shown). */
  retry(): void {
    for (const page of this.#failed) this.#pages.delete(page);
    this.#failed.clear();
    this.error = "";
    this.onChange();
  }

  /** Reads every row not read yet, calling `onProgress` after each page; resolves with all the rows. */
  loadAll(onProgress?: () => void): Promise<readonly PreviewRow[]> {
    this.#all ??= (async () => {
      for (let at = 0; at < this.count; at += BULK_PAGE_SIZE) {
        const end = Math.min(this.count, at + BULK_PAGE_SIZE);
        if (this.rows.slice(at, end).every((row) => row !== undefined)) continue;
        await this.#read(at, end - at, false);
        onProgress?.();
      }
      return this.rows as readonly PreviewRow[];
    })();
    this.#all.catch(() => {
      this.#all = undefined;
    });
    return this.#all;
  }

  async #read(offset: number, limit: number, quiet: boolean): Promise<void> {
    try {
      this.#put(offset, await this.port.rows(this.previewId, offset, limit));
      this.error = "";
    } catch (error) {
      // A page that failed is not asked for again by `want` (no loop of failing requests) until `retry`; `loadAll` tries it again.
      this.error = error instanceof Error ? error.message : String(error);
      if (!quiet) throw error;
      this.#failed.add(Math.floor(offset / PAGE_SIZE));
    } finally {
      this.onChange();
    }
  }

  #put(offset: number, rows: readonly PreviewRow[]): void {
    rows.forEach((row, i) => {
      if (offset + i >= this.count) return;
      if (this.rows[offset + i] === undefined) this.loaded++;
      this.rows[offset + i] = row;
    });
  }
}

/** Families explained at most for one query. */
const MAX_EXPLAINED = 5;

/**
 * Why the families a query names are or are not in a server preview. The
 * server explains one family by id: a query that is part of the name of
 * families in the rows read so far explains those; any other query is taken
 * as a family id (an unknown one: no family).
 */
export async function explainOnServer(port: PreviewsPort, server: ServerRows, query: string): Promise<readonly ExplainResult[]> {
  const lower = query.toLocaleLowerCase();
  const named = new Set<string>();
  for (const row of server.rows) {
    if (row?.familyName.toLocaleLowerCase().includes(lower)) named.add(row.familyId);
    if (named.size >= MAX_EXPLAINED) break;
  }
  const ids = named.size > 0 ? [...named] : [query];
  const results: ExplainResult[] = [];
  for (const familyId of ids) {
    try {
      const why = await port.explain(server.previewId, familyId);
      results.push(explainData(why));
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== "unknown-account") throw error;
    }
  }
  return results;
}
