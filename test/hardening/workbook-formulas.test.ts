/**
 * End to end, class 1 (issue 12): hostile text in every text field of every dataset goes through the importer, the
 * sheet writer (load, then a refresh that changes and archives rows: change log and archive), the task pane's issues
 * sheet and the briefing writer (live, portable and values, Chinese and English, charts) into the simulated Excel.
 * Afterwards no cell of any sheet holds a formula the add-in did not generate, and every text lands unaltered.
 */
import Papa from "papaparse";
import { buildBriefing } from "../../src/briefing/build";
import { briefingLayout } from "../../src/briefing/formulas";
import { buildHierarchy } from "../../src/core/region-hierarchy";
import { builtInDivisions } from "../briefing/seed-data";
import { briefingText } from "../../src/briefing/text";
import type { Briefing } from "../../src/briefing/types";
import { writeBriefingSheet } from "../../src/excel/briefing-sheet";
import { defaultLoaders, refreshSource } from "../../src/excel/refresh-all";
import { writeDataset } from "../../src/excel/sheets";
import { importBytes } from "../../src/import";
import type { ImportIssue, ImportResult } from "../../src/import/types";
import { createBackendsNow } from "../../src/taskpane/backends-impl";
import { createWorkbookServices } from "../../src/taskpane/workbook-services";
import { investMetadata } from "../../packages/test-support/src/invest-functions";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { CONVERTIBLE_TEXT, CRITERION_REGIONS, formulaPayloads } from "./corpus";

jest.setTimeout(180_000);

const csv = (rows: object[]) => new TextEncoder().encode(Papa.unparse(rows));
/** Hostile text for the text fields: formula payloads behind every prefix, and every form Excel converts. */
const TEXTS = [...formulaPayloads().filter((_, i) => i % 5 === 0), ...CONVERTIBLE_TEXT];
const text = (i: number) => TEXTS[i % TEXTS.length];

function ledgerRows(version: 1 | 2) {
  return CRITERION_REGIONS.flatMap((region, k) =>
    [1, 2, 3].map((j) => {
      const i = k * 3 + j;
      return {
        项目编号: `P-${i}`,
        项目名称: `${text(i)}`,
        所属地区: region,
        园区: text(i + 1),
        产业类别: text(i + 2),
        投资方: text(i + 3),
        投资来源地: text(i + 4),
        签约日期: `2025-0${j}-1${j}`,
        开工日期: j === 2 ? "2025-03-01" : "",
        "签约金额（亿元）": i / 10,
        // The refresh changes every notes cell to another payload (change log: old → new) and drops j = 3 (archive).
        备注: text(i + (version === 1 ? 5 : 6)),
        来源: text(i + 7),
      };
    }),
  ).filter((r) => version === 1 || !r.项目编号.endsWith("3") || r.项目编号.length > 4);
}

let sim: SimulatedExcel;
let imports: Record<"ledger" | "funds" | "targets" | "figures", ImportResult>;
let issues: ImportIssue[];
const briefings: Briefing[] = [];
/** The CSVs as loaded last (the ledger after its refresh), for the pane's briefing by level (names resolved). */
const lastCsv: Record<string, Uint8Array> = {};

