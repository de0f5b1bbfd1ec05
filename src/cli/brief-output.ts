/**
 * Writing the briefing `brief` built, in the format asked for: json (the contract of src/briefing/output.ts) or md,
 * to standard output or --out; xlsx, the briefing workbook, to --out (default ./成绩单-<period>.xlsx), saying on
 * standard error which cells had to be cut or cleaned to be stored.
 */
import * as fs from "fs";
import * as path from "path";
import { briefingJson, briefingMarkdown, type ImportReportJson } from "../briefing/output";
import type { Briefing, BriefingInput } from "../briefing/types";
import type { SanitizedCell } from "../export/briefing-xlsx";
import type { RegionHierarchy } from "../core/region-hierarchy";
import type { BriefOptions } from "./brief-options";
import { terminalSafe } from "./terminal";

export interface BriefOutputIO {
  stdout: (text: string) => void;
  /** Already made terminal-safe by the caller. */
  stderr: (text: string) => void;
}

/** What is written: the briefing, its text, the data it came from and the report of each file's import. */
export interface BriefResult {
  input: BriefingInput;
  briefing: Briefing;
  /** The briefing text (src/briefing/text.ts). */
  text: string;
  imports: ImportReportJson[];
  hierarchy: RegionHierarchy;
}

export async function writeBriefOutput(options: BriefOptions, result: BriefResult, io: BriefOutputIO): Promise<void> {
  const { briefing, text, imports } = result;
  if (options.format === "json") {
    const json = JSON.stringify(briefingJson(briefing, text, options.language, imports), null, 2) + "\n";
    if (options.out) fs.writeFileSync(options.out, json);
    else io.stdout(json);
  } else if (options.format === "md") {
    const md = briefingMarkdown(briefing, text, options.language, imports);
    if (options.out) fs.writeFileSync(options.out, md);
    else io.stdout(terminalSafe(md));
  } else {
    await writeXlsx(options, result, io);
  }
}

async function writeXlsx(options: BriefOptions, result: BriefResult, io: BriefOutputIO): Promise<void> {
  const { input, briefing, text, hierarchy } = result;
  const out = options.out ?? `成绩单-${briefing.period}.xlsx`;
  const sanitized: SanitizedCell[] = [];
  // exceljs is loaded here only: json and md never pay for it. The workbook is streamed to the file.
  const { writeBriefingXlsxFile } = await import("../export/briefing-xlsx");
  await writeBriefingXlsxFile(out, input, briefing, {
    mode: options.mode,
    language: options.language,
    text,
    sanitized,
    hierarchy,
  });
  for (const c of sanitized) io.stderr(sanitizedNote(c));
  // The full path: a default name lands in the current directory, which the user should see.
  io.stdout(`已写出 / written: ${path.resolve(out)}\n`);
}

/** The note for a cell whose text was cut to what a cell holds, or whose characters XML cannot store were replaced. */
function sanitizedNote(c: SanitizedCell): string {
  if (c.truncated) {
    return `提示 / note: ${c.sheet}!${c.cell} 的文字有 ${c.truncated} 个字符，超过 Excel 单元格上限 32,767，已截断（完整内容见 --format json 或 md）/ held ${c.truncated} characters, more than the 32,767 an Excel cell holds: cut (the whole text is in --format json or md)\n`;
  }
  return `提示 / note: ${c.sheet}!${c.cell} 含有 XML 无法保存的字符 ${c.characters.join(" ")}，已替换为 � / held characters XML cannot store (${c.characters.join(" ")}), replaced by �\n`;
}
