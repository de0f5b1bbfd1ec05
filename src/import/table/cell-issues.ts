/**
 * The messages about one cell or one field of a row: a value that cannot be read (an error when the field is
 * required, else a warning and the field left blank), a required value missing, text longer than a cell holds, a key
 * with characters the decoder could not read. Each says the row, the column and what to do.
 */
import { fieldDef, type FieldDef } from "../fields";
import { quoteValue } from "../errors";
import type { IssueCode } from "../types";
import { cellText, type Cell } from "../values";
import { BAD_TEXT, type BadKind } from "./bad-cell-text";
import { MAX_CELL_CHARS } from "./limits";
import type { TableState } from "./state";
import type { ColumnPlan } from "./types";

/** A cell that cannot be read: an error when the field is required (row rejected), else a warning (left blank). */
export function badCell(
  s: TableState,
  row: number,
  col: ColumnPlan,
  def: FieldDef,
  raw: Cell,
  what: BadKind,
  code?: IssueCode,
): void {
  const [zhWhat, enWhat, zhHow, enHow] = BAD_TEXT[what];
  const q = quoteValue(cellText(raw) || raw);
  if (s.isRequired(def.field)) {
    s.issue(
      row,
      col.title,
      "error",
      `「${col.title}」的值 ${q} ${zhWhat}，本行未导入。${zhHow}`,
      `"${col.title}" value ${q} ${enWhat}; row rejected. ${enHow}`,
      code,
    );
  } else {
    const asNo = what === "boolean";
    s.issue(
      row,
      col.title,
      "warning",
      `「${col.title}」的值 ${q} ${zhWhat}，${asNo ? "按“否”处理" : "已留空"}，其余内容照常导入。${zhHow}`,
      `"${col.title}" value ${q} ${enWhat}; ${asNo ? "treated as no" : "left blank"}, the rest of the row was imported. ${enHow}`,
      code,
    );
  }
}

/** A required value the row does not give. */
export function missing(s: TableState, row: number, field: string): void {
  const def = fieldDef(s.kind, field)!;
  s.issue(
    row,
    s.layout.colTitle[field] ?? def.label,
    "error",
    `缺少${def.label}，本行未导入。请填写${def.label}后重新导入。`,
    `${def.label_en} is missing; row rejected. Fill it in and import again.`,
  );
}

/** Text longer than an Excel cell holds: the load would fail, so the row is rejected here, saying where. */
export function tooLong(s: TableState, row: number, column: string, length: number): void {
  s.issue(
    row,
    column,
    "error",
    `「${column}」有 ${length} 个字符，超过 Excel 单元格最多能存的 ${MAX_CELL_CHARS} 个字符，本行未导入。请缩短这一格（长的说明可另存为文件，在此写文件名）后重新导入。`,
    `"${column}" holds ${length} characters, more than the ${MAX_CELL_CHARS} an Excel cell can hold; row rejected. Shorten it (keep long notes in a file and name the file here) and import again.`,
    "cell_too_long",
  );
}

/**
 * An id or region holding U+FFFD: grouping or matching by it is meaningless (西宁 and 海东 in GBK inside a UTF-8 file
 * both decode to "����"; kept, they would be one region), so the row is rejected, saying which column.
 */
export function undecodableKey(s: TableState, row: number, column: string, text: string): void {
  const enc = s.opts.encodingLabel;
  s.issue(
    row,
    column,
    "error",
    `「${column}」${quoteValue(text)} 含有无法识别的字符（�）${enc ? `（文件按 ${enc} 读取）` : ""}，无法据此区分${column}，本行未导入。请核对原文并改正这一格；如果整个文件的编码不对，请另存为 UTF-8 后重新导入。`,
    `"${column}" ${quoteValue(text)} holds characters that could not be decoded (�)${enc ? ` (the file was read as ${enc})` : ""}, so rows cannot be told apart by it; row rejected. Correct the cell from the original; if the whole file's encoding is wrong, save it as UTF-8 and import again.`,
    "encoding",
  );
}
