/**
 * Class 7 (issue 12): workbooks without bounds are refused quickly, in bounded memory, with a clear message, before
 * exceljs sees them (src/import/xlsx-guard.ts); never an abort outside the documented exit codes. Class 6: formula
 * cells without a cached value are reported (row, column, formula). Class 11, dates: Excel's serials 59 and 60.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { importBytes, isImportError } from "../../src/import";
import { XLSX_LIMITS, guardXlsx } from "../../src/import/xlsx-guard";
import { cell, deflateRepeated, SHEET_HEAD, SHEET_TAIL, workbookParts, zip } from "./zip";
import { UNCACHED_FORMULAS } from "./corpus";

jest.setTimeout(120_000);

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "bombs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = `<row r="1">${cell("A1", "项目名称")}${cell("B1", "所属地区")}</row>`;
const sheet = (rows: string) => SHEET_HEAD + header + rows + SHEET_TAIL;

/** Import and return the ImportError (or fail), timing it and measuring how far memory grew. */
async function refused(bytes: Uint8Array, code = "TOO_LARGE") {
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = Date.now();
  const err = await importBytes(bytes, { fileName: "bomb.xlsx" }).then(
    () => null,
    (e: unknown) => e,
  );
  const ms = Date.now() - t0;
  const after = process.memoryUsage();
  expect(isImportError(err)).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  const grown = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1024 / 1024;
  return { err: err as Error & { message_en: string }, ms, grown };
}

let honest: Uint8Array; // 400 MB of XML that says so
let lying: Uint8Array; // the same bytes, declaring 1 MB
beforeAll(async () => {
  const blob = await deflateRepeated("<si><t>炸弹炸弹炸弹炸弹</t></si>", (400 * 1024 * 1024) / 40);
  const parts = workbookParts([
    { name: "台账", xml: sheet(`<row r="2">${cell("A2", "甲")}${cell("B2", "西宁市")}</row>`) },
  ]);
  honest = zip([...parts, { name: "xl/sharedStrings.xml", deflated: blob }]);
  lying = zip([...parts, { name: "xl/sharedStrings.xml", deflated: blob, declare: 1024 * 1024 }]);
  expect(honest.length).toBeLessThan(2 * 1024 * 1024);
});

describe("bombs are refused in seconds, in bounded memory", () => {
  test("a small file that says it expands to 400 MB: refused from the zip directory alone", async () => {
    const { err, ms, grown } = await refused(honest);
    expect(err.message).toContain("解压后有 400 MB");
    expect(err.message_en).toContain("save the ledger as CSV");
    expect(ms).toBeLessThan(2000);
    expect(grown).toBeLessThan(64);
  });

  test("the same bytes declaring 1 MB: refused as soon as the stream passes 1 MB", async () => {
    const { err, ms, grown } = await refused(lying);
    expect(err.message).toContain("压缩炸弹");
    expect(ms).toBeLessThan(5000);
    expect(grown).toBeLessThan(64);
  });

  test("two million rows (as in a 16 MB file): refused at the row limit while streaming", async () => {
    const rows = await deflateRepeated("<row/>", 2_000_000);
    const bytes = zip(
      workbookParts([{ name: "台账", xml: undefined, deflated: { bytes: rows.bytes, size: rows.size } }]),
    );
    const { err, ms } = await refused(bytes);
    expect(err.message).toContain(`超过 ${XLSX_LIMITS.maxRows} 行`);
    expect(ms).toBeLessThan(5000);
  });

  test("a sparse sheet reaching column XFD: refused at the column limit", async () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) => `<row r="${i + 2}">${cell(`A${i + 2}`, "甲")}${cell(`XFD${i + 2}`, "x")}</row>`,
    ).join("");
    const { err, ms } = await refused(zip(workbookParts([{ name: "台账", xml: sheet(rows) }])));
    expect(err.message).toContain("第 16384 列");
    expect(ms).toBeLessThan(2000);
  });

  test("more cells than the limit in few bytes each: refused at the cell limit", async () => {
    const row = Array.from({ length: 20 }, () => "<c/>").join("");
    const rows = await deflateRepeated(`<row>${row}</row>`, Math.ceil(XLSX_LIMITS.maxCells / 20) + 10);
    const { err } = await refused(zip(workbookParts([{ name: "台账", xml: undefined, deflated: rows }])));
    expect(err.message).toContain("个单元格");
  });

  test("a row number beyond Excel's 1,048,576", async () => {
    const { err } = await refused(
      zip(workbookParts([{ name: "台账", xml: sheet(`<row r="2000000">${cell("A2000000", "甲")}</row>`) }])),
    );
    expect(err.message).toContain("1,048,576");
  });

  test("too many parts", async () => {
    const many = Array.from({ length: XLSX_LIMITS.maxParts + 1 }, (_, i) => ({
      name: `x/${i}.xml`,
      data: "<a/>",
      stored: true,
    }));
    await refused(zip([...workbookParts([{ name: "台账", xml: sheet("") }]), ...many]));
  });

  test("several sheets count together", async () => {
    const rows = await deflateRepeated("<row/>", XLSX_LIMITS.maxRows / 2 + 1);
    const bytes = zip(workbookParts([1, 2, 3].map((i) => ({ name: `表${i}`, xml: undefined, deflated: rows }))));
    await refused(bytes);
  });
});

