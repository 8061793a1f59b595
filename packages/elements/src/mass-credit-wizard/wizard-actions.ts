/** What a person's actions do in the wizard: the handlers its templates call, and where focus goes. */
import type { MassCreditDataSet, PreviewRow } from "@creditkit/core";
import { msg, str } from "../shared/localize.js";
import { messageOf } from "../shared/money-text.js";
import { checkQuestion, emptyRow, REQUIRED_QUESTIONS, type WizardAnswers } from "./answers.js";
import { MassCreditProcessedEvent, MassCreditReversedEvent } from "./events.js";
import { moreThanAYearFrom } from "./format.js";
import type { CkMassCreditWizard } from "./mass-credit-wizard.js";
import { processSelection, resumeRun, reverseFinishedRun, reverseSavedRun, saveRunCsv, saveSpentCsv, startOver } from "./run-actions.js";
import type { RowSelection } from "./selection.js";
import { explainOnServer } from "./server-rows.js";
import type { WizardHandlers, WizardUi } from "./view.js";

const SEARCH_DELAY = 150;

/** The section an answer's field lives in, to open it before focusing the field. */
const SECTION_OF: Readonly<Record<string, string>> = {
  autopayMethods: "autopay",
  chargeCategories: "categories",
  studentKeywords: "keywords",
  familyKeywords: "keywords",
  rows: "enrollments",
};

export class WizardActions {
  readonly #host: CkMassCreditWizard;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  readonly handlers: WizardHandlers;

  constructor(host: CkMassCreditWizard) {
    this.#host = host;
    this.handlers = this.#makeHandlers();
  }

  dispose(): void {
    clearTimeout(this.#searchTimer);
  }

  /** Focuses the control of a field (opening its section first). */
  focusField(field: string): void {
    const session = this.#host.session;
    if (!session) return;
    const row = /^row-(\d+)$/.exec(field);
    const section = row ? "enrollments" : SECTION_OF[field];
    if (section && !session.opened.has(section)) {
      session.opened.add(section);
      session.changed();
    }
    const rowId = row ? session.answers.rows[Number(row[1])]?.id : undefined;
    const selector =
      rowId !== undefined
        ? `#row-${rowId}-meetingDays-0`
        : field === "mode"
          ? "#q-mode-family"
          : field === "rows"
            ? "#add-row"
            : field === "form"
              ? "[part~=preview-button]"
              : `#q-${field}, #${field}-0`;
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #ui(patch: Partial<WizardUi>): void {
    this.#host.ui = { ...this.#host.ui, ...patch };
  }

  #focus(selector: string): void {
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #answer(patch: Partial<WizardAnswers>): void {
    const session = this.#host.session;
    if (!session) return;
    session.answers = { ...session.answers, ...patch };
    session.changed();
    if (patch.date !== undefined && this.#host.ui.farDate !== "" && patch.date !== this.#host.ui.farDate) this.#ui({ farDate: "" });
    const fields = Object.keys(patch).map((k) => (k === "amountText" ? "amount" : k));
    for (const field of fields) this.#host.recheck(field);
  }

  #commit(question: (typeof REQUIRED_QUESTIONS)[number]): void {
    const session = this.#host.session;
    const context = this.#host.answerContext();
    if (!session || !context) return;
    const message = checkQuestion(question, session.answers, context);
    const errors = new Map(this.#host.ui.errors);
    if (message !== undefined) {
      errors.set(question, message);
      this.#ui({ errors });
      return;
    }
    errors.delete(question);
    this.#ui({ errors });
    if (question === "date" && this.#asksAboutDate()) return;
    const position = REQUIRED_QUESTIONS.indexOf(question);
    if (position !== session.revealed - 1) return;
    session.revealed = position + 2;
    session.changed();
    const next = REQUIRED_QUESTIONS[position + 1];
    this.#focus(next === undefined ? "#q-outstanding" : next === "mode" ? "#q-mode-family" : `#q-${next}`);
  }

  /** True (and the question shown) when the date is more than a year from today and not yet confirmed. */
  #asksAboutDate(): boolean {
    const date = this.#host.session?.answers.date ?? "";
    if (date === "" || date === this.#host.ui.dateConfirmed || !moreThanAYearFrom(date, this.#host.currentDate())) return false;
    this.#ui({ farDate: date });
    this.#focus("#q-date");
    return true;
  }

  #editRows(rows: WizardAnswers["rows"]): void {
    this.#answer({ rows });
    this.#host.recheck("rows");
  }

  /** Changes the selection and shows it. */
  #select(change: (selection: RowSelection) => void): void {
    const session = this.#host.session;
    if (!session) return;
    change(session.selection);
    session.changed();
  }

