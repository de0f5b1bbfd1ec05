/**
 * The self-test's steps (self-test.ts runs them in order and reports each): each one does its part of the add-in's
 * whole path on the run's temporary sheets with the product's real modules and checks what Excel holds afterwards.
 * Also the clean-up that removes what the run created.
 */
import { buildBriefing } from "../briefing/build";
import { COL } from "../briefing/formulas";
import { importTable } from "../import/bytes";
import { writeBriefingSheet } from "./briefing-sheet";
import { detectDate1904 } from "./date-system";
import { excel } from "./host";
import { namesOf } from "./namespace";
import { readWorkbookTableOrNull } from "./read-table";
import { REQUIRED_SETS } from "./requirements";
import type { selfTestNamespace, SelfTestOptions, SelfTestReport } from "./self-test";
import { both, Check, expect, LEDGER_V1, LEDGER_V2, near, resultOf, TARGETS, YEAR } from "./self-test-fixtures";
import type { Bilingual } from "./self-test-fixtures";
import { deleteWorkSheet, refreshDataset, undoLastRefresh, writeDataset } from "./sheets";
import type { QueueTicket } from "./write-queue";

/** Requirement sets the report lists: what the add-in uses, and a little around it. */
export const REPORTED_SETS: readonly [string, string][] = [
  ["ExcelApi", "1.1"],
  ["ExcelApi", "1.4"],
  ["ExcelApi", "1.9"],
  ["ExcelApi", "1.12"],
  ["ExcelApi", "1.13"],
  ["ExcelApi", "1.16"],
  ["ExcelApi", "1.17"],
  ["SharedRuntime", "1.1"],
  ["CustomFunctionsRuntime", "1.1"],
  ["CustomFunctionsRuntime", "1.3"],
  ["CustomFunctionsRuntime", "1.4"],
  ["RibbonApi", "1.1"],
];

/** What existed when the run started: the clean-up never removes those. */
export interface Existing {
  sheets: Set<string>;
  tables: Set<string>;
  settings: Set<string>;
}

/** One run: its options and names, the environment found, and what the steps pass on to later ones. */
export interface SelfTestRun {
  opts: SelfTestOptions;
  ticket: QueueTicket;
  ns: ReturnType<typeof selfTestNamespace>;
  names: ReturnType<typeof namesOf>;
  ledger: ReturnType<ReturnType<typeof namesOf>["spec"]>;
  o: typeof Office | null;
  env: SelfTestReport["environment"];
  activeSheet: string | null;
  afterUserEdits: unknown[][] | null;
  existing: Existing | null;
}

/** Environment: requirement sets, date system, what exists now; no temporary name taken. */
export async function environmentStep(run: SelfTestRun): Promise<Bilingual | void> {
  const { ns, names, ledger, o } = run;
  for (const [n, v] of [...REPORTED_SETS, ...REQUIRED_SETS.map((s) => [s.name, s.version] as [string, string])]) {
    run.env.sets[`${n} ${v}`] = o?.context?.requirements ? o.context.requirements.isSetSupported(n, v) : null;
  }
  await excel().run(async (ctx) => {
    const active = ctx.workbook.worksheets.getActiveWorksheet();
    active.load("name");
    ctx.workbook.worksheets.load("items/name");
    ctx.workbook.tables.load("items/name");
    ctx.workbook.settings.load("items/key");
    run.env.date1904 = await detectDate1904(ctx);
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- detectDate1904(ctx) on the line above calls ctx.sync()
    run.activeSheet = active.name;
    run.existing = {
      sheets: new Set(ctx.workbook.worksheets.items.map((w) => w.name)),
      tables: new Set(ctx.workbook.tables.items.map((t) => t.name)),
      settings: new Set(ctx.workbook.settings.items.map((x) => x.key)),
    };
    // Nothing of this run may exist already (a previous run with the same tag that could not clean up).
    const probes = [
      ledger.sheet,
      names.archive.sheet,
      names.changeLog.sheet,
      ns.briefing,
      ns.portable,
      ns.functions,
    ].map((n) => ctx.workbook.worksheets.getItemOrNullObject(n));
    await ctx.sync();
    expect(
      probes.every((p) => p.isNullObject),
      "临时工作表名称已被占用",
      "a temporary sheet name is taken",
    );
  });
  const missing = REQUIRED_SETS.filter((s) => run.env.sets[`${s.name} ${s.version}`] === false);
  expect(
    missing.length === 0,
    `缺少 ${missing.map((s) => `${s.name} ${s.version}`).join("、")}`,
    `missing ${missing.map((s) => `${s.name} ${s.version}`).join(", ")}`,
  );
  const where = `${run.env.host} ${run.env.platform} ${run.env.version}; ${run.env.date1904 ? "1904" : "1900"}`;
  return { zh: `${where} 日期系统`, en: `${where} date system` };
}

