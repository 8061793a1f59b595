// A React 19 host compiled against the built packages (issue #16): `npm run build` first, then
// `tsc -p test/hosts/react` checks every `ck-*` tag's props and `onck-…` handlers from `@creditkit/elements/react`.
import type { CreditKitDataSource } from "@creditkit/core";
import type { CkPayWindow, PaymentRecordedEvent } from "@creditkit/elements";
import type {} from "@creditkit/elements/react";
import { type ReactElement, useRef } from "react";

export function App({ dataSource }: { readonly dataSource: CreditKitDataSource }): ReactElement {
  const payWindow = useRef<CkPayWindow>(null);
  const recorded = (event: PaymentRecordedEvent): number => event.detail.entries.length;
  return (
    <ck-provider dataSource={dataSource} locale="en-US">
      <ck-balance account-id="fam-1" currency="USD" />
      <ck-pay-window ref={payWindow} channel="admin" accountId="fam-1" hideBalances onck-payment-recorded={recorded}>
        <span slot="footer">Thanks</span>
      </ck-pay-window>
      <ck-pay-window
        channel="pos"
        account-id="fam-2"
        onck-plan-change={(e) => e.detail.plan}
        onck-record-request={(e) => e.detail.plan}
        onck-payment-recorded={(e) => e.detail.entries.length}
      />
      <ck-credit-toggle class="toggle" checked availableCredit="12.00" onck-apply-credit-change={(e) => e.detail.checked} />
      <ck-account-search
        className="search"
        label="Find a family"
        onck-account-select={(e) => e.detail.accountId}
        onck-account-query={(e) => e.detail.query}
      />
      <ck-members-report
        hasAmountDue
        match="all"
        onck-member-action={(e) => e.detail.amountDue}
        onck-csv-export={(e) => e.detail.filename}
      />
      <ck-transactions audience="member" allowReverse onck-payment-reversed={(e) => e.detail.entryId} />
      <ck-batch-collect
        concurrency={2}
        onck-batch-start={(e) => e.detail.invoices.length}
        onck-batch-progress={(e) => e.detail.done / e.detail.total}
        onck-batch-complete={(e) => e.detail.summary}
      />
      <ck-mass-credit-wizard
        today="2026-12-05"
        onck-mass-credit-preview={(e) => e.detail.preview}
        onck-mass-credit-processed={(e) => e.detail.record.status}
        onck-mass-credit-reversed={(e) => e.detail.reversal}
      />
      {/* @ts-expect-error channel is "admin" | "pos" | "portal" */}
      <ck-pay-window channel="kiosk" />
      {/* @ts-expect-error concurrency is a number */}
      <ck-batch-collect concurrency="2" />
      {/* @ts-expect-error the pay window's payment-recorded detail has no `query` */}
      <ck-pay-window onck-payment-recorded={(e) => e.detail.query} />
      {/* @ts-expect-error the balance has no `amount` property (it is `amountDue`); TypeScript checks names without a dash */}
      <ck-balance amount="5.00" />
    </ck-provider>
  );
}
