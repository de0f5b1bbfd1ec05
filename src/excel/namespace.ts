/**
 * Where the sheet writer keeps a family of datasets: sheet names, table names and the workbook settings that
 * remember sources and the undo record. The add-in's own family is the default (台账/Ledger, invest.sources …). The
 * self-test (self-test.ts) writes a family of its own with temporary names, so it can exercise the real writer in a
 * user's workbook without touching the user's Ledger table or remembered sources, tables and undo.
 */
import { ARCHIVE_BASE, CHANGELOG_BASE, SHEETS, SheetSpec } from "../core/columns";
import type { DatasetKind } from "../core/columns";

export interface WriterNamespace {
  /** Put before every sheet name ("" for the add-in's own). */
  sheetPrefix: string;
  /** Put before every table name ("" for the add-in's own; a table name may not start with a digit). */
  tablePrefix: string;
  /** Put before the settings keys "sources" and "undo" ("invest." for the add-in's own). */
  settingsPrefix: string;
}

export const DEFAULT_NAMESPACE: WriterNamespace = { sheetPrefix: "", tablePrefix: "", settingsPrefix: "invest." };

export { ARCHIVE_BASE, CHANGELOG_BASE };

export interface Names {
  spec(kind: DatasetKind): SheetSpec;
  archive: { sheet: string; table: string };
  changeLog: { sheet: string; table: string };
  settingsSources: string;
  settingsUndo: string;
  /** The tables the writer wrote, by Table.id (table-identity.ts). */
  settingsTables: string;
}

export function namesOf(ns: WriterNamespace = DEFAULT_NAMESPACE): Names {
  const sheet = (s: string) => `${ns.sheetPrefix}${s}`.slice(0, 31);
  const table = (t: string) => `${ns.tablePrefix}${t}`;
  return {
    spec: (kind) => {
      const base = SHEETS[kind];
      return ns === DEFAULT_NAMESPACE || (!ns.sheetPrefix && !ns.tablePrefix)
        ? base
        : { ...base, sheet: sheet(base.sheet), table: table(base.table) };
    },
    archive: { sheet: sheet(ARCHIVE_BASE.sheet), table: table(ARCHIVE_BASE.table) },
    changeLog: { sheet: sheet(CHANGELOG_BASE.sheet), table: table(CHANGELOG_BASE.table) },
    settingsSources: `${ns.settingsPrefix}sources`,
    settingsUndo: `${ns.settingsPrefix}undo`,
    settingsTables: `${ns.settingsPrefix}tables`,
  };
}
