/**
 * The task pane's services over the simulated Excel host with the real import, workbook and briefing modules:
 * the same code path as the add-in and the offline preview, without a browser.
 */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { createWorkbookServices } from "../../src/taskpane/workbook-services";
import { createBackends } from "../../src/taskpane/backends";
import { valuesCopyName } from "../../src/taskpane/backends-impl";
import type { TaskPaneServices } from "../../src/taskpane/services";
import { LEDGER, OWN_TABLES } from "../../src/core/columns";

let metadata: { functions: unknown[] };
let sim: SimulatedExcel;
let services: TaskPaneServices;

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(
    [path.join(__dirname, "../../src/functions/functions.ts")],
    true,
  );
  metadata = JSON.parse(result.metadataJson);
}, 60_000);

beforeEach(() => {
  sim = createSimulatedExcel({ functionsMetadata: metadata }).install();
  services = createWorkbookServices({
    host: "preview",
    backends: createBackends(),
    activeCell: async () => "Sheet1!B2",
  });
});
afterEach(() => {
  sim.close();
});

async function loadSamples() {
  const results = await services.read({ type: "sample" }, {});
  const reports = [];
  for (const r of results) reports.push(await services.write(r, { type: "sample" }, {}));
  return reports;
}

/** The row of `region` in the table titled `title` (e.g. 签约金额（亿元）), as text as Excel shows it. */
function rowText(sheet: string, title: string, region: string): string[] {
  const rows = sim.workbook.text(sheet);
  const start = rows.findIndex((r) => r[0] === title);
  return rows.slice(start + 1).find((r) => r[0] === region) ?? [];
}

test("sample data: five datasets (the regions table too) read, written to their sheets, remembered as sources", async () => {
  const reports = await loadSamples();
  expect(reports.map((r) => r.sheet).sort()).toEqual(["到位资金", "汇总数", "台账", "目标任务", "地区"].sort());
  expect(sim.workbook.table("Ledger")!.rowCount).toBe(30);
  // names resolved through the divisions and the sample's regions table: every ledger row carries its 地区路径
  const pathCol = LEDGER.columns.findIndex((c) => c.field === "region_path");
  expect(
    sim.workbook
      .tableValues("Ledger")
      .map((row) => String(row[pathCol]))
      .filter((p) => !/^(青海省|甘肃省)›/.test(p)),
  ).toEqual([]);
  const sources = await services.listSources();
  expect(sources.map((s) => s.kind).sort()).toEqual(["figures", "funds", "ledger", "regions", "targets"]);
  expect(sources.every((s) => s.label === "示例数据" && s.refreshable && s.lastRefreshed)).toBe(true);
});

test("briefing 2025Q1 over the sample data: 西宁开发区 signed 245 (亿元), 87.19% of its target, written with formulas", async () => {
  await loadSamples();
  const avail = await services.briefingAvailability();
  expect(avail.regions).toContain("西宁开发区");
  expect(avail.dataYears).toContain(2025);
  expect(avail.targetYears).toEqual([2023, 2024, 2025]);
  expect(avail.latest).toEqual({ year: 2025, month: 3 }); // the sample data runs to March 2025: 2025Q1 by default
  const out = await services.buildBriefing({
    period: "2025Q1",
    regions: ["西宁开发区"],
    metrics: ["signed_projects", "signed_amount"],
    basis: "month",
    tolerance: 10,
    portable: false,
    valuesOnly: true,
    charts: true,
  });
  expect(out.sheet).toBe("成绩单 2025Q1");
  expect(out.text.zh).toContain("245亿元");
  expect(out.text.zh).toContain("87.19%");
  expect(out.text.en).toMatch(/CNY 24\.5 billion/); // 245 亿元, as reports in English name amounts
  // 地区 | 实际完成 | 年度目标 | 完成率 | 序时进度 | 超/欠序时进度 | 状态 …
  expect(rowText("成绩单 2025Q1", "签约金额（亿元）", "西宁开发区").slice(0, 7)).toEqual([
    "西宁开发区",
    "245.00",
    "281.00",
    "87.19%",
    "25.00%",
    "62.19",
    "超序时",
  ]);
  expect(rowText("成绩单 2025Q1", "签约项目数（个）", "西宁开发区").slice(0, 2)).toEqual(["西宁开发区", "23"]);
  // the live sheet computes with formulas; the values copy has none
  const formulas = sim.workbook
    .formulas("成绩单 2025Q1")
    .flat()
    .filter((f) => typeof f === "string" && f.startsWith("="));
  expect(formulas.length).toBeGreaterThan(0);
  const copy = valuesCopyName("成绩单 2025Q1", "zh-CN");
  expect(sim.workbook.sheetNames()).toContain(copy);
  expect(
    sim.workbook
      .formulas(copy)
      .flat()
      .some((f) => typeof f === "string" && f.startsWith("=")),
  ).toBe(false);
  expect(rowText(copy, "签约金额（亿元）", "西宁开发区").slice(0, 4)).toEqual([
    "西宁开发区",
    "245.00",
    "281.00",
    "87.19%",
  ]);
});

