/** The notes on how funds entries were placed, the same for the side-by-side card (build.ts) and the card by level (report-card.ts). */
import type { BriefingWarning } from "./types";

/** `fromLedger` entries took their region from the ledger project; `unattributed` could be placed nowhere. */
export function fundsAttributionWarnings(fromLedger: number, unattributed: number): BriefingWarning[] {
  const out: BriefingWarning[] = [];
  if (fromLedger > 0) {
    out.push({
      code: "funds_region_from_ledger",
      message: `到位资金明细中有 ${fromLedger} 条未填所属地区，已按台账中的项目确定地区。`,
      message_en: `${fromLedger} funds entries have no region: it was taken from the ledger project.`,
    });
  }
  if (unattributed > 0) {
    out.push({
      code: "unattributed_funds",
      message: `到位资金明细中有 ${unattributed} 条既未填所属地区、也在台账中找不到项目，未计入任何地区。`,
      message_en: `${unattributed} funds entries have no region and name no ledger project: they are counted in no region.`,
    });
  }
  return out;
}
