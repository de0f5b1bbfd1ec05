/**
 * `validate <file> [--sheet NAME] [--kind ledger|funds|targets|figures|regions] [--regions 地区表] [--json] [--encoding gbk] [--map 列名=字段 …]`
 *
 * Reads a ledger file as the add-in would and reports every problem. Exit code: 0 every row accepted (warnings
 * allowed), 1 some rows rejected, 2 the file cannot be read at all (missing, unreadable, not a table) or bad usage.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { setOwn } from "../core/own";
import { importBytes } from "../import/bytes";
import { isImportError } from "../import/errors";
import { formatReport, writeValidationJson } from "../import/report";
import type { DatasetKind, ImportOptions } from "../import/types";
import { DATASET_KINDS } from "../core/columns";
import { loadDivisions, type Division } from "../core/divisions";
import { buildHierarchy } from "../core/region-hierarchy";
import type { CommandIO, Subcommand } from "./command";
import { terminalSafe } from "./terminal";

const KINDS: readonly string[] = [...DATASET_KINDS, "auto"];

const HELP = `用法 / Usage: invest validate <文件 file> [--sheet 工作表] [--kind ledger|funds|targets|figures|regions] [--regions 地区表] [--json] [--encoding gbk] [--map 列名=字段 …]

  检查一个台账文件（CSV、JSON 或 .xlsx）能否导入，并列出每个问题（行号、列名、原因和改法）。
  Checks that a ledger file (CSV, JSON or .xlsx) imports, listing every problem (row, column, reason and fix).

  --sheet     .xlsx 的工作表名（默认第一个） / the .xlsx sheet (default: the first)
  --kind      数据类型（默认按表头判断；regions 为地区表） / dataset kind (default: from the headers; regions: the regions table)
  --regions   地区表文件：地区名称按它和内置行政区划核对 / a regions table: names are resolved through it and the built-in divisions
  --json      输出一个 JSON 对象 / print one JSON object
  --encoding  CSV 编码（默认自动识别 UTF-8/GB18030） / CSV encoding (default: detected)
  --map       列映射，可重复：--map 工程=name --map 片区=region（字段留空则忽略该列）
              column mapping, repeatable (an empty field ignores the column)

退出码 / Exit codes: 0 全部导入 all rows accepted · 1 有行未导入 some rows rejected · 2 文件无法读取 file cannot be read
`;

function fail(io: CommandIO, json: boolean, code: string, zh: string, en: string): number {
  if (json) io.out(`${JSON.stringify({ error: { code, message: zh, message_en: en } })}\n`);
  else io.err(terminalSafe(`${zh}\n${en}\n`));
  return 2;
}

/** A value, or the refusal to report: a code and the message in Chinese and English (printed by fail, exit code 2). */
type Checked<T> = { ok: true; value: T } | { ok: false; code: string; zh: string; en: string };

const refusal = (code: string, zh: string, en: string): Checked<never> => ({ ok: false, code, zh, en });
const accepted = <T>(value: T): Checked<T> => ({ ok: true, value });

const OPTIONS = {
  sheet: { type: "string" },
  kind: { type: "string" },
  regions: { type: "string" },
  json: { type: "boolean", default: false },
  encoding: { type: "string" },
  map: { type: "string", multiple: true },
  help: { type: "boolean", short: "h", default: false },
} as const;

type Parsed = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;

/** The --map options as a column mapping (an empty field ignores the column), or the refusal of a malformed one. */
function readMapping(maps: readonly string[]): Checked<Record<string, string | null>> {
  const mapping: Record<string, string | null> = {};
  for (const m of maps) {
    const eq = m.lastIndexOf("=");
    if (eq <= 0)
      return refusal(
        "USAGE",
        `--map 的格式是 列名=字段（如 工程=name；字段留空表示忽略该列）：“${m}”。`,
        `--map takes title=field (e.g. 工程=name; an empty field ignores the column): "${m}".`,
      );
    const target = m.slice(eq + 1).trim();
    setOwn(mapping, m.slice(0, eq).trim(), target === "" ? null : target);
  }
  return accepted(mapping);
}

