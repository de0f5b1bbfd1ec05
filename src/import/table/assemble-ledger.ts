/**
 * A ledger row made a project record: name and region required, the id given or derived (name + region + signed
 * date), a repeated id (or a repeated name, region and date) rejected naming the first row; the record kept whole,
 * projected to the fields ImportOptions.keep lists, or only counted.
 */
import { deriveProjectId } from "../../core/model";
import { quoteValue } from "../errors";
import { missing } from "./cell-issues";
import * as keys from "./keys";
import * as records from "./ledger-record";
import type { LedgerRow } from "./ledger-record";
import type { TableState } from "./state";

// Bound once: called for every ledger row.
const { normKey } = keys;
const { keepOnly, ownStrings } = records;

export function assembleLedger(s: TableState, rec: LedgerRow, row: number): { index: number } | null {
  const name = rec.name as string | null;
  const region = rec.region as string | null;
  // Said once: a name or region whose cell was already reported (an error value, a bad region) is not "missing" too.
  if (!name && !s.rowHasErrorFor("name", row)) missing(s, row, "name");
  if (!region && !s.rowHasErrorFor("region", row)) missing(s, row, "region");
  if (!name || !region) return null;
  const signed = rec.signed_date ?? null;
  const given = rec.id as string | null;
  const id = given || deriveId(s, name, region, signed, row);
  // The hot path of a million-row ledger: no closure, one Map lookup and one insert.
  const first = s.ids.firstOrAdd(given ? normKey(id) : id, row);
  if (first >= 0) {
    duplicateId(s, row, id, !given, first);
    return null;
  }
  if (s.rowErrors > 0) return null;
  rec.id = id;
  rec.signed_date = signed;
  s.counts.ledger++;
  if (s.keepAll) s.records.push(ownStrings(rec));
  else if (s.keepFields) s.records.push(keepOnly(rec, s.keepFields));
  return { index: s.counts.ledger - 1 };
}

/** The id of a row without one; said when the file has an id column (a file without one derives every id). */
function deriveId(s: TableState, name: string, region: string, signed: string | null, row: number): string {
  const id = deriveProjectId(name, region, signed);
  if (!s.layout.deriveIds) {
    s.issue(
      row,
      s.layout.colTitle.id ?? null,
      "warning",
      `项目编号为空，已按“项目名称 + 所属地区 + 签约日期”生成编号 ${id}。如需固定编号，请填写项目编号。`,
      `Project ID is blank; generated ${id} from name + region + signed date. Fill in an ID to fix it.`,
    );
  }
  return id;
}

function duplicateId(s: TableState, row: number, id: string, derived: boolean, first: number): void {
  const { colTitle } = s.layout;
  if (derived) {
    s.issue(
      row,
      colTitle.name ?? null,
      "error",
      `项目名称、所属地区和签约日期都与第 ${first} 行相同（自动编号 ${id}），本行未导入。如果是同一项目，请删除重复行；如果是不同项目，请填写项目编号加以区分。`,
      `Same name, region and signed date as row ${first} (generated ID ${id}); row rejected. Delete the duplicate, or give the projects distinct IDs.`,
    );
  } else {
    s.issue(
      row,
      colTitle.id ?? null,
      "error",
      `项目编号 ${quoteValue(id)} 与第 ${first} 行重复，本行未导入。请改正编号，或删除重复的行。`,
      `Project ID ${quoteValue(id)} duplicates row ${first}; row rejected. Correct the ID or delete the duplicate row.`,
    );
  }
}
