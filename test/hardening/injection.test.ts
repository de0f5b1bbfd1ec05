/**
 * Formula injection, end to end: a corpus of 62 CSV-injection payloads (test/fixtures/security) goes through the
 * importer, into the simulated Excel host by the real sheet writer, and into the exported briefing workbook.
 * Everywhere it must stay text: never a formula, never altered.
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import payloads from "../fixtures/security/csv-injection-payloads.json";
import { importBytes } from "../../src/import";
import { writeDataset } from "../../src/excel";
import { buildBriefing } from "../../src/briefing";
import { briefingXlsx } from "../../src/export";
import { LEDGER } from "../../src/core";
import { createSimulatedExcel } from "../../packages/excel-sim/src";

const corpus = payloads as string[];

/** A ledger whose 项目名称 and 备注 carry the payloads (and 投资方 the reversed list, so no cell repeats its row). */
function injectionCsv(): Uint8Array {
  const rows = corpus.map((p, i) => ({
    项目编号: `INJ-${String(i + 1).padStart(3, "0")}`,
    项目名称: p,
    所属地区: "西宁市",
    投资方: corpus[corpus.length - 1 - i],
    签约日期: "2025-02-19",
    "签约金额（亿元）": "1.5",
    备注: p,
  }));
  return new TextEncoder().encode(Papa.unparse(rows, { newline: "\r\n" }));
}

/**
 * The importer's documented text rule: text whose first visible character is = + - @ (possibly behind whitespace of
 * any kind: tabs, line breaks, no-break or ideographic spaces, zero-width characters) is kept verbatim; any other
 * text loses only its surrounding whitespace. Every later stage must keep exactly that.
 */
const asImported = (payload: string) =>
  /^[\s\p{Zs}\u200B-\u200D\u2060\uFEFF]*[=+\-@＝＋－＠]/u.test(payload) ? payload : payload.trim();

let imported: Awaited<ReturnType<typeof importBytes>>;
beforeAll(async () => {
  imported = await importBytes(injectionCsv(), { fileName: "injection.csv", kind: "ledger" });
});

test("the corpus has at least 50 distinct payloads", () => {
  expect(new Set(corpus).size).toBe(corpus.length);
  expect(corpus.length).toBeGreaterThanOrEqual(50);
});

test("import keeps every payload as text data: every row accepted, only the surrounding whitespace trimmed", () => {
  expect(imported.summary).toEqual({ rows: corpus.length, accepted: corpus.length, rejected: 0, skipped: 0 });
  imported.records.forEach((r, i) => {
    expect({ i, name: r.name, notes: r.notes, investor: r.investor }).toEqual({
      i,
      name: asImported(corpus[i]),
      notes: asImported(corpus[i]),
      investor: asImported(corpus[corpus.length - 1 - i]),
    });
  });
});

test("written into Excel by the sheet writer, every payload is a text cell, not a formula", async () => {
  const sim = createSimulatedExcel().install();
  try {
    await writeDataset("ledger", imported, { type: "file", name: "injection.csv" });
    const titles = sim.workbook.table("Ledger")!.columns;
    const values = sim.workbook.tableValues("Ledger");
    const formulas = sim.workbook.tableFormulas("Ledger");
    const col = (title: string) => titles.indexOf(title);
    expect(values).toHaveLength(corpus.length);
    for (const [field, title] of [
      ["name", "项目名称"],
      ["notes", "备注"],
      ["investor", "投资方"],
    ] as const) {
      const c = col(title);
      expect(c).toBeGreaterThanOrEqual(0);
      values.forEach((row, i) => {
        const expected = imported.records[i][field];
        // The value is the string itself; a formula would have been computed into a number, an error or other text.
        expect({ i, title, value: row[c] }).toEqual({ i, title, value: expected });
        const f = formulas[i][c];
        expect({ i, title, isFormula: typeof f === "string" && f.startsWith("=") && f !== expected }).toEqual({
          i,
          title,
          isFormula: false,
        });
      });
    }
  } finally {
    sim.close();
  }
});

test("in the exported briefing workbook, every payload is a string cell with no formula", async () => {
  const briefing = buildBriefing(
    { records: imported.records, funds: [], targets: [], figures: [] },
    { period: "2025Q1" },
  );
  const bytes = await briefingXlsx({ records: imported.records, funds: [], targets: [], figures: [] }, briefing);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(LEDGER.sheet)!;
  expect(ws).toBeDefined();
  const header = (ws.getRow(1).values as unknown[]).map(String);
  let headerRow = 1;
  for (let r = 1; r <= 5 && !header.includes("项目名称"); r++) {
    if ((ws.getRow(r).values as unknown[]).map(String).includes("项目名称")) {
      headerRow = r;
      break;
    }
  }
  const titles = (ws.getRow(headerRow).values as unknown[]).map((v) => (v == null ? "" : String(v)));
  const nameCol = titles.indexOf("项目名称");
  const notesCol = titles.indexOf("备注");
  expect(nameCol).toBeGreaterThan(0);
  expect(notesCol).toBeGreaterThan(0);
  let checked = 0;
  for (let i = 0; i < corpus.length; i++) {
    const row = ws.getRow(headerRow + 1 + i);
    for (const c of [nameCol, notesCol]) {
      const cell = row.getCell(c);
      // Text with a CR is written as an inline rich-text string (its CR escaped as _x000D_, which Excel, LibreOffice
      // and exceljs decode): still text, never a formula, and the same characters.
      const rich = cell.type === ExcelJS.ValueType.RichText;
      expect({ i, c, formula: cell.formula ?? null, text: rich || cell.type === ExcelJS.ValueType.String }).toEqual({
        i,
        c,
        formula: null,
        text: true,
      });
      expect({ i, c, value: rich ? cell.text : cell.value }).toEqual({ i, c, value: asImported(corpus[i]) });
      checked++;
    }
  }
  expect(checked).toBe(corpus.length * 2);
});
