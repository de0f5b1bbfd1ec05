/**
 * 自检 / Self-test: the whole path of the add-in, run by a user in their own Excel (task pane 设置 → 运行自检, or the
 * ribbon's 自检 button), on temporary sheets of the open workbook, with the product's real modules:
 *
 *  1. environment: host, platform and version (Office.context.diagnostics), requirement sets, date system;
 *  2. a ledger table written by the real writer (writeDataset) under temporary names (namespace.ts);
 *  3. a user column (values and a formula), a total row with a SUBTOTAL, a filter;
 *  4. a refresh with an added, a changed and a removed record (refreshDataset): user values follow their records,
 *     the total follows the data, the filter is applied again, the removed record is archived;
 *  5. undo (undoLastRefresh): the table as before the refresh;
 *  6. a small briefing written in live and portable modes (writeBriefingSheet over the temporary tables), its actuals
 *     compared with the builder's;
 *  7. =INVEST.COMPLETION_RATE(…) and =INVEST.PERIOD_SUM(…) in cells, with an error cell and a blank cell among the
 *     arguments;
 *  8. clean-up: every temporary sheet and setting removed (also after a failure), checked.
 *
 * Nothing of the user's is touched: the temporary family has its own sheet, table and settings names (a random tag
 * per run), its own undo record, and the active sheet is activated again at the end. The clean-up removes only what
 * this run created (sheets, tables and settings that were not there when it started), so a sheet of the user's whose
 * name happens to start like ours stays. The whole run holds the write queue (write-queue.ts): a load or refresh the
 * user starts meanwhile waits, and cannot be undone by the clean-up's re-activation of the old active sheet. The
 * report (reportText) is plain text a user can copy and send.
 */
import { excel } from "./host";
import { buildBriefing } from "../briefing/build";
import { COL } from "../briefing/formulas";
import type { ProjectRecord, Target } from "../core/model";
import { importTable } from "../import/bytes";
import type { ImportResult } from "../import/types";
import { writeBriefingSheet } from "./briefing-sheet";
import { detectDate1904 } from "./date-system";
import { namesOf, WriterNamespace } from "./namespace";
import { readWorkbookTableOrNull } from "./read-table";
import { REQUIRED_SETS } from "./requirements";
import { deleteWorkSheet, refreshDataset, undoLastRefresh, writeDataset } from "./sheets";
import { QueueTicket, serialised } from "./write-queue";

export interface SelfTestStep {
  id: string;
  zh: string;
  en: string;
  ok: boolean;
  /** Milliseconds the step took. */
  ms: number;
  /** What failed (the error's message), when it failed. */
  error?: string;
  /** What was seen, for the report. */
  detail?: string;
}

export interface SelfTestReport {
  ok: boolean;
  startedAt: string;
  ms: number;
  environment: {
    host: string;
    platform: string;
    version: string;
    /** Office.context.diagnostics was not available (outside Office: the preview, tests). */
    inOffice: boolean;
    date1904: boolean | null;
    /** Requirement set → supported (null: could not be asked). */
    sets: Record<string, boolean | null>;
    userAgent: string;
  };
  steps: SelfTestStep[];
  /** Temporary sheets or settings that could not be removed (empty when the clean-up worked). */
  leftovers: string[];
}

export interface SelfTestOptions {
  /** Called as each step finishes. */
  onStep?: (step: SelfTestStep) => void;
  /** How long to wait for custom functions to compute (#BUSY!), ms. Default 20 s. */
  functionTimeoutMs?: number;
  /** The run's tag (default random): temporary names are 自检<tag> …, SelfTest_<tag>_…, invest.selftest.<tag>. */
  tag?: string;
}

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

function office(): typeof Office | null {
  return typeof Office !== "undefined" ? Office : null;
}

/** The temporary names of one run. */
export function selfTestNamespace(
  tag: string,
): WriterNamespace & { briefing: string; portable: string; functions: string } {
  return {
    sheetPrefix: `自检${tag} `,
    tablePrefix: `SelfTest_${tag}_`,
    settingsPrefix: `invest.selftest.${tag}.`,
    briefing: `自检${tag} 成绩单`,
    portable: `自检${tag} 成绩单P`,
    functions: `自检${tag} 函数`,
  };
}

function randomTag(): string {
  return Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0");
}

class Check extends Error {}

