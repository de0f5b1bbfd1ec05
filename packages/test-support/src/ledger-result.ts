/** A ledger ImportResult holding given records and nothing else, as the importer would return for a clean file. */
import type { ProjectRecord } from "../../../src/core/model";
import type { ImportResult } from "../../../src/import/types";

export function ledgerResultOf(records: ProjectRecord[]): ImportResult {
  return {
    kind: "ledger",
    records,
    funds: [],
    targets: [],
    figures: [],
    issues: [],
    summary: { rows: records.length, accepted: records.length, rejected: 0 },
    mapping: {},
    headers: [],
  };
}