describe("malformed zips are XLSX_UNREADABLE, never INTERNAL", () => {
  const base = () =>
    workbookParts([{ name: "台账", xml: sheet(`<row r="2">${cell("A2", "甲")}${cell("B2", "西宁市")}</row>`) }]);
  test.each([
    ["encrypted part", () => zip(base().map((p, i) => (i === 0 ? { ...p, flags: 1 } : p)))],
    ["unknown compression (bzip2)", () => zip(base().map((p, i) => (i === 4 ? { ...p, method: 12 } : p)))],
    [
      "truncated deflate data",
      () => {
        const z = zip(base());
        const cut = new Uint8Array(z);
        // Overwrite the sheet's deflate stream with garbage of the same length.
        const at = Buffer.from(cut).indexOf(Buffer.from("xl/worksheets/sheet1.xml")) + 24;
        cut.fill(0xff, at, at + 20);
        return cut;
      },
    ],
    ["no central directory", () => zip(base()).slice(0, 200)],
    [
      "directory pointing outside the file",
      () => {
        const z = zip(base());
        new DataView(z.buffer).setUint32(z.length - 6, 0x7fffffff, true);
        return z;
      },
    ],
  ])("%s", async (_, make) => {
    await refused(make(), "XLSX_UNREADABLE");
  });

  test("ZIP64 sizes are read (a workbook written with ZIP64 fields still imports)", async () => {
    const bytes = zip(base().map((p) => ({ ...p, zip64: true })));
    const stats = await guardXlsx(bytes, "z64.xlsx");
    expect(stats.rows).toBe(2);
    const r = await importBytes(bytes, { fileName: "z64.xlsx" });
    expect(r.records.map((x) => [x.name, x.region])).toEqual([["甲", "西宁市"]]);
  });
});

test("a workbook under the limits imports as before (exceljs-made, 20,000 rows)", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  ws.addRow(["项目编号", "项目名称", "所属地区", "签约金额（亿元）"]);
  for (let i = 1; i <= 20_000; i++) ws.addRow([`P-${i}`, `项目${i}`, "西宁市", i % 7]);
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const stats = await guardXlsx(bytes, "ok.xlsx");
  expect(stats).toMatchObject({ rows: 20_001, cells: 80_004, lastColumn: 4, lastRow: 20_001 });
  const r = await importBytes(bytes, { fileName: "ok.xlsx" });
  expect(r.summary.accepted).toBe(20_000);
});