beforeAll(async () => {
  sim = createSimulatedExcel({ sheets: ["Sheet1"], functionsMetadata: await investMetadata() }).install();
  const regions = [...CRITERION_REGIONS];
  lastCsv.funds = csv(
    regions.map((region, k) => ({
      项目编号: `P-${k * 3 + 1}`,
      所属地区: region,
      到位日期: "2025-02-20",
      "到位金额（亿元）": k + 0.5,
      省外资金: "是",
      来源: text(k),
    })),
  );
  lastCsv.targets = csv(
    regions.map((region, k) => ({
      年份: 2025,
      所属地区: region,
      指标: "签约金额",
      目标值: 10 + k,
      推算依据: text(k + 3),
    })),
  );
  lastCsv.figures = csv(
    ["西宁*", "?"].map((region, k) => ({
      年份: 2025,
      截至月份: 3,
      所属地区: region,
      指标: "签约项目数",
      数值: 90 + k,
      口径: "",
      原文: text(k),
    })),
  );
  lastCsv.ledger = csv(ledgerRows(2));
  imports = {
    ledger: await importBytes(csv(ledgerRows(1)), { fileName: "台账.csv", kind: "ledger" }),
    funds: await importBytes(
      csv(
        regions.map((region, k) => ({
          项目编号: `P-${k * 3 + 1}`,
          所属地区: region,
          到位日期: "2025-02-20",
          "到位金额（亿元）": k + 0.5,
          省外资金: "是",
          来源: text(k),
        })),
      ),
      { fileName: "资金.csv", kind: "funds" },
    ),
    targets: await importBytes(
      csv(
        regions.map((region, k) => ({
          年份: 2025,
          所属地区: region,
          指标: "签约金额",
          目标值: 10 + k,
          推算依据: text(k + 3),
        })),
      ),
      { fileName: "目标.csv", kind: "targets" },
    ),
    figures: await importBytes(
      csv(
        ["西宁*", "?"].map((region, k) => ({
          年份: 2025,
          截至月份: 3,
          所属地区: region,
          指标: "签约项目数",
          数值: 90 + k,
          口径: "",
          原文: text(k),
        })),
      ),
      { fileName: "汇总.csv", kind: "figures" },
    ),
  };
  for (const r of Object.values(imports)) expect(r.summary.rejected).toBe(0);
  for (const r of Object.values(imports))
    await writeDataset(r.kind, r, {
      type: "url",
      name: `https://x.example/${r.kind}.csv`,
      url: `https://x.example/${r.kind}.csv`,
    });
  // A refresh of the ledger: every 备注 changes to another payload, a third of the rows leave (archived).
  const second = await importBytes(csv(ledgerRows(2)), { fileName: "台账.csv", kind: "ledger" });
  await refreshSource("ledger", { loaders: { ...defaultLoaders, url: async () => second } });
  // The issues sheet, with hostile file names, columns and messages besides the importer's own.
  issues = [
    ...Object.values(imports).flatMap((r) => r.issues),
    ...TEXTS.slice(0, 40).map((t, i): ImportIssue => ({
      file: t,
      row: i + 1,
      column: text(i + 1),
      message: text(i + 2),
      message_en: text(i + 3),
      severity: i % 2 ? "error" : "warning",
    })),
  ];
  const services = createWorkbookServices({ host: "excel", backends: createBackendsNow() });
  await services.writeIssues(issues, "zh-CN");
  await services.writeIssues(issues, "en-US");
  // The briefing: through the task pane's backend (reads the tables back, values copy + live sheet), then the writer
  // directly for portable and English sheets.
  const backends = createBackendsNow();
  await backends.buildBriefing({
    period: "2025Q1",
    regions: [],
    metrics: [],
    basis: "month",
    tolerance: 10,
    portable: false,
    valuesOnly: true,
    charts: true,
  });
  const input = {
    records: imports.ledger.records,
    funds: imports.funds.funds,
    targets: imports.targets.targets,
    figures: imports.figures.figures,
  };
  const b = buildBriefing(input, { period: "2025Q2" });
  briefings.push(b);
  // What the pane's backend built: the report card by level over the tables read back, names resolved through the
  // built-in divisions (the workbook has no regions table).
  const hierarchy = buildHierarchy(builtInDivisions(), []).hierarchy;
  const resolved = async (kind: "ledger" | "funds" | "targets" | "figures") =>
    importBytes(lastCsv[kind], { fileName: `${kind}.csv`, kind, hierarchy });
  const [rl, rf, rt, rg] = [
    await resolved("ledger"),
    await resolved("funds"),
    await resolved("targets"),
    await resolved("figures"),
  ];
  briefings.push(
    buildBriefing(
      { records: rl.records, funds: rf.funds, targets: rt.targets, figures: rg.figures },
      { period: "2025Q1", hierarchy },
    ),
  );
  await writeBriefingSheet(b, { portable: true, charts: true, language: "zh-CN" });
  const en = { ...b, period: "2025H1" };
  briefings.push(en);
  await writeBriefingSheet(en, { charts: true, language: "en-US" });
});
afterAll(() => sim.uninstall());