function expect(cond: boolean, zh: string, en: string): void {
  if (!cond) throw new Check(`${zh} / ${en}`);
}

const near = (a: unknown, b: number) => typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

// ------------------------------------------------------------------------------------------------- fixtures

const YEAR = 2025;
function record(i: number, over: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    id: `ZJ-${i}`,
    name: `自检项目${i}`,
    region: i % 2 ? "西宁市" : "海东市",
    park: null,
    industry: "新能源",
    investor: `企业${i}`,
    investor_type: "其他",
    investor_origin: "省外",
    stage: "签约",
    signed_date: `${YEAR}-0${(i % 3) + 1}-1${i}`,
    started_date: null,
    signed_amount: 10 * i + 0.5,
    planned_investment: null,
    notes: null,
    source: "自检",
    ...over,
  };
}
const LEDGER_V1 = [1, 2, 3, 4].map((i) => record(i));
/** One added (5), one changed (2: amount), one removed (3). */
const LEDGER_V2 = [record(1), record(2, { signed_amount: 99.5 }), record(4), record(5)];
const TARGETS: Target[] = ["西宁市", "海东市"].flatMap((region) => [
  { year: YEAR, region, metric: "signed_amount" as const, value: 200 },
  { year: YEAR, region, metric: "signed_projects" as const, value: 10 },
]);

function resultOf(kind: ImportResult["kind"], rows: { records?: ProjectRecord[]; targets?: Target[] }): ImportResult {
  const n = (rows.records ?? rows.targets ?? []).length;
  return {
    kind,
    records: rows.records ?? [],
    funds: [],
    targets: rows.targets ?? [],
    figures: [],
    issues: [],
    summary: { rows: n, accepted: n, rejected: 0 },
    mapping: {},
    headers: [],
  };
}

// ------------------------------------------------------------------------------------------------- the run

/** Run the self-test (after any write queued before it, holding the queue until it is done). */
export function runSelfTest(opts: SelfTestOptions = {}): Promise<SelfTestReport> {
  return serialised((ticket) => selfTest(opts, ticket));
}

/** What existed when the run started: the clean-up never removes those. */
interface Existing {
  sheets: Set<string>;
  tables: Set<string>;
  settings: Set<string>;
}

