/**
 * Input attack — the defects. An independent tester's own corpus (sloppy clerks and attackers) against the import and
 * output paths. Each test states what README.md and docs/ promise and FAILS on the current code for exactly that reason
 * (`test.failing`): when a defect is fixed, its test starts passing, jest reports it, and it should become a plain
 * `test`. What held up is in input.attack.test.ts.
 *
 * Classes (see the report):
 *  A  record boundaries lost without an error: a stray quote or a lone CR swallows rows; the refresh then archives them
 *  B  the xlsx limits are bypassed by ordinary XML/zip spellings the guard does not read; the CLI dies out of memory
 *  C  one issue per untitled CSV column: a 2 MB row of delimiters takes hundreds of MB; the CLI dies out of memory
 *  D  units written a little differently (a unit row under the header, "单位 : 万元", "单位（万元）") are not seen:
 *     every amount 10,000 times too large, silently
 *  E  layout not recognised: a header repeated after a mid-file BOM becomes a project; a two-row header drops every
 *     date and amount; total rows whose label names a scope (西宁市小计, 全市合计, 合计：2个项目) are errors or projects
 *  F  a ledger region called 合计 collides with the briefing's total row and takes the jurisdiction's target
 *  G  JSON: duplicate and alternate keys drop values silently, __proto__ invents "{}", ids beyond 2^53 change
 *  H  encodings: GBK names inside a UTF-8 file all become "����" (different regions merged, rows accepted); Big5 and
 *     Shift-JIS files become GB18030 mojibake without a word
 *  I  dates with trailing text ("2025-03-31 至 2025-06-30", "2025/3/31 取消") are read as the first date, silently
 *  J  a funds row split into its out-of-province part is rounded: 0.3 becomes 0.30000000000000004 in the totals
 *  K  cells over 32,767 characters that the add-in itself composes: a briefing text line, an issue naming a long title
 *  L  region grouping (JS toLowerCase) disagrees with the spreadsheets' case-insensitive match: Greek final sigma
 *  M  terminal control sequences from a file reach the terminal through the CLI's report
 *  N  xlsx cells: an uncached formula in an ignored 序号 column rejects the row, in an unknown column becomes "";
 *     a cached error value (#DIV/0!) is imported as a project name
 *  O  xlsx shared strings multiply the work: a 300 KB workbook within every limit takes 15 s of CPU
 *  P  the exported xlsx alters text: a CR becomes LF (XML end-of-line handling), a literal _x000D_ is decoded
 *  C' (with C) the documented 16M-character bound on an unfinished CSV record is not enforced when the file ends first
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { buildBriefing, briefingRows } from "../../src/briefing/build";
import { briefingText } from "../../src/briefing/text";
import { briefingLayout, COL } from "../../src/briefing/formulas";
import type { ProjectRecord } from "../../src/core/model";
import { writeBriefingSheet } from "../../src/excel/briefing-sheet";
import { defaultLoaders, refreshSource } from "../../src/excel/refresh-all";
import { writeDataset } from "../../src/excel/sheets";
import { briefingXlsx } from "../../src/export/briefing-xlsx";
import { csvNumber, findSoffice, recalculateWithLibreOffice } from "../../src/export/libreoffice";
import { createBackendsNow } from "../../src/taskpane/backends-impl";
import { createWorkbookServices } from "../../src/taskpane/workbook-services";
import { createSimulatedExcel, type SimulatedExcel } from "../../packages/excel-sim/src";
import {
  brief,
  cliProcess,
  concat,
  failure,
  imp,
  LEDGER_HEADER_ROW,
  legacyEncode,
  num,
  sheetXml,
  str,
  tallSheet,
  tempDir,
  utf8,
  validateCli,
  xlsx,
} from "./input-kit";

jest.setTimeout(120_000);

/** Tests that start child processes and fill a heap (15-30 s each): skipped with LARGE_TESTS=0, as test/import/large.test.ts. */
const heavy = process.env.LARGE_TESTS === "0" ? test.skip : test;

const tmp = tempDir("attack-input-defects-");
afterAll(() => tmp.remove());

/** The invariant of docs/import.md "Rows": every non-blank row below the header is accepted, rejected or skipped. */
const accounted = (r: { summary: { accepted: number; rejected: number; skipped?: number } }) =>
  r.summary.accepted + r.summary.rejected + (r.summary.skipped ?? 0);

