/**
 * Class 3 (issue 12): one bad byte must not re-decode a whole file. The encoding is decided from the evidence of the
 * whole file; a UTF-8 file with damaged bytes stays UTF-8 and the damaged rows are reported; rows holding replacement
 * characters, NULs or lone surrogates are reported wherever they come from (CSV, UTF-16, JSON, a workbook table).
 */
import fc from "fast-check";
import { detectEncoding, importBytes, importTable } from "../../src/import";
import type { ImportResult } from "../../src/import/types";
import { encodeGbk } from "../import/helpers";
import { BAD_UTF8, BAD_UTF8_ROWS } from "./corpus";

const enc = new TextEncoder();
const ROWS = 2000;
const HEADERS = {
  ascii: "id,name,region,signed_amount",
  chinese: "项目编号,项目名称,所属地区,签约金额（亿元）",
} as const;
const line = (i: number) => `P-${i},光伏项目${i},${i % 2 ? "西宁市" : "海东市"},${(i % 50) + 1}`;

/** A UTF-8 ledger whose CSV record `badRow` carries `bad` in the middle of its 项目名称 (after "光伏"). */
function damaged(header: string, badRow: number, bad: readonly number[]): Uint8Array {
  const parts: number[] = [];
  const lines = [header, ...Array.from({ length: ROWS }, (_, i) => line(i + 1))];
  lines.forEach((l, k) => {
    const bytes = enc.encode(`${l}\n`);
    if (k + 1 !== badRow) {
      parts.push(...bytes);
      return;
    }
    const cut = l.startsWith("P-") ? enc.encode(l.slice(0, l.indexOf("光伏") + 2)).length : 0;
    parts.push(...bytes.subarray(0, cut), ...bad, ...bytes.subarray(cut));
  });
  return new Uint8Array(parts);
}

const encodingIssues = (r: ImportResult) => r.issues.filter((i) => i.code === "encoding");

describe.each(Object.entries(HEADERS))(
  "a UTF-8 file (%s header) with one damaged sequence stays UTF-8",
  (_, header) => {
    const cases = BAD_UTF8.flatMap((bad) =>
      BAD_UTF8_ROWS.map((row) => [bad.map((b) => b.toString(16)).join(" "), row, bad] as const),
    );
    test.each(cases)("bytes %s in row %i", async (_hex, row, bad) => {
      const bytes = damaged(header, row, bad);
      expect(detectEncoding(bytes)).toBe("utf-8");
      const r = await importBytes(bytes, { fileName: "l.csv", kind: "ledger" });
      expect(r.summary).toMatchObject({ rows: ROWS, accepted: ROWS, rejected: 0 });
      // Every other row is exactly what was written: no mojibake anywhere.
      r.records.forEach((rec, i) => {
        if (i + 2 !== row) expect(rec.name).toBe(`光伏项目${i + 1}`);
      });
      const issues = encodingIssues(r);
      expect(issues.map((i) => [i.row, i.severity])).toEqual([[row, "warning"]]);
      expect(issues[0].message).toContain("无法识别的字符");
      expect(r.records[row - 2].name).toContain("\uFFFD");
    });
  },
);

test("GBK files (ASCII and Chinese headers) are still read as GB18030, without issues", async () => {
  for (const header of Object.values(HEADERS)) {
    const text = [header, ...Array.from({ length: 300 }, (_, i) => line(i + 1))].join("\n");
    const bytes = encodeGbk(text);
    expect(detectEncoding(bytes)).toBe("gb18030");
    const r = await importBytes(bytes, { fileName: "g.csv", kind: "ledger" });
    expect(r.issues).toEqual([]);
    expect(r.records[299].name).toBe("光伏项目300");
  }
});

