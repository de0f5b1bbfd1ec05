/**
 * The write plan (src/excel/write-plan.ts) without any host: from a workbook state as read and the imported records,
 * what a first load and a refresh will stage, append to the archive and the change log, check, snapshot for undo and
 * leave behind. The Office.js steps only carry this plan out, so what is asserted here is what reaches the sheets.
 */
import { LEDGER } from "../../src/core/columns";
import { WriteBlockedError } from "../../src/excel/guards";
import { ACTION_LABELS, ARCHIVE_LEAD, CHANGELOG_HEADERS, serialOf } from "../../src/excel/ledger-layout";
import { namesOf } from "../../src/excel/namespace";
import type { DataTableState, WorkbookState } from "../../src/excel/read-state";
import type { TableState } from "../../src/excel/table-ops";
import { EMPTY_MEMORY } from "../../src/excel/table-identity";
import { Cell, storedValue } from "../../src/excel/values";
import { bodyFormats, bodyFormulas, committedSettings, planWrite, WritePlan } from "../../src/excel/write-plan";
import type { SourceDescriptor } from "../../src/excel/sources";
import { makeRecord, resultOf } from "./helpers";

const NOW = new Date(2026, 10, 22, 9, 30);
const spec = namesOf().spec("ledger");
const names = namesOf();
const SOURCE = { id: "ledger", kind: "ledger", type: "seeds", name: "示例数据", lastRefresh: null } as SourceDescriptor;

function emptyState(over: Partial<WorkbookState> = {}): WorkbookState {
  return {
    date1904: false,
    sheetNames: ["Sheet1"],
    tables: [],
    dataSheet: spec.sheet,
    sheetExists: false,
    table: null,
    archive: null,
    archiveName: names.archive.table,
    archiveSheet: names.archive.sheet,
    archiveSheetExists: false,
    changeLog: null,
    changeLogName: names.changeLog.table,
    changeLogSheet: names.changeLog.sheet,
    changeLogSheetExists: false,
    sources: [],
    rawSources: [],
    memory: EMPTY_MEMORY,
    rawMemory: null,
    rawUndo: null,
    referenced: new Set(),
    notices: [],
    ...over,
  };
}

function plan(state: WorkbookState, records = [1, 2, 3].map((i) => makeRecord(i))): WritePlan {
  return planWrite({
    spec,
    state,
    result: resultOf(records),
    batch: "ledger-b1",
    now: NOW,
    stageSheet: "_invest_stage_x",
    undoSheet: "_invest_undo_x",
  });
}

/** A table as read back after `p` was written (what Excel holds: stored values, the column formats). */
function tableAfter(p: WritePlan, id = "7"): DataTableState {
  const values = p.merge.rows.map((row) => row.map((v) => storedValue(v)));
  const formats = p.merge.headers.map((_, c) => bodyFormats(p, c));
  return {
    ref: { name: spec.table, id },
    by: "id",
    sheetName: p.sheetName,
    top: p.top,
    left: p.left,
    cols: p.merge.headers.length,
    rows: p.merge.rows.length,
    showTotals: false,
    headers: [...p.merge.headers],
    filters: null,
    existing: {
      headers: [...p.merge.headers],
      values,
      formulasR1C1: values,
      numberFormats: values.map((row) => row.map(() => undefined)),
    },
    formats: values.map((_, r) => formats.map((col) => col[r])),
    formulas: new Map(),
    note: { formula: "来源 Source：…" },
  };
}

function sideTable(name: string, id: string, sheet: string, headers: string[], rows: number): TableState {
  return {
    ref: { name, id },
    by: "id",
    sheetName: sheet,
    top: 0,
    left: 0,
    cols: headers.length,
    rows,
    showTotals: false,
    headers,
    filters: null,
  };
}

