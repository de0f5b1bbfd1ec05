/** Presenting an ImportResult: the CLI's --json object and a readable bilingual report. */
import { LEDGER_OUTPUT_FIELDS, type ProjectRecord } from "../core/model";
import { KIND_LABELS } from "./fields";
import { resultCount } from "./table";
import type { ImportResult } from "./types";

export interface ValidationJson {
  records: ImportResult["records"];
  funds: ImportResult["funds"];
  targets: ImportResult["targets"];
  figures: ImportResult["figures"];
  /** Only for a regions table. */
  regions?: ImportResult["regions"];
  issues: Array<{
    row: number;
    column: string | null;
    message: string;
    message_en: string;
    severity: "error" | "warning";
  }>;
  summary: ImportResult["summary"];
}

/** A ledger record as outputs carry it: the model's fields in order, without the numeric dates. */
export function outputRecord(rec: ProjectRecord): ProjectRecord {
  return JSON.parse(JSON.stringify(rec, LEDGER_KEYS)) as ProjectRecord;
}

// 地区路径 is added by the region resolution (src/import/regions.ts) where a hierarchy is known.
const LEDGER_KEYS = [...LEDGER_OUTPUT_FIELDS, "region_path"] as string[];

function issuesJson(r: ImportResult): ValidationJson["issues"] {
  return r.issues.map((i) => ({
    row: i.row,
    column: i.column,
    message: i.message,
    message_en: i.message_en,
    severity: i.severity,
  }));
}

export function toValidationJson(r: ImportResult): ValidationJson {
  return {
    records: r.records.map(outputRecord),
    funds: r.funds,
    targets: r.targets,
    figures: r.figures,
    ...(r.kind === "regions" ? { regions: r.regions ?? [] } : {}),
    issues: issuesJson(r),
    summary: r.summary,
  };
}

/** Array elements serialised per piece of output. */
const JSON_BATCH = 2000;

/**
 * The --json object of `validate`, written a piece at a time: exactly the text of JSON.stringify(toValidationJson(r)),
 * without ever holding it as one string (a million records make some 400 MB of JSON, near V8's longest string).
 * `write` may return a promise (to wait for the output to drain).
 */
export async function writeValidationJson(
  r: ImportResult,
  write: (chunk: string) => void | Promise<void>,
): Promise<void> {
  const arrays: [string, readonly unknown[], (x: unknown) => string][] = [
    ["records", r.records, (x) => JSON.stringify(x, LEDGER_KEYS)],
    ["funds", r.funds, (x) => JSON.stringify(x)],
    ["targets", r.targets, (x) => JSON.stringify(x)],
    ["figures", r.figures, (x) => JSON.stringify(x)],
    ...(r.kind === "regions"
      ? [
          ["regions", r.regions ?? [], (x: unknown) => JSON.stringify(x)] as [
            string,
            readonly unknown[],
            (x: unknown) => string,
          ],
        ]
      : []),
    ["issues", issuesJson(r), (x) => JSON.stringify(x)],
  ];
  let head = "{";
  for (const [key, items, json] of arrays) {
    head += `${head === "{" ? "" : ","}${JSON.stringify(key)}:[`;
    for (let i = 0; i < items.length; i += JSON_BATCH) {
      const part: string[] = [];
      for (let k = i; k < Math.min(items.length, i + JSON_BATCH); k++) part.push(json(items[k]));
      await write(`${head}${i > 0 ? "," : ""}${part.join(",")}`);
      head = "";
    }
    head += "]";
  }
  await write(`${head},"summary":${JSON.stringify(r.summary)}}`);
}

/** A readable report: Chinese first, English below each line. At most `maxIssues` issues are listed. */
export function formatReport(r: ImportResult, fileName: string, maxIssues = 200): string {
  const lines: string[] = [];
  const errors = r.issues.filter((i) => i.severity === "error").length;
  const warnings = r.issues.length - errors;
  const kind = KIND_LABELS[r.kind];
  lines.push(`文件：${fileName}（按${kind.zh}读取）`);
  lines.push(`File: ${fileName} (read as ${kind.en})`);
  lines.push(
    `数据行 ${r.summary.rows}，已导入 ${r.summary.accepted}，未导入 ${r.summary.rejected}；错误 ${errors} 条，警告 ${warnings} 条。`,
  );
  lines.push(
    `Rows ${r.summary.rows}, accepted ${r.summary.accepted}, rejected ${r.summary.rejected}; ${errors} error(s), ${warnings} warning(s).`,
  );
  const [records, funds, targets, figures] = (["ledger", "funds", "targets", "figures"] as const).map((k) =>
    resultCount(r, k),
  );
  const counts = [
    records ? `项目 ${records} / projects` : "",
    funds ? `到位资金 ${funds} / funds entries` : "",
    targets ? `目标 ${targets} / targets` : "",
    figures ? `汇总数 ${figures} / figures` : "",
    resultCount(r, "regions") ? `地区 ${resultCount(r, "regions")} / regions` : "",
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
