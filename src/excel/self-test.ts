/**
 * 自检 (self-test): the whole path of the add-in, run by a user in their own Excel (task pane 设置 → 运行自检, or the
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
 * report (reportText) is plain text a user can copy and send. Each step's detail and error are kept in both languages
 * (a failed expectation is an AppError SELF_TEST_CHECK, as is any AppError a product module throws): whoever shows
 * the report picks one, the task pane its UI language; nothing glues the two into one string.
 */
import { namesOf, WriterNamespace } from "./namespace";
import {
  cleanUp,
  environmentStep,
  ledgerStep,
  userEditsStep,
  refreshStep,
  undoStep,
  briefingStep,
  functionsStep,
  SelfTestRun,
} from "./self-test-steps";
import { isAppError } from "../core/errors";
import { both, expect } from "./self-test-fixtures";
import type { Bilingual } from "./self-test-fixtures";
import { QueueTicket, serialised } from "./write-queue";

export { REPORTED_SETS } from "./self-test-steps";
export type { Bilingual } from "./self-test-fixtures";

export interface SelfTestStep {
  id: string;
  zh: string;
  en: string;
  ok: boolean;
  /** Milliseconds the step took. */
  ms: number;
  /** What failed (the error's message in both languages), when it failed. */
  error?: Bilingual;
  /** What was seen, for the report, in both languages. */
  detail?: Bilingual;
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

// ------------------------------------------------------------------------------------------------- the run

/** Run the self-test (after any write queued before it, holding the queue until it is done). */
export function runSelfTest(opts: SelfTestOptions = {}): Promise<SelfTestReport> {
  return serialised((ticket) => selfTest(opts, ticket));
}

/** Runs steps in order and records each; after a failure the rest are reported as not run, unless `always`. */
function stepRunner(steps: SelfTestStep[], onStep: SelfTestOptions["onStep"]) {
  let failed = false;

  async function step(
    id: string,
    zh: string,
    en: string,
    body: () => Promise<Bilingual | void>,
    always = false,
  ): Promise<void> {
    if (failed && !always) {
      const error = { zh: "未运行：前面的步骤失败", en: "not run: an earlier step failed" };
      const s = { id, zh, en, ok: false, ms: 0, error };
      steps.push(s);
      onStep?.(s);
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
    onStep?.(s);
  }
  return step;
}

/** What Office.context.diagnostics says about the host (requirement sets and date system are filled in later). */
function environmentOf(o: typeof Office | null): SelfTestReport["environment"] {
  const diag = o?.context?.diagnostics;
  return {
    host: String(diag?.host ?? "—"),
    platform: String(diag?.platform ?? "—"),
    version: diag?.version ?? "—",
    inOffice: !!diag,
    date1904: null,
    sets: {},
    userAgent: typeof navigator !== "undefined" ? navigator.userAgent : "",
  };
}

async function selfTest(opts: SelfTestOptions, ticket: QueueTicket): Promise<SelfTestReport> {
  const started = Date.now();
  const tag = opts.tag ?? randomTag();
  const ns = selfTestNamespace(tag);
  const names = namesOf(ns);
  const steps: SelfTestStep[] = [];
  const o = office();
  const env = environmentOf(o);
  const step = stepRunner(steps, opts.onStep);

  const run: SelfTestRun = {
    opts,
    ticket,
    ns,
    names,
    ledger: names.spec("ledger"),
    o,
    env,
    activeSheet: null,
    afterUserEdits: null,
    existing: null,
  };
  await step("environment", "运行环境", "Environment", () => environmentStep(run));
  await step("ledger", "写入台账表格", "Write a ledger table", () => ledgerStep(run));
  await step("user-edits", "用户列、汇总行、筛选", "User columns, total row, filter", () => userEditsStep(run));
  await step("refresh", "刷新：新增、修改、删除各一条", "Refresh: one added, one changed, one removed", () =>
    refreshStep(run),
  );
  await step("undo", "撤销刷新", "Undo the refresh", () => undoStep(run));
  await step("briefing-live", "成绩单（实时公式）", "Briefing (live formulas)", () => briefingStep(run, false));
  await step("briefing-portable", "成绩单（可移植公式）", "Briefing (portable formulas)", () =>
    briefingStep(run, true),
  );
  await step("functions", "自定义函数 INVEST.*", "Custom functions INVEST.*", () => functionsStep(run));

  const leftovers: string[] = [];
  await step(
    "cleanup",
    "清理临时内容",
    "Remove everything created",
    async () => {
      leftovers.push(...(await cleanUp(ns, names, run.activeSheet, run.existing)));
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

/**
 * What an error says, in both languages: an AppError's own two messages (with its code, except for a failed
 * expectation, whose message is the whole story); anything else (Excel's OfficeExtension.Error, a bug) has one
 * message, shown as it is in both, with its code and Excel's error location.
 */
function errorText(e: unknown): Bilingual {
  if (isAppError(e)) {
    const code = e.code === "SELF_TEST_CHECK" ? "" : `${e.code}: `;
    return { zh: `${code}${e.zh}`, en: `${code}${e.en}` };
  }
  if (e && typeof e === "object") {
    const x = e as { message?: string; code?: string; debugInfo?: { errorLocation?: string } };
    const where = x.debugInfo?.errorLocation ? ` (${x.debugInfo.errorLocation})` : "";
    return both(
      `${x.code && !String(x.message).includes(x.code) ? `${x.code}: ` : ""}${x.message ?? String(e)}${where}`,
    );
  }
  return both(String(e));
}

/** The report as plain text, to copy and send: headings, steps, details and errors all in `language`. */
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
      const text = (b?: Bilingual) => (b ? `   ${zh ? b.zh : b.en}` : "");
      return [head, text(s.detail), text(s.error)].filter(Boolean).join("\n");
    }),
    r.leftovers.length ? `\n${zh ? "未能删除" : "Could not remove"}: ${r.leftovers.join(", ")}` : "",
  ];
  return lines.filter((l, i) => l !== "" || i === 6).join("\n");
}
