/**
 * The one refresh path (src/excel/refresh-all.ts) as its callers use it:
 * - the ribbon's notice speaks one language per notice: the Chinese one from Chinese texts, the English one from
 *   English texts (a skipped reason or an AppError's message is carried in both, never glued into one string);
 * - every write option reaches the writer: a namespace (the source is looked up and written there), a queue ticket
 *   (a caller holding the write queue does not wait for itself), onProgress (refreshAll reports over all sources);
 * - reread rejects (never throws synchronously) for a local file.
 */
import { refreshAllCommand, selfTestCommand } from "../../src/commands/commands";
import { lastNotice } from "../../src/commands/notices";
import { AppError } from "../../src/core/errors";
import type { WriterNamespace } from "../../src/excel/namespace";
import { refreshAll, refreshSource, reread, SourceLoaders } from "../../src/excel/refresh-all";
import { writeDataset } from "../../src/excel/sheets";
import { listSources, SourceDescriptor } from "../../src/excel/sources";
import { serialised } from "../../src/excel/write-queue";
import type { ImportResult } from "../../src/import/types";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { makeRecord, resultOf } from "./helpers";

const CJK = /[\u4e00-\u9fff]/;
const event = () => ({ completed: jest.fn() }) as unknown as Office.AddinCommands.Event;
const g = globalThis as { Office?: unknown; __investWriteQueue?: unknown };

let sim: SimulatedExcel;
beforeEach(() => {
  sim = createSimulatedExcel().install();
  g.Office = { addin: { showAsTaskpane: async () => undefined } };
});
afterEach(() => {
  sim.close();
  delete g.Office;
  // A queue left waiting by a failing test must not stall the next one.
  delete g.__investWriteQueue;
});

const loaders = (over: Partial<SourceLoaders>): SourceLoaders => ({
  url: async () => {
    throw new Error("no url here");
  },
  table: async () => {
    throw new Error("no table here");
  },
  seeds: async () => {
    throw new Error("no seeds here");
  },
  ...over,
});

const withErrors = (r: ImportResult): ImportResult => ({
  ...r,
  issues: [
    {
      file: "l.csv",
      row: 3,
      column: "项目名称",
      message: "缺少项目名称",
      message_en: "missing name",
      severity: "error",
    },
  ],
});

