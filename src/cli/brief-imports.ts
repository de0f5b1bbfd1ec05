/**
 * What `brief` says about each file it imported: the problems that change what the numbers count, on standard error
 * (a few per file), and the "import" section of the json and md output (all of them).
 */
import * as path from "path";
import type { ImportReportJson } from "../briefing/output";
import type { ImportResult } from "../import/types";

/** Issues printed per file on standard error (all of them are in --format json and md). */
const PRINTED_ISSUES = 10;

/**
 * Every import problem that changes what the numbers count, on standard error: rows rejected (errors) and warnings
 * (a date left blank leaves a project out, a total row was skipped…), each file's first PRINTED_ISSUES of each.
 */
export function printIssues(file: string, result: ImportResult, stderr: (text: string) => void): void {
  const { rows, accepted, rejected, skipped = 0 } = result.summary;
  if (result.issues.length === 0) return;
  stderr(
    `${file}: 数据行 ${rows}，已导入 ${accepted}，未导入 ${rejected}，跳过 ${skipped} / ${rows} rows, ${accepted} accepted, ${rejected} rejected, ${skipped} skipped\n`,
  );
  for (const severity of ["error", "warning"] as const) {
    const list = result.issues.filter((i) => i.severity === severity);
    if (list.length === 0) continue;
    stderr(
      severity === "error"
        ? `  未导入的行 / rejected rows (${list.length}):\n`
        : `  提醒 / warnings (${list.length}):\n`,
    );
    for (const i of list.slice(0, PRINTED_ISSUES))
      stderr(`    第${i.row}行 row ${i.row}${i.column ? `「${i.column}」` : ""} ${i.message}\n      ${i.message_en}\n`);
    if (list.length > PRINTED_ISSUES)
      stderr(
        `    …另有 ${list.length - PRINTED_ISSUES} 条 / ${list.length - PRINTED_ISSUES} more (--format json lists them all)\n`,
      );
  }
}

/** One file's import as the json and md output list it. */
export function importReport(file: string, r: ImportResult): ImportReportJson {
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
