/**
 * Class 2 (issue 12): no row is dropped silently as a "total row". A total row is recognised by its structure (a
 * total label alone in a label cell, no id, no name, no date), never by a word inside a name, id or region; every
 * skipped total, subtotal, note or repeated header is a warning at its row saying whether its amounts match.
 *
 * The invariant, by property over random ledgers (and the same ledgers as CSV): every non-blank row below the header
 * is accepted, rejected with an error at its row, or skipped with a warning whose code says why — exactly one of them.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { importBytes, importTable } from "../../src/import";
import type { ImportResult } from "../../src/import/types";
import { TOTAL_LABELS, TOTAL_LIKE_DATA } from "./corpus";

const HEADER = ["序号", "项目编号", "项目名称", "所属地区", "签约日期", "签约金额（万元）", "行标记"];
const SKIP_CODES = new Set(["total_row", "total_mismatch", "note_row", "header_repeated"]);

type Row = (string | number)[];
const data = (r: number, id: string, name: string, region: string, amount: string | number = 100): Row => [
  String(r),
  id,
  name,
  region,
  "2025-02-19",
  amount,
  `m${r}`,
];

describe("total-like words in data rows never make a total row", () => {
  test.each([
    ...TOTAL_LIKE_DATA.name.map((w) => ["name", w] as const),
    ...TOTAL_LIKE_DATA.id.map((w) => ["id", w] as const),
    ...TOTAL_LIKE_DATA.region.map((w) => ["region", w] as const),
  ])("a %s %j with an id and a date is a record", (field, word) => {
    const row =
      field === "name"
        ? data(1, "P-1", word, "西宁市")
        : field === "id"
          ? data(1, word, "光伏项目", "西宁市")
          : data(1, "P-1", "光伏项目", word);
    const r = importTable([HEADER, row], { fileName: "t", kind: "ledger" });
    // A ledger region that IS a Chinese total label (合计, 小计) would be confused with the briefing's total row 合计:
    // the row is rejected with its own code (still accounted for, never skipped as a total).
    const reserved = field === "region" && /^(小计|合计)$/.test(word);
    expect(r.summary).toMatchObject(
      reserved ? { accepted: 0, rejected: 1, skipped: 0 } : { accepted: 1, rejected: 0, skipped: 0 },
    );
    if (reserved) expect(r.issues.map((i) => i.code)).toContain("region_total_label");
    expect(r.issues.filter((i) => i.code && SKIP_CODES.has(i.code))).toEqual([]);
  });
});

describe("total labels alone in a label cell are skipped, checked and reported", () => {
  const body: Row[] = [data(2, "P-1", "甲", "西宁市", 1000), data(3, "P-2", "乙", "西宁市", 500)];
  const cases = TOTAL_LABELS.flatMap((label) => [0, 2, 3].map((col) => [label, col] as const));
  test.each(cases)("%j in column %i", (label, col) => {
    const matching: Row = ["", "", "", "", "", 1500, ""];
    matching[col] = label;
    const wrong: Row = ["", "", "", "", "", 1600, ""];
    wrong[col] = label;
    const r = importTable([HEADER, ...body, matching, wrong], { fileName: "t", kind: "ledger" });
    expect(r.summary).toEqual({ rows: 2, accepted: 2, rejected: 0, skipped: 2 });
    const skips = r.issues.filter((i) => i.code && SKIP_CODES.has(i.code));
    // Row numbers as the user sees them: header 1, data 2–3, totals 4 and 5.
    expect(skips.map((i) => [i.row, i.code, i.severity, i.column])).toEqual([
      [4, "total_row", "warning", HEADER[col]],
      [5, "total_mismatch", "warning", HEADER[col]],
    ]);
    expect(skips[0].message).toContain("与明细行之和一致");
    expect(skips[1].message).toContain("不一致");
    expect(skips[1].message_en).toContain("do not match");
  });
});

// ------------------------------------------------------------------------------------------- the invariant

/** A row generator for a ledger with a 行标记 column (unique per data row, so accepted rows can be told apart). */
function rowArb(): fc.Arbitrary<(r: number) => Row | null> {
  const word = fc.constantFrom(...TOTAL_LIKE_DATA.name, "光伏", "储能", "钒电池");
  const region = fc.constantFrom(...TOTAL_LIKE_DATA.region, "西宁市", "海东市", "");
  const amount = fc.oneof(
    fc.integer({ min: 0, max: 5000 }),
    fc.constantFrom("abc", "-5", "1,234.5,678", "", "3500万元"),
  );
  const date = fc.constantFrom("2025-02-19", "2025-02-30", "", "2025年3月", "abc");
  return fc.oneof(
    // data rows, good or bad, ids possibly repeated, names total-like or not
    fc
      .tuple(fc.constantFrom("P-1", "P-2", "P-3", "", "Total2"), word, region, date, amount)
      .map(([id, name, reg, d, a]) => (r: number): Row => [String(r), id, `${name}`, reg, d, a, `m${r}`]),
    // a total or subtotal row with the label in a label cell
    fc.tuple(fc.constantFrom(...TOTAL_LABELS), fc.constantFrom(0, 2, 3), amount).map(([label, col, a]) => (): Row => {
      const row: Row = ["", "", "", "", "", a, ""];
      row[col] = label;
      return row;
    }),
    fc.constant(() => ["注：数据截至3月31日", "", "", "", "", "", ""]),
    fc.constant(() => [...HEADER]),
    fc.constant(() => ["", "", "", "", "", "", ""]),
    fc.constant(() => null), // a row the CSV writer leaves empty
  );
}

