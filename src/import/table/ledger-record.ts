/**
 * Ledger records as the engine builds and keeps them: one object shape for every row (V8 keeps one hidden class), the
 * dates as numbers too, long strings copied out of the parsed text, and only the fields ImportOptions.keep asks for.
 */
import type { ProjectRecord } from "../../core/model";
import type { ParsedRow } from "./types";

/** A ledger record being filled cell by cell: the record, writable by field name. */
export type LedgerRow = ProjectRecord & ParsedRow;

/** An empty ledger record with every field present, in the model's order (one hidden class for all rows). */
export function newLedgerRecord(): LedgerRow {
  return {
    id: "",
    name: "",
    region: "",
    park: null,
    industry: null,
    investor: null,
    investor_type: null,
    investor_origin: null,
    stage: null,
    signed_date: null,
    started_date: null,
    signed_amount: null,
    planned_investment: null,
    notes: null,
    source: null,
    signed_ymd: null,
    started_ymd: null,
  };
}

/** The record field holding each ledger date as a number. */
export const YMD_FIELDS: Record<string, string> = { signed_date: "signed_ymd", started_date: "started_ymd" };

/**
 * V8 keeps a substring of 13 characters or more as a view into the string it was cut from (a "sliced string"), and
 * papaparse cuts cells out of the 128 KiB chunk of text it parses: one project name kept from a chunk keeps the whole
 * chunk alive, so a million kept records held the whole file's text (about 190 bytes a record on bench/ledger-data.ts).
 * A kept long string is copied on its own; a shorter one is a copy already.
 */
function ownString(x: unknown): unknown {
  // Concatenation then slice flattens into a string of its own length + 1: the chunk is no longer referenced.
  return typeof x === "string" && x.length >= 13 ? (" " + x).slice(1) : x;
}

/** The ledger record fields that hold text of the file (the others are numbers, null or shared constants). */
const LEDGER_TEXT_FIELDS = [
  "id",
  "name",
  "park",
  "industry",
  "investor",
  "investor_origin",
  "notes",
  "source",
] as const;

/** The record with its long strings copied out of the parsed text (see ownString). */
export function ownStrings(rec: LedgerRow): ProjectRecord {
  const r: ParsedRow = rec;
  for (let i = 0; i < LEDGER_TEXT_FIELDS.length; i++) {
    const f = LEDGER_TEXT_FIELDS[i];
    const x = r[f];
    if (typeof x === "string" && x.length >= 13) r[f] = ownString(x);
  }
  return rec;
}

/** A record with only `fields` (ImportOptions.keep), built in one order so that all share one shape. */
export function keepOnly(rec: LedgerRow, fields: readonly string[]): ProjectRecord {
  const out: ParsedRow = {};
  for (let i = 0; i < fields.length; i++) out[fields[i]] = ownString(rec[fields[i]]);
  // eslint-disable-next-line no-restricted-syntax -- ImportOptions.keep documents that a kept record holds only the listed fields, while ImportResult.records is typed ProjectRecord[] for every caller
  return out as unknown as ProjectRecord;
}