async function selfTest(opts: SelfTestOptions, ticket: QueueTicket): Promise<SelfTestReport> {
  const started = Date.now();
  const tag = opts.tag ?? randomTag();
  const ns = selfTestNamespace(tag);
  const names = namesOf(ns);
  const ledger = names.spec("ledger");
  const steps: SelfTestStep[] = [];
  const o = office();
  const diag = o?.context?.diagnostics;
  const env: SelfTestReport["environment"] = {
    host: String(diag?.host ?? "—"),
    platform: String(diag?.platform ?? "—"),
    version: diag?.version ?? "—",
    inOffice: !!diag,
    date1904: null,
    sets: {},
    userAgent: typeof navigator !== "undefined" ? navigator.userAgent : "",
  };
  let failed = false;

  async function step(
    id: string,
    zh: string,
    en: string,
    body: () => Promise<string | void>,
    always = false,
  ): Promise<void> {
    if (failed && !always) {
      const s = { id, zh, en, ok: false, ms: 0, error: "未运行：前面的步骤失败 / not run: an earlier step failed" };
      steps.push(s);
      opts.onStep?.(s);
      return;
    }
    const t0 = Date.now();
    let s: SelfTestStep;
    try {
      const detail = await body();
      s = { id, zh, en, ok: true, ms: Date.now() - t0, ...(detail ? { detail } : {}) };
    } catch (e) {
      failed = true;
      s = { id, zh, en, ok: false, ms: Date.now() - t0, error: errorText(e) };
    }
    steps.push(s);
    opts.onStep?.(s);
  }

  let activeSheet: string | null = null;
  let afterUserEdits: unknown[][] | null = null;
  let existing: Existing | null = null;

  await step("environment", "运行环境", "Environment", async () => {
    for (const [n, v] of [...REPORTED_SETS, ...REQUIRED_SETS.map((s) => [s.name, s.version] as [string, string])]) {
      env.sets[`${n} ${v}`] = o?.context?.requirements ? o.context.requirements.isSetSupported(n, v) : null;
    }
    await excel().run(async (ctx) => {
      const active = ctx.workbook.worksheets.getActiveWorksheet();
      active.load("name");
      ctx.workbook.worksheets.load("items/name");
      ctx.workbook.tables.load("items/name");
      ctx.workbook.settings.load("items/key");
      env.date1904 = await detectDate1904(ctx);
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- detectDate1904(ctx) on the line above calls ctx.sync()
      activeSheet = active.name;
      existing = {
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
    const missing = REQUIRED_SETS.filter((s) => env.sets[`${s.name} ${s.version}`] === false);
    expect(
      missing.length === 0,
      `缺少 ${missing.map((s) => `${s.name} ${s.version}`).join("、")}`,
      `missing ${missing.map((s) => `${s.name} ${s.version}`).join(", ")}`,
    );
    return `${env.host} ${env.platform} ${env.version}; ${env.date1904 ? "1904" : "1900"} 日期系统 / date system`;
  });

  await step("ledger", "写入台账表格", "Write a ledger table", async () => {
    const s = await writeDataset(
      "ledger",
      resultOf("ledger", { records: LEDGER_V1 }),
      { type: "file", name: "自检 / self-test" },
      { namespace: ns, ticket },
    );
    expect(s.rows === 4 && s.table === ledger.table, `表格行数 ${s.rows}`, `table rows ${s.rows}`);
    const t = await readWorkbookTableOrNull(ledger.table);
    expect(!!t && t.values.length === 5, "读回的行数不对", "wrong number of rows read back");
    return `${s.sheet}!${s.table}, ${s.rows} 行 / rows`;
  });

  await step("user-edits", "用户列、汇总行、筛选", "User columns, total row, filter", async () => {
    await excel().run(async (ctx) => {
      const t = ctx.workbook.tables.getItem(ledger.table);
      const body = t.getDataBodyRange();
      body.load("values");
      await ctx.sync();
      t.columns.add(undefined, [["负责人"], ...body.values.map((r) => [`负责人-${r[0]}`])], "负责人");
      t.columns.add(undefined, undefined, "公式列");
      await ctx.sync();
      t.columns.getItem("公式列").getDataBodyRange().formulas = body.values.map(() => [
        '=[@负责人]&"/"&[@所属地区]',
      ]) as never;
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
    afterUserEdits = await readBody(ledger.table);
    return `${afterUserEdits.length - 1} 行 / rows`;
  });

  await step("refresh", "刷新：新增、修改、删除各一条", "Refresh: one added, one changed, one removed", async () => {
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
    expect(
      state.filter.isDataFiltered && crit?.filterOn === "Values",
      "筛选未恢复",
      "the filter was not applied again",
    );
    expect(
      state.archive.length === 1 && state.archive[0].includes("ZJ-3"),
      "归档中没有删除的记录",
      "the removed record is not in the archive",
    );
    return `汇总 / total ${sum}`;
  });

  await step("undo", "撤销刷新", "Undo the refresh", async () => {
    const u = await undoLastRefresh({ namespace: ns, ticket });
    expect(!!u, "没有可撤销的操作", "nothing to undo");
    const now = await readBody(ledger.table);
    expect(
      JSON.stringify(now) === JSON.stringify(afterUserEdits),
      "撤销后表格与刷新前不同",
      "after undo the table differs from before the refresh",
    );
  });

  for (const portable of [false, true]) {
    const id = portable ? "briefing-portable" : "briefing-live";
    await step(
      id,
      portable ? "成绩单（可移植公式）" : "成绩单（实时公式）",
      portable ? "Briefing (portable formulas)" : "Briefing (live formulas)",
      async () => {
        if (!portable) {
          await writeDataset(
            "targets",
            resultOf("targets", { targets: TARGETS }),
            { type: "file", name: "自检 / self-test" },
            { namespace: ns, ticket },
          );
          await writeDataset(
            "figures",
            resultOf("figures", {}),
            { type: "file", name: "自检 / self-test" },
            { namespace: ns, ticket },
          );
        }
        const read = async (kind: "ledger" | "targets") => {
          const t = await readWorkbookTableOrNull(names.spec(kind).table);
          if (!t) throw new Check(`读不到表格 ${names.spec(kind).table} / cannot read ${names.spec(kind).table}`);
          return importTable(t.values, { fileName: names.spec(kind).table, kind, startRow: t.startRow });
        };
        const [l, tg] = [await read("ledger"), await read("targets")];
        const b = buildBriefing(
          { records: l.records, funds: [], targets: tg.targets, figures: [] },
          { period: `${YEAR}Q1`, metrics: ["signed_projects", "signed_amount"] },
        );
        const tableNames = Object.fromEntries(
          (["ledger", "funds", "targets", "figures"] as const).map((k) => [
            namesOf().spec(k).table,
            names.spec(k).table,
          ]),
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
        return `${compared} 个单元格一致 / cells agree`;
      },
    );
  }

  await step("functions", "自定义函数 INVEST.*", "Custom functions INVEST.*", async () => {
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
      ] as never;
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
    return `${String(v[0][0]).slice(0, 8)}; ${String(v[1][0])}; ${String(v[2][0])}`;
  });

  const leftovers: string[] = [];
  await step(
    "cleanup",
    "清理临时内容",
    "Remove everything created",
    async () => {
      leftovers.push(...(await cleanUp(ns, names, activeSheet, existing)));
      expect(leftovers.length === 0, `仍有残留：${leftovers.join("、")}`, `left behind: ${leftovers.join(", ")}`);
    },
    true,
  );

  return {
    ok: steps.every((s) => s.ok),
    startedAt: new Date(started).toISOString(),
    ms: Date.now() - started,
    environment: env,
    steps,
    leftovers,
  };
}

/** Header and data body values of a table (the total row not included). */
async function readBody(table: string): Promise<unknown[][]> {
  const t = await readWorkbookTableOrNull(table);
  if (!t) throw new Check(`读不到表格 ${table} / cannot read ${table}`);
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
      throw new Check("自定义函数在限定时间内没有算完（#BUSY!） / custom functions did not finish in time (#BUSY!)");
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Remove everything the run created: its sheets (made Hidden first when very hidden) and settings, that is those with
 * its names that were not there when it started (`existing`; nothing when the run could not even look); the user's
 * active sheet activated again. Returns what the run created that is still there afterwards.
 */
async function cleanUp(
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

function errorText(e: unknown): string {
  if (e && typeof e === "object") {
    const x = e as { message?: string; code?: string; debugInfo?: { errorLocation?: string } };
    const where = x.debugInfo?.errorLocation ? ` (${x.debugInfo.errorLocation})` : "";
    return `${x.code && !String(x.message).includes(x.code) ? `${x.code}: ` : ""}${x.message ?? String(e)}${where}`;
  }
  return String(e);
}

/** The report as plain text, to copy and send (Chinese or English headings; messages are bilingual). */
export function reportText(r: SelfTestReport, language: "zh-CN" | "en-US" = "zh-CN"): string {
  const zh = language === "zh-CN";
  const lines = [
    zh
      ? `招商引资成绩单 自检报告 — ${r.ok ? "全部通过" : "有步骤失败"}`
      : `Investment Report Card self-test — ${r.ok ? "all passed" : "some steps failed"}`,
    `${zh ? "时间" : "Time"}: ${r.startedAt} (${r.ms} ms)`,
    `Excel: ${r.environment.inOffice ? `${r.environment.host} / ${r.environment.platform} / ${r.environment.version}` : zh ? "未连接 Excel（预览或测试）" : "not in Excel (preview or test)"}`,
    `${zh ? "日期系统" : "Date system"}: ${r.environment.date1904 === null ? "?" : r.environment.date1904 ? "1904" : "1900"}`,
    `${zh ? "要求集" : "Requirement sets"}: ${Object.entries(r.environment.sets)
      .map(([k, v]) => `${k}=${v === null ? "?" : v ? "yes" : "NO"}`)
      .join(", ")}`,
    r.environment.userAgent ? `User agent: ${r.environment.userAgent}` : "",
    "",
    ...r.steps.map((s, i) => {
      const head = `${i + 1}. [${s.ok ? (zh ? "通过" : "PASS") : zh ? "失败" : "FAIL"}] ${zh ? s.zh : s.en} (${s.ms} ms)`;
      return [head, s.detail ? `   ${s.detail}` : "", s.error ? `   ${s.error}` : ""].filter(Boolean).join("\n");
    }),
    r.leftovers.length ? `\n${zh ? "未能删除" : "Could not remove"}: ${r.leftovers.join(", ")}` : "",
  ];
  return lines.filter((l, i) => l !== "" || i === 6).join("\n");
}
