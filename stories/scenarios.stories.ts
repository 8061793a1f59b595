import type { CkPayWindow } from "@creditkit/elements";
import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { ACCOUNT, AUTO_APPLY_WITH_CREDIT, DUE_20_CREDIT_5, DUE_200_CREDIT_50, RACKET_RESTRING, storySource, waitFor } from "./data.js";

/** The help article's scenarios (`../shared/seeds`), each in the channel where it happens. */
const meta: Meta = {
  title: "Scenarios",
  component: "ck-pay-window",
  argTypes: { channel: { control: "inline-radio", options: ["admin", "pos", "portal"] } },
  args: { channel: "pos", locale: "en-US" },
};
export default meta;
type Story = StoryObj;

/** 20.00 due, 5.00 credit: Applied Amount 5.00, Remaining Due 15.00 (admin: the switch starts off; switch it on). */
export const Due20Credit5: Story = {
  loaders: [async () => ({ source: await storySource(DUE_20_CREDIT_5) })],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-pay-window channel=${args.channel} account-id=${ACCOUNT}></ck-pay-window>
    </ck-provider>
  `,
};

/** 200.00 of dues, 50.00 credit: Applied Amount 50.00, Remaining Due 150.00, in the member portal. */
export const Due200Credit50: Story = {
  args: { channel: "portal" },
  loaders: [async () => ({ source: await storySource(DUE_200_CREDIT_50) })],
  render: Due20Credit5.render,
};

/**
 * An edge case at the point of sale: auto-apply is on, the admin turns
 * Apply Credit off and chooses Charge to Account — the window warns, with the
 * amount, that auto-apply will still use the credit once the charge is posted.
 */
export const PosChargeToAccountWarning: Story = {
  args: { channel: "pos" },
  loaders: [async () => ({ source: await storySource(AUTO_APPLY_WITH_CREDIT) })],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-pay-window channel="pos" account-id=${ACCOUNT} .charges=${[RACKET_RESTRING]}></ck-pay-window>
    </ck-provider>
  `,
  play: async ({ canvasElement }) => {
    const pw = await waitFor(() => canvasElement.querySelector<CkPayWindow>("ck-pay-window"));
    const toggle = await waitFor(() => pw.shadowRoot?.querySelector("ck-credit-toggle"));
    const button = await waitFor(() => toggle.shadowRoot?.querySelector<HTMLButtonElement>("[role=switch]:not([disabled])"));
    if (button.getAttribute("aria-checked") === "true") button.click();
    await pw.updateComplete;
    const charge = await waitFor(() => pw.shadowRoot?.querySelector<HTMLInputElement>("#charge-to-account"));
    if (!charge.checked) charge.click();
    await waitFor(() => pw.shadowRoot?.querySelector("[part~=warning]"));
  },
};
