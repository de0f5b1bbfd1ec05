import { importBytes } from "../../src/import";
import { xlsxBytes } from "./helpers";

/** A ledger as bureaus keep it: merged title row, unit line, 万元 header, dates as real dates, a formula 合计 row. */
async function ledgerWorkbook(totalDelta = 0): Promise<Uint8Array> {
  return xlsxBytes((wb) => {
    const cover = wb.addWorksheet("说明");
    cover.getCell("A1").value = "本工作簿的第二张表是台账";
    const ws = wb.addWorksheet("台账");
    ws.mergeCells("A1:H1");
    ws.getCell("A1").value = "2025年一季度招商引资项目台账";
    ws.getCell("A2").value = "单位：万元";
    ws.addRow([]);
    ws.getRow(4).values = [
      "序号",
      "项目编号",
      "项目名称",
      "所属地区",
      "签约金额（万元）",
      "签约日期",
      "项目阶段",
      "自定义列",
    ];
    ws.getRow(5).values = [
      1,
      "X-1",
      "钒液流电池生产",
      "西宁开发区",
      35000,
      new Date(Date.UTC(2025, 1, 19)),
      "已签约",
      "甲",
    ];
    ws.getRow(6).values = [
      2,
      "X-2",
      { richText: [{ text: "钙钛矿" }, { text: "电池组件" }] },
      "西宁开发区",
      1200.5,
      45717,
      "开工建设",
      null,
    ];
    ws.getRow(7).values = [3, "X-3", "=1+1", "海东市", { formula: "100*2", result: 200 }, "2025年3月", "洽谈", null];
    ws.getRow(8).values = [
      "合计",
      null,
      null,
      null,
      { formula: "SUM(E5:E7)", result: 36400.5 + totalDelta },
      null,
      null,
      null,
    ];
  });
}

describe(".xlsx ledgers", () => {
  test("title row, unit line, Date and serial dates, rich text, formulas, 合计 row excluded and checked", async () => {
    const bytes = await ledgerWorkbook();
    const r = await importBytes(bytes, { fileName: "台账.xlsx", sheet: "台账" });
    expect(r.issues.map((i) => [i.file, i.row, i.column, i.code ?? null])).toEqual([
      ["台账.xlsx!台账", 4, "自定义列", null],
      ["台账.xlsx!台账", 8, "序号", "total_row"],
    ]);
    expect(r.issues[1].message).toContain("36400.5万元 与明细行之和一致");
    expect(r.records.map((x) => [x.id, x.name, x.region, x.signed_amount, x.signed_date, x.stage])).toEqual([
      ["X-1", "钒液流电池生产", "西宁开发区", 3.5, "2025-02-19", "签约"],
      ["X-2", "钙钛矿电池组件", "西宁开发区", 0.12005, "2025-03-01", "开工"],
      ["X-3", "=1+1", "海东市", 0.02, "2025-03", "在谈"],
    ]);
    expect(r.summary).toEqual({ rows: 3, accepted: 3, rejected: 0, skipped: 1 });
    expect(r.extras).toEqual([{ kind: "ledger", index: 0, row: 5, values: { 自定义列: "甲" } }]);
  });

  test("a 合计 that disagrees with the rows is a warning on the total row", async () => {
    const r = await importBytes(await ledgerWorkbook(100), { fileName: "台账.xlsx", sheet: "台账" });
    const w = r.issues.filter((i) => i.row === 8);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ column: "序号", severity: "warning", code: "total_mismatch" });
    expect(w[0].message).toContain("36500.5万元");
    expect(w[0].message).toContain("36400.5万元");
    expect(r.summary.rows).toBe(3);
  });

  test("first sheet by default; a missing sheet lists the sheets", async () => {
    const bytes = await ledgerWorkbook();
    await expect(importBytes(bytes, { fileName: "台账.xlsx" })).rejects.toMatchObject({
      code: "NO_HEADER",
      details: { sheets: ["说明", "台账"] },
    });
    await expect(importBytes(bytes, { fileName: "台账.xlsx" })).rejects.toThrow(/还有：台账/);
    await expect(importBytes(bytes, { fileName: "台账.xlsx", sheet: "不存在" })).rejects.toMatchObject({
      code: "SHEET_NOT_FOUND",
      details: { sheets: ["说明", "台账"] },
    });
  });

  test("chosen by magic bytes whatever the name; a damaged zip is an ImportError", async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("Sheet1");
      ws.addRow(["项目名称", "所属地区"]);
      ws.addRow(["甲", "西宁市"]);
    });
    const r = await importBytes(bytes, { fileName: "download" });
    expect(r.records[0].name).toBe("甲");
    await expect(importBytes(bytes.slice(0, 200), { fileName: "broken.xlsx" })).rejects.toMatchObject({
      code: "XLSX_UNREADABLE",
    });
    await expect(
      importBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]), { fileName: "old.xls" }),
    ).rejects.toMatchObject({ code: "UNSUPPORTED_FORMAT" });
  });

  test("progress and cancellation", async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("台账");
      ws.addRow(["项目名称", "所属地区", "签约金额"]);
      for (let i = 0; i < 6000; i++) ws.addRow([`项目${i}`, "西宁市", i]);
    });
    const seen: number[] = [];
    const r = await importBytes(bytes, { fileName: "big.xlsx", onProgress: (f) => seen.push(f) });
    expect(r.summary.accepted).toBe(6000);
    expect(seen[seen.length - 1]).toBe(1);
    const ctl = new AbortController();
    ctl.abort();
    await expect(importBytes(bytes, { fileName: "big.xlsx", signal: ctl.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});

describe("the browser build of exceljs", () => {
  test("dist/exceljs.min.js (what webpack bundles for the browser, via the package's browser field) reads the ledger through loadExcelJs", async () => {
    const pkg = require("exceljs/package.json") as { browser?: string };
    expect(pkg.browser).toBe("./dist/exceljs.min.js");
    const bytes = await ledgerWorkbook();
    let result: Awaited<ReturnType<typeof importBytes>> | undefined;
    await jest.isolateModulesAsync(async () => {
      jest.doMock("exceljs", () => require("exceljs/dist/exceljs.min.js"));
      const { importBytes: isolated } = await import("../../src/import");
      result = await isolated(bytes, { fileName: "台账.xlsx", sheet: "台账" });
    });
    expect(result!.records.map((x) => [x.id, x.signed_amount, x.signed_date])).toEqual([
      ["X-1", 3.5, "2025-02-19"],
      ["X-2", 0.12005, "2025-03-01"],
      ["X-3", 0.02, "2025-03"],
    ]);
  });
});