/** The file's bytes (a view of Node's buffer, not a copy), or the refusal saying why it cannot be read. */
async function readInput(file: string): Promise<Checked<Uint8Array>> {
  try {
    const buffer = await readFile(file);
    return accepted(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return refusal("FILE_NOT_FOUND", `找不到文件「${file}」。`, `File not found: "${file}".`);
    if (code === "EISDIR")
      return refusal("FILE_UNREADABLE", `「${file}」是文件夹，不是文件。`, `"${file}" is a directory, not a file.`);
    return refusal(
      "FILE_UNREADABLE",
      `无法读取「${file}」（${code ?? String(e)}）。`,
      `Cannot read "${file}" (${code ?? String(e)}).`,
    );
  }
}

/**
 * Region names are checked as the add-in checks them: the built-in divisions, with the user's regions table when
 * --regions names one (or the refusal when it cannot be read).
 */
async function regionHierarchy(
  regionsFile: string | undefined,
  divisions: Division[],
): Promise<Checked<NonNullable<ImportOptions["hierarchy"]>>> {
  if (!regionsFile) return accepted(buildHierarchy(divisions, []).hierarchy);
  let table: Uint8Array;
  try {
    table = new Uint8Array(await readFile(regionsFile));
  } catch {
    return refusal("FILE_NOT_FOUND", `找不到地区表「${regionsFile}」。`, `Regions table not found: "${regionsFile}".`);
  }
  const r = await importBytes(table, { fileName: regionsFile, kind: "regions", divisions });
  return accepted(buildHierarchy(divisions, r.regions ?? []).hierarchy);
}

/** Import the file and print the report; the exit code is 1 when rows were rejected. */
async function report(
  file: string,
  bytes: Uint8Array,
  values: Parsed["values"],
  mapping: Record<string, string | null>,
  io: CommandIO,
): Promise<number> {
  const json = Boolean(values.json);
  const divisions = await loadDivisions();
  const hierarchy = await regionHierarchy(values.regions, divisions);
  if (!hierarchy.ok) return fail(io, json, hierarchy.code, hierarchy.zh, hierarchy.en);
  const result = await importBytes(bytes, {
    fileName: file,
    divisions,
    hierarchy: hierarchy.value,
    kind: (values.kind as DatasetKind | "auto" | undefined) ?? "auto",
    sheet: values.sheet,
    encoding: values.encoding,
    mapping: Object.keys(mapping).length > 0 ? mapping : undefined,
    // The report needs only counts and issues: keep the records only to print them.
    keep: json ? "all" : "none",
  });
  if (json) {
    // Written a piece at a time, waiting for the output to drain: never one string of every record.
    await writeValidationJson(result, (chunk) => (io.write ? io.write(chunk) : io.out(chunk)));
    io.out("\n");
  } else io.out(`${terminalSafe(formatReport(result, file))}\n`); // a file's text never drives the terminal
  return result.summary.rejected > 0 ? 1 : 0;
}

const validate: Subcommand = {
  summary: "检查台账文件能否导入，列出问题",
  summary_en: "check that a ledger file imports and list its problems",
  async run(argv, io) {
    let parsed: Parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      return fail(io, argv.includes("--json"), "USAGE", `参数有误：${m}\n${HELP}`, `Bad arguments: ${m}`);
    }
    const { values, positionals } = parsed;
    const json = Boolean(values.json);
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length !== 1)
      return fail(io, json, "USAGE", `需要且只需要一个文件。\n${HELP}`, "Exactly one file is needed.");
    if (values.kind !== undefined && !KINDS.includes(values.kind)) {
      return fail(
        io,
        json,
        "USAGE",
        `--kind 只能是 ${KINDS.join("、")}。`,
        `--kind must be one of ${KINDS.join(", ")}.`,
      );
    }
    const mapping = readMapping(values.map ?? []);
    if (!mapping.ok) return fail(io, json, mapping.code, mapping.zh, mapping.en);
    const file = positionals[0];
    const bytes = await readInput(file);
    if (!bytes.ok) return fail(io, json, bytes.code, bytes.zh, bytes.en);
    try {
      return await report(file, bytes.value, values, mapping.value, io);
    } catch (e) {
      if (isImportError(e)) return fail(io, json, e.code, e.message_zh, e.message_en);
      throw e;
    }
  },
};

export default validate;
