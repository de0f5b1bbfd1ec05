/**
 * Putting the sheets back as they were before a write: the user's Undo, and the rollback of a write whose commit
 * failed. Both find the tables by their ids and work at the tables' current position (a user may have renamed the
 * sheet or moved the table since), and write in syncs within the request budget.
 *
 * Undo first checks that the sheets are as the write left them (verifyUndo, against the record's fingerprint) and
 * refuses with UndoBlockedError, saying what changed, rather than throw away what the user did after the write. Of a
 * table the write created it removes only the table and its note: a sheet it created is deleted only when nothing else
 * was put on it since.
 */
import { AppError } from "../core/errors";
import { excel } from "./host";
import { parseA1 } from "./address";
import { diffBlock, diffTable, PrintChange, printBlock, printTable } from "./fingerprint";
import { AreaCheck, queueAreaChecks } from "./guards";
import type { Names } from "./namespace";
import { RequestBudget, READ_BUDGET } from "./request-budget";
import type { TablePart, UndoRecord } from "./sheets";
import { fromRuns, isFormulaAt, readBody, writeColumn } from "./table-body";
import { applyFilters, deleteWorkSheet, locate, quoteSheet, setRowCount, TableState } from "./table-ops";
import type { TableRef } from "./table-identity";
import { decodeMeta, SnapshotMeta } from "./undo-snapshot";
import { textCell, utf8Bytes } from "./values";

export { deleteWorkSheet, quoteSheet };

/** Undo would lose what the user did after the write: nothing was changed. */
export class UndoBlockedError extends AppError<"UNDO_BLOCKED"> {
  constructor(readonly changes: PrintChange[]) {
    const zh = `上次写入之后，工作表又被修改过：${changes.map((c) => c.zh).join("；")}。撤销会把表格恢复到写入之前，这些修改将丢失，所以没有撤销，也没有做任何改动。如仍要撤销，请先保存这些修改，再选择“仍然撤销”。`;
    const en = `The sheets were changed after the last write: ${changes.map((c) => c.en).join("; ")}. Undo would put the tables back as they were before the write and lose these changes, so nothing was undone or changed. To undo anyway, keep a copy of those changes, then choose "Undo anyway".`;
    super("UNDO_BLOCKED", zh, en);
    this.name = "UndoBlockedError";
  }
}

/** A write failed, and putting the sheets back failed too: the undo material is kept so Undo can finish the job. */
export class RollbackFailedError extends AppError<"ROLLBACK_FAILED"> {
  constructor(
    readonly writeError: unknown,
    readonly rollbackError: unknown,
  ) {
    const text = (e: unknown) => (e instanceof Error ? e.message : String(e));
    const zh = `写入失败（${text(writeError)}），恢复原状时也出错（${text(rollbackError)}）。表格可能只写入了一部分。恢复所需的资料已保留在工作簿中：请在任务窗格中点“撤销”完成恢复。`;
    const en = `The write failed (${text(writeError)}), and putting the sheets back failed too (${text(rollbackError)}). The tables may be partly written. What is needed to put them back is kept in the workbook: select Undo in the task pane to finish.`;
    super("ROLLBACK_FAILED", zh, en);
    this.name = "RollbackFailedError";
  }
}

/** An undo record of this version, or null (an older version's, or anything else a setting may hold). */
export function undoRecordOf(raw: unknown): UndoRecord | null {
  const r = raw as Partial<UndoRecord> | null;
  if (
    !r ||
    typeof r !== "object" ||
    r.version !== 3 ||
    typeof r.batch !== "string" ||
    typeof r.undoSheet !== "string" ||
    !r.data ||
    !r.snapshot
  )
    return null;
  return r as UndoRecord;
}

const findPart = (tables: readonly TableRef[], p: TablePart | null): TableRef | null => {
  if (!p) return null;
  if (p.id !== null) return tables.find((t) => t.id === p.id) ?? null;
  // A table the write created before its id was known: by the name it was given (checked free before the write).
  return tables.find((t) => t.name.toLowerCase() === p.table.toLowerCase()) ?? null;
};