// ------------------------------------------------------------------------------------------------------------ A
describe("A. record boundaries lost without an error", () => {
  // A clerk's note with an opening quote and no closing one, in the last column of row 3.
  const STRAY =
    "项目编号,项目名称,所属地区,签约日期,签约金额,备注\n" +
    "P1,光伏,西宁市,2025-01-05,1,已落地\n" +
    'P2,储能,西宁市,2025-01-06,2,"待补合同\n' +
    "P3,钒电池,海东市,2025-02-01,3,在谈\n" +
    "P4,锂电,海东市,2025-02-02,4,在谈\n";

  test("a stray quote: the two rows after it are neither accepted, rejected nor skipped (4 data rows, 2 accounted)", async () => {
    const r = await imp(STRAY);
    expect(accounted(r)).toBe(4);
  });

  test("a stray quote: `validate` exits 0 (every row accepted) and `brief` exits 0 although P3 and P4 are not counted", async () => {
    const ledger = tmp.file("stray.csv", STRAY);
    const targets = tmp.file(
      "stray-targets.csv",
      "年份,所属地区,指标,目标值\n2025,海东市,签约金额,10\n2025,西宁市,签约金额,10\n",
    );
    const v = await validateCli([ledger]);
    const b = await brief(["--ledger", ledger, "--targets", targets, "--period", "2025Q1"]);
    const haidong = (JSON.parse(b.out).rows as { region: string; metric: string; actual: number | null }[]).find(
      (x) => x.region === "海东市" && x.metric === "signed_amount",
    );
    // Documented: 0 only when every row of every input is accepted; otherwise 1 (validate) / 3 (brief).
    expect({ validate: v.code, brief: b.code, haidong: haidong?.actual ?? null }).toEqual({
      validate: 1,
      brief: 3,
      haidong: 7,
    });
  });

  test("a lone CR (old Mac line end) inside an LF file: P2 is glued to P1, P1's amount is lost, 3 data rows give 2", async () => {
    const r = await imp(
      "项目编号,项目名称,所属地区,签约日期,签约金额\nP1,光伏,西宁市,2025-01-05,1\rP2,储能,海东市,2025-01-06,2\nP3,钒电池,海东市,2025-02-01,3\n",
    );
    expect({ accounted: accounted(r), ids: r.records.map((x) => x.id), p1: r.records[0]?.signed_amount }).toEqual({
      accounted: 3,
      ids: ["P1", "P2", "P3"],
      p1: 1,
    });
  });

  describe("the refresh guard lets it through and archives real projects", () => {
    let sim: SimulatedExcel;
    beforeEach(() => {
      sim = createSimulatedExcel({ sheets: ["Sheet1"] }).install();
    });
    afterEach(() => sim.uninstall());

    test("a URL ledger re-read with a stray quote: P3 and P4 are archived as if deleted (docs/security.md: nothing archived by mistake)", async () => {
      const source = {
        type: "url" as const,
        name: "https://bureau.example/ledger.csv",
        url: "https://bureau.example/ledger.csv",
      };
      const clean = await imp(STRAY.replace('"待补合同', "待补合同"));
      expect(clean.records).toHaveLength(4);
      await writeDataset("ledger", clean, source);
      const stray = await imp(STRAY);
      const outcome = await refreshSource("ledger", { loaders: { ...defaultLoaders, url: async () => stray } }).then(
        () => "refreshed",
        (e: Error) => e.name,
      );
      const archived = sim.workbook.table("Archive")
        ? sim.workbook
            .tableValues("Archive")
            .map((r) => r.find((v) => v === "P3" || v === "P4"))
            .filter(Boolean)
        : [];
      expect({ outcome, archived }).toEqual({ outcome: "SourceHasErrors", archived: [] });
    });
  });
});