test("the report card by level through the pane: 青海省 by 市州 with 西宁开发区 as 其中 (2025Q1), 102.14% and 15.12% (2024Q1)", async () => {
  await loadSamples();
  const avail = await services.briefingAvailability();
  expect(avail.jurisdictions?.map((j) => j.name)).toEqual(
    expect.arrayContaining(["全国", "青海省", "西宁市", "甘肃省"]),
  );
  expect(avail.jurisdictions?.[0]).toEqual({ name: "全国", level: null });
  const base = {
    metrics: ["signed_projects", "signed_amount", "funds_in_place_out_of_province"] as never,
    basis: "month" as const,
    tolerance: 10,
    portable: false,
    valuesOnly: false,
    charts: false,
  };
  // defaults (no jurisdiction or level given): the builder's, 青海省 by 市州
  const q1 = await services.buildBriefing({ ...base, period: "2025Q1", breakdowns: ["industry"], top: 3 });
  const rows = sim.workbook.text(q1.sheet);
  const start = rows.findIndex((r) => r[0] === "签约金额（亿元）");
  const labels = rows.slice(start + 1).map((r) => r[0]);
  const k = labels.indexOf("西宁市");
  expect(k).toBeGreaterThan(0);
  expect(labels[k + 1]).toBe("其中：西宁开发区");
  expect(rowText(q1.sheet, "签约金额（亿元）", "合计")[1]).toBe("245.00"); // the 其中 row is not added a second time
  expect(labels).not.toContain("兰州市"); // another province's city is not in 青海省's card
  expect(q1.text.zh).toMatch(/重点项目/);
  // the breakdown and key projects are tables of the sheet too (values), between the metric tables and the text
  const col0 = rows.map((r) => r[0]);
  const bd = col0.indexOf("按产业类别（本期签约）");
  const kp = col0.indexOf("重点项目（前 3 个）");
  expect(bd).toBeGreaterThan(start);
  expect(kp).toBeGreaterThan(bd);
  expect(col0.indexOf("简报文字")).toBeGreaterThan(kp);
  expect(rows[bd + 1].slice(0, 3)).toEqual(["类别", "项目数", "金额（亿元）"]);
  expect(rows[kp + 2][0]).toBe("1");
  expect(
    sim.workbook
      .formulas(q1.sheet)
      .slice(bd)
      .flat()
      .filter((f) => typeof f === "string" && f.startsWith("=") && !String(f).includes("简报")),
  ).toEqual([]);
  // the same as asked for explicitly, and 2024Q1's published rates
  await services.buildBriefing({ ...base, period: "2024Q1", within: "青海省", level: "市州" });
  expect(rowText("成绩单 2024Q1", "签约金额（亿元）", "西宁市").slice(0, 4)).toEqual([
    "西宁市",
    "357.50",
    "350.00",
    "102.14%",
  ]);
  expect(rowText("成绩单 2024Q1", "省外到位资金（亿元）", "西宁市")[3]).toBe("15.12%");
  // regions without data are listed only when asked for
  const hidden = sim.workbook.text("成绩单 2024Q1").map((r) => r[0]);
  await services.buildBriefing({ ...base, period: "2024Q1", within: "青海省", level: "市州", showEmpty: true });
  const shown = sim.workbook.text("成绩单 2024Q1").map((r) => r[0]);
  expect(shown).toContain("玉树州");
  expect(hidden).not.toContain("玉树州");
  // a period without data (the sample data starts in 2024) is flagged; the periods with data are not
  expect(q1.noData).toBe(false);
  expect((await services.buildBriefing({ ...base, period: "2023Q1" })).noData).toBe(true);
});

test("a regions table loaded after the ledger: the build warns that the ledger's 地区路径 are out of date", async () => {
  await loadSamples();
  // 西宁开发区 moved under 城东区: every path through it changes, and the ledger sheet still has the old ones
  const csv =
    "地区,上级地区,级别\n西宁开发区,城东区,园区\n南川工业园区,西宁开发区,园区\n甘河工业园区,西宁开发区,园区\n生物园区,西宁开发区,园区\n";
  const [regions] = await services.read(
    { type: "file", name: "地区表.csv", bytes: new TextEncoder().encode(csv) },
    { kind: "regions" },
  );
  expect(regions.issues.filter((i) => i.severity === "error")).toEqual([]);
  await services.write(regions, { type: "file", name: "地区表.csv", bytes: new Uint8Array() }, {});
  const out = await services.buildBriefing({
    period: "2025Q1",
    metrics: ["signed_amount"],
    basis: "month",
    tolerance: 10,
    portable: false,
    valuesOnly: false,
    charts: false,
  });
  expect(out.warnings.map((w) => w.zh).join("\n")).toMatch(/地区路径.*请先刷新台账和到位资金/);
});

