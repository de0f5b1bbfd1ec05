/**
 * Rows under the header that are not data, recognised by their structure: a total or subtotal row, the header
 * repeated (paged exports print it on every page), a note line. Each is skipped, counted and said with its row;
 * nothing in it is imported.
 */
import { quoteValue } from "../errors";
import { plainCell, type Cell } from "../values";
import * as labels from "./row-labels";
import type { TableState } from "./state";
import { isTotalRow, reportTotalRow, totalLabel } from "./total-rows";

// Bound once: asked of several cells of every row.
const { mayBeTotalLabel, NOTE_RE } = labels;

/** A total or subtotal row (see isTotalRow): skipped, its amounts checked, reported. */
export function skipTotalRow(s: TableState, cells: readonly Cell[], row: number): boolean {
  for (const i of s.layout.probe) {
    const c = cells[i];
    if (typeof c === "string" && c.length < 48 && mayBeTotalLabel(c)) {
      const label = totalLabel(s, c);
      if (label && isTotalRow(s, cells, i)) {
        s.skipped++;
        reportTotalRow(s, cells, row, label, i);
        return true;
      }
    }
  }
  return false;
}

/** The header repeated further down: not a project called "项目名称". */
export function skipRepeatedHeader(s: TableState, cells: readonly Cell[], row: number): boolean {
  const { repeatProbe: k, headers } = s.layout;
  const probeCell = k >= 0 ? cells[k] : null;
  if (
    typeof probeCell !== "string" ||
    !(probeCell === headers[k] || (probeCell.length > headers[k].length && probeCell.trim() === headers[k])) ||
    !isHeaderAgain(s, cells)
  )
    return false;
  s.skipped++;
  s.issue(
    row,
    null,
    "warning",
    `第 ${row} 行重复了表头，已跳过。`,
    `Row ${row} repeats the header; skipped.`,
    "header_repeated",
  );
  return true;
}

/** At least half of the titled columns (and two) hold their own title. */
function isHeaderAgain(s: TableState, cells: readonly Cell[]): boolean {
  let same = 0;
  let titled = 0;
  for (const c of s.layout.plan) {
    if (!c.title) continue;
    titled++;
    const v = cells[c.index];
    if (typeof v === "string" && v.trim() === c.title) same++;
  }
  return same >= 2 && same * 2 >= titled;
}

/** A row whose only cell, `index`, is a note (注：…, 填表人…) in a table of more than two columns. */
export function skipNoteRow(s: TableState, cells: readonly Cell[], row: number, index: number): boolean {
  const { plan } = s.layout;
  if (plan.length <= 2) return false;
  const c = plainCell(cells[index]);
  if (typeof c !== "string" || !NOTE_RE.test(c.trim().normalize("NFKC"))) return false;
  s.skipped++;
  s.issue(
    row,
    plan[index]?.title || null,
    "warning",
    `第 ${row} 行是说明文字（${quoteValue(c.trim())}），不是数据，已跳过。`,
    `Row ${row} is a note (${quoteValue(c.trim())}), not data; skipped.`,
    "note_row",
  );
  return true;
}