// ------------------------------------------------------------------------------------------------------------ B
// Fixed: xlsx-guard.ts reads any XML spelling of r (either quote, spaces, entities, none: the cell follows the last),
// and counts every part exceljs would read as a worksheet (a leading slash, any folder before xl/worksheets/).
describe("B. the xlsx limits are bypassed by spellings the guard does not read", () => {
  // Row 3 holds a cell in column XFD: docs/import.md's limit table says "a sparse sheet reaching XFD is refused".
  const reachingXfd = (ref: string) =>
    sheetXml(
      `${LEDGER_HEADER_ROW}<row r="2">${str("A2", "光伏")}${str("B2", "西宁市")}${num("C2", 1)}</row>` +
        `<row r="3">${str("A3", "储能")}${str("B3", "西宁市")}<c ${ref} t="inlineStr"><is><t>x</t></is></c></row>`,
    );

  test('control: the plain spelling r="XFD3" is refused (TOO_LARGE)', async () => {
    expect((await failure(imp(xlsx(reachingXfd('r="XFD3"')), { fileName: "台账.xlsx" })))?.code).toBe("TOO_LARGE");
  });

  test.each([
    ["single-quoted attribute r='XFD3' (well-formed XML)", reachingXfd("r='XFD3'"), undefined],
    ['spaces around = in r = "XFD3" (well-formed XML)', reachingXfd('r = "XFD3"'), undefined],
    [
      "the worksheet part named with a leading slash, /xl/worksheets/sheet1.xml",
      reachingXfd('r="XFD3"'),
      "/xl/worksheets/sheet1.xml",
    ],
  ])("%s: read instead of refused", async (_, sheet, sheetPart) => {
    expect((await failure(imp(xlsx(sheet, { sheetPart }), { fileName: "台账.xlsx" })))?.code).toBe("TOO_LARGE");
  });

  heavy(
    "250,000 rows (limit 200,000), CLI under a 200 MB heap: the control is refused with exit 2 in ~2 s; with one '/' more in the part name the sheet is read and V8 aborts out of memory (SIGABRT, shell status 134)",
    () => {
      const sheet = tallSheet(250_000);
      const control = tmp.file("rows-control.xlsx", xlsx(sheet));
      const slash = tmp.file("rows-slash.xlsx", xlsx(sheet, { sheetPart: "/xl/worksheets/sheet1.xml" }));
      const a = cliProcess(["validate", control, "--json"], 200);
      const b = cliProcess(["validate", slash, "--json"], 200);
      expect({ control: a.status ?? a.signal, slash: b.status ?? b.signal }).toEqual({ control: 2, slash: 2 });
    },
  );
});

// ------------------------------------------------------------------------------------------------------------ C
// Fixed: untitled columns are reported in one issue per row that first shows them, as ranges.
describe("C. one issue per untitled CSV column: memory grows with the delimiters", () => {
  test("one row of 100,000 'x' cells (200 KB): 100,000 issues of ~160 characters each", async () => {
    const r = await imp("项目名称,所属地区\n光伏,西宁市" + ",x".repeat(100_000) + "\n");
    expect(r.issues.length).toBeLessThan(1000);
  });

  heavy(
    "a 2 MB file (one row of 1,000,000 'x' cells) aborts the CLI out of memory under a 300 MB heap (SIGABRT, shell status 134)",
    () => {
      const file = tmp.file("wide.csv", "项目名称,所属地区\n光伏,西宁市" + ",x".repeat(1_000_000) + "\n");
      const r = cliProcess(["validate", file, "--json"], 300);
      // Documented exit codes of validate: 0 (every row accepted: this row is), 2 (over a limit).
      expect([0, 2]).toContain(r.status ?? r.signal);
    },
  );
});

// Fixed: the bound holds whether the file ends before the record does or not.
describe("C'. the 16M-character bound on one unfinished CSV record", () => {
  heavy(
    "a record left open by a stray quote and 17M characters long is read whole (rejected as a row), not refused TOO_LARGE",
    async () => {
      const f = await failure(
        imp(concat(utf8('项目名称,所属地区\n光伏,"'), new Uint8Array(17 * 1024 * 1024).fill(0x61))),
      );
      expect(f?.code).toBe("TOO_LARGE");
    },
  );
});

