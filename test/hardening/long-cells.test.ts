/**
 * Class 9 (issue 12): a cell longer than Excel's 32,767 characters would pass validation and then fail the whole load.
 * It is reported at import, at its row and column, and its row is rejected; 32,767 characters still load, into the
 * simulated Excel too (the apostrophe of textCell is a prefix, not content).
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { importBytes, importTable } from "../../src/import";
import type { DatasetKind } from "../../src/import/types";
import { writeDataset } from "../../src/excel";
import { createSimulatedExcel } from "../../packages/excel-sim/src";
import { LONG_LENGTHS, LONG_TEXT_FIELDS } from "./corpus";

const BASE: Record<DatasetKind, Record<string, string>> = {
  ledger: {
    项目编号: "P-1",
    项目名称: "光伏项目",
    所属地区: "西宁市",
    园区: "园",
    产业类别: "新能源",
    投资方: "甲",
    投资来源地: "省外",
    备注: "无",
    来源: "台账",
  },
  funds: { 项目编号: "P-1", 所属地区: "西宁市", 到位日期: "2025-02-19", "到位金额（亿元）": "1", 来源: "明细" },
  targets: { 年份: "2025", 所属地区: "西宁市", 指标: "签约金额", 目标值: "10", 推算依据: "按上年", 来源: "文件" },
  figures: {
    年份: "2025",
    截至月份: "3",
    所属地区: "西宁市",
    指标: "签约金额",
    数值: "2",
    口径: "工业",
    原文: "原文",
    来源: "文件",
  },
  regions: { 地区: "西宁开发区", 上级地区: "西宁市", 级别: "园区", 别名: "开发区", 来源: "文件" },
};

const long = (n: number) => "长".repeat(n);

describe.each(Object.entries(LONG_TEXT_FIELDS))("%s", (kind, fields) => {
  test.each(fields.flatMap((f) => LONG_LENGTHS.map((n) => [f, n] as const)))(
    "«%s» of %i characters",
    async (field, n) => {
      const row = { ...BASE[kind as DatasetKind], [field]: long(n) };
      const r = await importBytes(new TextEncoder().encode(Papa.unparse([row])), {
        fileName: "x.csv",
        kind: kind as DatasetKind,
      });
      const tooLong = r.issues.filter((i) => i.code === "cell_too_long");
      // 推算依据, 原文 and 来源 of targets and figures are composed into one 来源 with the other parts of the row.
      const composed = (kind === "targets" || kind === "figures") && ["推算依据", "原文", "来源"].includes(field);
      if (field === "所属地区" && n <= 32767) {
        // A region is a SUMIFS criterion too: Excel matches at most 255 characters (src/core/regions.ts).
        expect(r.issues.map((i) => [i.row, i.code])).toEqual([[2, "region_ambiguous"]]);
        expect(r.summary.accepted).toBe(0);
      } else if (n <= 32767 && !composed) {
        expect(tooLong).toEqual([]);
        expect(r.summary.accepted).toBe(1);
      } else {
        expect(tooLong.map((i) => [i.row, i.severity])).toEqual([[2, "error"]]);
        expect(tooLong[0].column).toMatch(new RegExp(`^(${field}|来源)$`));
        expect(tooLong[0].message).toContain("32767");
        expect(r.summary).toMatchObject({ accepted: 0, rejected: 1 });
      }
    },
  );
});

test("a 来源 composed of 来源文件 + 原文 + 推算依据 that exceeds the limit is rejected too", async () => {
  const row = {
    年份: "2025",
    所属地区: "西宁市",
    指标: "签约金额",
    目标值: "10",
    来源文件: long(20000),
    推算依据: long(20000),
  };
  const r = await importBytes(new TextEncoder().encode(Papa.unparse([row])), { fileName: "t.csv", kind: "targets" });
  expect(r.issues.map((i) => [i.row, i.code])).toEqual([[2, "cell_too_long"]]);
  expect(r.targets).toEqual([]);
});

test("xlsx, JSON and workbook tables report it the same way", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRow(["项目名称", "所属地区"]);
  ws.addRow([long(33000), "西宁市"]);
  const xlsx = await importBytes(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), {
    fileName: "l.xlsx",
    kind: "ledger",
  });
  const json = await importBytes(
    new TextEncoder().encode(JSON.stringify([{ 项目名称: "甲", 所属地区: long(33000) }])),
    { fileName: "l.json", kind: "ledger" },
  );
  const table = importTable(
    [
      ["项目名称", "备注", "所属地区"],
      ["甲", long(33000), "西宁市"],
    ],
    { fileName: "台账!Ledger", kind: "ledger" },
  );
  for (const r of [xlsx, json, table]) expect(r.issues.filter((i) => i.code === "cell_too_long").length).toBe(1);
});

test("32,767 characters load into the simulated Excel; the importer's limit is the one Excel refuses above", async () => {
  const r = await importBytes(new TextEncoder().encode(Papa.unparse([{ ...BASE.ledger, 备注: `=${long(32766)}` }])), {
    fileName: "x.csv",
    kind: "ledger",
  });
  expect(r.summary.accepted).toBe(1);
  const sim = createSimulatedExcel().install();
  try {
    await writeDataset("ledger", r, { type: "file", name: "x.csv" });
    const titles = sim.workbook.table("Ledger")!.columns;
    expect(sim.workbook.tableValues("Ledger")[0][titles.indexOf("备注")]).toBe(`=${long(32766)}`);
    // One more character is what Excel refuses (InvalidArgument): the reason the importer rejects it first.
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("台账").getRange("Z1").values = [[`'${long(32768)}`]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  } finally {
    sim.close();
  }
});