test("the CLI refuses a bomb with exit 2 and a message, even with a 200 MB heap (no abort 134)", () => {
  const file = join(dir, "bomb.xlsx");
  writeFileSync(file, lying);
  const r = spawnSync(
    process.execPath,
    ["--max-old-space-size=200", "--import", "tsx", join(ROOT, "src/cli/main.ts"), "validate", file, "--json"],
    { cwd: ROOT, encoding: "utf8" },
  );
  expect(r.status).toBe(2);
  expect(JSON.parse(r.stdout).error.code).toBe("TOO_LARGE");
  const honestFile = join(dir, "honest.xlsx");
  writeFileSync(honestFile, honest);
  const h = spawnSync(
    process.execPath,
    [
      "--max-old-space-size=200",
      "--import",
      "tsx",
      join(ROOT, "src/cli/main.ts"),
      "brief",
      "--ledger",
      honestFile,
      "--targets",
      honestFile,
      "--period",
      "2025Q1",
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  expect([0, 1, 2, 3]).toContain(h.status);
  expect(h.stderr).toContain("解压后有 400 MB");
});

describe("formula cells without a cached value are reported, with the formula (class 6)", () => {
  const kinds = UNCACHED_FORMULAS;
  const fields: [string, number][] = [
    ["项目名称", 0],
    ["所属地区", 1],
    ["签约金额（亿元）", 2],
  ];
  test.each(kinds.flatMap(([what, value]) => fields.map(([title, col]) => [what, title, col, value] as const)))(
    "%s in «%s»",
    async (_what, title, col, value) => {
      const { importTable } = await import("../../src/import");
      const row: unknown[] = ["光伏", "西宁市", 1.5];
      row[col] = value;
      const r = importTable([["项目名称", "所属地区", "签约金额（亿元）"], row], {
        fileName: "l.xlsx!台账",
        kind: "ledger",
      });
      const issue = r.issues.find((i) => i.code === "formula_without_value");
      expect(issue).toMatchObject({ row: 2, column: title, severity: "error" });
      expect(issue!.message).toContain("=");
      expect(issue!.message).toContain("在 Excel 中打开该文件、保存");
      expect(r.summary).toMatchObject({ accepted: 0, rejected: 1 });
    },
  );

  test("through a real .xlsx without cached values (as written by a program that does not calculate)", async () => {
    const xml = sheet(`<row r="2">${cell("A2", "光伏")}${cell("B2", "西宁市")}<c r="C2"><f>1+2</f></c></row>`).replace(
      cell("B1", "所属地区"),
      `${cell("B1", "所属地区")}${cell("C1", "签约金额（亿元）")}`,
    );
    const r = await importBytes(zip(workbookParts([{ name: "台账", xml }])), { fileName: "nocache.xlsx" });
    expect(r.issues.map((i) => [i.row, i.column, i.code])).toEqual([[2, "签约金额（亿元）", "formula_without_value"]]);
    expect(r.issues[0].message).toContain("=1+2");
  });
});

describe("Excel's 1900 leap-year bug (class 11)", () => {
  test("serial 59 is 1900-02-28 as Excel shows it; serial 60, the nonexistent 1900-02-29, is reported; 61 is 1900-03-01", async () => {
    const rows = [59, 60, 61, 1]
      .map(
        (serial, i) =>
          `<row r="${i + 2}">${cell(`A${i + 2}`, `项目${i}`)}${cell(`B${i + 2}`, "西宁市")}<c r="C${i + 2}" s="1"><v>${serial}</v></c></row>`,
      )
      .join("");
    const xml = sheet(rows).replace(cell("B1", "所属地区"), `${cell("B1", "所属地区")}${cell("C1", "签约日期")}`);
    const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`;
    const parts = workbookParts([{ name: "台账", xml }]);
    parts[3] = {
      ...parts[3],
      data: String(parts[3].data).replace(
        "</Relationships>",
        `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
      ),
    };
    const r = await importBytes(zip([...parts, { name: "xl/styles.xml", data: styles }]), { fileName: "d.xlsx" });
    expect(r.records.map((x) => [x.name, x.signed_date])).toEqual([
      ["项目0", "1900-02-28"],
      ["项目1", null],
      ["项目2", "1900-03-01"],
      ["项目3", "1900-01-01"],
    ]);
    const w = r.issues.find((i) => i.code === "date_1900_02_29");
    expect(w).toMatchObject({ row: 3, column: "签约日期", severity: "warning" });
    expect(w!.message).toContain("1900年2月29日");
  });
});

test("a CSV record that never ends (an unmatched quote before 70 MB of text) is refused, not held whole", async () => {
  const text = `项目名称,所属地区\n甲,西宁市\n"乙,${"x".repeat(70 * 1024 * 1024)}\n`;
  const t0 = Date.now();
  const err = await importBytes(new TextEncoder().encode(text), { fileName: "q.csv" }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ code: "TOO_LARGE" });
  expect((err as Error).message).toContain("第 3 行");
  expect(Date.now() - t0).toBeLessThan(20_000);
});