// ------------------------------------------------------------------------------------------------------------ D
describe("D. units written a little differently are not seen: amounts 10,000 times too large", () => {
  test("a unit row under the header (,,,万元) — the amounts of the data rows are read as 亿元", async () => {
    const r = await imp("项目名称,所属地区,签约日期,签约金额\n,,,万元\n光伏,西宁市,2025-01-05,3500\n");
    expect(r.records[0].signed_amount).toBe(0.35);
  });

  test.each([
    ["单位 : 万元 (a space before the colon)", "招商引资项目台账\n单位 : 万元\n"],
    ["（单位（万元））in the title", "2025年招商引资项目台账（单位（万元））\n"],
    ["金额单位为万元", "金额单位为万元\n"],
  ])("%s above the header: 3500 is imported as 3500 亿元 with no issue at all", async (_, above) => {
    const r = await imp(`${above}项目名称,所属地区,签约日期,签约金额\n光伏,西宁市,2025-01-05,3500\n`);
    expect({ amount: r.records[0].signed_amount, issues: r.issues.length > 0 }).toEqual({
      amount: 0.35,
      issues: false,
    });
  });
});

// ------------------------------------------------------------------------------------------------------------ E
describe("E. layout not recognised", () => {
  test("two exports concatenated (BOM mid-file): the second header becomes a project in region 所属地区", async () => {
    const head = "项目编号,项目名称,所属地区,签约日期,签约金额（万元）\n";
    const r = await imp(
      concat(
        utf8(`\uFEFF${head}P1,光伏,西宁市,2025-01-05,100\n`),
        utf8(`\uFEFF${head}P2,储能,海东市,2025-01-06,200\n`),
      ),
    );
    expect(r.records.map((x) => x.region)).toEqual(["西宁市", "海东市"]);
  });

  test("a two-row header (签约情况 over 签约日期 | 签约金额): the sub-header is rejected as 'missing name', every date and amount is dropped", async () => {
    const r = await imp(
      "项目名称,所属地区,签约情况,\n,,签约日期,签约金额（万元）\n光伏,西宁市,2025-01-05,3500\n储能,海东市,2025-02-01,1200\n",
    );
    expect(r.records.map((x) => [x.signed_date, x.signed_amount])).toEqual([
      ["2025-01-05", 0.35],
      ["2025-02-01", 0.12],
    ]);
  });

  // WPS re-exports: a per-region subtotal and a grand total whose label names its scope, with no id, name or date.
  const TOTALS =
    "序号,项目名称,所属地区,签约日期,签约金额\n1,光伏,西宁市,2025-01-05,1\n2,储能,西宁市,2025-01-06,2\n,西宁市小计,,,3\n3,钒电池,海东市,2025-02-01,4\n,海东市小计,,,4\n,全市合计,,,7\n";

  test("subtotal / total rows labelled 西宁市小计, 海东市小计, 全市合计 are rejected as errors (so brief exits 3 and the refresh is blocked), not skipped as totals", async () => {
    const r = await imp(TOTALS);
    expect({
      rejected: r.summary.rejected,
      skipped: r.summary.skipped,
      codes: r.issues.map((i) => i.code ?? i.severity),
    }).toEqual({ rejected: 0, skipped: 3, codes: ["total_row", "total_row", "total_row"] });
  });

  test("a total row 合计：2个项目 with a dash in the region column is ACCEPTED as a project in region —", async () => {
    const r = await imp(
      "序号,项目名称,所属地区,签约日期,签约金额\n1,光伏,西宁市,2025-01-05,1\n2,储能,西宁市,2025-01-06,2\n,合计：2个项目,—,,3\n",
    );
    expect(r.records.map((x) => x.name)).toEqual(["光伏", "储能"]);
  });
});

// ------------------------------------------------------------------------------------------------------------ F
describe("F. a ledger region called 合计", () => {
  test("is accepted without a word; the briefing then has two rows named 合计 per metric, and the region takes the jurisdiction's target", async () => {
    const led = await imp(
      "项目编号,项目名称,所属地区,签约日期,签约金额\nP1,光伏,西宁市,2025-01-05,1\nP2,储能,合计,2025-01-06,2\n",
    );
    const tg = await imp("年份,所属地区,指标,目标值\n2025,西宁市,签约金额,10\n2025,合计,签约金额,100\n", {
      fileName: "目标.csv",
    });
    const b = buildBriefing({ records: led.records, targets: tg.targets }, { period: "2025Q1" });
    const named = briefingRows(b).filter((r) => r.metric === "signed_amount" && r.region === "合计");
    // Either the row is reported at import, or the briefing keeps one 合计 row per metric.
    expect(led.issues.length > 0 || named.length === 1).toBe(true);
  });
});

