/**
 * `npm run cli -- brief`: the quarterly briefing (成绩单) from files.
 *
 *   npm run cli -- brief --ledger 台账.csv [--funds 到位资金.csv] [--figures 汇总数.csv] --targets 目标.csv \
 *       --period 2025Q1 [--as-of 2025-03-31] [--basis month|day] [--tolerance 10] \
 *       [--regions 地区表.csv] [--within 青海省] [--level 市州] [--show-empty] [--no-zones] [--only 甲,乙] \
 *       [--breakdown industry,origin,investor_type,stage] [--top 10] \
 *       [--format json|xlsx|md] [--mode portable|values|live] [--language zh-CN|en-US] [--out path]
 *
 * Files are read with the importer (CSV in any encoding, JSON, xlsx), region names resolved through the built-in
 * divisions and the regions table (--regions): the report card is for one jurisdiction at one level. json prints the contract of
 * src/briefing/output.ts (ratios as fractions, pace_gap in percentage points, null where not computable); md prints
 * the tables and the text; xlsx writes the briefing workbook (data sheets + the briefing sheet with portable formulas
 * and cached values) to --out (default ./成绩单-<period>.xlsx).
 */
import { AppError } from "../core/errors";
import * as fs from "fs";
import * as path from "path";
import { buildBriefing, BriefingError } from "../briefing/build";
import { briefingJson, briefingMarkdown, type ImportReportJson } from "../briefing/output";
import { briefingText } from "../briefing/text";
import type { BriefingInput } from "../briefing/types";
import type { FormulaMode } from "../briefing/formulas";
import type { SanitizedCell } from "../export/briefing-xlsx";
import { importBytes } from "../import/bytes"; // not ../import: its index bundles the seed CSVs (webpack only)
import { isImportError } from "../import/errors";
import type { DatasetKind, ImportOptions, ImportResult } from "../import/types";
import { loadDivisions, type Division } from "../core/divisions";
import { buildHierarchy, type RegionHierarchy } from "../core/region-hierarchy";
import { parseLevel } from "../core/region-levels";
import { BREAKDOWN_KINDS, type BreakdownKind } from "../briefing/types";
import type { Language } from "../i18n/language";
import type { Subcommand } from "./command";
import { terminalSafe } from "./terminal";

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIO: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export const BRIEF_USAGE = `用法 / usage:
  npm run cli -- brief --ledger <文件> [--funds <文件>] [--figures <文件>] --targets <文件> --period 2025Q1
                       [--as-of YYYY-MM-DD] [--basis month|day] [--tolerance 10]
                       [--regions <地区表文件>] [--within <辖区>] [--level 省|市州|县区|园区] [--show-empty] [--no-zones]
                       [--breakdown industry,origin,investor_type,stage] [--top N] [--only 甲,乙]
                       [--format json|xlsx|md] [--mode portable|values|live] [--language zh-CN|en-US] [--out <路径>]
  --period   报告期：2025Q1、2025H1、2025M05YTD、“2025年一季度”…（统计口径为年初至期末）
  --regions  地区表（地区、上级地区、级别、别名、排序）：补充和改写内置的行政区划 / the regions table
  --within   辖区：成绩单写给哪个地区（默认：台账项目最多的地区；“全国”为各省）/ the jurisdiction (default: most records)
  --level    各行的级别（默认：辖区内多数项目所在的级别）/ the level of the rows (default: where most records fall)
  --show-empty 也列出既无数据也无目标的地区 / also list regions with neither data nor a target
  --no-zones 不列“其中”行（园区）/ no 其中 rows for zones and parks
  --breakdown 分类表：industry 产业类别、origin 投资来源地、investor_type 企业类型、stage 项目阶段（或 all）
  --top      重点项目数（签约或开工的最大项目）/ key projects: the N largest signed or started
  --only     只列这些地区，各地区并列（不按层级）/ only these regions, side by side (not by level)
  --format   json（默认，打印到标准输出）、md（表格+文字）、xlsx（写出成绩单工作簿）
  --mode     xlsx 的公式：portable（默认，仅内置函数）、values（只有数值）、live（INVEST.* 函数，需加载项）
  JSON: ratios are fractions (1.0214 = 102.14%), pace_gap is in percentage points, null where not computable;
        "import" lists each file's rows accepted, rejected and skipped, and every issue.
退出码 / exit codes: 0 完成 done · 1 失败 failure · 2 用法或文件无法读取 usage, or a file cannot be read
                    3 已输出，但有行未导入（数字不含这些行）written, but rows were rejected (the numbers leave them out)
`;