/** What changed in the sheets since the write of `record` (empty: undo loses nothing). */
export async function verifyUndo(record: UndoRecord): Promise<PrintChange[]> {
  const print = record.fingerprint;
  if (!print) return [];
  return excel().run(async (ctx) => {
    ctx.workbook.tables.load("items/name, items/id");
    await ctx.sync();
    const tables = ctx.workbook.tables.items.map((t) => ({ name: t.name, id: String(t.id) }));
    const out: PrintChange[] = [];
    const parts = [
      { part: record.data, label: record.table, kind: "table" as const },
      { part: record.archive, label: record.archive?.table ?? "", kind: "block" as const },
      { part: record.changeLog, label: record.changeLog?.table ?? "", kind: "block" as const },
    ];
    for (const { part, label, kind } of parts) {
      if (!part) continue;
      const was = kind === "table" ? print.data : part === record.archive ? print.archive : print.changeLog;
      if (!was) continue;
      const ref = findPart(tables, part);
      if (!ref) {
        out.push({ zh: `表格“${label}”已不在工作簿中`, en: `the table "${label}" is no longer in the workbook` });
        continue;
      }
      const loc = locate(ctx, ref, "id");
      await ctx.sync();
      const t = loc.read();
      const ws = ctx.workbook.worksheets.getItem(t.sheetName);
      if (kind === "table") {
        const now = printNow(
          t,
          await readBody(
            ctx,
            ws,
            { top: t.top + 1, left: t.left, rows: t.rows, cols: t.cols },
            { formats: false, formulaText: false },
          ),
        );
        out.push(...diffTable(ref.name, print.data, now));
      } else {
        const block = was as NonNullable<typeof print.archive>;
        const n = block.rows - block.from;
        if (t.rows !== block.rows || t.headers.join("\u0001") !== block.headers.join("\u0001")) {
          out.push(...diffBlock(ref.name, block, { ...block, headers: t.headers, rows: t.rows }));
          continue;
        }
        const read = await readBody(
          ctx,
          ws,
          { top: t.top + 1 + block.from, left: t.left, rows: n, cols: t.cols },
          { formats: false, formulaText: false },
        );
        out.push(
          ...diffBlock(
            ref.name,
            block,
            printBlock(t.headers, t.rows, block.from, read.values, (r, c) => isFormulaAt(read, r, c)),
          ),
        );
      }
    }
    return out;
  });

  function printNow(t: TableState, read: Awaited<ReturnType<typeof readBody>>) {
    return printTable(t.headers, read.values, (r, c) => isFormulaAt(read, r, c));
  }
}

/** The meta cells of an undo sheet, read in pieces within the response budget. */
async function readMeta(ctx: Excel.RequestContext, record: UndoRecord): Promise<SnapshotMeta | null> {
  const { metaCol, metaChunks } = record.snapshot;
  const sheet = ctx.workbook.worksheets.getItem(record.undoSheet);
  const chunks: unknown[] = [];
  // A chunk is ≤ 30,000 characters: ≤ 90 KB of UTF-8.
  const per = Math.max(1, Math.floor(READ_BUDGET / 90_000));
  for (let i = 0; i < metaChunks; i += per) {
    const r = sheet.getRangeByIndexes(i, metaCol, Math.min(per, metaChunks - i), 1);
    r.load("values");
    await ctx.sync();
    chunks.push(...r.values.map((row) => row[0]));
  }
  return decodeMeta(chunks);
}

/**
 * Put the sheets back as they were before `record`'s write. `undo`: the user's Undo (the record is consumed);
 * `rollback`: a failed commit (the previous undo record, `previousUndo`, is put back). Idempotent: every step reads
 * what exists first, so an interrupted restore can run again.
 */
