import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { ACCOUNT, BUSY_FAMILY, storySource } from "./data.js";

/**
 * `<ck-pay-window>` in each channel, over the embedded memory data source
 * (recording works; every story starts from fresh data).
 */
const meta: Meta = {
  title: "Elements/Pay window",
  component: "ck-pay-window",
  argTypes: { channel: { control: "inline-radio", options: ["admin", "pos", "portal"] } },
  args: { channel: "admin", locale: "en-US" },
  loaders: [async () => ({ source: await storySource(BUSY_FAMILY) })],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-pay-window channel=${args.channel} account-id=${ACCOUNT}></ck-pay-window>
    </ck-provider>
  `,
};
export default meta;
type Story = StoryObj;

/** Admin pay window: the switch is on only when the credit covers the chosen fees; the credit amount can be lowered. */
export const Admin: Story = { args: { channel: "admin" } };

/** Point of sale: a sale holds only what the admin puts in it (unpaid fees start unticked); the switch is on whenever credit is available; Charge to Account is offered. */
export const PointOfSale: Story = { args: { channel: "pos" } };

/** Point of sale with items rung up: charged to the account, the result names what auto-apply then used, in the same figures as the header. */
export const PointOfSaleWithItems: Story = {
  args: { channel: "pos" },
  loaders: [async () => ({ source: await storySource({ ...BUSY_FAMILY, settings: { autoApply: true } }) })],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-pay-window
        channel="pos"
        account-id=${ACCOUNT}
        .charges=${[
          { itemId: "goggles", category: "merchandise", description: "Goggles", amount: "18.50" },
          { itemId: "cap", category: "merchandise", description: "Swim cap", amount: "10.00" },
        ]}
      ></ck-pay-window>
    </ck-provider>
  `,
};

/** Member portal, a family that owes nothing: no pay form, no error — just that there is nothing to pay. */
export const PortalNothingOwed: Story = {
  args: { channel: "portal" },
  loaders: [async () => ({ source: await storySource({ credit: "10.00" }) })],
};

/** Member portal: card or bank only; the switch is on whenever credit is available. */
export const Portal: Story = { args: { channel: "portal" } };

/** The portal on a phone (360 px wide). */
export const PortalOnAPhone: Story = {
  args: { channel: "portal" },
  render: (args, { loaded }) => html`
    <div style="width: 360px">
      <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
        <ck-pay-window channel="portal" account-id=${ACCOUNT}></ck-pay-window>
      </ck-provider>
    </div>
  `,
};

/** Controlled: no data source; confirming fires `ck-record-request` with the plan for the host. */
export const Controlled: Story = {
  args: { channel: "admin" },
  loaders: [async () => ({ snapshot: await (await storySource(BUSY_FAMILY)).getAccount(ACCOUNT) })],
  render: (args, { loaded }) => html`
    <ck-pay-window
      channel=${args.channel}
      locale=${args.locale}
      .snapshot=${loaded.snapshot}
      @ck-record-request=${(e: Event) => console.info("ck-record-request", (e as CustomEvent).detail.plan)}
    ></ck-pay-window>
  `,
};

/** A member page that shows `<ck-balance>` itself: `hide-balances` keeps the window's header from showing the figures a second time. */
export const BesideABalance: Story = {
  args: { channel: "portal" },
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-balance account-id=${ACCOUNT}></ck-balance>
      <ck-pay-window channel=${args.channel} account-id=${ACCOUNT} hide-balances heading="Pay my fees"></ck-pay-window>
    </ck-provider>
  `,
};