/** Exit codes of `brief` (docs/briefing.md "Command line"). */
export const BRIEF_EXIT = { ok: 0, failure: 1, usage: 2, rowsRejected: 3 } as const;

/** Issues printed per file on standard error (all of them are in --format json and md). */
const PRINTED_ISSUES = 10;

const FLAGS = new Set([
  "ledger",
  "funds",
  "figures",
  "targets",
  "period",
  "as-of",
  "basis",
  "tolerance",
  "regions",
  "format",
  "mode",
  "language",
  "out",
  "within",
  "level",
  "breakdown",
  "top",
  "only",
]);
/** Flags that take no value. */
const SWITCHES = new Set(["show-empty", "no-zones"]);

export function parseBriefArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      out.help = "1";
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (m && SWITCHES.has(m[1]) && m[2] === undefined) {
      out[m[1]] = "1";
      continue;
    }
    if (!m || !FLAGS.has(m[1])) throw new UsageError("USAGE", `未知参数 ${arg}`, `unknown argument ${arg}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || (m[2] === undefined && value.startsWith("--")))
      throw new UsageError("USAGE", `${arg} 缺少取值`, `${arg} needs a value`);
    out[m[1]] = value;
  }
  return out;
}

/** A command line the command cannot run: exit code 2. */
class UsageError extends AppError {}

/** A file that cannot be imported at all (the ImportError, with the file's path): exit code 2. */
class UnreadableFile extends AppError {}

/**
 * The ledger fields buildBriefing reads (records, and the funds entries' projects looked up by id or name): what the
 * json and md formats keep of each record (ImportOptions.keep), so a million records do not hold fifteen strings
 * each. test/cli/brief-projection.test.ts checks that the briefing is the same as from whole records.
 */
export const BRIEFING_LEDGER_FIELDS = [
  "id",
  "name",
  "region",
  "park",
  "signed_ymd",
  "started_ymd",
  "signed_amount",
] as const;

async function readDataset(
  file: string,
  kind: DatasetKind,
  io: CliIO,
  options: Pick<ImportOptions, "hierarchy" | "divisions" | "keep"> = {},
): Promise<ImportResult> {
  let bytes: Uint8Array;
  try {
    const buffer = fs.readFileSync(file);
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength); // a view, not a copy
  } catch (e) {
    throw new UsageError("FILE_UNREADABLE", `无法读取文件 ${file}（${(e as Error).message}）`, `cannot read ${file}`);
  }
  let result: ImportResult;
  try {
    result = await importBytes(bytes, { fileName: path.basename(file), kind, ...options });
  } catch (e) {
    if (isImportError(e)) throw new UnreadableFile(e.code, `${file}: ${e.zh}`, e.en, e.details);
    throw e;
  }
  printIssues(file, result, io);
  return result;
}

/**
 * Every import problem that changes what the numbers count, on standard error: rows rejected (errors) and warnings
 * (a date left blank leaves a project out, a total row was skipped…), each file's first PRINTED_ISSUES of each.
 */
function printIssues(file: string, result: ImportResult, io: CliIO): void {
  const { rows, accepted, rejected, skipped = 0 } = result.summary;
  if (result.issues.length === 0) return;
  io.stderr(
    `${file}: 数据行 ${rows}，已导入 ${accepted}，未导入 ${rejected}，跳过 ${skipped} / ${rows} rows, ${accepted} accepted, ${rejected} rejected, ${skipped} skipped\n`,
  );
  for (const severity of ["error", "warning"] as const) {
    const list = result.issues.filter((i) => i.severity === severity);
    if (list.length === 0) continue;
    io.stderr(
      severity === "error"
        ? `  未导入的行 / rejected rows (${list.length}):\n`
        : `  提醒 / warnings (${list.length}):\n`,
    );
    for (const i of list.slice(0, PRINTED_ISSUES))
      io.stderr(
        `    第${i.row}行 row ${i.row}${i.column ? `「${i.column}」` : ""} ${i.message}\n      ${i.message_en}\n`,
      );
    if (list.length > PRINTED_ISSUES)
      io.stderr(
        `    …另有 ${list.length - PRINTED_ISSUES} 条 / ${list.length - PRINTED_ISSUES} more (--format json lists them all)\n`,
      );
  }
}

function importReport(file: string, r: ImportResult): ImportReportJson {
  return {
    file: path.basename(file),
    kind: r.kind,
    summary: {
      rows: r.summary.rows,
      accepted: r.summary.accepted,
      rejected: r.summary.rejected,
      skipped: r.summary.skipped ?? 0,
    },
    issues: r.issues.map((i) => ({
      row: i.row,
      column: i.column,
      severity: i.severity,
      ...(i.code ? { code: i.code } : {}),
      message: i.message,
      message_en: i.message_en,
    })),
  };
}

/** Run the command; returns the exit code (BRIEF_EXIT: 0 ok, 1 failure, 2 usage or unreadable file, 3 rows rejected). */
export async function briefCommand(argv: string[], rawIo: CliIO = defaultIO): Promise<number> {
  // What reaches a terminal never carries a file's control characters (terminal.ts); JSON escapes them itself.
  const io: CliIO = { stdout: (t) => rawIo.stdout(t), stderr: (t) => rawIo.stderr(terminalSafe(t)) };
  let args: Record<string, string>;
  try {
    args = parseBriefArgs(argv);
  } catch (e) {
    io.stderr(`${(e as Error).message}\n\n${BRIEF_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(BRIEF_USAGE);
    return 0;
  }
  const missing = ["ledger", "targets", "period"].filter((k) => !args[k]);
  if (missing.length > 0) {
    io.stderr(`缺少参数 / missing: ${missing.map((k) => `--${k}`).join(" ")}\n\n${BRIEF_USAGE}`);
    return 2;
  }
  const format = args.format ?? "json";
  if (!["json", "xlsx", "md"].includes(format)) {
    io.stderr(`--format 只能是 json、xlsx 或 md / must be json, xlsx or md\n`);
    return 2;
  }
  const basis = args.basis ?? "month";
  if (basis !== "month" && basis !== "day") {
    io.stderr(`--basis 只能是 month 或 day / must be month or day\n`);
    return 2;
  }
  const mode = (args.mode ?? "portable") as FormulaMode;
  if (!["portable", "values", "live"].includes(mode)) {
    io.stderr(`--mode 只能是 portable、values 或 live\n`);
    return 2;
  }
  const language: Language = args.language === "en-US" || args.language === "en" ? "en-US" : "zh-CN";
  const tolerance = args.tolerance !== undefined ? Number(args.tolerance) : undefined;
  if (tolerance !== undefined && !Number.isFinite(tolerance)) {
    io.stderr(`--tolerance 应为数字 / must be a number\n`);
    return 2;
  }
  const level = args.level !== undefined ? parseLevel(args.level) : undefined;
  if (level === null) {
    io.stderr(
      `--level 只能是 省、市州、县区 或 园区 / must be 省, 市州, 县区 or 园区 (province, prefecture, county, zone)\n`,
    );
    return 2;
  }
  const top = args.top !== undefined ? Number(args.top) : undefined;
  if (top !== undefined && !(Number.isInteger(top) && top >= 0)) {
    io.stderr(`--top 应为不小于 0 的整数 / must be a whole number ≥ 0\n`);
    return 2;
  }
  let breakdowns: BreakdownKind[] | undefined;
  if (args.breakdown !== undefined) {
    const list = args.breakdown
      .split(/[,，、\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    breakdowns = list.includes("all") ? [...BREAKDOWN_KINDS] : (list as BreakdownKind[]);
    const bad = breakdowns.find((k) => !(BREAKDOWN_KINDS as readonly string[]).includes(k));
    if (bad !== undefined) {
      io.stderr(`--breakdown 只能是 ${BREAKDOWN_KINDS.join("、")} 或 all / unknown breakdown "${bad}"\n`);
      return 2;
    }
  }
  // --regions names the regions table; a list of names (甲,乙: no such file) is the former --regions, now --only.
  let only: string | undefined = args.only;
  let regionsFile: string | undefined = args.regions;
  if (regionsFile !== undefined && !fs.existsSync(regionsFile) && !/[\\/]|\.(csv|xlsx|json|txt)$/i.test(regionsFile)) {
    only = only ?? regionsFile;
    regionsFile = undefined;
    io.stderr(
      `提示 / note: --regions 现在是地区表文件；地区名单请用 --only（本次按 --only ${only} 处理）/ --regions now names the regions table; for a list of regions use --only (read as --only this time)\n`,
    );
  }

  try {
    const divisions: Division[] = await loadDivisions();
    const regionTable = regionsFile ? await readDataset(regionsFile, "regions", io, { divisions }) : null;
    const hierarchy: RegionHierarchy = buildHierarchy(divisions, regionTable?.regions ?? []).hierarchy;
    // The workbook's 台账 sheet holds every field, and so do the breakdowns and key projects; otherwise json and md
    // need only what the builder reads (with 项目园区, which places a project in a zone of the hierarchy).
    const keep: ImportOptions["keep"] =
      format === "xlsx" || (breakdowns?.length ?? 0) > 0 || (top ?? 0) > 0 ? "all" : BRIEFING_LEDGER_FIELDS;
    const ledger = await readDataset(args.ledger, "ledger", io, { hierarchy, keep });
    const targets = await readDataset(args.targets, "targets", io, { hierarchy });
    const funds = args.funds ? await readDataset(args.funds, "funds", io, { hierarchy }) : null;
    const figures = args.figures ? await readDataset(args.figures, "figures", io, { hierarchy }) : null;
    const input: BriefingInput = {
      records: ledger.records,
      targets: targets.targets,
      funds: funds?.funds ?? [],
      figures: figures?.figures ?? [],
    };
    const inputs: [string | undefined, ImportResult | null][] = [
      [args.ledger, ledger],
      [args.targets, targets],
      [args.funds, funds],
      [args.figures, figures],
      [regionsFile, regionTable],
    ];
    const imports = inputs
      .filter((x): x is [string, ImportResult] => x[1] !== null && x[0] !== undefined)
      .map(([file, r]) => importReport(file, r));
    const rejected = imports.reduce((n, f) => n + f.summary.rejected, 0);
    const briefing = buildBriefing(input, {
      period: args.period,
      asOf: args["as-of"],
      basis,
      tolerance,
      regions: only
        ? only
            .split(/[,，、]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
      hierarchy,
      within: args.within,
      level: level ?? undefined,
      showEmpty: args["show-empty"] === "1",
      zones: args["no-zones"] !== "1",
      breakdowns,
      top,
    });
    const text = briefingText(briefing, { language });
    for (const w of briefing.warnings) io.stderr(`提示 / note: ${language === "zh-CN" ? w.message : w.message_en}\n`);
    if (format === "json") {
      const json = JSON.stringify(briefingJson(briefing, text, language, imports), null, 2) + "\n";
      if (args.out) fs.writeFileSync(args.out, json);
      else io.stdout(json);
    } else if (format === "md") {
      const md = briefingMarkdown(briefing, text, language, imports);
      if (args.out) fs.writeFileSync(args.out, md);
      else io.stdout(terminalSafe(md));
    } else {
      const out = args.out ?? `成绩单-${briefing.period}.xlsx`;
      const sanitized: SanitizedCell[] = [];
      // exceljs is loaded here only: json and md never pay for it. The workbook is streamed to the file.
      const { writeBriefingXlsxFile } = await import("../export/briefing-xlsx");
      await writeBriefingXlsxFile(out, input, briefing, { mode, language, text, sanitized, hierarchy });
      for (const c of sanitized) {
        if (c.truncated) {
          io.stderr(
            `提示 / note: ${c.sheet}!${c.cell} 的文字有 ${c.truncated} 个字符，超过 Excel 单元格上限 32,767，已截断（完整内容见 --format json 或 md）/ held ${c.truncated} characters, more than the 32,767 an Excel cell holds: cut (the whole text is in --format json or md)\n`,
          );
          continue;
        }
        io.stderr(
          `提示 / note: ${c.sheet}!${c.cell} 含有 XML 无法保存的字符 ${c.characters.join(" ")}，已替换为 � / held characters XML cannot store (${c.characters.join(" ")}), replaced by �\n`,
        );
      }
      // The full path: a default name lands in the current directory, which the user should see.
      io.stdout(`已写出 / written: ${path.resolve(out)}\n`);
    }
    if (rejected > 0) {
      io.stderr(
        `共有 ${rejected} 行未导入，成绩单的数字不含这些行（退出码 3）。 / ${rejected} rows were rejected and are not in the numbers (exit code 3).\n`,
      );
      return BRIEF_EXIT.rowsRejected;
    }
    return BRIEF_EXIT.ok;
  } catch (e) {
    // The CLI speaks both languages: the Chinese line, then the English one.
    if (e instanceof UsageError || e instanceof UnreadableFile || e instanceof BriefingError) {
      io.stderr(`${e.zh}\n${e.en}\n`);
      return 2;
    }
    const err = e as { message?: string; message_en?: string };
    io.stderr(`${err.message ?? String(e)}${err.message_en ? `\n${err.message_en}` : ""}\n`);
    return 1;
  }
}

/** The subcommand as src/cli/main.ts lists it. */
const brief: Subcommand = {
  summary: "季度成绩单：按地区统计完成率、同比、序时进度、占比、排名，输出 JSON、Markdown 或 xlsx 工作簿",
  summary_en:
    "Quarterly briefing: completion, growth, time progress, share and rank by region, as JSON, Markdown or an xlsx workbook",
  run: (argv, io) => briefCommand(argv, { stdout: io.out, stderr: io.err }),
};
export default brief;