test("a NUL inside a cell is removed and reported; a file full of NULs is binary (NOT_TEXT)", async () => {
  const r = await importBytes(enc.encode(`${HEADERS.chinese}\nP-1,光伏\u0000项目,西宁市,1\nP-2,储能,西宁市,2\n`), {
    fileName: "n.csv",
    kind: "ledger",
  });
  expect(r.records.map((x) => x.name)).toEqual(["光伏项目", "储能"]);
  expect(encodingIssues(r).map((i) => [i.row, i.column])).toEqual([[2, "项目名称"]]);
  expect(encodingIssues(r)[0].message).toContain("NUL");
  await expect(
    importBytes(
      new Uint8Array(4096).fill(0).map((_, i) => (i % 3 ? 0 : 65)),
      { fileName: "b.csv" },
    ),
  ).rejects.toMatchObject({ code: "NOT_TEXT" });
});

test("a replacement character already in a UTF-8 file is reported", async () => {
  const r = await importBytes(enc.encode(`${HEADERS.chinese}\nP-1,光伏\uFFFD项目,西宁市,1\n`), {
    fileName: "r.csv",
    kind: "ledger",
  });
  expect(encodingIssues(r).map((i) => i.row)).toEqual([2]);
});

test("lone surrogates from JSON escapes, UTF-16 and a workbook table are reported and replaced", async () => {
  const json = `[{"项目名称":"光伏\\ud800项目","所属地区":"西宁市"},{"项目名称":"储能","所属地区":"\\udc00海东市"}]`;
  const fromJson = await importBytes(enc.encode(json), { fileName: "s.json", kind: "ledger" });
  // A damaged name is kept with a warning; a damaged region rejects its row (rows are grouped by it: two names
  // damaged alike would merge into one region).
  expect(encodingIssues(fromJson).map((i) => [i.row, i.column, i.severity])).toEqual([
    [1, "项目名称", "warning"],
    [2, "所属地区", "error"],
  ]);
  expect(fromJson.records.map((x) => [x.name, x.region])).toEqual([["光伏\uFFFD项目", "西宁市"]]);

  const text = "\ufeff项目名称\t所属地区\r\n甲\uD800乙\t西宁市\r\n";
  const u16 = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    u16[2 * i] = text.charCodeAt(i) & 0xff;
    u16[2 * i + 1] = text.charCodeAt(i) >> 8;
  }
  const fromU16 = await importBytes(u16, { fileName: "u16.txt", kind: "ledger" });
  expect(encodingIssues(fromU16).map((i) => i.row)).toEqual([2]);

  const fromTable = importTable(
    [
      ["项目名称", "所属地区"],
      ["甲\uDBFF", "西宁市"],
      ["𠀀乙", "西宁市"],
    ],
    { fileName: "台账!Ledger", kind: "ledger" },
  );
  expect(encodingIssues(fromTable).map((i) => i.row)).toEqual([2]); // 𠀀 is a well-formed pair: no issue
  expect(fromTable.records.map((x) => x.name)).toEqual(["甲\uFFFD", "𠀀乙"]);
});

test("property: random damage to a few rows of a UTF-8 ledger leaves every other row intact and reports each damaged row", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(fc.integer({ min: 2, max: 301 }), { minLength: 1, maxLength: 20 }),
      fc.constantFrom(...BAD_UTF8),
      async (rows, bad) => {
        const damagedRows = new Set(rows);
        const parts: number[] = [...enc.encode(`${HEADERS.ascii}\n`)];
        for (let i = 1; i <= 300; i++) {
          const l = enc.encode(`${line(i)}\n`);
          if (!damagedRows.has(i + 1)) {
            parts.push(...l);
            continue;
          }
          const cut = enc.encode(line(i).slice(0, line(i).indexOf("光伏") + 2)).length;
          parts.push(...l.subarray(0, cut), ...bad, ...l.subarray(cut));
        }
        const r = await importBytes(new Uint8Array(parts), { fileName: "p.csv", kind: "ledger" });
        expect(r.summary.accepted).toBe(300);
        expect(new Set(encodingIssues(r).map((i) => i.row))).toEqual(damagedRows);
        r.records.forEach((rec, i) => {
          if (!damagedRows.has(i + 2)) expect(rec.name).toBe(`光伏项目${i + 1}`);
        });
      },
    ),
    { numRuns: 60 },
  );
});
