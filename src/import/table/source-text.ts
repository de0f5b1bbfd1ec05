/**
 * The 来源 (source) of a target, figure or region row, composed from its source columns (来源, 来源文件, 原文, 推算依据)
 * into one cell's text, and rejected like a cell when it would not fit in one.
 */
import { tooLong } from "./cell-issues";
import { MAX_CELL_CHARS } from "./limits";
import type { TableState } from "./state";
import type { ParsedRow } from "./types";

function composeSource(s: TableState, v: ParsedRow): string | null {
  const parts: string[] = [];
  if (v.source) parts.push(v.source as string);
  const file = v.source_file as string | null | undefined;
  const quote = v.quote as string | null | undefined;
  if (file && quote) parts.push(`${file}：「${quote}」`);
  else if (file) parts.push(file);
  else if (quote) parts.push(`「${quote}」`);
  if (v.basis) {
    const col = s.layout.plan.find((c) => c.field === "basis");
    parts.push(`${col?.title || "推算依据"}：${v.basis as string}`);
  }
  return parts.length > 0 ? parts.join("；") : null;
}

/** The composed 来源 of a row, rejected like a cell when it would not fit in one. */
export function sourceOf(s: TableState, v: ParsedRow, row: number): string | null {
  const source = composeSource(s, v);
  const { colTitle } = s.layout;
  if (source !== null && source.length > MAX_CELL_CHARS)
    tooLong(s, row, colTitle.source ?? colTitle.quote ?? "来源", source.length);
  return source;
}
