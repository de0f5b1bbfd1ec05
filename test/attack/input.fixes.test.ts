/**
 * Tests of our own for the input-attack classes fixed (input.defects.test.ts holds the attacker's examples): each
 * written against the class, not the one example. The row-accounting invariant holds throughout:
 * non-blank rows below the header = accepted + rejected + skipped.
 */
import fc from "fast-check";
import { terminalSafe } from "../../src/cli/terminal";
import { fitCell, textCell, TRUNCATED_MARK } from "../../src/excel/values";
import { importCsvText } from "../../src/import/csv";
import { scanJson } from "../../src/import/json-scan";
import { imp, LEDGER_HEADER_ROW, num, sheetXml, str, xlsx } from "./input-kit";

const accounted = (r: { summary: { accepted: number; rejected: number; skipped?: number } }) =>
  r.summary.accepted + r.summary.rejected + (r.summary.skipped ?? 0);
const HEAD = "项目编号,项目名称,所属地区,签约日期,签约金额,备注\n";
const line = (i: number) => `P${i},项目${i},${i % 2 ? "西宁市" : "海东市"},2025-01-0${(i % 9) + 1},${i},说明${i}`;

describe("A. record boundaries: a stray quote or a lone CR never takes other rows along", () => {
  test("property: one stray quote in any cell of any row rejects that row only; every other row is accepted as written", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.nat(), fc.nat(5), fc.boolean(), (n, at, col, lf) => {
        const bad = at % n;
        const rows = Array.from({ length: n }, (_, i) => line(i + 1));
        const cells = rows[bad].split(",");
        cells[col] = `"${cells[col]}`;
        rows[bad] = cells.join(",");
        const r = importCsvText(HEAD + rows.join(lf ? "\n" : "\r\n") + "\n", { fileName: "q.csv" });
        expect(accounted(r)).toBe(n);
        expect(r.summary.rejected).toBe(1);
        expect(r.records.map((x) => x.id)).toEqual(
          Array.from({ length: n }, (_, i) => `P${i + 1}`).filter((_, i) => i !== bad),
        );
        expect(r.issues.find((i) => i.severity === "error")?.row).toBe(bad + 2);
      }),
      { numRuns: 60 },
    );
  });

  test('a misplaced quote whose cell runs over a line end ("x"y ... ") rejects its line, not the rows after', () => {
    const r = importCsvText(
      `${HEAD}${line(1)}\nP2,"储能"项目,西宁市,2025-01-02,2,x\n${line(3)}\nP4,锂电,海东市,2025-01-04,4,"尺寸5"\n`,
      { fileName: "q.csv" },
    );
    expect(accounted(r)).toBe(4);
    expect(r.records.map((x) => x.id)).toEqual(["P1", "P3", "P4"]);
  });

  test("a quoted cell with a real line break stays one cell; lone CRs between records are line ends (CR-only inside LF file)", () => {
    const r = importCsvText(
      `${HEAD}${line(1)}\r${line(2)}\nP3,"第一行\r第二行",西宁市,2025-01-03,3,x\n${line(4)}\r${line(5)}\n`,
      { fileName: "cr.csv" },
    );
    expect(r.records.map((x) => x.id)).toEqual(["P1", "P2", "P3", "P4", "P5"]);
    expect(r.records[2].name).toBe("第一行\r第二行");
    expect(r.records.map((x) => x.signed_amount)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("D/E. layout: units and second header lines, scoped totals, repeated headers", () => {
  test.each(["万元", "（万元）", "单位：万元", "[万元]"])(
    "a unit row %s under the header sets the unit of its column; the row is skipped and said",
    (u) => {
      const r = importCsvText(`项目名称,所属地区,签约日期,签约金额\n,,,${u}\n光伏,西宁市,2025-01-05,3500\n`, {
        fileName: "u.csv",
      });
      expect(r.records.map((x) => x.signed_amount)).toEqual([0.35]);
      expect(r.summary).toMatchObject({ accepted: 1, skipped: 1 });
      expect(r.issues.map((i) => i.code)).toEqual(["header_continued"]);
    },
  );

  test("a unit row that contradicts the header's unit is not used, and says so", () => {
    const r = importCsvText("项目名称,所属地区,签约金额（亿元）\n,,万元\n光伏,西宁市,2\n", { fileName: "u.csv" });
    expect(r.records[0].signed_amount).toBe(2);
    expect(r.issues[0].message).toMatch(/未采用/);
  });

  test("a data row that merely has blanks under the header is data, not a second header line", () => {
    const r = importCsvText("项目名称,所属地区,签约金额\n光伏,,3\n储能,西宁市,2\n", { fileName: "d.csv" });
    expect(r.summary).toMatchObject({ rows: 2, accepted: 1, rejected: 1, skipped: 0 });
  });

  test.each([
    ["本页合计", "total_row"],
    ["全市合计", "total_row"],
    ["西宁市小计", "total_row"],
    ["小计（2项）", "total_row"],
    ["合计：共2个项目", "total_row"],
  ])("%s standing alone is a total row, checked against the rows above", (label, code) => {
    const r = importCsvText(`项目名称,所属地区,签约金额\n光伏,西宁市,1\n储能,西宁市,2\n${label},,3\n`, {
      fileName: "t.csv",
    });
    expect(r.summary).toMatchObject({ accepted: 2, rejected: 0, skipped: 1 });
    expect(r.issues.map((i) => i.code)).toEqual([code]);
  });

  test.each(["光伏合计", "合计收入分成项目", "储能小计划"])(
    "%s in a name is a name (scope not a place), never a total row",
    (name) => {
      const r = importCsvText(`项目名称,所属地区,签约金额\n${name},西宁市,3\n`, { fileName: "t.csv" });
      expect(r.summary).toMatchObject({ accepted: 1, skipped: 0 });
    },
  );

  test("a header repeated with spaces or a BOM in front of the first title is skipped, whatever the column", () => {
    const r = importCsvText(
      "项目名称,所属地区,签约金额\n光伏,西宁市,1\n \uFEFF项目名称,所属地区,签约金额\n储能,海东市,2\n",
      { fileName: "h.csv" },
    );
    expect(r.records.map((x) => x.region)).toEqual(["西宁市", "海东市"]);
    expect(r.issues.map((i) => i.code)).toEqual(["header_repeated"]);
  });
});

describe("F. total labels as regions", () => {
  test.each(["合计", "小计", "总计", "合 计"])(
    "a funds or ledger region %s is rejected; a target for 合计 is the jurisdiction's",
    async (region) => {
      const funds = await imp(`项目编号,所属地区,到位日期,到位金额\nP1,${region},2025-02-01,1\n`, { kind: "funds" });
      expect(funds.issues.map((i) => i.code)).toEqual(["region_total_label"]);
      const led = await imp(`项目名称,所属地区\n光伏,${region}\n`);
      expect(led.summary).toMatchObject({ accepted: 0, rejected: 1 });
      const tg = await imp("年份,所属地区,指标,目标值\n2025,合计,签约金额,100\n", { kind: "targets" });
      expect(tg.summary.accepted).toBe(1);
    },
  );
});

describe("G. JSON: nothing JSON.parse would drop or round goes unsaid", () => {
  test("duplicate keys are found per row object, in a bundle's arrays too, not in nested values", () => {
    const s = scanJson('{"records":[{"a":1,"b":{"x":1,"x":2}},{"a":1,"a":2}],"funds":[{"k":"v","k":"w"}]}');
    expect([...s.duplicates.entries()].map(([k, m]) => [k, [...m.entries()]])).toEqual([
      ["records", [[1, ["a"]]]],
      ["funds", [[0, ["k"]]]],
    ]);
  });

  test("property: integers beyond 2^53 are kept as their digits; safe numbers and strings are untouched", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), (n) => {
        const text = `[{"id":${n},"s":"${n}","f":1.5}]`;
        const v = JSON.parse(scanJson(text).text) as [{ id: unknown; s: string; f: number }];
        const safe = n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER);
        expect(v[0].id).toEqual(safe ? Number(n) : String(n));
        expect(v[0].s).toBe(String(n));
      }),
      { numRuns: 200 },
    );
  });

  test("a row with a repeated key is rejected and named; the other rows are accepted", async () => {
    const r = await imp(
      '{"records":[{"项目名称":"光伏","所属地区":"西宁市"},{"项目名称":"储能","所属地区":"西宁市","所属地区":"海东市"}]}',
      { fileName: "a.json" },
    );
    expect(r.summary).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(r.issues[0]).toMatchObject({ row: 2, column: "所属地区", severity: "error" });
  });

  test("two keys for one field that agree are fine; a constructor key never reads Object's", async () => {
    const r = await imp(
      '[{"项目名称":"光伏","name":"光伏","所属地区":"西宁市","constructor":"甲"},{"项目名称":"储能","所属地区":"海东市"}]',
      { fileName: "a.json" },
    );
    expect(r.summary).toMatchObject({ accepted: 2, rejected: 0 });
    expect(r.extras?.find((e) => e.index === 1)?.values ?? {}).toEqual({});
  });
});

