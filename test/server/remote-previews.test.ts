/**
 * The remote data source's `previews` (the port's optional `PreviewsPort`):
 * the wizard's questions get the lists and keywords, the preview comes back
 * as totals, summary and rows in pages, and the run is planned on the server
 * from the reviewed rows — the data set never crosses the network.
 */
import { type MassCreditRequest, previewMassCredit } from "@creditkit/core";
import { generateDataSet } from "@creditkit/core/demo";
import { expect } from "chai";
import { type Listening, listening, type RemoteOrg, remoteOrg } from "./remote-helpers.js";

const dataSet = generateDataSet({ seed: 5, families: 50 });

describe("remote data source: previews on the server", function () {
  this.timeout(60_000);
  let at: Listening;
  let org: RemoteOrg;
  before(async () => {
    at = await listening();
  });
  after(() => at.close());
  beforeEach(async () => {
    org = await remoteOrg(at, { jobIntervalMs: 20 });
  });
  afterEach(async () => {
    await org.close();
    expect(at.unexpected).to.deep.equal([]);
  });

  it("context, a preview in pages, an explanation and a run from the reviewed rows", async () => {
    expect(await org.source.previews.context(), "no data set yet").to.equal(undefined);
    await org.direct.openAccounts(dataSet.families.map((f) => ({ id: f.id, name: f.name, kind: "family" as const })));
    await org.direct.putDataSet(dataSet);
    let fetched = 0;
    const counting = await org.remote({
      fetch: (input, init) => {
        if (String(input).includes("/api/data-set")) fetched++;
        return fetch(input, init);
      },
    });

    const context = await counting.previews.context();
    expect(context?.families).to.equal(50);
    expect(context?.lists.creditTypes).to.deep.equal(dataSet.lists.creditTypes);
    expect(context?.keywords.student).to.deep.equal(
      [...new Set(dataSet.students.flatMap((s) => s.keywords))].sort((a, b) => a.localeCompare(b)),
    );

    const request = {
      description: "Snow day",
      creditType: dataSet.lists.creditTypes[0]?.id ?? "",
      location: dataSet.lists.locations[0]?.id ?? "",
      date: "2026-11-20",
      amount: "4.00",
      currency: "USD",
      mode: "family",
    } as MassCreditRequest;
    const expected = previewMassCredit(request, dataSet);
    const preview = await counting.previews.start(request, { limit: 5 });
    expect([preview.count, preview.total, preview.summary]).to.deep.equal([expected.count, expected.total, expected.summary]);
    expect(preview.rows).to.deep.equal(expected.rows.slice(0, 5));
    expect(await counting.previews.rows(preview.previewId, 5, 10)).to.deep.equal(expected.rows.slice(5, 15));
    const why = await counting.previews.explain(preview.previewId, expected.rows[0]?.familyId ?? "");
    expect(why.qualifies).to.equal(true);

    const deselected = [expected.rows[1]?.rowKey ?? ""];
    const seen: number[] = [];
    const record = await counting.previews.run(preview.previewId, { runId: "snow", deselected, onProgress: (p) => seen.push(p.done) });
    expect(record).to.include({ status: "done", issued: expected.count - 1 });
    expect(seen.at(-1)).to.equal(expected.count - 1);
    expect((await org.direct.getAccount(expected.rows[1]?.familyId ?? "")).accountCredit).to.equal("0.00");
    expect((await org.direct.getAccount(expected.rows[0]?.familyId ?? "")).accountCredit).to.equal("4.00");
    expect(fetched, "the data set never crossed the network").to.equal(0);
  });
});