// ------------------------------------------------------------------------------------------------------------ G
describe("G. JSON objects: values dropped or invented silently", () => {
  const json = (s: string) => imp(s, { fileName: "台账.json" });

  test('duplicate keys in one object ({"项目名称":"光伏",…,"项目名称":"储能"}): 光伏 disappears without an issue', async () => {
    const r = await json('[{"项目名称":"光伏","所属地区":"西宁市","项目名称":"储能"}]');
    expect(r.issues.length).toBeGreaterThan(0);
  });

  test('two keys for one field ({"项目名称":"光伏","name":"储能"}): 储能 is dropped, neither reported nor kept as an extra', async () => {
    const r = await json('[{"项目名称":"光伏","name":"储能","所属地区":"西宁市"}]');
    expect(r.issues.length > 0 || JSON.stringify(r.extras ?? []).includes("储能")).toBe(true);
  });

  test('a __proto__ column: the row that lacks it gets the invented value "{}" (Object.prototype, a prototype lookup)', async () => {
    const r = await json(
      '[{"项目名称":"光伏","所属地区":"西宁市","__proto__":"备注甲"},{"项目名称":"储能","所属地区":"海东市"}]',
    );
    const second = r.extras?.find((e) => e.index === 1)?.values ?? {};
    expect(Object.prototype.hasOwnProperty.call(second, "__proto__") ? second["__proto__"] : undefined).toBeUndefined();
  });

  test("ids beyond 2^53 (12345678901234567890, …891) change to 12345678901234567000 and the second row is rejected as a duplicate of an id the file does not hold", async () => {
    const r = await json(
      '[{"项目编号":12345678901234567890,"项目名称":"光伏","所属地区":"西宁市"},{"项目编号":12345678901234567891,"项目名称":"储能","所属地区":"西宁市"}]',
    );
    expect({ accepted: r.summary.accepted, ids: r.records.map((x) => x.id) }).toEqual({
      accepted: 2,
      ids: ["12345678901234567890", "12345678901234567891"],
    });
  });
});

// ------------------------------------------------------------------------------------------------------------ H
describe("H. encodings", () => {
  // Fixed (the lead's decision): a row keeps undecodable characters with a warning, except in its id or region, which
  // rows are grouped and matched by: there it is an error, so 西宁 and 海东 are never merged into one "����".
  // Not fixed: Big5 and Shift-JIS detection (below); outside this branch's brief.
  test('a UTF-8 ledger with two GBK region names (西宁, 海东): both become "����", one region, rows accepted', async () => {
    let body = "项目编号,项目名称,所属地区,签约日期,签约金额\n";
    for (let i = 0; i < 100; i++) body += `P${i},项目${i},西宁市,2025-01-05,1\n`;
    const bytes = concat(
      utf8(body),
      utf8("Q1,光伏,"),
      legacyEncode("gbk", "西宁"),
      utf8(",2025-01-05,1\nQ2,储能,"),
      legacyEncode("gbk", "海东"),
      utf8(",2025-01-05,1\n"),
    );
    const r = await imp(bytes);
    const regions = r.records.filter((x) => x.id.startsWith("Q")).map((x) => x.region);
    // Two different regions must not be accepted as the same undecodable name.
    expect(regions.length === 2 && regions[0] === regions[1]).toBe(false);
  });

  test.failing.each([
    ["Big5", "big5", "id,name,region\nP1,臺北科技園,臺北市\n", "臺北市"],
    ["Shift-JIS", "shift_jis", "id,name,region\nP1,東京タワー,東京都\n", "東京都"],
  ])("a %s file is decoded as GB18030 into other characters, with no issue", async (_, label, text, region) => {
    const r = await imp(legacyEncode(label, text));
    expect(r.records[0].region === region || r.issues.some((i) => i.code === "encoding")).toBe(true);
  });
});

// ------------------------------------------------------------------------------------------------------------ I
describe("I. dates with trailing text are read as their first date, silently", () => {
  test.each(["2025-03-31 至 2025-06-30", "2025/3/31 取消", "2025-2-28T25:99"])("%s", async (date) => {
    const r = await imp(`项目名称,所属地区,签约日期\n光伏,西宁市,${date}\n`);
    expect(r.issues.length).toBeGreaterThan(0);
  });
});