export async function restore(
  record: UndoRecord,
  names: Names,
  how: { mode: "undo" | "rollback"; previousUndo?: unknown },
): Promise<void> {
  await excel().run(async (ctx) => {
    const wb = ctx.workbook;
    wb.worksheets.load("items/name");
    wb.tables.load("items/name, items/id");
    wb.settings.load("items/key");
    await ctx.sync();
    const sheetNames = new Set(wb.worksheets.items.map((s) => s.name));
    const settingKeys = new Set(wb.settings.items.map((s) => s.key));
    const tables = wb.tables.items.map((t) => ({ name: t.name, id: String(t.id) }));
    const parts = [record.data, record.archive, record.changeLog] as const;
    const refs = parts.map((p) => findPart(tables, p));
    const located = refs.map((ref) => (ref ? locate(ctx, ref, "id") : null));
    // For a table the write created: what else is on its sheet now (is the sheet still only ours?).
    const usedOf = parts.map((p, i) => {
      if (!p?.created || !refs[i]) return null;
      const u = located[i]!.table.worksheet.getUsedRangeOrNullObject(false);
      u.load("address");
      return u;
    });
    await ctx.sync();
    const states = located.map((l) => (l ? l.read() : null));
    const undoExists = sheetNames.has(record.undoSheet);
    const meta = undoExists ? await readMeta(ctx, record) : null;
    if (!undoExists && record.data.created === null && record.snapshot.rows > 0 && states[0]) {
      throw new AppError(
        "UNDO_UNAVAILABLE",
        `撤销所需的工作表 ${record.undoSheet} 不在工作簿中，无法恢复。`,
        `The sheet ${record.undoSheet} that undo needs is not in the workbook: the table cannot be put back.`,
      );
    }

    if (how.mode === "undo") {
      // What putting the tables back moves must be free to move, and their sheets writable (as for a write).
      const checks: AreaCheck[] = [];
      const protectedSheets: string[] = [];
      parts.forEach((p, i) => {
        const st = states[i];
        if (!p || !st) return;
        protectedSheets.push(st.sheetName);
        if (p.created) return;
        checks.push({
          sheet: st.sheetName,
          table: st.ref.name,
          top: st.top,
          left: st.left,
          cols: st.cols,
          rows: st.rows,
          showTotals: st.showTotals,
          otherRows: Math.max(1, p.beforeRows),
          newCols: 0,
        });
      });
      await queueAreaChecks(ctx, checks, protectedSheets)();
    }

    const app = wb.application;
    const suspend = () => {
      app.suspendApiCalculationUntilNextSync();
      app.suspendScreenUpdatingUntilNextSync();
    };
    const budget = new RequestBudget(ctx, suspend);
    suspend();
    if (how.mode === "undo") {
      // An undo interrupted half-way is finished by the next one without asking again.
      await budget.spend(utf8Bytes(JSON.stringify(record)), 1);
      wb.settings.add(names.settingsUndo, { ...record, phase: "restoring" });
    }
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      const st = states[i];
      if (!p || !st) continue;
      const ws = wb.worksheets.getItem(st.sheetName);
      const table = wb.tables.getItem(st.ref.id);
      if (p.created) {
        await removeCreated(ws, table, st, p, usedOf[i], budget);
        continue;
      }
      await budget.spend(0, 3);
      table.clearFilters();
      for (let c = st.cols - 1; c >= p.beforeCols; c--) {
        await budget.spend(0, 3);
        table.columns.getItemAt(c).delete();
      }
      const cols = Math.min(st.cols, p.beforeCols);
      await setRowCount(ws, table, { top: st.top, left: st.left, cols }, st.rows, Math.max(1, p.beforeRows), budget);
      if (i === 0) {
        // The data body as it was: values from the undo sheet, then number formats and formulas from the meta.
        const { rows, cols: snapCols } = record.snapshot;
        if (rows > 0 && undoExists) {
          await budget.spend(0, 4);
          ws.getRangeByIndexes(st.top + 1, st.left, rows, snapCols).copyFrom(
            wb.worksheets.getItem(record.undoSheet).getRangeByIndexes(0, 0, rows, snapCols),
            "Values",
          );
          for (let c = 0; c < snapCols; c++) {
            const formats = meta?.formats[c];
            if (formats?.length)
              await writeColumn(ws, st.top + 1, st.left + c, fromRuns(formats, rows), "numberFormat", budget);
          }
          for (const [c, runs] of Object.entries(meta?.formulas ?? {})) {
            await writeColumn(ws, st.top + 1, st.left + Number(c), fromRuns(runs, rows), "formulasR1C1", budget);
          }
        }
        if (record.note && st.top >= 1) {
          const f = record.note.formula;
          await budget.spend(utf8Bytes(String(f)), 2);
          ws.getRangeByIndexes(st.top - 1, st.left, 1, 1).formulas = [
            [typeof f === "string" && !f.startsWith("=") ? textCell(f) : f],
          ];
        }
      }
      await applyFilters(
        table,
        [meta?.filters.data, meta?.filters.archive, meta?.filters.changeLog][i] ?? null,
        budget,
      );
    }
    await budget.flush();
    // The settings, then the work sheets: the restore is done once the undo setting changed.
    suspend();
    if (record.previousSources.length) wb.settings.add(names.settingsSources, record.previousSources);
    else if (settingKeys.has(names.settingsSources)) wb.settings.getItem(names.settingsSources).delete();
    if (record.previousTables !== null && record.previousTables !== undefined)
      wb.settings.add(names.settingsTables, record.previousTables);
    else if (settingKeys.has(names.settingsTables)) wb.settings.getItem(names.settingsTables).delete();
    if (how.mode === "rollback" && how.previousUndo !== null && how.previousUndo !== undefined)
      wb.settings.add(names.settingsUndo, how.previousUndo);
    else if (settingKeys.has(names.settingsUndo)) wb.settings.getItem(names.settingsUndo).delete();
    if (sheetNames.has(record.stageSheet)) deleteWorkSheet(wb.worksheets.getItem(record.stageSheet));
    if (undoExists) deleteWorkSheet(wb.worksheets.getItem(record.undoSheet));
    await ctx.sync();
  });
}

/**
 * A table the write created goes: the whole sheet when the write created the sheet and nothing else is on it now,
 * else only the table (Table.convertToRange, ExcelApi 1.2: "All data is preserved", then cleared), its note and the
 * frozen rows, so what the user put on the sheet since stays.
 */
async function removeCreated(
  ws: Excel.Worksheet,
  table: Excel.Table,
  st: TableState,
  p: TablePart,
  used: Excel.Range | null,
  budget: RequestBudget,
): Promise<void> {
  const top = p.note && st.top >= 1 ? st.top - 1 : st.top;
  const ours = { r0: top, c0: st.left, r1: st.top + st.rows + (st.showTotals ? 1 : 0), c1: st.left + st.cols - 1 };
  const u = used && !used.isNullObject ? parseA1(used.address) : null;
  const onlyOurs = !u || (u.r0 >= ours.r0 && u.c0 >= ours.c0 && u.r1 <= ours.r1 && u.c1 <= ours.c1);
  await budget.spend(0, 6);
  if (p.created === "sheet" && onlyOurs) {
    deleteWorkSheet(ws);
    return;
  }
  table.convertToRange().clear("All");
  if (p.note && st.top >= 1) ws.getRangeByIndexes(st.top - 1, st.left, 1, 1).clear("All");
  ws.freezePanes.unfreeze();
}
