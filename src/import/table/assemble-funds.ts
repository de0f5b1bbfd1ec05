/**
 * A funds row made a funds entry: project, date and amount required; its out-of-province part (a flag, or an amount
 * within the row's) checked, and a row partly from other provinces split exactly into two entries; a repeat of the
 * same project, date and amount warned about (both are kept: two equal payments happen).
 */
import type { FundsEntry } from "../../core/model";
import { splitExactly } from "./amounts";
import { missing } from "./cell-issues";
import { normKey } from "./keys";
import type { TableState } from "./state";
import type { ParsedRow } from "./types";

export function assembleFunds(s: TableState, v: ParsedRow, row: number): { index: number } | null {
  const project = requireFundsFields(s, v, row);
  const amount = v.amount as number;
  const { flag, split } = outOfProvince(s, v, amount, row);
  if (s.rowErrors > 0 || !project) return null;
  const parts = split > 0 ? splitExactly(amount, split) : null;
  const entry: FundsEntry = {
    project,
    region: (v.region as string | null) ?? null,
    date: v.date as string,
    amount: parts ? parts.outside : amount,
    out_of_province: split > 0 ? true : flag,
    source: (v.source as string | null) ?? null,
  };
  warnRepeat(s, entry, row);
  const index = s.counts.funds;
  s.counts.funds += split > 0 ? 2 : 1;
  if (s.keepNone) return { index };
  s.funds.push(entry);
  // Part from other provinces, part not: two entries that add up to the row's amount.
  if (parts) s.funds.push({ ...entry, amount: parts.inside, out_of_province: false });
  return { index };
}

/** The project (id or name) of the row; each missing required value said (once). */
function requireFundsFields(s: TableState, v: ParsedRow, row: number): string | null {
  const project = (v.project as string | null) || (v.project_name as string | null);
  if (!project) {
    const col = s.layout.plan.find((c) => c.field === "project" || c.field === "project_name");
    s.issue(
      row,
      col?.title ?? "项目编号或名称",
      "error",
      "缺少项目编号或项目名称，本行未导入。请填写这笔资金属于哪个项目。",
      "Project ID or name is missing; row rejected. Fill in which project the money belongs to.",
    );
  }
  if (v.date == null && !s.rowHasErrorFor("date", row)) missing(s, row, "date");
  if (v.amount == null && !s.rowHasErrorFor("amount", row)) missing(s, row, "amount");
  return project;
}

/**
 * The row's out-of-province flag, and the part of its amount from other provinces (0: none, or all of it, which is
 * the flag): an amount given as 省外资金 above the row's amount rejects the row.
 */
function outOfProvince(s: TableState, v: ParsedRow, amount: number, row: number): { flag: boolean; split: number } {
  const oop = v.out_of_province_amount as number | undefined;
  let flag = (v.out_of_province as boolean | null) ?? false;
  if (oop === undefined || v.amount == null) return { flag, split: 0 };
  const eps = 1e-9 * Math.max(1, amount);
  const oopTitle = s.layout.colTitle.out_of_province ?? null;
  if (oop > amount + eps) {
    s.issue(
      row,
      oopTitle,
      "error",
      `「${oopTitle}」${oop} 亿元大于到位金额 ${amount} 亿元，本行未导入。省外资金是到位金额中的一部分，请改正其中一个数。`,
      `"${oopTitle}" ${oop} (100m CNY) exceeds the amount ${amount}; row rejected. Out-of-province funds are part of the amount; correct one of them.`,
    );
  } else if (oop >= amount - eps) flag = true;
  else if (oop <= 0) flag = false;
  else return { flag, split: oop };
  return { flag, split: 0 };
}

function warnRepeat(s: TableState, entry: FundsEntry, row: number): void {
  s.duplicate(
    row,
    `f:${normKey(entry.project)}|${entry.date}|${entry.amount}|${entry.out_of_province}`,
    null,
    (first) => [
      `与第 ${first} 行的项目、日期、金额完全相同，可能重复录入；两行都已导入，合计时会算两次。如果确是重复，请删除一行。`,
      `Same project, date and amount as row ${first}: possibly entered twice. Both rows were imported and will both count; delete one if it is a duplicate.`,
    ],
    "warning",
  );
}