/** The workbook after a first load of `first`: the data table, an archive with 4 rows, a change log with 1 row. */
function refreshState(first: WritePlan): WorkbookState {
  const archiveHeaders = [...ARCHIVE_LEAD, ...first.merge.headers];
  return emptyState({
    sheetNames: ["Sheet1", spec.sheet, names.archive.sheet, names.changeLog.sheet],
    sheetExists: true,
    table: tableAfter(first),
    archive: sideTable(names.archive.table, "8", names.archive.sheet, archiveHeaders, 4),
    archiveSheetExists: true,
    changeLog: sideTable(names.changeLog.table, "9", names.changeLog.sheet, [...CHANGELOG_HEADERS], 1),
    changeLogSheetExists: true,
    memory: {
      v: 1,
      datasets: { ledger: { id: "7", columns: [...first.merge.headers] } },
      archive: { id: "8" },
      changeLog: { id: "9" },
    },
  });
}

test("first load: the table at A2 below the note, one 载入 row in the log, nothing archived, nothing to check", () => {
  const p = plan(emptyState());
  expect(p.sheetName).toBe(spec.sheet);
  expect(p.merge.headers).toEqual(LEDGER.columns.map((c) => c.title));
  expect(p.after).toEqual({ r0: 1, c0: 0, r1: 4, c1: LEDGER.columns.length - 1 });
  expect(p.body).toMatchObject({ r0: 2, c0: 0 });
  expect(p.body.rows.map((r) => r[0])).toEqual(["P-000001", "P-000002", "P-000003"].map((id) => `'${id}`));
  expect(p.archive.rows).toEqual([]);
  expect(p.changeLog.rows).toEqual([[serialOf(NOW), "'ledger-b1", spec.sheet, ACTION_LABELS.loaded, "", "", "", 3]]);
  // The log's rows are staged to the right of the body and the (empty) archive block, never over them.
  expect(p.changeLog.block.c0).toBeGreaterThan(p.archive.block.c0 + ARCHIVE_LEAD.length);
  expect(p.archive.block.c0).toBeGreaterThan(p.after.c1);
  expect(p.checks).toEqual([]);
  expect(p.writtenSheets).toEqual([]);
  expect(p.record).toMatchObject({
    phase: "committing",
    data: { id: null, created: "sheet", beforeRows: 0, note: true },
    archive: null,
    changeLog: { id: null, created: "sheet", table: names.changeLog.table },
    snapshot: { rows: 0, cols: 0, metaCol: 0, metaChunks: 1 },
  });
  expect(p.fingerprint.archive).toBeNull();
  expect(p.fingerprint.changeLog).toMatchObject({ rows: 1, from: 0 });
  expect(p.fingerprint.data.rows).toBe(3);
});

test("a formula-injection text is staged as text; a 1904 workbook gets its timestamps 1,462 days earlier", () => {
  const records = [makeRecord(7, { notes: '=HYPERLINK("http://x")', name: "+cmd|' /C calc'!A0" })];
  const p = plan(emptyState({ date1904: true }), records);
  const notes = p.merge.headers.indexOf("备注");
  expect(p.body.rows[0][notes]).toBe(`'=HYPERLINK("http://x")`);
  expect(p.merge.headers.map((_, c) => bodyFormulas(p, c).filter((f) => f !== undefined))).toEqual(
    p.merge.headers.map(() => []),
  );
  expect(p.changeLog.rows[0][0]).toBeCloseTo(serialOf(NOW) - 1462, 9);
});