/** `p`, or "deadlock" when it has not settled in `ms` (a write waiting for the queue its caller holds). */
function orDeadlock<T>(p: Promise<T>, ms = 1500): Promise<T | "deadlock"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"deadlock">((resolve) => (timer = setTimeout(() => resolve("deadlock"), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

describe("the ribbon's notice: each language from its own texts", () => {
  /** A local file (skipped), a URL source that fails with an AppError, a table source whose rows now have errors. */
  async function threeSources(names: { file: string; url: string; table: string }) {
    await writeDataset("figures", resultOf([makeRecord(1)]), { type: "file", name: names.file });
    await writeDataset("ledger", resultOf([makeRecord(1)]), { type: "url", name: names.url, url: names.url });
    await writeDataset("funds", resultOf([makeRecord(1)]), { type: "table", name: names.table, table: "RawFunds" });
    return refreshAll({
      loaders: loaders({
        url: async () => {
          throw new AppError("NETWORK", "网络不通，请检查网络后重试。", "The network is down: check it and try again.");
        },
        table: async () => withErrors(resultOf([makeRecord(1)])),
      }),
    });
  }

  test("English names: the en notice has no Chinese, the zh notice has the Chinese texts", async () => {
    const result = await threeSources({ file: "figures.xlsx", url: "https://example.gov.cn/l.csv", table: "RawFunds" });
    expect(result.skipped.map((s) => s.source.id)).toEqual(["figures", "funds"]);
    expect(result.failed).toEqual([
      expect.objectContaining({
        code: "NETWORK",
        error: { zh: "网络不通，请检查网络后重试。", en: "The network is down: check it and try again." },
      }),
    ]);
    await refreshAllCommand(event(), async () => result);
    const n = lastNotice()!;
    expect(n.intent).toBe("error");
    expect(n.en).not.toMatch(CJK);
    expect(n.en).toMatch(
      /skipped 2: "figures.xlsx" is a local file: choose it again in the task pane; "RawFunds" has 1 errors/,
    );
    expect(n.en).toMatch(/failed 1: https:\/\/example.gov.cn\/l.csv: The network is down/);
    expect(n.zh).toMatch(/跳过 2 个：「figures.xlsx」是本地文件，需在任务窗格中重新选择；「RawFunds」中有 1 处错误/);
    expect(n.zh).toMatch(/失败 1 个：https:\/\/example.gov.cn\/l.csv：网络不通/);
    expect(n.zh).not.toMatch(/local file|network/i);
  });

  test("Chinese names (二季度台账.xlsx, 原始资金表): only the names are Chinese in the en notice", async () => {
    const result = await threeSources({
      file: "二季度台账.xlsx",
      url: "https://example.gov.cn/台账.csv",
      table: "原始资金表",
    });
    await refreshAllCommand(event(), async () => result);
    const n = lastNotice()!;
    const en = n.en.replace(/二季度台账\.xlsx|原始资金表|台账\.csv/g, "");
    expect(en).not.toMatch(CJK);
    expect(n.en).toMatch(/"二季度台账.xlsx" is a local file/);
    expect(n.en).toMatch(/"原始资金表" has 1 errors: not refreshed/);
    expect(n.zh).toMatch(/「二季度台账.xlsx」是本地文件/);
    expect(n.zh).toMatch(/「原始资金表」中有 1 处错误，未刷新/);
  });

  test("an error that is not an AppError: its message in both notices", async () => {
    await writeDataset("ledger", resultOf([makeRecord(1)]), { type: "url", name: "u", url: "https://e.gov.cn/l" });
    const result = await refreshAll({
      loaders: loaders({ url: () => Promise.reject(new Error("ECONNRESET 连接被重置")) }),
    });
    expect(result.failed[0].error).toEqual({ zh: "ECONNRESET 连接被重置", en: "ECONNRESET 连接被重置" });
    expect(result.failed[0].code).toBeUndefined();
    await refreshAllCommand(event(), async () => result);
    expect(lastNotice()!.en).toMatch(/failed 1: u: ECONNRESET 连接被重置/);
  });

  test("a refresh or self-test that cannot run at all: the AppError in the notice's own language", async () => {
    const fail = new AppError("EXCEL_TOO_OLD", "此版本的 Excel 太旧。", "This Excel is too old.");
    await refreshAllCommand(event(), () => Promise.reject(fail));
    expect(lastNotice()).toMatchObject({
      zh: "刷新失败：此版本的 Excel 太旧。",
      en: "Refresh failed: This Excel is too old.",
    });
    await selfTestCommand(event(), () => Promise.reject(fail));
    expect(lastNotice()).toMatchObject({
      zh: "自检无法运行：此版本的 Excel 太旧。",
      en: "The self-test could not run: This Excel is too old.",
    });
  });
});

describe("every option reaches the writer", () => {
  const ns: WriterNamespace = { sheetPrefix: "试 ", tablePrefix: "T_", settingsPrefix: "test." };
  const url: SourceDescriptor["type"] = "url";

  test("namespace: refreshSource and refreshAll look the source up and write it in the namespace, not the default", async () => {
    await writeDataset("ledger", resultOf([makeRecord(1)]), { type: url, name: "own", url: "https://e.gov.cn/own" });
    await writeDataset(
      "ledger",
      resultOf([makeRecord(1)]),
      { type: url, name: "ns", url: "https://e.gov.cn/ns" },
      { namespace: ns },
    );
    const grown = loaders({ url: async () => resultOf([makeRecord(1), makeRecord(2)]) });

    const one = await refreshSource("ledger", { namespace: ns, loaders: grown });
    expect(one.summary).toMatchObject({ sheet: "试 台账", table: "T_Ledger", added: 1 });
    const all = await refreshAll({ namespace: ns, loaders: grown });
    expect(all.refreshed.map((r) => [r.source.name, r.summary.table])).toEqual([["ns", "T_Ledger"]]);

    expect(sim.workbook.table("T_Ledger")!.rowCount).toBe(2);
    expect(sim.workbook.table("Ledger")!.rowCount).toBe(1); // the user's own ledger is untouched
    expect((await listSources(ns)).map((s) => [s.name, s.rows])).toEqual([["ns", 2]]);
    expect((await listSources()).map((s) => [s.name, s.rows])).toEqual([["own", 1]]);
  });

  test("ticket: a caller holding the write queue refreshes inside its turn instead of waiting for itself", async () => {
    await writeDataset("ledger", resultOf([makeRecord(1)]), { type: url, name: "u", url: "https://e.gov.cn/l" });
    const grown = loaders({ url: async () => resultOf([makeRecord(1), makeRecord(2)]) });
    const out = await orDeadlock(
      serialised(async (ticket) => {
        const one = await refreshSource("ledger", { ticket, loaders: grown });
        const all = await refreshAll({ ticket, loaders: grown });
        return [one.summary.added, all.refreshed.length];
      }),
    );
    expect(out).toEqual([1, 1]);
  });

  test("onProgress: refreshAll reports 0..1 over all sources, rising, skipped and failed ones included", async () => {
    await writeDataset("figures", resultOf([makeRecord(1)]), { type: "file", name: "图表.xlsx" });
    await writeDataset("ledger", resultOf([makeRecord(1)]), { type: url, name: "u", url: "https://e.gov.cn/l" });
    await writeDataset("funds", resultOf([makeRecord(1)]), { type: "table", name: "T", table: "T" });
    const seen: number[] = [];
    const result = await refreshAll({
      loaders: loaders({ url: async () => resultOf([makeRecord(1), makeRecord(2)]) }),
      onProgress: (f) => seen.push(f),
    });
    expect(result.refreshed).toHaveLength(1);
    expect(result.failed).toHaveLength(1); // the table loader throws
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
    expect(seen.at(-1)).toBe(1);
  });
});

test("reread of a local file rejects with LOCAL_FILE (no synchronous throw), in both languages", async () => {
  const file: SourceDescriptor = { id: "ledger", kind: "ledger", type: "file", name: "台账.xlsx", lastRefresh: null };
  let p: Promise<ImportResult> | undefined;
  expect(() => {
    p = reread(file);
  }).not.toThrow();
  const e = await p!.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(AppError);
  expect(e).toMatchObject({ code: "LOCAL_FILE" });
  expect((e as AppError).messageIn("zh-CN")).toMatch(/「台账.xlsx」是本地文件/);
  expect((e as AppError).messageIn("en-US")).toMatch(/"台账.xlsx" is a local file/);
});