/** A ledger table written by the real writer. */
export async function ledgerStep(run: SelfTestRun): Promise<Bilingual | void> {
  const { ns, ledger, ticket } = run;
  const s = await writeDataset(
    "ledger",
    resultOf("ledger", { records: LEDGER_V1 }),
    { type: "file", name: "自检" },
    { namespace: ns, ticket },
  );
  expect(s.rows === 4 && s.table === ledger.table, `表格行数 ${s.rows}`, `table rows ${s.rows}`);
  const t = await readWorkbookTableOrNull(ledger.table);
  expect(!!t && t.values.length === 5, "读回的行数不对", "wrong number of rows read back");
  return { zh: `${s.sheet}!${s.table}，${s.rows} 行`, en: `${s.sheet}!${s.table}, ${s.rows} rows` };
}

/** A user column (values and a formula), a total row, a filter. */
export async function userEditsStep(run: SelfTestRun): Promise<Bilingual | void> {
  const { ledger } = run;
  await excel().run(async (ctx) => {
    const t = ctx.workbook.tables.getItem(ledger.table);
    const body = t.getDataBodyRange();
    body.load("values");
    await ctx.sync();
    t.columns.add(undefined, [["负责人"], ...body.values.map((r) => [`负责人-${r[0]}`])], "负责人");
    t.columns.add(undefined, undefined, "公式列");
    await ctx.sync();
    t.columns.getItem("公式列").getDataBodyRange().formulas = body.values.map(() => ['=[@负责人]&"/"&[@所属地区]']);
    t.showTotals = true;
    await ctx.sync();
    const amount = t.columns.getItem("签约金额(亿元)").getRange();
    amount.load("columnIndex");
    const total = t.getTotalRowRange();
    total.load("columnIndex, rowIndex");
    await ctx.sync();
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- a navigation property (a proxy object), not a value to load
    const ws = t.worksheet;
    // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
    ws.getCell(total.rowIndex, amount.columnIndex).formulas = [["=SUBTOTAL(109,[签约金额(亿元)])"]];
    t.columns.getItem("所属地区").filter.apply({ filterOn: "Values", values: ["西宁市"] });
    await ctx.sync();
  });
  run.afterUserEdits = await readBody(ledger.table);
  const rows = run.afterUserEdits.length - 1;
  return { zh: `${rows} 行`, en: `${rows} rows` };
}

/** A refresh with one record added, one changed, one removed. */
export async function refreshStep(run: SelfTestRun): Promise<Bilingual | void> {
  const { ns, names, ledger, ticket } = run;
  const s = await refreshDataset("ledger", resultOf("ledger", { records: LEDGER_V2 }), { namespace: ns, ticket });
  expect(
    s.added === 1 && s.updated === 1 && s.archived === 1,
    `新增 ${s.added}、修改 ${s.updated}、归档 ${s.archived}`,
    `added ${s.added}, changed ${s.updated}, archived ${s.archived}`,
  );
  const state = await excel().run(async (ctx) => {
    const t = ctx.workbook.tables.getItem(ledger.table);
    const head = t.getHeaderRowRange();
    head.load("values");
    const body = t.getDataBodyRange();
    body.load("values");
    const total = t.getTotalRowRange();
    total.load("values, formulas");
    t.autoFilter.load("criteria, isDataFiltered");
    const archive = ctx.workbook.tables.getItem(names.archive.table).getDataBodyRange();
    archive.load("values");
    await ctx.sync();
    /* eslint-disable office-addins/call-sync-after-load, office-addins/call-sync-before-read, office-addins/load-object-before-read -- the rule knows only a context named `context`; ctx.sync() above has run (autoFilter is a navigation property) */
    return {
      head: head.values[0].map(String),
      body: body.values,
      total,
      filter: t.autoFilter,
      archive: archive.values,
    };
    /* eslint-enable office-addins/call-sync-after-load, office-addins/call-sync-before-read, office-addins/load-object-before-read */
  });
  const col = (h: string) => state.head.indexOf(h);
  expect(
    state.body.map((r) => r[0]).join() === LEDGER_V2.map((r) => r.id).join(),
    "刷新后的记录不对",
    "wrong records after the refresh",
  );
  for (const r of state.body) {
    const owner = r[0] === "ZJ-5" ? "" : `负责人-${r[0]}`;
    expect(r[col("负责人")] === owner, `用户列没有跟随记录 ${r[0]}`, `the user column did not follow record ${r[0]}`);
    expect(
      r[col("公式列")] === `${owner}/${r[col("所属地区")]}`,
      `公式列的值不对 ${r[0]}`,
      `formula column wrong for ${r[0]}`,
    );
  }
  const sum = LEDGER_V2.reduce((n, r) => n + (r.signed_amount ?? 0), 0);
  const totalAt = col("签约金额(亿元)");
  expect(
    near(state.total.values[0][totalAt], sum),
    `汇总行 ${state.total.values[0][totalAt]}，应为 ${sum}`,
    `total row ${state.total.values[0][totalAt]}, expected ${sum}`,
  );
  expect(
    String(state.total.formulas[0][totalAt]).startsWith("=SUBTOTAL("),
    "汇总行公式丢失",
    "the total row's formula is gone",
  );
  const crit = state.filter.criteria[col("所属地区")];
  expect(state.filter.isDataFiltered && crit?.filterOn === "Values", "筛选未恢复", "the filter was not applied again");
  expect(
    state.archive.length === 1 && state.archive[0].includes("ZJ-3"),
    "归档中没有删除的记录",
    "the removed record is not in the archive",
  );
  return { zh: `汇总 ${sum}`, en: `total ${sum}` };
}

