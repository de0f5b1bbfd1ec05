/**
 * THE rule for where a funds entry (到位资金) counts, shared by the side-by-side card (./flat-card.ts), the card by
 * level (./report-card.ts), the data sheets of the exported workbook (./sheet-data.ts) and resolveFundsRegions: the
 * entry's own 所属地区; else the ledger project it names, found by id, else by name (the first matching row wins),
 * provided that row has a region; else nowhere (counted as unattributed).
 */
import type { FundsEntry, ProjectRecord } from "../core/model";

/** Where a funds entry counts: its own region, or the ledger row of the project it names. */
export type FundsPlace = { kind: "own"; region: string } | { kind: "ledger"; row: number };

/**
 * The ledger rows of the projects that region-less funds entries name. Fed one record at a time, in ledger order, so
 * that the cards can fill it during their single pass over the records.
 */
export class FundsProjectLookup {
  private readonly byId = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  private constructor(private readonly wanted: ReadonlySet<string>) {}

  /** A lookup for these entries, or null when every entry has its region (the ledger need not be searched). */
  static forEntries(funds: readonly Pick<FundsEntry, "project" | "region">[]): FundsProjectLookup | null {
    const wanted = new Set<string>();
    for (const e of funds) if (!e.region) wanted.add(e.project);
    return wanted.size > 0 ? new FundsProjectLookup(wanted) : null;
  }

  /** Notes ledger row `row` (call for every record, in order: the first row by id, and by name, is kept). */
  note(row: number, rec: Pick<ProjectRecord, "id" | "name">): void {
    if (this.wanted.has(rec.id) && !this.byId.has(rec.id)) this.byId.set(rec.id, row);
    if (this.wanted.has(rec.name) && !this.byName.has(rec.name)) this.byName.set(rec.name, row);
  }

  /** The row of the project named (by id, else by name), −1 when the ledger has none. */
  rowOf(project: string): number {
    return this.byId.get(project) ?? this.byName.get(project) ?? -1;
  }
}

/** A lookup filled from the whole ledger (for callers that do not pass over the records themselves). */
export function fundsProjectLookup(
  records: readonly Pick<ProjectRecord, "id" | "name">[],
  funds: readonly Pick<FundsEntry, "project" | "region">[],
): FundsProjectLookup | null {
  const lookup = FundsProjectLookup.forEntries(funds);
  if (lookup) for (let i = 0; i < records.length; i++) lookup.note(i, records[i]);
  return lookup;
}

/** Where entry `e` counts (see the header), or null: nowhere. */
export function fundsPlace(
  e: Pick<FundsEntry, "project" | "region">,
  lookup: FundsProjectLookup | null,
  records: readonly Pick<ProjectRecord, "region">[],
): FundsPlace | null {
  if (e.region) return { kind: "own", region: e.region };
  const row = lookup ? lookup.rowOf(e.project) : -1;
  return row >= 0 && records[row].region ? { kind: "ledger", row } : null;
}

/**
 * The region of each funds entry as the briefing attributes it: the entry's own region, else the region of the
 * ledger project it names (by id, else by name; the first matching row wins), else null.
 */
export function resolveFundsRegions(
  records: readonly Pick<ProjectRecord, "id" | "name" | "region">[],
  funds: readonly Pick<FundsEntry, "project" | "region">[],
): (string | null)[] {
  const lookup = fundsProjectLookup(records, funds);
  return funds.map((e) => {
    const place = fundsPlace(e, lookup, records);
    return place === null ? null : place.kind === "own" ? place.region : records[place.row].region;
  });
}
