import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { seededSource } from "./reports.data.js";

/**
 * `<ck-account-search>`: find one account among hundreds by typing — an ARIA 1.2
 * combobox (ArrowDown/ArrowUp move, Enter picks, Escape closes, then clears).
 * The members report has it above its table; a host's point of sale and its
 * member portal's family switch use it to choose the account.
 */
const meta: Meta = {
  title: "Elements/Account search",
  component: "ck-account-search",
  args: { label: "Customer", placeholder: "Type a name or account ID" },
  loaders: [async () => ({ source: await seededSource(601) })],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale="en-US">
      <div style="max-width: 28rem">
        <ck-account-search
          label=${args.label}
          placeholder=${args.placeholder}
          @ck-account-select=${(e: Event) => console.info("ck-account-select", (e as CustomEvent).detail)}
        ></ck-account-search>
      </div>
    </ck-provider>
  `,
};
export default meta;
type Story = StoryObj;

/** 601 families from the data source: type a few letters of a name. */
export const SixHundredFamilies: Story = {};

/** The member portal's family switch. */
export const SwitchFamily: Story = { args: { label: "Sign in as" } };

/** Controlled: a host's own list of accounts, no data source. */
export const Controlled: Story = {
  render: () => html`
    <div style="max-width: 28rem">
      <ck-account-search
        label="Customer"
        .accounts=${[{ id: "fam-1", name: "Rivera, Ana" }, { id: "fam-2", name: "Okafor, Chloé" }, { id: "fam-3", name: "Müller, Jörg" }]}
      ></ck-account-search>
    </div>
  `,
};
