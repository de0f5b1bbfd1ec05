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
import { loadDivisions } from "../core/divisions";
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

const validate: Subcommand = {
  summary: "检查台账文件能否导入，列出问题",
  summary_en: "check that a ledger file imports and list its problems",
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          sheet: { type: "string" },
          kind: { type: "string" },
          regions: { type: "string" },
          json: { type: "boolean", default: false },
          encoding: { type: "string" },
          map: { type: "string", multiple: true },
          help: { type: "boolean", short: "h", default: false },
        },
      });
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
    const mapping: Record<string, string | null> = {};
    for (const m of values.map ?? []) {
      const eq = m.lastIndexOf("=");
      if (eq <= 0)
        return fail(
          io,
          json,
          "USAGE",
          `--map 的格式是 列名=字段（如 工程=name；字段留空表示忽略该列）：“${m}”。`,
          `--map takes title=field (e.g. 工程=name; an empty field ignores the column): "${m}".`,
        );
      const target = m.slice(eq + 1).trim();
      setOwn(mapping, m.slice(0, eq).trim(), target === "" ? null : target);
    }
    const file = positionals[0];
    let bytes: Uint8Array;
    try {
      const buffer = await readFile(file);
      bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength); // a view, not a copy
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT")
        return fail(io, json, "FILE_NOT_FOUND", `找不到文件「${file}」。`, `File not found: "${file}".`);
      if (code === "EISDIR")
        return fail(
          io,
          json,
          "FILE_UNREADABLE",
          `「${file}」是文件夹，不是文件。`,
          `"${file}" is a directory, not a file.`,
        );
      return fail(
        io,
        json,
        "FILE_UNREADABLE",
        `无法读取「${file}」（${code ?? String(e)}）。`,
        `Cannot read "${file}" (${code ?? String(e)}).`,
      );
    }
    try {
      // Region names are checked as the add-in checks them: the built-in divisions, with the user's regions table.
      const divisions = await loadDivisions();
      let regionRows: NonNullable<ImportOptions["hierarchy"]> | undefined;
      if (values.regions) {
        let table: Uint8Array;
        try {
          table = new Uint8Array(await readFile(values.regions));
        } catch {
          return fail(
            io,
            json,
            "FILE_NOT_FOUND",
            `找不到地区表「${values.regions}」。`,
            `Regions table not found: "${values.regions}".`,
          );
        }
        const r = await importBytes(table, { fileName: values.regions, kind: "regions", divisions });
        regionRows = buildHierarchy(divisions, r.regions ?? []).hierarchy;
      }
      const hierarchy = regionRows ?? buildHierarchy(divisions, []).hierarchy;
      const result = await importBytes(bytes, {
        fileName: file,
        divisions,
        hierarchy,
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
    } catch (e) {
      if (isImportError(e)) return fail(io, json, e.code, e.message_zh, e.message_en);
      throw e;
    }
  },
};

export default validate;