test("refresh: a removed record is archived under the archive's headers, changes are logged, every table checked", () => {
  const first = plan(emptyState());
  const state = refreshState(first);
  const p = plan(state, [makeRecord(1), makeRecord(2, { signed_amount: 9.5 })]);
  expect(p.merge.counts).toEqual({ added: 0, updated: 1, archived: 1, unchanged: 1 });
  // Archive: appended after its 4 rows, lead columns filled, the record's values under their titles.
  expect(p.archive.first).toBe(4);
  expect(p.archive.rows).toHaveLength(1);
  const row = p.archive.rows[0];
  expect(row.slice(0, 3)).toEqual([serialOf(NOW), "'ledger-b1", spec.sheet]);
  expect(row[p.archive.headers.indexOf("项目编号")]).toBe("'P-000003");
  // Change log: one row per change, action words in Chinese.
  const actions = p.changeLog.rows.map((r) => r[3]);
  expect(actions).toEqual(expect.arrayContaining([ACTION_LABELS.changed, ACTION_LABELS.archived]));
  expect(p.changeLog.first).toBe(1);
  expect(p.logged).toHaveLength(p.changeLog.rows.length);
  // What guards.ts checks: the data table shrinking to 2 rows, the archive and the log growing.
  expect(p.checks.map((c) => [c.table, c.rows, c.otherRows])).toEqual([
    [spec.table, 3, 2],
    [names.archive.table, 4, 5],
    [names.changeLog.table, 1, 1 + p.changeLog.rows.length],
  ]);
  expect(p.writtenSheets).toEqual([spec.sheet, names.archive.sheet, names.changeLog.sheet]);
  expect(p.record).toMatchObject({
    data: { id: "7", created: null, beforeRows: 3 },
    archive: { id: "8", beforeRows: 4 },
    changeLog: { id: "9", beforeRows: 1 },
    note: { formula: "来源 Source：…" },
    snapshot: { rows: 3, metaCol: LEDGER.columns.length + 1 },
  });
  expect(p.fingerprint.archive).toMatchObject({ rows: 5, from: 4 });
});

test("the settings that end a write: ids given by Excel, tables remembered, the source's row count and time", () => {
  const first = plan(emptyState());
  const done = committedSettings(first, emptyState(), SOURCE, NOW, { data: "11", archive: null, changeLog: "12" });
  expect(done.record).toMatchObject({ phase: "committed", data: { id: "11" }, archive: null, changeLog: { id: "12" } });
  expect(done.record.fingerprint).toBe(first.fingerprint);
  expect(done.memory).toEqual({
    v: 1,
    datasets: { ledger: { id: "11", columns: first.merge.headers } },
    changeLog: { id: "12" },
  });
  expect(done.sources).toEqual([{ ...SOURCE, lastRefresh: NOW.toISOString(), rows: 3 }]);
});

test("an emptied ledger keeps one blank body row; the body's number formats follow each column's type", () => {
  const first = plan(emptyState());
  const p = plan(refreshState(first), []);
  expect(p.bodyRows).toBe(1);
  expect(p.body.rows).toEqual([p.merge.headers.map(() => "")]);
  expect(p.merge.counts.archived).toBe(3);
  const amount = p.merge.headers.indexOf("签约金额(亿元)");
  expect(bodyFormats(p, amount)).toEqual(["0.00"]);
});

test("an archive that lost our leading columns blocks the write with a message naming it; a log kept as is", () => {
  const first = plan(emptyState());
  const state = refreshState(first);
  const broken: TableState = { ...state.archive!, headers: ["归档时间", ...first.merge.headers] };
  expect(() => plan({ ...state, archive: broken }, [makeRecord(1)])).toThrow(WriteBlockedError);
  // Nothing archived: the archive's columns do not matter.
  expect(() => plan({ ...state, archive: broken })).not.toThrow();
});

test("a formula the user typed into a column of ours is kept, written as a formula and reported", () => {
  const first = plan(emptyState());
  const state = refreshState(first);
  const amount = first.merge.headers.indexOf("签约金额(亿元)");
  const table = state.table!;
  // The formula's result (99) differs from the source's value: the summary says so.
  const at = (v: Cell, r: number, c: number, put: Cell) => (r === 0 && c === amount ? put : v);
  const values = table.existing.values.map((row, r) => row.map((v, c) => at(v, r, c, 99)));
  const formulas = table.existing.formulasR1C1.map((row, r) => row.map((v, c) => at(v, r, c, "=RC[1]*2")));
  const p = plan({ ...state, table: { ...table, existing: { ...table.existing, values, formulasR1C1: formulas } } });
  expect(bodyFormulas(p, amount)[0]).toBe("=RC[1]*2");
  expect(p.body.rows[0][amount]).toBe("");
  expect(p.merge.formulaColumns).toContain(amount);
  expect(p.notices).toHaveLength(1);
  expect(p.notices[0].zh).toContain("P-000001");
  expect(p.fingerprint.data.rows).toBe(3);
});
