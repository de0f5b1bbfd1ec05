/**
 * The input classes B, C, H, J, O, P of the independent attack (test/attack/input.defects.test.ts), each tested as
 * a class here, wider than the attacker's one example.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { ExactSum } from "../../src/core/exact-sum";
import { xstring } from "../../src/export/briefing-xlsx";
import { splitExactly } from "../../src/import/table";
import { concat, failure, imp, LEDGER_HEADER_ROW, legacyEncode, sheetXml, str, utf8, xlsx } from "../attack/input-kit";

jest.setTimeout(60_000);

describe("B. every spelling of a cell reference counts against the xlsx limits", () => {
  const row3 = (cells: string) =>
    sheetXml(
      `${LEDGER_HEADER_ROW}<row r="2">${str("A2", "光伏")}${str("B2", "西宁市")}</row><row r="3">${cells}</row>`,
    );
  test.each([
    ["1,001 cells without r (each follows the last)", row3('<c t="inlineStr"><is><t>x</t></is></c>'.repeat(1001))],
    ['a character reference r="&#88;FD3"', row3('<c r="&#88;FD3" t="inlineStr"><is><t>x</t></is></c>')],
    ['a namespace prefix <x:c r="XFD3">', row3('<x:c r="XFD3" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>')],
    ['absolute r="$XFD$3"', row3('<c r="$XFD$3" t="inlineStr"><is><t>x</t></is></c>')],
  ])("%s is refused TOO_LARGE", async (_, sheet) => {
    expect((await failure(imp(xlsx(sheet), { fileName: "台账.xlsx" })))?.code).toBe("TOO_LARGE");
  });

  test("a reference the guard cannot read is refused as unreadable, never guessed at", async () => {
    expect(
      (await failure(imp(xlsx(row3('<c r="X-1" t="inlineStr"><is><t>x</t></is></c>')), { fileName: "台账.xlsx" })))
        ?.code,
    ).toBe("XLSX_UNREADABLE");
  });

  test("a worksheet part under another folder (exceljs matches xl/worksheets/sheetN.xml anywhere in the name) is counted", async () => {
    const wide = row3('<c r="XFD3" t="inlineStr"><is><t>x</t></is></c>');
    expect(
      (await failure(imp(xlsx(wide, { sheetPart: "x/xl/worksheets/sheet1.xml" }), { fileName: "台账.xlsx" })))?.code,
    ).toBe("TOO_LARGE");
  });
});

describe("C. untitled columns: every one reported, in few issues", () => {
  test("50,000 untitled cells in alternate columns and a second row adding more: one issue per row, each naming a count", async () => {
    const r = await imp(
      "项目名称,所属地区\n光伏,西宁市" + ",x,".repeat(50_000) + "\n储能,海东市" + ",,y".repeat(60_000) + "\n",
    );
    const untitled = r.issues.filter((i) => /no title/.test(i.message_en));
    expect(untitled.map((i) => i.row)).toEqual([2, 3]);
    expect(untitled[0].message_en).toMatch(/more columns/);
    expect(r.issues.every((i) => i.message.length < 2000)).toBe(true);
    expect(r.summary.accepted).toBe(2);
  });
});

describe("H. an undecodable id or region rejects the row; elsewhere it is a warning", () => {
  const body =
    "项目编号,项目名称,所属地区,签约日期,签约金额\n" +
    Array.from({ length: 50 }, (_, i) => `P${i},项目${i},西宁市,2025-01-05,1\n`).join("");
  test("GBK in 所属地区 and in 项目编号: each row an error naming its column; GBK in 项目名称: kept, warned", async () => {
    const bytes = concat(
      utf8(body),
      utf8("Q1,光伏,"),
      legacyEncode("gbk", "西宁"),
      utf8(",2025-01-05,1\n"),
      legacyEncode("gbk", "编号"),
      utf8(",储能,海东市,2025-01-05,1\n"),
      utf8("Q3,"),
      legacyEncode("gbk", "风电"),
      utf8(",海东市,2025-01-05,1\n"),
    );
    const r = await imp(bytes);
    const errors = r.issues.filter((i) => i.severity === "error");
    expect(errors.map((i) => [i.row, i.column, i.code])).toEqual([
      [52, "所属地区", "encoding"],
      [53, "项目编号", "encoding"],
    ]);
    expect(errors.every((i) => i.file && /UTF-8/.test(i.message_en) && /UTF-8/.test(i.message))).toBe(true);
    expect(
      r.issues.filter((i) => i.severity === "warning" && i.code === "encoding").map((i) => [i.row, i.column]),
    ).toEqual([[54, "项目名称"]]);
    expect(r.records.map((x) => x.id)).toContain("Q3");
    expect(r.summary).toMatchObject({ accepted: 51, rejected: 2 });
  });
});

describe("J. a split funds row adds up exactly to its amount", () => {
  test("property: the two parts' exact sum is the amount, and the out-of-province part moves by at most one ulp", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 1e6, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (amount, share) => {
          const outside = amount * share;
          if (!(outside > 0 && outside < amount)) return;
          const p = splitExactly(amount, outside);
          expect(new ExactSum().add(p.outside).add(p.inside).value()).toBe(amount);
          expect(Math.abs(p.outside - outside)).toBeLessThanOrEqual(Number.EPSILON * amount);
        },
      ),
      { numRuns: 2000 },
    );
  });
  test.each([
    [0.3, 0.1],
    [1.1, 0.7],
    [100.01, 0.01],
    [0.5, 0.2],
  ])("%p split by %p: totals equal the unsplit row", async (amount, oop) => {
    const r = await imp(
      `项目编号,所属地区,到位日期,到位金额（亿元）,其中：省外资金（亿元）\nP1,西宁市,2025-02-01,${amount},${oop}\n`,
      { kind: "funds" },
    );
    expect(new ExactSum().add(r.funds[0].amount).add(r.funds[1].amount).value()).toBe(amount);
  });
});

describe("O. long shared strings do not multiply the work", () => {
  test.each([
    ["项目名称", "A"],
    ["所属地区", "B"],
    ["an unknown column", "D"],
  ])(
    "10,000 rows referencing a 40,000-character string in %s: rejected, in seconds (400M characters if each were read)",
    async (_, col) => {
      let rows = `<row r="1">${str("A1", "项目名称")}${str("B1", "所属地区")}${str("C1", "签约金额")}${str("D1", "联系人")}</row>`;
      for (let r = 2; r <= 10_001; r++) {
        const cells = { A: `<c r="A${r}" t="s"><v>1</v></c>`, B: `<c r="B${r}" t="s"><v>2</v></c>`, D: "" };
        cells[col as "A" | "B" | "D"] = `<c r="${col}${r}" t="s"><v>0</v></c>`;
        rows += `<row r="${r}">${cells.A}${cells.B}${cells.D}</row>`;
      }
      const t0 = Date.now();
      const r = await imp(xlsx(sheetXml(rows), { sharedStrings: ["长".repeat(40_000), "光伏", "西宁市"] }), {
        fileName: "台账.xlsx",
      });
      expect(r.summary.rejected).toBe(10_000);
      expect(r.issues.filter((i) => i.code === "cell_too_long")).toHaveLength(10_000);
      expect(Date.now() - t0).toBeLessThan(15_000);
    },
  );
});

describe("P. exported text comes back as written", () => {
  test("property: xstring then an ST_Xstring reader (exceljs's) gives the text back, CRs and _xHHHH_ look-alikes included", async () => {
    const piece = fc.constantFrom("\r", "\n", "\r\n", "_x000D_", "_X000d_", "_x005F_", "_x", "_", "x", "光", "A", "=");
    const texts = fc.sample(
      fc.array(piece, { maxLength: 12 }).map((a) => a.join("")),
      300,
    );
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("t");
    texts.forEach((t, i) => {
      ws.getCell(i + 1, 1).value = { richText: [{ text: xstring(t) }] };
    });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    expect(texts.map((_, i) => back.getWorksheet("t")!.getCell(i + 1, 1).text)).toEqual(texts);
  });
});