// ------------------------------------------------------------------------------------------------------------ J
// Fixed: the out-of-province split gives two parts whose exact sum is the amount (splitExactly in table.ts).
describe("J. exact sums", () => {
  test("到位金额 0.3 with 0.1 out of province: the total is 0.30000000000000004, the same row unsplit gives 0.3", async () => {
    const split = await imp(
      "项目编号,所属地区,到位日期,到位金额（亿元）,其中：省外资金（亿元）\nP1,西宁市,2025-02-01,0.3,0.1\n",
      { kind: "funds" },
    );
    const whole = await imp("项目编号,所属地区,到位日期,到位金额（亿元）\nP1,西宁市,2025-02-01,0.3\n", {
      kind: "funds",
    });
    const total = (funds: typeof split.funds) =>
      briefingRows(buildBriefing({ records: [], funds }, { period: "2025Q1" })).find(
        (r) => r.metric === "funds_in_place" && r.region === "合计",
      )?.actual;
    expect(total(split.funds)).toBe(total(whole.funds));
  });
});

// ------------------------------------------------------------------------------------------------------------ K
describe("K. cells over 32,767 characters composed by the add-in", () => {
  // Region names are accepted up to 255 characters of criterion (docs/briefing.md); 200 of ~190 characters, all behind.
  const regions = Array.from(
    { length: 200 },
    (_, i) =>
      `地区${"长".repeat(180)}${[Math.floor(i / 100), Math.floor(i / 10) % 10, i % 10].map((d) => "零一二三四五六七八九"[d]).join("")}号区`,
  );
  const record = (region: string, i: number): ProjectRecord => ({
    id: `P${i}`,
    name: `项目${i}`,
    region,
    park: null,
    industry: null,
    investor: null,
    investor_type: null,
    investor_origin: null,
    stage: null,
    signed_date: "2025-02-01",
    started_date: null,
    signed_amount: 1,
    planned_investment: null,
    notes: null,
    source: null,
  });
  const input = {
    records: regions.map(record),
    targets: regions.map((region) => ({
      year: 2025,
      region,
      metric: "signed_amount" as const,
      value: 100,
      source: null,
    })),
  };

  test("the premise: the briefing text has a line of more than 32,767 characters", () => {
    const b = buildBriefing(input, { period: "2025Q1" });
    expect(
      Math.max(
        ...briefingText(b, {})
          .split("\n")
          .map((l) => l.length),
      ),
    ).toBeGreaterThan(32767);
  });

  test("brief --format xlsx writes that line into one cell (Excel refuses such a cell) and says nothing", async () => {
    const ledger = tmp.file(
      "long-regions.csv",
      Papa.unparse(
        input.records.map((r) => ({
          项目编号: r.id,
          项目名称: r.name,
          所属地区: r.region,
          签约日期: r.signed_date,
          签约金额: r.signed_amount,
        })),
      ),
    );
    const targets = tmp.file(
      "long-targets.csv",
      Papa.unparse(input.targets.map((t) => ({ 年份: t.year, 所属地区: t.region, 指标: "签约金额", 目标值: t.value }))),
    );
    const out = path.join(tmp.dir, "long.xlsx");
    const run = await brief([
      "--ledger",
      ledger,
      "--targets",
      targets,
      "--period",
      "2025Q1",
      "--format",
      "xlsx",
      "--out",
      out,
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(out) as unknown as ArrayBuffer);
    let longest = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === "string") longest = Math.max(longest, c.value.length);
        }),
      ),
    );
    expect(longest <= 32767 || /32[,，]?767/.test(run.err)).toBe(true);
  });

  describe("in the simulated Excel", () => {
    let sim: SimulatedExcel;
    beforeEach(() => {
      sim = createSimulatedExcel({ sheets: ["Sheet1"] }).install();
    });
    afterEach(() => sim.uninstall());

    test("writeBriefingSheet fails on that line (the host refuses a cell over 32,767 characters)", async () => {
      const b = buildBriefing(input, { period: "2025Q1" });
      await expect(writeBriefingSheet(b, { valuesOnly: true, language: "zh-CN" })).resolves.toBeDefined();
    });

    test("a column titled with 40,000 characters: its 'unknown column' issue cannot be written to the 导入问题 sheet", async () => {
      const r = await imp(`项目名称,所属地区,${"长".repeat(40000)}\n光伏,西宁市,x\n`);
      const services = createWorkbookServices({ host: "excel", backends: createBackendsNow() });
      await expect(services.writeIssues(r.issues, "zh-CN")).resolves.toBeDefined();
    });
  });
});

