/**
 * A second header line right under the header: every non-blank cell is a column title (签约日期 under a group title
 * 签约情况) or a unit (万元, （万元）, 单位：万元). Titles are merged into the header (the columns are planned again),
 * units set the unit of their column; the row is skipped with a warning saying what it changed.
 */
import { ALIAS_INDEX, detectUnit, normalizeHeader, type Unit } from "../fields";
import { cellText, plainCell, type Cell } from "../values";
import { planColumns, type TableLayout } from "./columns";
import type { TableState } from "./state";

/** What a second header line gives: titles and units by column. */
interface SecondLine {
  titles: Map<number, string>;
  units: Map<number, Unit>;
}

/** What the line changed, to be said in the warning. */
interface Said {
  zh: string[];
  en: string[];
}

const UNIT_ONLY = /^(?:千万元|百万元|亿元|万元|千元|元|个|项|家)$/;

/** True when `cells` (the first row under the header) was a second header line, applied and skipped. */
export function headerContinued(s: TableState, cells: readonly Cell[], row: number): boolean {
  const line = readSecondLine(s.layout, cells);
  if (!line) return false;
  const said: Said = { zh: [], en: [] };
  if (line.titles.size > 0) mergeTitles(s, line.titles, said);
  applyUnits(s, line.units, said);
  s.skipped++;
  s.issue(
    row,
    null,
    "warning",
    `第 ${row} 行是表头的第二行（列名或单位），不是数据，已跳过：${said.zh.join("；")}。`,
    `Row ${row} is the header's second line (titles or units), not data; skipped: ${said.en.join("; ")}.`,
    "header_continued",
  );
  return true;
}

/** The titles and units of the line, or null when any cell is neither (or the line has none). */
function readSecondLine(layout: TableLayout, cells: readonly Cell[]): SecondLine | null {
  const titles = new Map<number, string>();
  const units = new Map<number, Unit>();
  for (let i = 0; i < cells.length; i++) {
    const t = cellText(plainCell(cells[i])).trim();
    if (!t) continue;
    const unitText = t
      .normalize("NFKC")
      .replace(/\s+/g, "")
      .replace(/^[(（[【]?(?:金额)?(?:单位)?[:：]?/, "")
      .replace(/[)）\]】]$/, "");
    if (UNIT_ONLY.test(unitText)) {
      units.set(i, detectUnit(unitText)!);
      continue;
    }
    if (!isNewTitle(layout, i, t)) return null;
    titles.set(i, t);
  }
  return titles.size === 0 && units.size === 0 ? null : { titles, units };
}

/** A title of the kind standing where the header has no field (a blank, an unknown title, an extra). */
function isNewTitle(layout: TableLayout, i: number, t: string): boolean {
  const { key } = normalizeHeader(t);
  return (
    !!key &&
    !!ALIAS_INDEX[layout.kind].get(key) &&
    (i >= layout.headers.length || !layout.plan[i]?.field || layout.plan[i].extra)
  );
}

/** Plan again from the merged titles, forgetting what the first line alone said. */
function mergeTitles(s: TableState, titles: Map<number, string>, said: Said): void {
  const merged = s.layout.headers.slice();
  for (const [i, t] of titles) {
    while (merged.length <= i) merged.push("");
    merged[i] = t;
  }
  s.issues.length = s.headerIssues;
  s.layout = planColumns(merged, s.headerRow, s.opts, s.issue.bind(s));
  said.zh.push(`列名 ${[...titles.values()].map((t) => `「${t}」`).join("")} 已并入第 ${s.headerRow} 行的表头`);
  said.en.push(
    `the titles ${[...titles.values()].map((t) => `"${t}"`).join(", ")} were merged into the header of row ${s.headerRow}`,
  );
}

/** Units of the line set the unit of their column, unless its title states another one (then said, not used). */
function applyUnits(s: TableState, units: Map<number, Unit>, said: Said): void {
  for (const [i, unit] of units) {
    const col = s.layout.plan[i];
    if (!col || !col.title) continue;
    if (col.unit && col.unit !== unit) {
      said.zh.push(`「${col.title}」的表头已写明单位 ${col.unit}，本行的“${unit}”未采用，请核对`);
      said.en.push(
        `"${col.title}" already states its unit (${col.unit}) in the header; "${unit}" in this row was not used, check which is right`,
      );
      continue;
    }
    col.unit = unit;
    said.zh.push(`「${col.title}」按 ${unit} 读取`);
    said.en.push(`"${col.title}" is read in ${unit}`);
  }
}
