/**
 * The streaming writer (briefingXlsx / writeBriefingXlsx: exceljs's stream.xlsx.WorkbookWriter, used by
 * `brief --format xlsx`) writes the same workbook as the in-memory writer (briefingWorkbook + writeBuffer):
 * both files are read back with exceljs and compared sheet by sheet, cell by cell (values, formulas and their cached
 * results, number formats, fonts, fills), with columns, frozen panes, filters, conditional formats, the
 * workbook's properties and its request to recalculate on load; in every formula mode and both languages, with
 * funds entries whose region comes from the ledger and text that needs sanitising.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildBriefing } from "../../src/briefing/build";
import type { BriefingInput } from "../../src/briefing/types";
import type { FormulaMode } from "../../src/briefing/formulas";
import {
  briefingWorkbook,
  briefingXlsx,
  writeBriefingXlsxFile,
  type SanitizedCell,
} from "../../src/export/briefing-xlsx";
import type { Language } from "../../src/i18n/language";
import { syntheticInput } from "../../packages/test-support/src/synthetic-briefing";
import { unzip } from "../hardening/zip";

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

/** Everything a reader sees of a sheet, as plain data. */
function sheetView(ws: ExcelJS.Worksheet) {
  const cells: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[`${r},${c}`] = {
        value: cell.value,
        numFmt: cell.numFmt ?? null,
        font: cell.font ?? null,
        fill: cell.fill ?? null,
        alignment: cell.alignment ?? null,
      };
    });
  });
  const columns = (ws.columns ?? []).map((col) => ({ width: col.width ?? null, numFmt: col.numFmt ?? null }));
  const x = ws as unknown as { conditionalFormattings?: unknown[]; autoFilter?: unknown };
  return {
    name: ws.name,
    rowCount: ws.rowCount,
    columnCount: ws.columnCount,
    cells,
    columns,
    views: (ws.views ?? []).map((v) => ({ state: v.state ?? null, ySplit: (v as { ySplit?: number }).ySplit ?? null })),
    autoFilter: x.autoFilter ?? null,
    conditionalFormattings: x.conditionalFormattings ?? [],
  };
}

function calcPr(bytes: Uint8Array): string {
  const xml = unzip(bytes).get("xl/workbook.xml")!.toString("utf8");
  return /<calcPr\b[^>]*\/>/.exec(xml)![0];
}

/** Input with hostile text: a control character (replaced by U+FFFD and reported) in a name, a region and a note. */
function hostileInput(): Required<BriefingInput> {
  const input = syntheticInput({ records: 300, funds: 60, seed: 14 });
  const records = input.records.map((r, i) =>
    i === 5 ? { ...r, name: "光伏\u0001项目", notes: "备注\u000b", region: "城东区" } : r,
  );
  return { ...input, records };
}

const cases: [FormulaMode, Language][] = [
  ["portable", "zh-CN"],
  ["values", "en-US"],
  ["live", "zh-CN"],
];

describe("streaming xlsx writer = in-memory writer", () => {
  const input = hostileInput();
  const briefing = buildBriefing(input, { period: "2025Q2" });
  expect(input.funds.some((e) => !e.region)).toBe(true);

  test.each(cases)("%s, %s: every sheet, cell, format and property read back equal", async (mode, language) => {
    const reportMemory: SanitizedCell[] = [];
    const reportStream: SanitizedCell[] = [];
    const memoryBytes = new Uint8Array(
      (await briefingWorkbook(input, briefing, {
        mode,
        language,
        sanitized: reportMemory,
      }).xlsx.writeBuffer()) as ArrayBuffer,
    );
    const streamBytes = await briefingXlsx(input, briefing, { mode, language, sanitized: reportStream });
    expect(reportStream).toEqual(reportMemory);
    expect(reportStream.length).toBeGreaterThan(0);
    const [a, b] = [await load(memoryBytes), await load(streamBytes)];
    expect(b.worksheets.map((w) => w.name)).toEqual(a.worksheets.map((w) => w.name));
    expect(b.worksheets.length).toBe(5);
    for (const ws of a.worksheets) expect(sheetView(b.getWorksheet(ws.name)!)).toEqual(sheetView(ws));
    // The ledger sheet really holds every record (and the check above is not comparing two empty sheets).
    expect(b.worksheets[1].rowCount).toBe(input.records.length + 1);
    expect(Object.keys(sheetView(b.worksheets[0]).cells).length).toBeGreaterThan(100);
    expect({ creator: b.creator, created: b.created }).toEqual({ creator: a.creator, created: a.created });
    // Excel and WPS recalculate on opening unless the workbook is a frozen copy.
    expect(calcPr(streamBytes)).toBe(calcPr(memoryBytes));
    expect(calcPr(streamBytes).includes('fullCalcOnLoad="1"')).toBe(mode !== "values");
  });

  test("writeBriefingXlsxFile streams the same workbook to a file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brief-stream-"));
    try {
      const file = path.join(dir, "b.xlsx");
      await writeBriefingXlsxFile(file, input, briefing);
      const a = await load(await briefingXlsx(input, briefing));
      const b = await load(new Uint8Array(fs.readFileSync(file)));
      for (const ws of a.worksheets) expect(sheetView(b.getWorksheet(ws.name)!)).toEqual(sheetView(ws));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
