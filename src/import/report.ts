/** Presenting an ImportResult: the CLI's --json object and a readable bilingual report. */
import { KIND_LABELS } from "./fields";
import type { ImportResult } from "./types";

export interface ValidationJson {
  records: ImportResult["records"];
  funds: ImportResult["funds"];
  targets: ImportResult["targets"];
  figures: ImportResult["figures"];
  /** Only for a regions table. */
  regions?: ImportResult["regions"];
  issues: Array<{ row: number; column: string | null; message: string; message_en: string; severity: "error" | "warning" }>;
  summary: ImportResult["summary"];
}

export function toValidationJson(r: ImportResult): ValidationJson {
  return {
    records: r.records,
    funds: r.funds,
    targets: r.targets,
    figures: r.figures,
    ...(r.kind === "regions" ? { regions: r.regions ?? [] } : {}),
    issues: r.issues.map((i) => ({ row: i.row, column: i.column, message: i.message, message_en: i.message_en, severity: i.severity })),
    summary: r.summary,
  };
}

/** A readable report: Chinese first, English below each line. At most `maxIssues` issues are listed. */
export function formatReport(r: ImportResult, fileName: string, maxIssues = 200): string {
  const lines: string[] = [];
  const errors = r.issues.filter((i) => i.severity === "error").length;
  const warnings = r.issues.length - errors;
  const kind = KIND_LABELS[r.kind];
  lines.push(`文件：${fileName}（按${kind.zh}读取）`);
  lines.push(`File: ${fileName} (read as ${kind.en})`);
  lines.push(`数据行 ${r.summary.rows}，已导入 ${r.summary.accepted}，未导入 ${r.summary.rejected}；错误 ${errors} 条，警告 ${warnings} 条。`);
  lines.push(`Rows ${r.summary.rows}, accepted ${r.summary.accepted}, rejected ${r.summary.rejected}; ${errors} error(s), ${warnings} warning(s).`);
  const counts = [
    r.records.length ? `项目 ${r.records.length} / projects` : "",
    r.funds.length ? `到位资金 ${r.funds.length} / funds entries` : "",
    r.targets.length ? `目标 ${r.targets.length} / targets` : "",
    r.figures.length ? `汇总数 ${r.figures.length} / figures` : "",
    r.regions?.length ? `地区 ${r.regions.length} / regions` : "",
  ].filter(Boolean);
  if (counts.length) lines.push(counts.join("；"));
  if (r.issues.length === 0) {
    lines.push("没有发现问题。 / No problems found.");
    return lines.join("\n");
  }
  lines.push("");
  for (const i of r.issues.slice(0, maxIssues)) {
    const where = `${i.file} 第 ${i.row} 行${i.column ? `「${i.column}」` : ""}`;
    lines.push(`[${i.severity === "error" ? "错误 error" : "警告 warning"}] ${where}`);
    lines.push(`  ${i.message}`);
    lines.push(`  ${i.message_en}`);
  }
  if (r.issues.length > maxIssues) {
    lines.push(`……另有 ${r.issues.length - maxIssues} 条未列出，请用 --json 查看全部。`);
    lines.push(`… ${r.issues.length - maxIssues} more not shown; use --json to see them all.`);
  }
  return lines.join("\n");
}