/** Every formula the add-in generates for these briefings (any mode, language), and its chart-data links. */
function generated(): Set<string> {
  const out = new Set<string>();
  for (const b of [
    ...briefings,
    buildBriefing(
      {
        records: imports.ledger.records,
        funds: imports.funds.funds,
        targets: imports.targets.targets,
        figures: imports.figures.figures,
      },
      { period: "2025Q1" },
    ),
  ]) {
    for (const language of ["zh-CN", "en-US"] as const) {
      for (const mode of ["live", "portable"] as const) {
        const layout = briefingLayout(b, briefingText(b, { language }), { mode, refs: "structured", language });
        for (const row of layout.grid) for (const c of row) if (c.formula) out.add(c.formula);
      }
    }
  }
  return out;
}

const CHART_LINK = /^=IF\([A-Z]+\d+="","",[A-Z]+\d+\)$/;

test("no cell of any sheet holds a formula the add-in did not generate", () => {
  const allowed = generated();
  const foreign: string[] = [];
  let formulas = 0;
  let cells = 0;
  for (const sheet of sim.workbook.sheetNames()) {
    const f = sim.workbook.formulas(sheet);
    f.forEach((row, r) =>
      row.forEach((v, c) => {
        cells++;
        // formulas() gives a cell's formula, or its value; a text value may start with "=" too: ask the cell.
        if (typeof v !== "string" || !v.startsWith("=")) return;
        const cell = sim.workbook.cell(sheet, addr(r, c));
        if (!cell.formula) return;
        formulas++;
        if (!allowed.has(cell.formula) && !CHART_LINK.test(cell.formula))
          foreign.push(`${sheet}!${addr(r, c)}: ${cell.formula}`);
      }),
    );
  }
  expect(foreign).toEqual([]);
  expect(formulas).toBeGreaterThan(500);
  expect(cells).toBeGreaterThan(5000);
  expect(sim.workbook.sheetNames()).toEqual(
    expect.arrayContaining([
      "台账",
      "到位资金",
      "目标任务",
      "汇总数",
      "归档",
      "变更日志",
      "导入问题",
      "Import issues",
      "成绩单 2025Q1",
      "成绩单 2025Q1 数值",
      "成绩单 2025Q2",
      "成绩单 2025H1",
    ]),
  );
});

function addr(r: number, c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${r + 1}`;
}

test("every hostile text lands unaltered: ledger, archive, change log, issues sheet, briefing regions", () => {
  const titles = sim.workbook.table("Ledger")!.columns;
  const ledger = sim.workbook.tableValues("Ledger");
  const byId = new Map(ledger.map((row) => [row[titles.indexOf("项目编号")], row]));
  for (const rec of ledgerRows(2)) {
    const row = byId.get(rec.项目编号)!;
    for (const t of ["项目名称", "园区", "产业类别", "投资方", "投资来源地", "备注", "来源"] as const) {
      const expected = /^[\s\p{Zs}\u200B-\u200D\u2060\uFEFF]*[=+\-@＝＋－＠]/u.test(rec[t]) ? rec[t] : rec[t].trim();
      expect({ id: rec.项目编号, t, v: row[titles.indexOf(t)] }).toEqual({ id: rec.项目编号, t, v: expected });
    }
  }
  expect(sim.workbook.tableValues("Archive").length).toBe(ledgerRows(1).length - ledgerRows(2).length);
  // The change log holds the old and new 备注 payloads as text.
  const log = sim.workbook
    .tableValues("ChangeLog")
    .flat()
    .filter((v) => typeof v === "string");
  const changed = ledgerRows(2)
    .slice(0, 5)
    .map((r) => r.备注);
  for (const c of changed)
    expect(log).toContain(/^[\s\p{Zs}\u200B-\u200D\u2060\uFEFF]*[=+\-@＝＋－＠]/u.test(c) ? c : c.trim());
  // The issues sheet: file, column and message exactly as given.
  const sheet = sim.workbook.values("导入问题");
  issues.forEach((i, k) => {
    expect([sheet[k + 1][0], sheet[k + 1][1], sheet[k + 1][2], sheet[k + 1][4]]).toEqual([
      i.file,
      i.row,
      i.column ?? "",
      i.message,
    ]);
  });
  // The briefing sheets: every region cell holds its region's exact name.
  const cells = sim.workbook.values("成绩单 2025Q2").map((r) => r[0]);
  for (const region of CRITERION_REGIONS) expect(cells).toContain(region);
});