  /** Select all / none: every row (O(1)), or the rows a search shows. */
  #selectShown(selected: boolean): void {
    if (this.#host.ui.search.trim() === "") this.#select((selection) => selection.setAll(selected));
    else this.#select((selection) => selection.setRows(this.#host.shownRows(), selected));
  }

  #focusRun(runId: string, selector: string): void {
    void this.#host.updateComplete.then(() => {
      const row = [...this.#host.renderRoot.querySelectorAll<HTMLElement>("[part~=past-run]")].find((r) => r.dataset.run === runId);
      (row?.querySelector<HTMLElement>(selector) ?? row?.querySelector<HTMLElement>("h4"))?.focus();
    });
  }

  /** Reverses a run of the Past runs list; its row then says Reversed, with what was voided and what had been spent. */
  #reversePastRun(runId: string): void {
    const host = this.#host;
    const session = host.session;
    const runs = host.runsList();
    if (!session || !runs) return;
    const description = runs.run(runId)?.description ?? runId;
    runs.say(runId, msg(str`Reversing “${description}”…`));
    reverseSavedRun(session, runId).then(
      (reversal) => {
        if (session.run.record?.runId === runId) session.run = { ...session.run, reversal };
        runs.say(runId, msg(str`“${description}” was reversed.`));
        host.dispatchEvent(new MassCreditReversedEvent(reversal));
        this.#focusRun(runId, "h4");
      },
      (error) => runs.say(runId, msg(str`“${description}” could not be reversed: ${messageOf(error)}`)),
    );
  }

  #makeHandlers(): WizardHandlers {
    const host = this.#host;
    const session = () => host.session;
    return {
      answer: (patch) => this.#answer(patch),
      commit: (question) => this.#commit(question),
      confirmDate: () => {
        const s = session();
        if (!s) return;
        const revealed = s.revealed;
        this.#ui({ dateConfirmed: s.answers.date, farDate: "" });
        this.#commit("date");
        // The button goes away: focus moves on to the next question, or back to the date when none is new.
        if (s.revealed === revealed) this.#focus("#q-date");
      },
      toggleSection: (name) => {
        const s = session();
        if (!s) return;
        if (s.opened.has(name)) s.opened.delete(name);
        else s.opened.add(name);
        s.changed();
      },
      addRow: () => {
        const s = session();
        if (!s) return;
        const id = s.nextRowId++;
        this.#editRows([...s.answers.rows, emptyRow(id)]);
        this.#focus(`#row-${id}-meetingDays-0`);
      },
      removeRow: (id) => {
        const s = session();
        if (!s) return;
        this.#editRows(s.answers.rows.filter((r) => r.id !== id));
        this.#ui({ errors: new Map([...host.ui.errors].filter(([k]) => !k.startsWith("row-"))) });
        this.#focus("#add-row");
      },
      editRow: (id, field, values) => {
        const s = session();
        if (!s) return;
        this.#editRows(s.answers.rows.map((r) => (r.id === id ? { ...r, [field]: values } : r)));
        const errors = new Map([...host.ui.errors].filter(([k]) => !k.startsWith("row-")));
        if (errors.size !== host.ui.errors.size) this.#ui({ errors });
      },
      combine: (value) => this.#answer({ rowsCombine: value }),
      preview: () => {
        const s = session();
        if (!s) return;
        const errors = host.allErrors();
        this.#ui({ errors });
        const first = errors.keys().next().value;
        if (first !== undefined) {
          this.focusField(first);
          return;
        }
        if (this.#asksAboutDate()) {
          this.focusField("date");
          return;
        }
        const request = host.request();
        if (request) void s.startPreview(request);
      },
      cancelPreview: () => {
        session()?.cancelPreview();
        this.#focus("[part~=preview-button]");
      },
      resume: (runId) => {
        const s = session();
        if (!s) return;
        const listed = host.ui.runsOpen ? host.runsList()?.run(runId) : undefined;
        this.#ui({ runsOpen: false });
        void resumeRun(s, runId, listed?.selected).then((record) => {
          if (record) host.dispatchEvent(new MassCreditProcessedEvent(record));
        });
      },
      toggleSummary: () => this.#ui({ summaryShown: !host.ui.summaryShown }),
      search: (text) => {
        clearTimeout(this.#searchTimer);
        this.#searchTimer = setTimeout(() => {
          this.#ui({ search: text });
          // A preview on the server: the search looks at every row, so the rest are read (a page at a time, shown as they come).
          if (text.trim() !== "")
            void session()
              ?.previewTask.server?.loadAll()
              .catch(() => undefined);
        }, SEARCH_DELAY);
      },
      toggleRow: (row: PreviewRow, selected: boolean) => this.#select((selection) => selection.set(row.rowKey, selected)),
      selectAll: () => this.#selectShown(true),
      selectNone: () => this.#selectShown(false),
      toggleExplain: () => {
        this.#ui({ explainOpen: !host.ui.explainOpen });
        if (host.ui.explainOpen) this.#focus("#explain-query");
      },
      explainQuery: (text) => this.#ui({ explainQuery: text }),
      explain: () => {
        const s = session();
        const preview = s?.previewTask.preview;
        const query = host.ui.explainQuery.trim();
        if (!s || !preview || query === "") return;
        const { server } = s.previewTask;
        const previews = s.source.previews;
        if (!server && !s.dataSet) return;
        this.#ui({ explaining: true, explainError: "", explained: undefined });
        const explained =
          server && previews
            ? explainOnServer(previews, server, query)
            : s.client.explain(s.dataSet as MassCreditDataSet, preview.request, query);
        explained.then(
          (explained) => this.#ui({ explaining: false, explained }),
          (error) => this.#ui({ explaining: false, explainError: messageOf(error) }),
        );
      },
      editQuestions: () => session()?.editQuestions(),
      askProcess: () => this.#ui({ confirm: "process" }),
      askReverse: () => this.#ui({ confirm: "reverse", reverseRunId: "" }),
      askReverseRun: (runId) => this.#ui({ confirm: "reverse", reverseRunId: runId }),
      confirm: () => {
        const s = session();
        const kind = host.ui.confirm;
        const pastRun = host.ui.reverseRunId;
        this.#ui({ confirm: undefined, reverseRunId: "" });
        if (!s) return;
        if (kind === "reverse" && pastRun !== "") this.#reversePastRun(pastRun);
        else if (kind === "process") {
          void processSelection(s).then((record) => {
            if (record) host.dispatchEvent(new MassCreditProcessedEvent(record));
          });
        } else if (kind === "reverse") {
          void reverseFinishedRun(s).then((reversal) => {
            if (!reversal) return;
            host.dispatchEvent(new MassCreditReversedEvent(reversal));
            // The heading now says the run was reversed, with what was voided and what had been spent.
            this.#focus("#done-title");
          });
        }
      },
      closeDialog: () => {
        if (host.ui.confirm === undefined) return;
        const pastRun = host.ui.reverseRunId;
        this.#ui({ confirm: undefined, reverseRunId: "" });
        // Back to the row's Reverse button when the dialog was about a past run.
        if (pastRun !== "") this.#focusRun(pastRun, "button.danger");
      },
      saveCsv: () => {
        const run = session()?.run;
        if (!run?.record) return;
        const saved = saveRunCsv(host, run.record, run.reversal);
        if (saved !== undefined) this.#ui({ csvSaved: msg(str`Saved ${saved}.`) });
      },
      saveSpentCsv: () => {
        const run = session()?.run;
        if (!run?.record || !run.reversal) return;
        const saved = saveSpentCsv(host, run.reversal, run.record.request.currency);
        if (saved !== undefined) this.#ui({ csvSaved: msg(str`Saved ${saved}.`) });
      },
      openRuns: () => {
        host.runsList(true);
        this.#ui({ runsOpen: true });
        this.#focus("#runs-title");
      },
      closeRuns: () => {
        this.#ui({ runsOpen: false });
        const s = session();
        if (s) void s.refreshUnfinished().then(() => s.changed());
        this.#focus("#runs-open");
      },
      saveRunCsv: (runId) => {
        const runs = host.runsList();
        const run = runs?.run(runId);
        if (!runs || !run?.record) return;
        const saved = saveRunCsv(host, run.record, host.session?.reversals.get(runId) ?? run.reversal);
        if (saved !== undefined) runs.say(runId, msg(str`Saved ${saved}.`));
      },
      startOver: () => {
        const s = session();
        if (!s) return;
        startOver(s);
        this.#ui({ csvSaved: "", explained: undefined, search: "", confirm: undefined, farDate: "" });
      },
    };
  }
}
