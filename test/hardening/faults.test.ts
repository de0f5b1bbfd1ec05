/**
 * Faults from outside the add-in, end to end: a source that dies mid-read, a workbook closed during a load.
 * Either way the sheets end fully old or fully new, never half. (Failed syncs and cancellation at every step are
 * pinned in test/excel/faults.test.ts.)
 */
import { importUrl, isImportError } from "../../src/import";
import { refreshAll, refreshDataset, writeDataset } from "../../src/excel";
import type { ImportResult } from "../../src/import/types";
import { createSimulatedExcel } from "../../packages/excel-sim/src";
import { makeRecord, resultOf } from "../excel/helpers";

const URL_SOURCE = "https://zs.example.gov.cn/ledger.csv";
const header = "项目编号,项目名称,所属地区,签约日期,签约金额（亿元）\n";
const csvRows = (n: number, from = 1) =>
  Array.from(
    { length: n },
    (_, i) => `P-${from + i},项目${from + i},西宁市,2025-02-${String((i % 27) + 1).padStart(2, "0")},${(i % 50) + 1}`,
  ).join("\n");

/** A fetch whose body delivers `good` bytes and then fails, as a dropped connection does. */
function fetchDyingAfter(text: string, goodBytes: number): typeof fetch {
  const bytes = new TextEncoder().encode(text);
  return (async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(bytes.slice(0, goodBytes));
          return;
        }
        controller.error(new TypeError("network error: connection reset"));
      },
    });
    return new Response(body, { status: 200, headers: { "content-type": "text/csv; charset=utf-8" } });
  }) as unknown as typeof fetch;
}

/**
 * What a dead host can leave besides the data: a very hidden staging sheet, and an undo snapshot sheet that no
 * setting refers to (it rides on the last staging sync). Both are invisible and swept by the next write.
 */
function leftovers(sim: ReturnType<typeof createSimulatedExcel>): string[] {
  const undo = sim.workbook.settings()["invest.undo"];
  const record = (typeof undo === "string" ? JSON.parse(undo) : undo) as { undoSheet?: string } | undefined;
  const current = record?.undoSheet;
  return sim.workbook
    .sheetNames()
    .filter((n) => n.startsWith("_invest_stage_") || (n.startsWith("_invest_undo_") && n !== current));
}

/** The workbook as its user has it: every sheet but the leftovers. */
function visibleState(sim: ReturnType<typeof createSimulatedExcel>) {
  const gone = new Set(leftovers(sim));
  const snap = sim.workbook.snapshot() as { sheets: { name: string }[] };
  return { ...snap, sheets: snap.sheets.filter((s) => !gone.has(s.name)) };
}

describe("a source that fails mid-read", () => {
  test("importUrl rejects with a clear, bilingual ImportError, and returns no partial rows", async () => {
    const text = header + csvRows(2000);
    const err = await importUrl(URL_SOURCE, { fileName: URL_SOURCE, fetchImpl: fetchDyingAfter(text, 4000) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isImportError(err)).toBe(true);
    const e = err as { message_zh: string; message_en: string };
    expect(e.message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(e.message_en).toMatch(/[a-z]/i);
  });

  test("Refresh (ribbon) against a source that dies mid-read leaves that sheet fully old and reports the failure", async () => {
    const sim = createSimulatedExcel().install();
    try {
      const first = await importUrl(URL_SOURCE, {
        fileName: URL_SOURCE,
        kind: "ledger",
        fetchImpl: async () => new Response(header + csvRows(50), { headers: { "content-type": "text/csv" } }),
      });
      await writeDataset("ledger", first, { type: "url", name: URL_SOURCE, url: URL_SOURCE });
      const before = sim.workbook.snapshot();
      const dying = fetchDyingAfter(header + csvRows(500), 3000);
      const out = await refreshAll({
        loaders: {
          url: (d, signal) => importUrl(d.url ?? d.name, { fileName: d.name, kind: d.kind, signal, fetchImpl: dying }),
          table: () => Promise.reject(new Error("no tables here")),
          seeds: () => Promise.reject(new Error("no seeds here")),
        },
      });
      expect(out.refreshed).toEqual([]);
      expect(out.failed.map((f) => f.source.url)).toEqual([URL_SOURCE]);
      expect(out.failed[0].error.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(out.failed[0].error.en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(sim.workbook.snapshot()).toEqual(before);
    } finally {
      sim.close();
    }
  });
});

describe("the workbook closed during a load", () => {
  const old = resultOf(Array.from({ length: 300 }, (_, i) => makeRecord(i + 1)));
  const fresh: ImportResult = resultOf(Array.from({ length: 12_000 }, (_, i) => makeRecord(i + 1, { stage: "开工" })));

  async function loaded() {
    const sim = createSimulatedExcel().install();
    await writeDataset("ledger", old, { type: "url", name: URL_SOURCE, url: URL_SOURCE });
    return sim;
  }

  test("closed at every progress step of a refresh: the sheets are fully old, or (after the commit) fully new", async () => {
    // A dry run tells how many progress steps a refresh reports and what the finished state is.
    // The finished state, less what differs between two runs anyway (load times and batch ids in the change log).
    const tablesOf = (sim: ReturnType<typeof createSimulatedExcel>) => ({
      ledger: sim.workbook.tableValues("Ledger"),
      archive: sim.workbook.table("Archive")?.rowCount ?? 0,
      changeLog: sim.workbook.tableValues("ChangeLog").map((row) => row.slice(2)),
    });
    const dry = await loaded();
    let steps = 0;
    await refreshDataset("ledger", fresh, { onProgress: () => steps++ });
    const after = tablesOf(dry);
    dry.close();
    expect(steps).toBeGreaterThanOrEqual(3);

    const outcomes: string[] = [];
    for (let k = 0; k < steps; k++) {
      const sim = await loaded();
      const before = visibleState(sim);
      let seen = 0;
      const outcome = await refreshDataset("ledger", fresh, {
        onProgress: () => {
          if (seen++ === k) sim.close(); // Excel is gone: every later sync fails
        },
      }).then(
        () => "finished",
        (e: { code?: string }) => e.code ?? String(e),
      );
      outcomes.push(outcome);
      if (outcome === "finished") expect({ k, tables: tablesOf(sim) }).toEqual({ k, tables: after });
      else expect({ k, outcome, state: visibleState(sim) }).toEqual({ k, outcome: "InvalidOperation", state: before });
      for (const name of leftovers(sim))
        expect({ name, v: sim.workbook.visibility(name) }).toEqual({ name, v: "VeryHidden" });
    }
    // The fault really hit mid-write in most of the runs.
    expect(outcomes.filter((o) => o === "InvalidOperation").length).toBeGreaterThanOrEqual(2);
  });

  test("the next write after a dead host's leftovers removes the staging sheet and writes fully new", async () => {
    const sim = await loaded();
    try {
      // A staging sheet and an orphan undo snapshot left by a host that died mid-write (as the test above leaves them).
      await Excel.run(async (ctx) => {
        for (const name of ["_invest_stage_dead", "_invest_undo_dead"])
          ctx.workbook.worksheets.add(name).visibility = Excel.SheetVisibility.veryHidden;
        await ctx.sync();
      });
      expect(leftovers(sim)).toEqual(["_invest_stage_dead", "_invest_undo_dead"]);
      await refreshDataset("ledger", fresh);
      expect(leftovers(sim)).toEqual([]);
      expect(sim.workbook.tableValues("Ledger")).toHaveLength(12_000);
    } finally {
      sim.close();
    }
  });
});