// ------------------------------------------------------------------------------------------------------------ L
/** LibreOffice cross-checks: run where soffice is installed (CI installs it), as test/export/libreoffice.test.ts. */
// Fixed (P): the exported xlsx writes CR as _x000D_ and protects literal _xHHHH_ text (ECMA-376 ST_Xstring).
// Not fixed (L, time box): folding each character through its upper case made ΟΔΟΣ and οδοσ one region, but broke
// input.attack.test.ts "10. regions" (LibreOffice vs JSON for ẞ/ß, İ/i̇…); reverted until both can hold.
const lo = findSoffice() ? test : test.skip;
const loFailing = findSoffice() ? test.failing : test.skip;
describe("L. region grouping vs the spreadsheet's case-insensitive match (LibreOffice)", () => {
  loFailing(
    "ΟΔΟΣ 区 and οδοσ 区 (final sigma): the JSON counts 1 and 2, LibreOffice recalculates 3 for each, and the total 1026 against 1023",
    async () => {
      const regions = ["ΟΔΟΣ 区", "οδοσ 区", "西宁市"];
      const ledger = tmp.file(
        "sigma.csv",
        Papa.unparse(
          regions.map((r, k) => ({
            项目编号: `P${k}`,
            项目名称: `项目${k}`,
            所属地区: r,
            签约日期: "2025-02-01",
            签约金额: 2 ** k,
          })),
        ),
      );
      const targets = tmp.file(
        "sigma-targets.csv",
        Papa.unparse(regions.map((r, k) => ({ 年份: 2025, 所属地区: r, 指标: "签约金额", 目标值: 100 + k }))),
      );
      const j = await brief(["--ledger", ledger, "--targets", targets, "--period", "2025Q1"]);
      const out = path.join(tmp.dir, "sigma.xlsx");
      await brief(["--ledger", ledger, "--targets", targets, "--period", "2025Q1", "--format", "xlsx", "--out", out]);
      const json = JSON.parse(j.out) as {
        rows: { region: string; metric: string; actual: number | null }[];
        text: string;
      };
      const sheet = (await recalculateWithLibreOffice(out)).sheets.get("成绩单 2025Q1")!;
      const records = (await imp(fs.readFileSync(ledger))).records;
      const b = buildBriefing(
        { records, targets: (await imp(fs.readFileSync(targets), { kind: "targets" })).targets },
        { period: "2025Q1" },
      );
      const t = briefingLayout(b, briefingText(b, {}), { mode: "portable", refs: "a1" }).tables.find(
        (x) => x.metric === "signed_amount",
      )!;
      const rows = json.rows.filter((r) => r.metric === "signed_amount");
      const disagree = rows
        .map((r, k) => [r.region, r.actual, csvNumber(sheet[t.firstRow + k]?.[COL.actual])])
        .filter(([, a, s]) => a !== s);
      expect(disagree).toEqual([]);
    },
  );
});

