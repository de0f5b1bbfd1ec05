/**
 * Property-based: random sequences of source edits (add, remove, change, reorder) refreshed one after another.
 * Invariants after every refresh: the table holds exactly the source's records in its order; every user value
 * stays with its record (or moves to the archive with it); the calculated user column is right on every row;
 * archive and change log account for every removal and change; undo restores the previous workbook exactly.
 */
import fc from "fast-check";
import type { ProjectRecord } from "../../src/core/model";
import { ARCHIVE, CHANGELOG, refreshDataset, undoLastRefresh, writeDataset } from "../../src/excel/sheets";
import { createSimulatedExcel } from "../../packages/excel-sim/src";
import { addUserColumn, makeRecord, resultOf, stripUndo, tableObjects } from "./helpers";

type Edit =
  | { op: "add"; n: number }
  | { op: "remove"; at: number }
  | { op: "change"; at: number; amount: number; notes: string }
  | { op: "swap"; a: number; b: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant("add" as const), n: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant("remove" as const), at: fc.nat(30) }),
  fc.record({
    op: fc.constant("change" as const),
    at: fc.nat(30),
    amount: fc.double({ min: 0, max: 500, noNaN: true }),
    notes: fc.constantFrom("", "=SUM(1)", "+1", "-", "@x", "改", "0012"),
  }),
  fc.record({ op: fc.constant("swap" as const), a: fc.nat(30), b: fc.nat(30) }),
);

let nextId = 1000;
function apply(records: ProjectRecord[], edits: Edit[]): ProjectRecord[] {
  const out = [...records];
  for (const e of edits) {
    if (e.op === "add")
      for (let i = 0; i < e.n; i++)
        out.splice(out.length ? (nextId * 7) % (out.length + 1) : 0, 0, makeRecord(nextId++));
    else if (!out.length) continue;
    else if (e.op === "remove") out.splice(e.at % out.length, 1);
    else if (e.op === "change")
      out[e.at % out.length] = {
        ...out[e.at % out.length],
        signed_amount: Math.round(e.amount * 100) / 100,
        notes: e.notes || null,
      };
    else {
      const [a, b] = [e.a % out.length, e.b % out.length];
      [out[a], out[b]] = [out[b], out[a]];
    }
  }
  return out;
}

test("random edit sequences keep every user value with its record; undo restores exactly", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(edit, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
      async (rounds) => {
        const sim = createSimulatedExcel().install();
        try {
          let records = Array.from({ length: 8 }, (_, i) => makeRecord(i + 1));
          await writeDataset("ledger", resultOf(records), { type: "table", name: "Source", table: "Source" });
          await addUserColumn("负责人", "Ledger", (_i, row) => `王-${row[0]}`);
          await addUserColumn("核对", "Ledger", () => '=[@项目编号]&"|"&[@负责人]');
          const owner = new Map(records.map((r) => [r.id, `王-${r.id}`]));
          const archivedOwners = new Map<string, unknown>();
          for (const edits of rounds) {
            const next = apply(records, edits);
            const before = sim.workbook.snapshot();
            const logBefore = sim.workbook.table(CHANGELOG.table)?.rowCount ?? 0;
            const summary = await refreshDataset("ledger", resultOf(next));
            // An Excel table always keeps one data row: with no records left it is a blank placeholder row.
            let rows = tableObjects(sim, "Ledger");
            if (!next.length) {
              expect(rows.map((r) => r["项目编号"])).toEqual([""]);
              rows = [];
            }
            expect(rows.map((r) => r["项目编号"])).toEqual(next.map((r) => r.id));
            for (const r of rows) {
              const id = r["项目编号"] as string;
              expect(r["负责人"]).toBe(owner.get(id) ?? "");
              expect(r["核对"]).toBe(`${id}|${owner.get(id) ?? ""}`);
              const src = next.find((x) => x.id === id)!;
              expect(r["签约金额(亿元)"]).toBe(src.signed_amount ?? "");
              expect(r["备注"]).toBe(src.notes ?? "");
            }
            const gone = records.filter((r) => !next.some((x) => x.id === r.id));
            for (const g of gone) archivedOwners.set(g.id, owner.get(g.id) ?? "");
            expect(summary.archived).toBe(gone.length);
            const archive = tableObjects(sim, ARCHIVE.table);
            for (const [id, o] of archivedOwners)
              expect(archive.filter((a) => a["项目编号"] === id).map((a) => a["负责人"])).toContain(o);
            const logAfter = sim.workbook.table(CHANGELOG.table)?.rowCount ?? 0;
            expect(logAfter - logBefore).toBe(summary.changes);
            // Undo and redo: undo restores exactly, the same refresh again gives the same table.
            const after = sim.workbook.tableFormulas("Ledger");
            await undoLastRefresh();
            expect(stripUndo(sim.workbook.snapshot())).toEqual(stripUndo(before));
            await refreshDataset("ledger", resultOf(next));
            expect(sim.workbook.tableFormulas("Ledger")).toEqual(after);
            for (const g of gone) owner.delete(g.id);
            records = next;
          }
        } finally {
          sim.close();
        }
      },
    ),
    { numRuns: 25 },
  );
}, 240_000);
