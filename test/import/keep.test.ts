/**
 * ImportOptions.keep (issue 14): what an import keeps of each accepted row changes nothing else. With "none" the
 * arrays stay empty and `counts` says how many were accepted; with a list of ledger fields each record holds exactly
 * those, equal to the whole record's; the issues, the summary, the mapping and the counts are the same in every
 * case, for fixtures of every kind and for random ledgers (fast-check).
 */
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { importBytes } from "../../src/import/bytes";
import { formatReport } from "../../src/import/report";
import type { ImportOptions, ImportResult } from "../../src/import/types";

const FIX = path.join(__dirname, "..", "fixtures", "import");
const SEEDS = path.join(__dirname, "..", "..", "seeds");
const FIELDS = ["id", "region", "signed_ymd", "signed_amount"] as const;

async function three(bytes: Uint8Array, opts: ImportOptions): Promise<[ImportResult, ImportResult, ImportResult]> {
  return [
    await importBytes(bytes, opts),
    await importBytes(bytes, { ...opts, keep: "none" }),
    await importBytes(bytes, { ...opts, keep: FIELDS }),
  ];
}

function same(all: ImportResult, other: ImportResult): void {
  expect(other.issues).toEqual(all.issues);
  expect(other.summary).toEqual(all.summary);
  expect(other.counts).toEqual(all.counts);
  expect(other.mapping).toEqual(all.mapping);
  expect(other.headers).toEqual(all.headers);
  expect(other.kind).toBe(all.kind);
}

const files = [
  ...[
    "ledger-duplicates.csv",
    "ledger-blank-cells.csv",
    "ledger-total.csv",
    "ledger-wanyuan.csv",
    "ledger-fullwidth.csv",
    "funds.csv",
    "targets.csv",
    "figures.csv",
    "bundle.json",
    "ledger-records.json",
  ].map((f) => path.join(FIX, f)),
  ...["projects.csv", "funds.csv", "targets.csv", "figures.csv"].map((f) => path.join(SEEDS, f)),
];

describe("keep: none and a projection change nothing but what is kept", () => {
  test.each(files.map((f) => [path.basename(path.dirname(f)) + "/" + path.basename(f), f]))("%s", async (_, file) => {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const [all, none, some] = await three(bytes, { fileName: path.basename(file) });
    same(all, none);
    same(all, some);
    expect(all.counts).toEqual({
      ledger: all.records.length,
      funds: all.funds.length,
      targets: all.targets.length,
      figures: all.figures.length,
      regions: all.regions?.length ?? 0,
    });
    expect([none.records, none.funds, none.targets, none.figures, none.extras]).toEqual([[], [], [], [], undefined]);
    expect(some.extras).toBeUndefined();
    // The readable report says the same with or without the records.
    expect(formatReport(none, "f")).toBe(formatReport(all, "f"));
    // A projection keeps exactly the listed fields of each record, and funds, targets and figures whole.
    expect(some.records.map((r) => Object.keys(r))).toEqual(all.records.map(() => [...FIELDS]));
    expect(some.records).toEqual(all.records.map((r) => Object.fromEntries(FIELDS.map((f) => [f, r[f]]))));
    expect([some.funds, some.targets, some.figures]).toEqual([all.funds, all.targets, all.figures]);
  });
});

test("random ledgers (blank, bad and duplicate cells, totals, notes): issues and counts do not depend on keep", async () => {
  const cell = fc.oneof(
    fc.constantFrom(
      "",
      "西宁市",
      "海东市",
      "abc",
      "1,234",
      "2025-02-30",
      "合计",
      "—",
      "-5",
      "2025年3月",
      "2025/3/9",
      "QH-1",
    ),
    fc.string({ maxLength: 6 }),
  );
  const row = fc.array(cell, { minLength: 6, maxLength: 6 });
  await fc.assert(
    fc.asyncProperty(fc.array(row, { maxLength: 40 }), async (rows) => {
      const quote = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      const text = [
        "项目编号,项目名称,所属地区,签约日期,开工日期,签约金额（万元）",
        ...rows.map((r) => r.map(quote).join(",")),
      ].join("\n");
      const [all, none, some] = await three(new TextEncoder().encode(text), { fileName: "r.csv", kind: "ledger" });
      same(all, none);
      same(all, some);
      expect(some.records.length).toBe(all.records.length);
    }),
    { numRuns: 150 },
  );
});
