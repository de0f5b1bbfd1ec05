/** Compare a recalculated briefing sheet (rows of cells) with the builder's numbers, cell by cell. */
import { briefingLayout, COL, FormulaOptions } from "../../../src/briefing/formulas";
import { briefingText } from "../../../src/briefing/text";
import { PACE_STATUS_LABELS } from "../../../src/core/metrics";
import type { Briefing, BriefingRow } from "../../../src/briefing/types";

/** A cell's value; `undefined` means "0 or blank, cannot tell" (exceljs reads a cached 0 and "" alike). */
export type Read = (row: number, col: number) => number | string | null | undefined;

const FIELDS: [keyof BriefingRow, number][] = [
  ["actual", COL.actual],
  ["target", COL.target],
  ["completion_rate", COL.rate],
  ["time_progress", COL.progress],
  ["pace_gap", COL.gap],
  ["prior", COL.prior],
  ["yoy_growth", COL.yoy],
  ["share", COL.share],
  ["rank", COL.rank],
];

/**
 * Every number of every table row, as read back from the sheet, against the briefing. Returns the mismatches
 * ("签约金额/城东区/completion_rate: sheet 0.5, json 0.51") and the number of cells compared.
 */
export function compareSheet(
  b: Briefing,
  read: Read,
  options: Pick<FormulaOptions, "refs" | "mode" | "language"> = { refs: "a1", mode: "portable" },
): { mismatches: string[]; compared: number } {
  const layout = briefingLayout(b, briefingText(b), options);
  const labels = PACE_STATUS_LABELS[options.language ?? "zh-CN"];
  const mismatches: string[] = [];
  let compared = 0;
  for (const lt of layout.tables) {
    const table = b.tables.find((t) => t.metric === lt.metric)!;
    const rows = [...table.rows, table.total];
    rows.forEach((row, k) => {
      const r = lt.firstRow + k;
      const where = `${lt.metric}/${row.region}`;
      const region = read(r, COL.region);
      // The first column in the sheet's language: English words around the place names (issue 16).
      const label = row.label ?? row.region;
      const shown =
        (options.language ?? "zh-CN") === "zh-CN"
          ? label
          : row === table.total
            ? "Total"
            : row.role === "zone"
              ? `of which: ${label.replace(/^其中：/, "")}`
              : row.role === "own"
                ? `${label.replace(/本级$/, "")} (own level)`
                : label;
      if (region !== shown) mismatches.push(`${where}: region cell ${String(region)}`);
      for (const [field, col] of FIELDS) {
        const want = row[field] as number | null;
        const got = read(r, col);
        compared++;
        if (got === undefined) {
          if (want !== null && want !== 0) mismatches.push(`${where}/${field}: sheet 0-or-blank, json ${want}`);
        } else if (want === null) {
          if (got !== null && got !== "") mismatches.push(`${where}/${field}: sheet ${String(got)}, json null`);
        } else if (typeof got !== "number" || Math.abs(got - want) > 1e-9 * Math.max(1, Math.abs(want))) {
          mismatches.push(`${where}/${field}: sheet ${String(got)}, json ${want}`);
        }
      }
      const status = read(r, COL.status) ?? null;
      compared++;
      const wantStatus = row.status ? labels[row.status] : null;
      if ((status === "" ? null : status) !== wantStatus)
        mismatches.push(`${where}/status: sheet ${String(status)}, json ${String(wantStatus)}`);
    });
  }
  return { mismatches, compared };
}