/** Undo of the refresh: the table as before it. */
export async function undoStep(run: SelfTestRun): Promise<Bilingual | void> {
  const { ns, ledger, ticket } = run;
  const u = await undoLastRefresh({ namespace: ns, ticket });
  expect(!!u, "没有可撤销的操作", "nothing to undo");
  const now = await readBody(ledger.table);
  expect(
    JSON.stringify(now) === JSON.stringify(run.afterUserEdits),
    "撤销后表格与刷新前不同",
    "after undo the table differs from before the refresh",
  );
}

/** A small briefing in live or portable formulas, its actuals compared with the builder's. */
export async function briefingStep(run: SelfTestRun, portable: boolean): Promise<Bilingual | void> {
  const { ns, names, ticket, opts } = run;
  if (!portable) {
    await writeDataset(
      "targets",
      resultOf("targets", { targets: TARGETS }),
      { type: "file", name: "自检" },
      { namespace: ns, ticket },
    );
    await writeDataset("figures", resultOf("figures", {}), { type: "file", name: "自检" }, { namespace: ns, ticket });
  }
  const read = async (kind: "ledger" | "targets") => {
    const t = await readWorkbookTableOrNull(names.spec(kind).table);
    const name = names.spec(kind).table;
    if (!t) throw new Check(`读不到表格 ${name}`, `cannot read the table ${name}`);
    return importTable(t.values, { fileName: names.spec(kind).table, kind, startRow: t.startRow });
  };
  const [l, tg] = [await read("ledger"), await read("targets")];
  const b = buildBriefing(
    { records: l.records, funds: [], targets: tg.targets, figures: [] },
    { period: `${YEAR}Q1`, metrics: ["signed_projects", "signed_amount"] },
  );
  const tableNames = Object.fromEntries(
    (["ledger", "funds", "targets", "figures"] as const).map((k) => [namesOf().spec(k).table, names.spec(k).table]),
  );
  const out = await writeBriefingSheet(b, {
    portable,
    charts: false,
    activate: false,
    tableNames,
    sheetName: portable ? ns.portable : ns.briefing,
    language: "zh-CN",
    settingsKey: `${ns.settingsPrefix}briefings`,
    ticket,
  });
  expect(
    out.warnings.length === 0,
    out.warnings.map((w) => w.message).join(" "),
    out.warnings.map((w) => w.message_en).join(" "),
  );
  const values = await waitForValues(out.sheetName, out.address, opts.functionTimeoutMs ?? 20_000);
  let compared = 0;
  b.tables.forEach((t, ti) => {
    const lt = out.layout.tables[ti];
    [...t.rows, t.total].forEach((row, k) => {
      const r = k < t.rows.length ? lt.firstRow + k : lt.totalRow;
      for (const [c, want] of [
        [COL.actual, row.actual],
        [COL.rate, row.completion_rate],
      ] as const) {
        const got = values[r][c];
        const ok = want === null ? got === "" : near(got, want);
        expect(
          ok,
          `${row.region} ${t.metric} 第 ${c + 1} 列为 ${String(got)}，应为 ${String(want)}`,
          `${row.region} ${t.metric} column ${c + 1} is ${String(got)}, expected ${String(want)}`,
        );
        compared++;
      }
    });
  });
  return { zh: `${compared} 个单元格一致`, en: `${compared} cells agree` };
}

