/**
 * The 成绩单 panel's choices as a BriefingRequest, and why they cannot be built yet. Pure: what is sent to
 * buildBriefing is decided here, in the order the services expect (regions and metrics in their listed order).
 */
import { METRICS, Metric } from "../../../core/model";
import type { ProgressBasis } from "../../../core/metrics";
import type { Translate } from "../../i18n";
import type { BriefingRequest } from "../../services";
import { ReportCardChoices, topValue } from "../ReportCardOptions";

/** How the sheet is written: portable formulas, values only, charts. */
export interface SheetOptions {
  portable: boolean;
  valuesOnly: boolean;
  charts: boolean;
}

export const DEFAULT_SHEET_OPTIONS: SheetOptions = { portable: false, valuesOnly: false, charts: false };

export interface BriefingChoices {
  period: string;
  /** Every region the workbook holds, in its order, and those chosen. */
  allRegions: string[];
  regions: string[];
  /** The report card by level (jurisdiction, level) rather than the chosen regions side by side. */
  byLevel: boolean;
  card: ReportCardChoices;
  metrics: Metric[];
  basis: ProgressBasis;
  tolerance: number;
  options: SheetOptions;
}

export function briefingRequest(c: BriefingChoices): BriefingRequest {
  return {
    period: c.period,
    ...(c.byLevel
      ? { within: c.card.within || undefined, level: c.card.level || undefined, showEmpty: c.card.showEmpty }
      : { regions: c.allRegions.filter((r) => c.regions.includes(r)) }),
    breakdowns: c.card.breakdowns,
    top: topValue(c.card.top) ?? 0,
    metrics: METRICS.filter((m) => c.metrics.includes(m)),
    basis: c.basis,
    tolerance: c.tolerance,
    ...c.options,
  };
}

/** What is missing before the card can be built (a metric, a region, a valid number of key projects), or null. */
export function invalidChoice(c: Pick<BriefingChoices, "metrics" | "regions" | "card">, t: Translate): string | null {
  if (c.metrics.length === 0) return t("pickMetric");
  if (c.regions.length === 0) return t("pickRegion");
  if (topValue(c.card.top) === null) return t("cardTopInvalid");
  return null;
}