test("refresh of the sample source changes nothing; undo reverts the last write", async () => {
  await loadSamples();
  const sources = await services.listSources();
  const ledger = sources.find((s) => s.kind === "ledger")!;
  const report = await services.refresh(ledger.id, {});
  expect(report).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 30 });
  const undone = await services.undoLastRefresh();
  expect(undone?.description).toBeTruthy();
});

test("a workbook table can be listed and read; issues go to a sheet; formulas into the chosen cell; settings persist", async () => {
  await loadSamples();
  // a table of the user's own (the add-in's tables are not offered as sources)
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add("区县报送");
    ws.getRange("A1:D3").values = [
      ["年份", "所属地区", "指标", "目标值"],
      [2026, "西宁开发区", "签约金额", 300],
      [2026, "西宁市", "签约金额", 400],
    ];
    ws.tables.add("区县报送!A1:D3", true).name = "Reported";
    await ctx.sync();
  });
  const tables = await services.listTables();
  expect(tables).toEqual([{ name: "Reported", sheet: "区县报送", rows: 2 }]);
  const [targets] = await services.read({ type: "table", name: "Reported" }, { kind: "targets" });
  expect(targets.targets).toEqual([
    expect.objectContaining({ year: 2026, region: "西宁开发区", metric: "signed_amount", value: 300 }),
    expect.objectContaining({ year: 2026, region: "西宁市", metric: "signed_amount", value: 400 }),
  ]);

  const sheet = await services.writeIssues(
    [{ file: "a.csv", row: 3, column: "签约额", message: "=不是数字", message_en: "not a number", severity: "error" }],
    "zh-CN",
  );
  expect(sim.workbook.values(sheet, "A1:E2")).toEqual([
    ["文件", "行", "列", "级别", "问题"],
    ["a.csv", 3, "签约额", "错误", "=不是数字"],
  ]);

  expect(await services.insertFormula("=INVEST.COMPLETION_RATE(245, 281)")).toMatch(/B2$/);
  expect(sim.workbook.values("Sheet1", "B2")[0][0]).toBeCloseTo(0.8719, 4);

  expect(
    await services.saveWorkbookSettings({ basis: "day", tolerance: 5, productionUrl: "https://x.example/l.csv" }),
  ).toBe(true);
  expect(await services.readWorkbookSettings()).toEqual({
    basis: "day",
    tolerance: 5,
    productionUrl: "https://x.example/l.csv",
  });
});

test("the add-in's own tables, not offered as sources, are named as src/excel names them", () => {
  const { ARCHIVE, CHANGELOG } = require("../../src/excel/sheets");
  expect(OWN_TABLES).toEqual(
    expect.arrayContaining(["Ledger", "Funds", "Targets", "Figures", ARCHIVE.table, CHANGELOG.table]),
  );
});

test("nothing loaded: no regions or years, and no sources", async () => {
  expect(await services.briefingAvailability()).toEqual({
    regions: [],
    dataYears: [],
    targetYears: [],
    jurisdictions: [{ name: "全国", level: null }],
  });
  expect(await services.listSources()).toEqual([]);
  expect(await services.undoLastRefresh()).toBeNull();
});

test("a URL that fails reports the import error", async () => {
  const failing = createWorkbookServices({
    host: "preview",
    backends: { ...createBackends(), importUrl: async () => Promise.reject(new Error("HTTP 404")) },
  });
  await expect(failing.read({ type: "url", url: "https://x.example/missing.csv" }, {})).rejects.toThrow("HTTP 404");
});

test("a file whose columns are not recognised fails with the headers seen; mapped by hand it imports", async () => {
  const bytes = new TextEncoder().encode("编号,项目,区县,签约额(亿元)\nX-1,示范项目,西宁开发区,12.5\n");
  const err = await services.read({ type: "file", name: "自制台账.csv", bytes }, { kind: "ledger" }).catch((e) => e);
  expect(err).toBeInstanceOf(Error);
  expect(err.details?.headers).toEqual(expect.arrayContaining(["编号", "项目", "区县"]));
  const [result] = await services.read(
    { type: "file", name: "自制台账.csv", bytes },
    { kind: "ledger", mapping: { 编号: "id", 项目: "name", 区县: "region", "签约额(亿元)": "signed_amount" } },
  );
  expect(result.records).toEqual([
    expect.objectContaining({ id: "X-1", name: "示范项目", region: "西宁开发区", signed_amount: 12.5 }),
  ]);
});
