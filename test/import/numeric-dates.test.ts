/**
 * Dates as numbers in the canonical model (issue 14): every ledger record the importer accepts carries signed_ymd and
 * started_ymd (YYYYMMDD, YYYYMM00 for a month) that say exactly what its ISO text says, whatever form the source wrote
 * the date in (ISO, 2025/3/9, 2025年3月9日, 2025.3.9, 20250309, a month only, an Excel serial, a JS Date from a
 * workbook); blank or unreadable dates are null in both. The numbers never reach an output: validate --json prints
 * the same records as before, field for field.
 */
import fc from "fast-check";
import { monthKey } from "../../src/briefing/build";
import { isoFromYmd, toExcelSerial, ymdFromIso, ymdMonthKey } from "../../src/core/dates";
import { LEDGER_OUTPUT_FIELDS } from "../../src/core/model";
import { importBytes, importTable } from "../../src/import/bytes";
import { toValidationJson, writeValidationJson } from "../../src/import/report";
import type { ImportResult } from "../../src/import/types";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const day = fc.record({
  year: fc.integer({ min: 1900, max: 9999 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
});

/** The ways a ledger writes a date, each with the ISO text it must become. */
function forms(d: { year: number; month: number; day: number }): [string, string][] {
  const iso = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
  return [
    [iso, iso],
    [`${d.year}/${d.month}/${d.day}`, iso],
    [`${d.year}年${d.month}月${d.day}日`, iso],
    [`${d.year}.${pad(d.month)}.${pad(d.day)}`, iso],
    [`${d.year}${pad(d.month)}${pad(d.day)}`, iso],
    [`${d.year}年${d.month}月`, `${pad(d.year, 4)}-${pad(d.month)}`],
    [`${d.year}-${pad(d.month)}`, `${pad(d.year, 4)}-${pad(d.month)}`],
  ];
}

function agree(r: ImportResult): void {
  for (const rec of r.records) {
    for (const [text, num] of [
      [rec.signed_date, rec.signed_ymd],
      [rec.started_date, rec.started_ymd],
    ] as const) {
      expect(num).toBe(text ? ymdFromIso(text) : null);
      if (text) {
        expect(isoFromYmd(num!)).toBe(text);
        expect(ymdMonthKey(num!)).toBe(monthKey(text));
      }
    }
  }
}

test("ymdFromIso and isoFromYmd are inverse on every day and month 1900-9999", () => {
  fc.assert(
    fc.property(day, fc.boolean(), (d, monthOnly) => {
      const iso = monthOnly ? `${pad(d.year, 4)}-${pad(d.month)}` : `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
      const n = ymdFromIso(iso)!;
      expect(n).toBe(d.year * 10000 + d.month * 100 + (monthOnly ? 0 : d.day));
      expect(isoFromYmd(n)).toBe(iso);
      expect(ymdMonthKey(n)).toBe(d.year * 12 + d.month - 1);
    }),
    { numRuns: 500 },
  );
  for (const bad of ["", "2025", "2025-1-01", "2025/01/01", "２０２５-01-01", "2025-01-01T00:00", null, undefined])
    expect(ymdFromIso(bad)).toBeNull();
});

test("CSV: the number and the ISO text agree whatever form the date was written in", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(day, day, fc.nat(6), fc.nat(7)), { minLength: 1, maxLength: 30 }),
      async (rows) => {
        const lines = rows.map(([a, b, fa, fb], i) => {
          const [sa] = forms(a)[fa];
          const sb = fb === 7 ? "" : forms(b)[fb][0];
          return `P-${i},项目${i},西宁市,${sa},${sb},${i}`;
        });
        const text = ["项目编号,项目名称,所属地区,签约日期,开工日期,签约金额（万元）", ...lines].join("\n");
        const r = await importBytes(new TextEncoder().encode(text), { fileName: "d.csv", kind: "ledger" });
        expect(r.summary.accepted).toBe(rows.length);
        rows.forEach(([a, , fa], i) => expect(r.records[i].signed_date).toBe(forms(a)[fa][1]));
        agree(r);
      },
    ),
    { numRuns: 100 },
  );
});

test("workbook values (serials, Dates, text) and blanks or bad dates: numbers agree, null where there is no date", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(day, fc.nat(3)), { minLength: 1, maxLength: 20 }), (rows) => {
      const values: unknown[][] = [["项目编号", "项目名称", "所属地区", "签约日期", "开工日期"]];
      rows.forEach(([d, how], i) => {
        const cell =
          how === 0
            ? toExcelSerial(d)
            : how === 1
              ? new Date(Date.UTC(d.year, d.month - 1, d.day))
              : how === 2
                ? `${d.year}年${d.month}月${d.day}日`
                : "";
        values.push([`P-${i}`, `项目${i}`, "海东市", cell, i % 2 ? "不是日期" : ""]);
      });
      const r = importTable(values, { fileName: "台账!Ledger", kind: "ledger" });
      expect(r.records.length).toBe(rows.length);
      rows.forEach(([, how], i) => {
        expect(r.records[i].started_ymd).toBeNull();
        if (how === 3) expect(r.records[i].signed_ymd).toBeNull();
      });
      agree(r);
    }),
    { numRuns: 100 },
  );
});

describe("the numbers never reach an output", () => {
  const header = "项目编号,项目名称,所属地区,签约日期,开工日期,签约金额（万元）,备注";
  const ledger = (n: number) =>
    [
      header,
      ...Array.from(
        { length: n },
        (_, i) =>
          `P-${i},项目${i},${i % 2 ? "西宁市" : "海东市"},2025/3/${1 + (i % 28)},${i % 3 ? "" : "2025年4月"},${i},"注,${i}"`,
      ),
    ].join("\n");

  test("validate --json text: the model's fields in order, no *_ymd; piecewise output equals one JSON.stringify", async () => {
    for (const n of [0, 3, 4500]) {
      const r = await importBytes(new TextEncoder().encode(ledger(n)), { fileName: "l.csv", kind: "ledger" });
      let text = "";
      await writeValidationJson(r, (s) => {
        text += s;
      });
      expect(text).toBe(JSON.stringify(toValidationJson(r)));
      expect(text).not.toMatch(/_ymd/);
      const back = JSON.parse(text);
      expect(back.records.length).toBe(n);
      for (const rec of back.records) expect(Object.keys(rec)).toEqual([...LEDGER_OUTPUT_FIELDS]);
    }
  });

  test("funds, targets, figures and issues stream too", async () => {
    const r = await importBytes(new TextEncoder().encode(ledger(2500).replace(/\n(P-7|P-2100),/g, "\n,")), {
      fileName: "l.csv",
      kind: "ledger",
    });
    const mixed: ImportResult = {
      ...r,
      funds: [{ project: "P-1", date: "2025-03-01", amount: 1, out_of_province: true }],
      targets: [],
      figures: [],
    };
    let text = "";
    await writeValidationJson(mixed, (s) => {
      text += s;
    });
    expect(text).toBe(JSON.stringify(toValidationJson(mixed)));
    expect(JSON.parse(text).issues.length).toBeGreaterThan(0);
  });
});