/** The three sets a result sorts the rows into, and the rows it knows nothing about. */
function accounting(values: Row[], r: ImportResult) {
  const nonBlank = new Set<number>();
  values.forEach((row, i) => {
    if (i > 0 && row.some((c) => String(c).trim() !== "")) nonBlank.add(i + 1);
  });
  const accepted = new Set((r.extras ?? []).map((e) => e.row));
  const rejected = new Set(r.issues.filter((i) => i.severity === "error").map((i) => i.row));
  const skipped = new Set(r.issues.filter((i) => i.code && SKIP_CODES.has(i.code)).map((i) => i.row));
  return { nonBlank, accepted, rejected, skipped };
}

function checkInvariant(values: Row[], r: ImportResult): void {
  const { nonBlank, accepted, rejected, skipped } = accounting(values, r);
  // Counts.
  expect(r.summary.rows + (r.summary.skipped ?? 0)).toBe(nonBlank.size);
  expect(r.summary.accepted + r.summary.rejected).toBe(r.summary.rows);
  expect(r.records.length).toBe(r.summary.accepted);
  expect(accepted.size).toBe(r.summary.accepted);
  expect(rejected.size).toBe(r.summary.rejected);
  expect(skipped.size).toBe(r.summary.skipped);
  // Every non-blank row is in exactly one of the three sets.
  for (const row of nonBlank) {
    const n = Number(accepted.has(row)) + Number(rejected.has(row)) + Number(skipped.has(row));
    expect({ row, n }).toEqual({ row, n: 1 });
  }
  for (const row of [...accepted, ...rejected, ...skipped]) expect(nonBlank.has(row)).toBe(true);
}

test("property: every data row is accepted, rejected with an error, or skipped with a warning — never lost", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(rowArb(), { minLength: 0, maxLength: 40 }), async (makers) => {
      const values: Row[] = [HEADER];
      for (const make of makers) values.push(make(values.length + 1) ?? ["", "", "", "", "", "", ""]);
      const table = importTable(values, { fileName: "t", kind: "ledger" });
      checkInvariant(values, table);
      // The same rows as a CSV file: the same accounting, row numbers as the CSV records.
      const csv = new TextEncoder().encode(Papa.unparse(values, { newline: "\n" }));
      const viaCsv = await importBytes(csv, { fileName: "t.csv", kind: "ledger" });
      checkInvariant(values, viaCsv);
      expect(viaCsv.summary).toEqual(table.summary);
    }),
    { numRuns: 300 },
  );
});
