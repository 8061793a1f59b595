import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { ACCOUNT, DUE_20_CREDIT_5, storySource } from "./data.js";

/**
 * `<ck-provider>` hands three things to every creditkit element inside it,
 * however deep, through `@lit/context`:
 *
 * - `dataSource`: where the elements read accounts and record payments and
 *   credits (the embedded store, as here, or the host's own implementation of
 *   the data-source interface). Each element reads what it needs and
 *   refreshes when the data source reports a change.
 * - the organisation's settings (auto-apply, the channels' defaults), read
 *   from the data source, or given with `settings` to use instead.
 * - `locale`, the language money is shown and typed in (default: the page's).
 *
 * It renders its children and nothing else (`display: contents`). An element
 * outside any provider works "controlled": set its properties directly.
 *
 * Below, one provider over the embedded memory data source: take a payment in
 * the pay window and the balance above it changes, with no wiring between the
 * two.
 */
const meta: Meta = {
  title: "Elements/Provider",
  component: "ck-provider",
  argTypes: { locale: { control: "inline-radio", options: ["en-US", "de-DE", "fr-FR"] } },
  args: { locale: "en-US" },
  loaders: [async () => ({ source: await storySource(DUE_20_CREDIT_5) })],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} locale=${args.locale}>
      <ck-balance account-id=${ACCOUNT}></ck-balance>
      <ck-pay-window channel="admin" account-id=${ACCOUNT} hide-balances></ck-pay-window>
    </ck-provider>
  `,
};
export default meta;
type Story = StoryObj;

/** A balance and a pay window sharing one data source: recording a payment updates both. */
export const SharedDataSource: Story = {};

/** The same elements with the provider's `locale` set to German: every amount follows. */
export const Locale: Story = { args: { locale: "de-DE" } };

/**
 * `settings` given to the provider are used instead of the data source's own:
 * here Auto Apply Account Credit is on, where the data source has it off.
 */
export const SettingsOverride: Story = {
  loaders: [
    async () => {
      const source = await storySource(DUE_20_CREDIT_5);
      return { source, settings: { ...(await source.getSettings()), autoApply: true } };
    },
  ],
  render: (args, { loaded }) => html`
    <ck-provider .dataSource=${loaded.source} .settings=${loaded.settings} locale=${args.locale}>
      <ck-balance account-id=${ACCOUNT}></ck-balance>
      <ck-pay-window channel="admin" account-id=${ACCOUNT} hide-balances></ck-pay-window>
    </ck-provider>
  `,
};
