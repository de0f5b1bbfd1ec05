/**
 * Cells under a column with no title: never dropped silently, reported once per column, but in one issue per row
 * that first shows data there, the columns given as ranges (a row of 100,000 stray delimiters is one issue, not
 * 100,000: memory must not grow with the delimiters).
 */
import { columnLetters as columnLetter } from "../../core/a1";
import { quoteValue } from "../errors";
import { cellText, isBlank, plainCell, type Cell } from "../values";
import type { TableState } from "./state";

/** Columns shown by name in the message; the rest are counted. */
const SHOWN = 10;

/** The columns of this row with data and no title, not reported before: one warning naming them. */
export function reportStrayColumns(s: TableState, cells: readonly Cell[], row: number): void {
  const { plan } = s.layout;
  let fresh: number[] | null = null;
  for (let i = 0; i < cells.length; i++) {
    if ((i < plan.length && plan[i].title) || s.strayColumns.has(i) || isBlank(cells[i])) continue;
    s.strayColumns.add(i);
    (fresh ??= []).push(i);
  }
  if (!fresh) return;
  const runs = toRuns(fresh);
  const more = runs.length > SHOWN ? runs.slice(SHOWN).reduce((n, [a, b]) => n + b - a + 1, 0) : 0;
  const example = quoteValue(cellText(plainCell(cells[fresh[0]])));
  const n = fresh.length;
  s.issue(
    row,
    null,
    "warning",
    `${spell(runs, "zh")}${more ? ` 及另外 ${more} 列` : ""}没有列名，但从第 ${row} 行起有内容（如 ${example}）；${n > 1 ? `这 ${n} 列` : "这一列"}未导入。请给它们加上列名，或删去多余的分隔符。`,
    `${spell(runs, "en").replace(/^c/, "C")}${more ? ` and ${more} more columns` : ""} ${n > 1 ? "have" : "has"} no title but ${n > 1 ? "hold" : "holds"} data from row ${row} (e.g. ${example}); not imported. Give ${n > 1 ? "them titles" : "it a title"}, or remove the stray delimiters.`,
  );
}

/** Ascending column indexes as runs of neighbours [first, last]. */
function toRuns(columns: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const i of columns) {
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}

/** The first SHOWN runs by number and letter: 第 3 列（C 列）、第 5–7 列（E–G 列）. */
function spell(runs: [number, number][], lang: "zh" | "en"): string {
  return runs
    .slice(0, SHOWN)
    .map(([a, b]) =>
      a === b
        ? lang === "zh"
          ? `第 ${a + 1} 列（${columnLetter(a)} 列）`
          : `column ${a + 1} (${columnLetter(a)})`
        : lang === "zh"
          ? `第 ${a + 1}–${b + 1} 列（${columnLetter(a)}–${columnLetter(b)} 列）`
          : `columns ${a + 1}–${b + 1} (${columnLetter(a)}–${columnLetter(b)})`,
    )
    .join(lang === "zh" ? "、" : ", ");
}
