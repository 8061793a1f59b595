import type { CkBatchCollect } from "@creditkit/elements";
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { DUE_20_CREDIT_5, DUE_200_CREDIT_50, waitFor } from "./data.js";
import { scriptOutcomes, seededSource } from "./reports.data.js";
import { familiesOf } from "./reports.examples.js";

/**
 * `<ck-batch-collect>` over generated families in the embedded memory data
 * source and its stored simulated gateway (0 ms): the second family's card
 * declines and the fourth's charge times out twice (unresolved).
 */
const meta: Meta = {
  title: "Elements/Batch collect",
  component: "ck-batch-collect",
  args: { "batch-id": "dues-2026-12", "apply-credit": "true", families: 60, locale: "en-US" },
  argTypes: { "apply-credit": { control: "inline-radio", options: ["true", "false"] } },
  loaders: [
    async ({ args }) => {
      const source = await seededSource(Number(args.families));
      await scriptOutcomes(source);
      return { source };
    },
  ],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-batch-collect batch-id=${args["batch-id"]} apply-credit=${args["apply-credit"]} date="2026-12-01"></ck-batch-collect>
    </ck-provider>
  `,
};
export default meta;
type Story = StoryObj;

/** Before running: the per-account preview (credit only, card and credit, card only). */
export const Preview: Story = {};

/** Run asks first: a modal dialog with the accounts, invoices, amount to cards and credit to use (Escape or Cancel charges nothing). */
export const Confirm: Story = {
  play: async ({ canvasElement }) => {
    const el = await waitFor(() => canvasElement.querySelector<CkBatchCollect>("ck-batch-collect"));
    await waitFor(() => el.shadowRoot?.querySelector("[part~=preview-row]"));
    el.shadowRoot?.querySelector<HTMLButtonElement>("[part~=run]")?.click();
  },
};

/** After Run (and its confirmation): results in words with totals (one declined, one unresolved); Run again charges nothing twice. */
export const Results: Story = {
  play: async ({ canvasElement }) => {
    const el = await waitFor(() => canvasElement.querySelector<CkBatchCollect>("ck-batch-collect"));
    await waitFor(() => el.shadowRoot?.querySelector("[part~=preview-row]"));
    await el.run();
  },
};

/** Apply Account Credit off: every invoice is charged in full to the card. */
export const CreditOff: Story = { args: { "apply-credit": "false" } };

/** 5,000 generated families: both tables are virtualised and the run stays responsive. */
export const FiveThousandFamilies: Story = { args: { families: 5000 } };

/** The help article's two examples: 20.00 due with 5.00 of credit (card 15.00) and 200.00 of dues with 50.00 (card 150.00). */
export const HelpArticleExamples: Story = {
  loaders: [async () => ({ source: await familiesOf([DUE_20_CREDIT_5, DUE_200_CREDIT_50]) })],
};
