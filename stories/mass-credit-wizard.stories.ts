import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { prepareScene, seededSource, type WizardScene, withServerJob, withServerPreviews } from "./mass-credit-wizard.data.js";

/**
 * `<ck-mass-credit-wizard>` at each step, over the embedded memory data source
 * seeded with the demo generator (every story starts from fresh data; the
 * preview runs in a Web Worker, processing posts for real).
 */
const scene = (name: WizardScene, families = 300) => ({
  loaders: [
    async () => {
      const source = await seededSource(families);
      await prepareScene(source, name);
      return { source: name === "server-job" ? withServerJob(source) : source };
    },
  ],
});

/** Runs after the story renders: clicks what a person would to reach the state. */
const click =
  (...selectors: string[]) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const wizard = canvasElement.querySelector("ck-mass-credit-wizard");
    for (const selector of selectors) {
      await wizard?.updateComplete;
      wizard?.shadowRoot?.querySelector<HTMLElement>(selector)?.click();
    }
  };

const meta: Meta = {
  title: "Elements/Mass-credit wizard",
  component: "ck-mass-credit-wizard",
  args: { locale: "en-US", location: "downtown" },
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-mass-credit-wizard location=${args.location}></ck-mass-credit-wizard>
    </ck-provider>
  `,
};
export default meta;
type Story = StoryObj;

/** The first question; its Continue button (or Enter) reveals the next — never typing or arrowing through a list. */
export const Questions: Story = scene("questions");

/** A date more than a year from today (typed 12 01 2: year 0002): Continue says so in words and offers "Use <date>". */
export const FarDate: Story = {
  ...scene("far-date"),
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-mass-credit-wizard location=${args.location} today="2026-12-01"></ck-mass-credit-wizard>
    </ck-provider>
  `,
  play: click("#continue-date"),
};

/** Every required question answered: the switch, the optional sections (keywords opened), location and Preview. */
export const Answered: Story = scene("answered");

/** Invalid answers explained next to their fields (Preview was pressed). */
export const InvalidAnswers: Story = { ...scene("errors"), play: click("[part~=preview-button]") };

/** Two enrollment filters (Swim Level 1 on Saturdays AND Swim Level 2 Downtown), with the AND/OR choice. */
export const EnrollmentFilters: Story = scene("enrollment-filters");

/** The preview running in the background, with its announced progress bar. */
export const Previewing: Story = scene("previewing");

/** The review: filter summary, the virtualised table, selection, search, live count and total. */
export const Review: Story = scene("review");

/** "Why is this family not here?" opened. */
export const Explain: Story = { ...scene("explain"), play: click("#toggle-explain") };

/** The confirmation stating the count and total. */
export const ConfirmProcess: Story = { ...scene("confirm"), play: click("[part~=process-button]") };

/** Posting the credits, with progress. */
export const Processing: Story = scene("processing");

/** A run that stopped (storage failed): Resume posts only what is missing. */
export const Stopped: Story = scene("stopped");

/** An unfinished run offered for resume when the wizard opens. */
export const ResumeOffer: Story = scene("resume");

/** The done summary: credits issued, total, filters used, Save to CSV, reversal. */
export const Done: Story = scene("done");

/** A reversed run with the report of spent credit. */
export const Reversed: Story = scene("reversed");

/** Past runs (opened from the start): one interrupted (Resume), one reversed, one done — Save CSV, Reverse and Resume on each. */
export const PastRuns: Story = { ...scene("past-runs"), play: click("#runs-open") };

/** Past runs on a server data source: a run processing as a job started elsewhere, its progress live until it is done. */
export const PastRunsServerJob: Story = { ...scene("server-job"), play: click("#runs-open") };

/** The review of a 100,000-family data set (once per student: about 190,000 rows); scrolling stays smooth. */
export const Review100k: Story = scene("review", 100_000);

/**
 * The review of a preview worked out on the server (`dataSource.previews`):
 * "as of" the time the data was read, rows read a page at a time as they
 * scroll in (the stand-in server answers after 120 ms), explain by family id.
 */
export const ServerReview: Story = {
  loaders: [
    async () => {
      const source = withServerPreviews(await seededSource(2000));
      await prepareScene(source, "review");
      return { source };
    },
  ],
  play: click("#toggle-explain"),
};
