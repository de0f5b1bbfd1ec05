/**
 * Total and subtotal rows (合计, 西宁市小计, Total): recognised by a label standing alone in a label cell and a row that
 * carries no id, name, date, year or metric; skipped (not data), each amount checked against the exact sum of the
 * rows above (or since the last subtotal), and reported with what matched and what did not.
 */
import { quoteValue } from "../errors";
import { UNIT_DIVISOR } from "../fields";
import { isBlank, parseAmount, plainCell, type Cell } from "../values";
import { countDecimals } from "./amounts";
import { SCOPE_WORD, SCOPED_TOTAL, TOTAL_LABEL } from "./row-labels";
import type { TableState } from "./state";
import type { ColumnPlan } from "./types";

/** The total label a cell holds (合计, 小计…, also with a scope or a count: 西宁市小计, 合计：2个项目), or null. */
export function totalLabel(s: TableState, c: string): string | null {
  const t = c.normalize("NFKC").replace(/[\s\u3000]+/g, "");
  const m = TOTAL_LABEL.exec(t);
  if (m) return m[1];
  const scoped = SCOPED_TOTAL.exec(t);
  if (!scoped) return null;
  const scope = scoped[1];
  if (scope && !SCOPE_WORD.test(scope) && !s.regions.has(scope)) return null;
  return scoped[2];
}

/**
 * The structure of a total row: the label stands alone in its cell, and the row carries no project id, name, date
 * (ledger, funds) or year and metric (targets, figures) besides the label itself. A project called "Total" with an
 * id or a date is data; so is a 合计 target with its year and metric.
 */
export function isTotalRow(s: TableState, cells: readonly Cell[], labelIndex: number): boolean {
  for (const i of s.layout.totalBlank) if (i !== labelIndex && !isBlank(cells[i])) return false;
  return true;
}

/** One amount of a total row checked: what to say about it (zh, en) and whether it differs. */
interface AmountCheck {
  zh: string;
  en: string;
  mismatch: boolean;
}

/** Report a skipped total row: its row, its label, and for every amount whether it matches the rows above. */
export function reportTotalRow(
  s: TableState,
  cells: readonly Cell[],
  row: number,
  label: string,
  labelIndex: number,
): void {
  const sub = /^(小计|subtotal)$/i.test(label);
  const what = sub ? { zh: "小计", en: "subtotal" } : { zh: "合计", en: "total" };
  const checks: AmountCheck[] = [];
  const { amountCols, amountLogs } = s.layout;
  for (let k = 0; k < amountCols.length; k++) {
    const raw = plainCell(cells[amountCols[k].index]);
    if (isBlank(raw)) continue;
    const sum = sub ? amountLogs[k].groupSum() : amountLogs[k].grandSum();
    checks.push(checkAmount(s, amountCols[k], cells, raw, sum, sub));
  }
  const mismatches = checks.filter((c) => c.mismatch).length;
  const checksZh = checks.length > 0 ? checks.map((c) => c.zh) : ["没有可核对的金额"];
  const checksEn = checks.length > 0 ? checks.map((c) => c.en) : ["it has no amount to check"];
  s.issue(
    row,
    s.layout.plan[labelIndex]?.title || null,
    "warning",
    `第 ${row} 行是${what.zh}行（「${label}」），不作为数据导入；${checksZh.join("；")}。如果这一行其实是项目，请填写项目编号或日期。`,
    `Row ${row} is a ${what.en} row ("${label}") and is not imported as data; ${checksEn.join("; ")}. If it is in fact a project, fill in its ID or a date.`,
    mismatches > 0 ? "total_mismatch" : "total_row",
  );
  if (sub) for (const log of amountLogs) log.newGroup();
}

/** A total's amount against the exact sum of its rows, within half a unit of the last decimal it was written with. */
function checkAmount(
  s: TableState,
  col: ColumnPlan,
  cells: readonly Cell[],
  raw: Cell,
  sum: number,
  sub: boolean,
): AmountCheck {
  const unit = s.moneyUnit(col, cells);
  const r = parseAmount(raw, unit);
  if (!r || !r.ok) {
    return {
      zh: `「${col.title}」为 ${quoteValue(raw)}，不是金额，无法核对`,
      en: `"${col.title}" is ${quoteValue(raw)}, not an amount, so it cannot be checked`,
      mismatch: true,
    };
  }
  const divisor = UNIT_DIVISOR[unit];
  const tol = (0.5 * Math.pow(10, -countDecimals(raw))) / divisor + 1e-12 * Math.max(1, Math.abs(r.value));
  const diff = r.value - sum;
  const f = (x: number) => String(Number((x * divisor).toPrecision(12)));
  if (Math.abs(diff) > tol) {
    return {
      zh: `「${col.title}」为 ${f(r.value)}${unit}，但${sub ? "上一小计以来" : "上方各"}明细行之和为 ${f(sum)}${unit}（相差 ${f(diff)}${unit}），不一致，请核对`,
      en: `"${col.title}" is ${f(r.value)} ${unit} but the rows ${sub ? "since the last subtotal" : "above"} add up to ${f(sum)} ${unit} (difference ${f(diff)} ${unit}): they do not match, check them`,
      mismatch: true,
    };
  }
  return {
    zh: `「${col.title}」${f(r.value)}${unit} 与明细行之和一致`,
    en: `"${col.title}" ${f(r.value)} ${unit} matches the sum of the rows`,
    mismatch: false,
  };
}
