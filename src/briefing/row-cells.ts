/**
 * The cells every row of a metric table has, whichever the card: completion rate, time progress, pace gap and status;
 * growth; share; the source label. INVEST.* functions in live mode, plain arithmetic otherwise.
 */
import { PACE_STATUS_LABELS } from "../core/metrics";
import type { Language } from "../i18n/language";
import { type BriefingCell, COL, FMT, PARAMS, quote, RATE_DECIMALS } from "./sheet-grid";
import type { SourceLabels } from "./sheet-labels";
import type { BriefingRow } from "./types";

/** Keeps a formula only when the sheet has formulas (mode other than "values"). */
export type KeepFormula = (formula: string | undefined) => string | undefined;

/**
 * Completion rate, time progress, pace gap and status of one row, the same in both layouts: INVEST.* functions in
 * live mode, plain arithmetic otherwise. B, C, D, F: the row's actual, target, rate and gap cells.
 */
export function paceCells(
  cells: BriefingCell[],
  row: BriefingRow,
  refs: { B: string; C: string; D: string; F: string },
  live: boolean,
  f: KeepFormula,
  language: Language,
): void {
  const { B, C, D, F } = refs;
  const statusLabels = PACE_STATUS_LABELS[language];
  const rateF = live
    ? `=IF(OR(${B}="",${C}=""),"",IFERROR(ROUND(INVEST.COMPLETION_RATE(${B},${C}),${RATE_DECIMALS}),""))`
    : `=IF(OR(${B}="",${C}="",${C}=0),"",ROUND(${B}/${C},${RATE_DECIMALS}))`;
  cells[COL.rate] = { value: row.completion_rate, formula: f(rateF), numFmt: FMT.percent, role: "value" };
  cells[COL.progress] = {
    value: row.time_progress,
    formula: f(`=${PARAMS.timeProgress}`),
    numFmt: FMT.percent,
    role: "value",
  };
  const gapF = live
    ? `=IF(OR(${B}="",${C}=""),"",IFERROR(INVEST.PACE_GAP(${B},${C},${PARAMS.asOf},${PARAMS.basis}),""))`
    : `=IF(${D}="","",ROUND((${D}-${PARAMS.timeProgress})*100,9))`;
  cells[COL.gap] = { value: row.pace_gap, formula: f(gapF), numFmt: FMT.points, role: "value" };
  const statusF = live
    ? `=IF(OR(${B}="",${C}=""),"",IFERROR(INVEST.PACE_STATUS(${B},${C},${PARAMS.asOf},${PARAMS.basis},${PARAMS.tolerance},${quote(language)}),""))`
    : `=IF(${F}="","",IF(${F}>=0,${quote(statusLabels.ahead)},IF(${F}>=-ABS(${PARAMS.tolerance}),${quote(statusLabels.on_track)},${quote(statusLabels.behind)})))`;
  cells[COL.status] = {
    value: row.status ? statusLabels[row.status] : null,
    formula: f(statusF),
    role: "status",
    status: row.status,
  };
}

/** Growth of actual B over prior H; `extra`: more conditions under which it is blank (like for like). */
export function yoyFormula(live: boolean, B: string, H: string, extra = ""): string {
  return live
    ? `=IF(OR(${B}="",${H}=""${extra}),"",IFERROR(INVEST.YOY_GROWTH(${B},${H}),""))`
    : `=IF(OR(${B}="",${H}="",${H}=0${extra}),"",(${B}-${H})/ABS(${H}))`;
}

/** Share of actual B in the total's actual. */
export function shareFormula(live: boolean, B: string, totalActual: string): string {
  return live
    ? `=IF(OR(${B}="",${totalActual}=""),"",IFERROR(INVEST.SHARE(${B},${totalActual}),""))`
    : `=IF(OR(${B}="",${totalActual}="",${totalActual}=0),"",${B}/${totalActual})`;
}

/** The source column's cached text of a row. */
export function sourceLabel(row: BriefingRow, labels: SourceLabels): string | null {
  const [figLabel, ledgerLabel, mixedLabel] = labels;
  if (row.actual_source === "figure") return figLabel;
  if (row.actual_source === "ledger") return ledgerLabel;
  return row.actual_source === "mixed" ? mixedLabel : null;
}