// ------------------------------------------------------------------------------------------------------------ M
describe("M. terminal control sequences reach the terminal", () => {
  test("validate prints an ESC sequence from a column title and a cell verbatim (ESC[2J clears the screen, OSC 0 retitles the window)", async () => {
    const file = tmp.file(
      "esc.csv",
      "项目名称,所属地区,签约日期,\u001b[2J\u001b]0;pwned\u0007\n光伏,西宁市,\u001b[31m2025-99-99,x\n",
    );
    const run = await validateCli([file]);
    expect(/\u001b/.test(run.out + run.err)).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------------------------ N
describe("N. xlsx cells by column role", () => {
  const book = (rows: string) => imp(xlsx(sheetXml(rows)), { fileName: "台账.xlsx" });

  test("an uncached =ROW()-1 in the ignored 序号 column rejects the row (docs/import.md: 序号 is ignored)", async () => {
    const r = await book(
      `<row r="1">${str("A1", "序号")}${str("B1", "项目名称")}${str("C1", "所属地区")}</row><row r="2"><c r="A2"><f>ROW()-1</f></c>${str("B2", "光伏")}${str("C2", "西宁市")}</row>`,
    );
    expect(r.summary.accepted).toBe(1);
  });

  test('an uncached formula in an unknown column becomes "" in extras, not reported', async () => {
    const r = await book(
      `<row r="1">${str("A1", "项目名称")}${str("B1", "所属地区")}${str("C1", "联系人")}</row><row r="2">${str("A2", "光伏")}${str("B2", "西宁市")}<c r="C2"><f>CONCAT("张","三")</f></c></row>`,
    );
    expect(r.issues.some((i) => i.code === "formula_without_value")).toBe(true);
  });

  test("a cached error value (#DIV/0!) in 项目名称 is imported as the project name, with no issue", async () => {
    const r = await book(
      `${LEDGER_HEADER_ROW}<row r="2"><c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c>${str("B2", "西宁市")}${num("C2", 1)}</row>`,
    );
    expect(r.records.map((x) => x.name).includes("#DIV/0!") && r.issues.length === 0).toBe(false);
  });
});

// ------------------------------------------------------------------------------------------------------------ O
// Fixed: a cell over 32,767 characters rejects its row before any check reads the text (TableEngine.rejectOverlong),
// and deriveProjectId no longer hashes a concatenated (cons) string.
describe("O. shared strings multiply the work", () => {
  test("20,000 rows referencing one 40,000-character shared string (a 0.3 MB file, within every documented limit) took far more than 5 s (200 s in a suite run); now about 4 s alone, and under 20 s on a loaded machine", async () => {
    let rows = LEDGER_HEADER_ROW;
    for (let r = 2; r <= 20_001; r++)
      rows += `<row r="${r}"><c r="A${r}" t="s"><v>0</v></c><c r="B${r}" t="s"><v>1</v></c></row>`;
    const bytes = xlsx(sheetXml(rows), { sharedStrings: ["长".repeat(40_000), "西宁市"] });
    expect(bytes.length).toBeLessThan(400_000);
    const t0 = Date.now();
    const r = await imp(bytes, { fileName: "台账.xlsx" });
    expect(r.summary.rejected).toBe(20_000); // every row: cell_too_long
    expect(Date.now() - t0).toBeLessThan(20_000); // the class: work that grew with rows × string length (200+ s); the bound leaves room for a loaded CI machine
  });
});

// ------------------------------------------------------------------------------------------------------------ P
describe("P. the exported xlsx alters text", () => {
  const NAMES = ["\r=cmd|' /C calc'!A0", "第一行\r\n第二行", "A_x000D_B", "光伏"];
  const records = NAMES.map((name, i): ProjectRecord => ({
    id: `P${i}`,
    name,
    region: "西宁市",
    park: null,
    industry: null,
    investor: null,
    investor_type: null,
    investor_origin: null,
    stage: null,
    signed_date: "2025-02-01",
    started_date: null,
    signed_amount: 1,
    planned_investment: null,
    notes: null,
    source: null,
  }));
  const exported = async () =>
    briefingXlsx({ records }, buildBriefing({ records }, { period: "2025Q1" }), { mode: "values" });

  test("a CR is written raw into the XML, so every reader (exceljs here, Excel, LibreOffice) gets LF: \\r=cmd comes back \\n=cmd", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exported()) as unknown as ArrayBuffer);
    const back: unknown[] = [];
    // .text: a cell that needed an escape is an inline (rich) string, whose text exceljs decodes as Excel does.
    wb.getWorksheet("台账")!.eachRow((row, n) => n > 1 && back.push(row.getCell(2).text));
    expect(back).toEqual(NAMES);
  });

  lo(
    "LibreOffice reads the exported ledger: the CRs are LFs and the literal text A_x000D_B is A␍B (ECMA-376 ST_Xstring escapes not applied)",
    async () => {
      const file = path.join(tmp.dir, "escapes.xlsx");
      fs.writeFileSync(file, await exported());
      const sheet = (await recalculateWithLibreOffice(file)).sheets.get("台账")!;
      // LibreOffice keeps a line break inside a cell as one paragraph break, so CRLF comes back LF whatever the file
      // holds (exceljs above reads the CRLF back); a lone CR and the literal _x000D_ must survive.
      expect(sheet.slice(1, 1 + NAMES.length).map((r) => r[1])).toEqual(NAMES.map((n) => n.replace(/\r\n/g, "\n")));
    },
  );
});
