/** What laying out one metric table needs: the context, the table, where it starts, and how cells are made. */
import type { Ctx } from "./data-formulas";
import type { KeepFormula } from "./row-cells";
import type { BriefingCell } from "./sheet-grid";
import type { BriefingTable } from "./types";

export interface TableFrame {
  ctx: Ctx;
  t: BriefingTable;
  /** 0-based grid row of the table's first region row; the total follows the rows. */
  firstRow: number;
  /** Appends a row of empty cells to the grid and returns it. */
  newRow: () => BriefingCell[];
  /** Number format of the value columns (amount or count). */
  fmtValue: string;
  live: boolean;
  /** Keeps a formula unless the sheet is values only. */
  f: KeepFormula;
}