/** The custom functions in cells, with an error cell and a blank cell among the arguments. */
export async function functionsStep(run: SelfTestRun): Promise<Bilingual | void> {
  const { ns, opts } = run;
  await excel().run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add(ns.functions);
    ws.visibility = "Hidden";
    ws.getRange("A1:B2").values = [
      [357.5, 350],
      [10, ""],
    ];
    // Values and dates for PERIOD_SUM: an error cell in a row outside the period, a blank value, a blank date.
    ws.getRange("E1:F5").formulas = [
      [10, "=DATE(2025,1,15)"],
      ["=NA()", "=DATE(2024,5,1)"],
      ["", "=DATE(2025,2,1)"],
      [5, "=DATE(2025,3,31)"],
      [7, ""],
    ];
    ws.getRange("C1:C3").formulas = [
      ["=INVEST.COMPLETION_RATE(A1,B1)"],
      ["=INVEST.COMPLETION_RATE(A2,B2)"],
      ['=INVEST.PERIOD_SUM(E1:E5,F1:F5,"2025Q1")'],
    ];
    await ctx.sync();
  });
  const v = await waitForValues(ns.functions, "C1:C3", opts.functionTimeoutMs ?? 20_000);
  expect(
    near(v[0][0], 357.5 / 350),
    `COMPLETION_RATE(357.5,350) = ${String(v[0][0])}，应为 1.0214…`,
    `COMPLETION_RATE(357.5,350) = ${String(v[0][0])}, expected 1.0214…`,
  );
  expect(
    typeof v[1][0] === "string" && v[1][0].startsWith("#"),
    `空白目标应得到错误值，得到 ${String(v[1][0])}`,
    `a blank target should give an error, got ${String(v[1][0])}`,
  );
  expect(
    near(v[2][0], 15),
    `PERIOD_SUM（含错误单元格和空白单元格）= ${String(v[2][0])}，应为 15`,
    `PERIOD_SUM (with an error cell and blank cells) = ${String(v[2][0])}, expected 15`,
  );
  return both(`${String(v[0][0]).slice(0, 8)}; ${String(v[1][0])}; ${String(v[2][0])}`);
}

/** Header and data body values of a table (the total row not included). */
async function readBody(table: string): Promise<unknown[][]> {
  const t = await readWorkbookTableOrNull(table);
  if (!t) throw new Check(`读不到表格 ${table}`, `cannot read the table ${table}`);
  return t.values;
}

/** The values of a range once no cell shows #BUSY! (custom functions compute asynchronously in Excel). */
async function waitForValues(sheet: string, address: string, timeoutMs: number): Promise<unknown[][]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const values = await excel().run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem(sheet).getRange(address);
      r.load("values");
      await ctx.sync();
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
      return r.values;
    });
    if (!values.some((row) => row.some((v) => v === "#BUSY!"))) return values;
    if (Date.now() > until)
      throw new Check("自定义函数在限定时间内没有算完（#BUSY!）", "custom functions did not finish in time (#BUSY!)");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Remove everything the run created: its sheets (made Hidden first when very hidden) and settings, that is those with
 * its names that were not there when it started (`existing`; nothing when the run could not even look); the user's
 * active sheet activated again. Returns what the run created that is still there afterwards.
 */
export async function cleanUp(
  ns: ReturnType<typeof selfTestNamespace>,
  names: ReturnType<typeof namesOf>,
  activeSheet: string | null,
  existing: Existing | null,
): Promise<string[]> {
  if (!existing) return [];
  const was = existing;
  const mine = (n: string) => n.startsWith(ns.sheetPrefix) && !was.sheets.has(n);
  const keys = (k: string) => k.startsWith(ns.settingsPrefix) && !was.settings.has(k);
  const ourTable = (n: string) => n.startsWith(ns.tablePrefix) && !was.tables.has(n);
  return excel().run(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name, items/visibility");
    ctx.workbook.settings.load("items/key, items/value");
    await ctx.sync();
    const undo = keys(names.settingsUndo)
      ? (ctx.workbook.settings.items.find((s) => s.key === names.settingsUndo)?.value as
          { undoSheet?: string } | undefined)
      : undefined;
    if (activeSheet) {
      const back = ctx.workbook.worksheets.getItemOrNullObject(activeSheet);
      await ctx.sync();
      // eslint-disable-next-line office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
      if (!back.isNullObject) back.activate();
    }
    for (const s of sheets.items) if (mine(s.name) || s.name === undo?.undoSheet) deleteWorkSheet(s);
    for (const s of ctx.workbook.settings.items) if (keys(s.key)) s.delete();
    await ctx.sync();
    sheets.load("items/name");
    ctx.workbook.settings.load("items/key");
    const tables = ctx.workbook.tables;
    tables.load("items/name");
    await ctx.sync();
    return [
      ...sheets.items.map((s) => s.name).filter((n) => mine(n) || n === undo?.undoSheet),
      ...tables.items.map((t) => t.name).filter(ourTable),
      ...ctx.workbook.settings.items.map((s) => s.key).filter(keys),
    ];
  });
}
