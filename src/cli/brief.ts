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
import { briefingText } from "../briefing/text";
import type { BriefingInput } from "../briefing/types";
import { importBytes } from "../import/bytes"; // not ../import: its index bundles the seed CSVs (webpack only)
import { isImportError } from "../import/errors";
import type { DatasetKind, ImportOptions, ImportResult } from "../import/types";
import { loadDivisions, type Division } from "../core/divisions";
import { buildHierarchy, type RegionHierarchy } from "../core/region-hierarchy";
import { checkBriefOptions, onlyRegions, type BriefOptions } from "./brief-options";
import { importReport, printIssues } from "./brief-imports";
import { writeBriefOutput, type BriefResult } from "./brief-output";
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
  printIssues(file, result, io.stderr);
  return result;
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
  const checked = checkBriefOptions(args, BRIEF_USAGE);
  if (!checked.ok) {
    io.stderr(checked.message);
    return 2;
  }
  for (const note of checked.notes) io.stderr(note);
  try {
    const result = await buildFromFiles(checked.options, io);
    for (const w of result.briefing.warnings)
      io.stderr(`提示 / note: ${checked.options.language === "zh-CN" ? w.message : w.message_en}\n`);
    await writeBriefOutput(checked.options, result, io);
    const rejected = result.imports.reduce((n, f) => n + f.summary.rejected, 0);
    if (rejected > 0) {
      io.stderr(
        `共有 ${rejected} 行未导入，成绩单的数字不含这些行（退出码 3）。 / ${rejected} rows were rejected and are not in the numbers (exit code 3).\n`,
      );
      return BRIEF_EXIT.rowsRejected;
    }
    return BRIEF_EXIT.ok;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/** Import every file named, then build the briefing and its text from them. */
async function buildFromFiles(options: BriefOptions, io: CliIO): Promise<BriefResult> {
  const divisions: Division[] = await loadDivisions();
  const { regionsFile } = options;
  const regionTable = regionsFile ? await readDataset(regionsFile, "regions", io, { divisions }) : null;
  const hierarchy: RegionHierarchy = buildHierarchy(divisions, regionTable?.regions ?? []).hierarchy;
  // The workbook's 台账 sheet holds every field, and so do the breakdowns and key projects; otherwise json and md
  // need only what the builder reads (with 项目园区, which places a project in a zone of the hierarchy).
  const keep: ImportOptions["keep"] =
    options.format === "xlsx" || (options.breakdowns?.length ?? 0) > 0 || (options.top ?? 0) > 0
      ? "all"
      : BRIEFING_LEDGER_FIELDS;
  const ledger = await readDataset(options.ledger, "ledger", io, { hierarchy, keep });
  const targets = await readDataset(options.targets, "targets", io, { hierarchy });
  const funds = options.funds ? await readDataset(options.funds, "funds", io, { hierarchy }) : null;
  const figures = options.figures ? await readDataset(options.figures, "figures", io, { hierarchy }) : null;
  const input: BriefingInput = {
    records: ledger.records,
    targets: targets.targets,
    funds: funds?.funds ?? [],
    figures: figures?.figures ?? [],
  };
  const inputs: [string | undefined, ImportResult | null][] = [
    [options.ledger, ledger],
    [options.targets, targets],
    [options.funds, funds],
    [options.figures, figures],
    [regionsFile, regionTable],
  ];
  const imports = inputs
    .filter((x): x is [string, ImportResult] => x[1] !== null && x[0] !== undefined)
    .map(([file, r]) => importReport(file, r));
  const briefing = buildBriefing(input, {
    period: options.period,
    asOf: options.asOf,
    basis: options.basis,
    tolerance: options.tolerance,
    regions: onlyRegions(options.only),
    hierarchy,
    within: options.within,
    level: options.level,
    showEmpty: options.showEmpty,
    zones: options.zones,
    breakdowns: options.breakdowns,
    top: options.top,
  });
  const text = briefingText(briefing, { language: options.language });
  return { input, briefing, text, imports, hierarchy };
}

/** The exit code for what stopped the command, said on standard error: 2 for the user's input, 1 otherwise. */
function reportFailure(e: unknown, io: CliIO): number {
  // The CLI speaks both languages: the Chinese line, then the English one.
  if (e instanceof UsageError || e instanceof UnreadableFile || e instanceof BriefingError) {
    io.stderr(`${e.zh}\n${e.en}\n`);
    return 2;
  }
  const err = e as { message?: string; message_en?: string };
  io.stderr(`${err.message ?? String(e)}${err.message_en ? `\n${err.message_en}` : ""}\n`);
  return 1;
}

/** The subcommand as src/cli/main.ts lists it. */
const brief: Subcommand = {
  summary: "季度成绩单：按地区统计完成率、同比、序时进度、占比、排名，输出 JSON、Markdown 或 xlsx 工作簿",
  summary_en:
    "Quarterly briefing: completion, growth, time progress, share and rank by region, as JSON, Markdown or an xlsx workbook",
  run: (argv, io) => briefCommand(argv, { stdout: io.out, stderr: io.err }),
};
export default brief;
