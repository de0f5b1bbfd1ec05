/**
 * The text of a data row checked before anything reads it: a cell longer than an Excel cell holds rejects the row
 * (checked first, so no later step runs over it), and characters a file should not hold (U+FFFD, NUL, lone
 * surrogates) are cleaned and warned about once per row.
 */
import type { Cell } from "../values";
import { tooLong } from "./cell-issues";
import { LONE_SURROGATE, LONE_SURROGATE_ALL, MAX_CELL_CHARS, SUSPICIOUS_TEXT } from "./limits";
import type { TableState } from "./state";
import { columnLetters as columnLetter } from "../../core/a1";

/**
 * A cell longer than an Excel cell holds, in a column that is imported, rejects its row before anything else reads
 * the text: an xlsx can make 20,000 cells reference one 40,000-character shared string (a 0.3 MB file), and every
 * check, fold and hash would then run over 800M characters. True when the row was rejected.
 */
export function rejectOverlong(s: TableState, cells: readonly Cell[], row: number): boolean {
  const { plan } = s.layout;
  let found = false;
  const n = Math.min(cells.length, plan.length);
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    if (typeof c !== "string" || c.length <= MAX_CELL_CHARS) continue;
    const col = plan[i];
    if (!col.title || col.type === "ignore" || (col.field === null && !col.extra)) continue;
    if (!found) {
      found = true;
      s.rows++;
      s.rejected++;
    }
    tooLong(s, row, col.title, c.length);
  }
  if (found) s.rowErrors = 0;
  return found;
}

/** What was found in a row's cells, and where. */
interface Suspicious {
  fffd: boolean;
  nul: boolean;
  lone: boolean;
  /** Titles (or letters) of the columns to name in the warning. */
  columns: string[];
}

/**
 * Characters a file should not hold: U+FFFD (a byte the decoder could not read, or a replacement already in the
 * file), NUL, and lone surrogates (half of a character: JSON escapes, damaged UTF-16). The row is kept; NULs are
 * removed and lone surrogates become U+FFFD (neither can be written to a sheet or to XML); one warning names the
 * row, its columns and what was found.
 */
export function checkText(s: TableState, cells: readonly Cell[], row: number): readonly Cell[] {
  let out: Cell[] | null = null;
  let found: Suspicious | null = null;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (typeof c !== "string" || !SUSPICIOUS_TEXT.test(c)) continue;
    const hasFffd = c.includes("\uFFFD");
    const hasNul = c.includes("\u0000");
    const hasLone = LONE_SURROGATE.test(c);
    if (!hasFffd && !hasNul && !hasLone) continue; // well-formed pairs only (CJK extension B…)
    found ??= { fffd: false, nul: false, lone: false, columns: [] };
    found.fffd ||= hasFffd;
    found.nul ||= hasNul;
    found.lone ||= hasLone;
    // A key column (id, region) with an undecodable character rejects the row later: no warning here too.
    if (!((hasFffd || hasLone) && s.isKeyColumn(i)))
      found.columns.push(s.layout.plan[i]?.title || `${columnLetter(i)}`);
    if (hasNul || hasLone)
      // eslint-disable-next-line no-control-regex -- NUL characters are removed from cells
      (out ??= cells.slice())[i] = c.replace(/\u0000/g, "").replace(LONE_SURROGATE_ALL, "\uFFFD");
  }
  if (found && found.columns.length > 0) warnSuspicious(s, row, found);
  return out ?? cells;
}

function warnSuspicious(s: TableState, row: number, { fffd, nul, lone, columns }: Suspicious): void {
  const what = [
    fffd ? "无法识别的字符（�）" : "",
    nul ? "空字符（NUL，已删除）" : "",
    lone ? "不成对的代理字符（已换成 �）" : "",
  ]
    .filter(Boolean)
    .join("、");
  const whatEn = [
    fffd ? "characters that could not be decoded (�)" : "",
    nul ? "NUL characters (removed)" : "",
    lone ? "lone surrogates (replaced by �)" : "",
  ]
    .filter(Boolean)
    .join(", ");
  const enc = s.opts.encodingLabel;
  s.issue(
    row,
    columns[0],
    "warning",
    `第 ${row} 行的「${columns.join("」「")}」含有${what}${enc ? `（文件按 ${enc} 读取）` : ""}，其余内容照常导入。请核对这一行的原文；如果文件的编码不对，请另存为 UTF-8 后重新导入。`,
    `Row ${row}, ${columns.map((c) => `"${c}"`).join(", ")}: ${whatEn}${enc ? ` (the file was read as ${enc})` : ""}; the rest was imported. Check the row in the source; if the file's encoding is wrong, save it as UTF-8 and import again.`,
    "encoding",
  );
}