describe("I/N. values: dates with text, error cells", () => {
  test.each([
    ["2025-02-19 08:30", "2025-02-19"],
    ["2025-02-19T08:30:00Z", "2025-02-19"],
    ["2025年2月19日", "2025-02-19"],
  ])("%s is a date", async (d, iso) => {
    const r = await imp(`项目名称,所属地区,签约日期\n光伏,西宁市,${d}\n`);
    expect(r.records[0].signed_date).toBe(iso);
    expect(r.issues).toEqual([]);
  });

  test.each(["2025-02-19 补签", "2025-02-19至2025-03-01", "2025-02-19 24:00", "2025年2月19日（暂定）"])(
    "%s is reported, left blank, never read as its first date",
    async (d) => {
      const r = await imp(`项目名称,所属地区,签约日期\n光伏,西宁市,${d}\n`);
      expect(r.records[0].signed_date).toBeNull();
      expect(r.issues.map((i) => i.code)).toEqual(["date_trailing_text"]);
    },
  );

  test("an xlsx error value in a required field rejects the row; in an optional one it is blank with a warning", async () => {
    const err = (ref: string) => `<c r="${ref}" t="e"><f>1/0</f><v>#DIV/0!</v></c>`;
    const r = await imp(
      xlsx(
        sheetXml(
          `${LEDGER_HEADER_ROW}<row r="2">${str("A2", "光伏")}${err("B2")}${num("C2", 1)}</row><row r="3">${str("A3", "储能")}${str("B3", "西宁市")}${err("C3")}</row>`,
        ),
      ),
      { fileName: "e.xlsx" },
    );
    expect(r.summary).toMatchObject({ accepted: 1, rejected: 1 });
    expect(r.records.map((x) => [x.name, x.signed_amount])).toEqual([["储能", null]]);
    expect(r.issues.map((i) => [i.row, i.severity, i.code])).toEqual([
      [2, "error", "cell_error"],
      [3, "warning", "cell_error"],
    ]);
  });
});

describe("K/M. output: cells and terminals", () => {
  test("property: textCell never writes more than a cell holds, and keeps text that fits unchanged", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40000 }), fc.constantFrom("长", "a", "😀", "="), (n, ch) => {
        const s = ch.repeat(n);
        const out = textCell(s).replace(/^'/, "");
        expect(out.length).toBeLessThanOrEqual(32767);
        if (s.length <= 32767) expect(out).toBe(s);
        else {
          expect(out.endsWith(TRUNCATED_MARK)).toBe(true);
          expect(/[\uD800-\uDBFF]$/.test(out.slice(0, -TRUNCATED_MARK.length))).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
    expect(fitCell("x".repeat(100), 5 + TRUNCATED_MARK.length)).toBe(`xxxxx${TRUNCATED_MARK}`);
  });

  test.each(["\u001b[2J", "\u001b]0;t\u0007", "a\rb", "\u009b31m", "\u202Eevil", "\u0000", "\u007f"])(
    "terminalSafe(%j) holds no control character",
    (s) => {
      expect(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(terminalSafe(s))).toBe(false);
      expect(terminalSafe("第一行\n\t第二行")).toBe("第一行\n\t第二行");
    },
  );
});
