/**
 * Class 1 (issue 12) and item 7 of issue 11: text written into a sheet must land as exactly that text.
 *
 * Against the class, not examples: every formula trigger (ASCII and full width) behind every invisible prefix a
 * spreadsheet or an importer may trim, with arithmetic, DDE and HYPERLINK tails; every form Excel converts when
 * typed in a zh-CN or en-US locale; random Unicode text (fast-check). Two halves:
 * 1. the simulated Excel (packages/excel-sim/src/typing.ts) converts or refuses each of these forms when written unprotected, so a
 *    missing protection anywhere fails a test;
 * 2. through textCell (src/excel/values.ts, THE text-cell function) each one lands as exactly its text.
 */
import fc from "fast-check";
import { isInertText, storedValue, textCell } from "../../src/excel/values";
import { parseText } from "../../src/import/values";
import { briefingText, singleLine } from "../../src/briefing/text";
import { createSimulatedExcel, SimulatedExcel } from "../../packages/excel-sim/src";
import { CONVERTIBLE_TEXT, formulaPayloads, INVISIBLE_PREFIXES, MULTILINE_NAMES, TRIGGERS } from "./corpus";

let sim: SimulatedExcel;
beforeAll(() => {
  sim = createSimulatedExcel({ sheets: ["Sheet1"] }).install();
});
afterAll(() => sim.uninstall());

/** Write each string into its own cell of column A (one batch) and read value and formula back. */
async function roundTrip(inputs: string[], sheet = "Sheet1"): Promise<{ value: unknown; formula?: string }[]> {
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.getRange("A:A").clear();
    if (inputs.length) ws.getRange(`A1:A${inputs.length}`).values = inputs.map((s) => [s]);
    await ctx.sync();
  });
  return inputs.map((_, i) => sim.workbook.cell(sheet, `A${i + 1}`));
}

/** Write one string unprotected: what the simulated Excel makes of it, or the code of its refusal. */
async function unprotected(input: string): Promise<{ stored: unknown; formula?: string } | { refused: string }> {
  try {
    const [cell] = await roundTrip([input]);
    return { stored: cell.value, formula: cell.formula };
  } catch (e) {
    return { refused: (e as { code?: string }).code ?? String(e) };
  }
}

/** Digits of other scripts and numeral letters: no known Excel conversion (the simulator keeps them), protected anyway. */
const KEPT_BY_EXCEL = new Set(["٣", "१२३", "Ⅻ"]);

const hostile = [...formulaPayloads(), ...CONVERTIBLE_TEXT, ...MULTILINE_NAMES];

describe("the simulated Excel answers to Excel: unprotected hostile text is converted or refused, never kept silently", () => {
  test(`${formulaPayloads().length} formula payloads (8 triggers × 16 invisible prefixes × 6 tails)`, async () => {
    const kept: string[] = [];
    for (const p of formulaPayloads()) {
      const r = await unprotected(p);
      if ("stored" in r && r.stored === p && !r.formula) kept.push(JSON.stringify(p));
    }
    expect(kept).toEqual([]);
  });

  test(`${CONVERTIBLE_TEXT.length} forms Excel converts (dates, times, currency, fractions, booleans, errors, '…, 0012…)`, async () => {
    const kept: string[] = [];
    const refused: string[] = [];
    for (const s of CONVERTIBLE_TEXT) {
      const r = await unprotected(s);
      if ("refused" in r) refused.push(s);
      else if (r.stored === s && !r.formula && !KEPT_BY_EXCEL.has(s)) kept.push(JSON.stringify(s));
    }
    expect(kept).toEqual([]);
    // Locale-dependent forms are refused as "not modelled" rather than guessed.
    expect(refused).toEqual(
      expect.arrayContaining(["2025年3月31日", "3月5日", "¥1,000", "1/2", "１２３", "#N/A", "1,234.5,678"]),
    );
  });

  test("documented conversions are modelled: = + - formulas, numbers, 0012, %, ISO dates, (100), 1 1/2, 12:30, TRUE, the apostrophe", async () => {
    const cells = await roundTrip([
      "=1+1",
      "+A1",
      "0012",
      "50%",
      "2025-03-31",
      "(100)",
      "1 1/2",
      "12:30",
      "TRUE",
      "'=1+1",
    ]);
    expect(cells.map((c) => c.formula ?? null)).toEqual([
      "=1+1",
      "=+A1",
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(cells.slice(2).map((c) => c.value)).toEqual([12, 0.5, 45747, -100, 1.5, 0.5208333333333334, true, "=1+1"]);
  });
});

describe("textCell: every hostile string lands as exactly its text", () => {
  test(`${hostile.length} fixed hostile strings, written in one batch, read back unchanged, no formula`, async () => {
    const cells = await roundTrip(hostile.map(textCell));
    const wrong = cells
      .map((c, i) => ({ i, s: hostile[i], c }))
      .filter(({ s, c }) => c.value !== s || c.formula !== undefined);
    expect(wrong).toEqual([]);
  });

  test("random Unicode text behind random triggers and prefixes (fast-check)", async () => {
    const text = fc
      .oneof(
        fc.string({ unit: "grapheme", maxLength: 20 }),
        fc.string({ unit: "binary", maxLength: 12 }),
        fc
          .tuple(
            fc.constantFrom(...INVISIBLE_PREFIXES),
            fc.constantFrom(...TRIGGERS, "'", "#", "(", "¥", "０"),
            fc.string({ maxLength: 10 }),
          )
          .map(([p, t, rest]) => p + t + rest),
      )
      .filter((s) => s.length > 0);
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 25 }), async (batch) => {
        const cells = await roundTrip(batch.map(textCell));
        cells.forEach((c, i) => {
          expect({ s: batch[i], value: c.value, formula: c.formula }).toEqual({
            s: batch[i],
            value: batch[i],
            formula: undefined,
          });
        });
      }),
      { numRuns: 60 },
    );
  });

  test("inert text is written as is; everything else gets the apostrophe, which is never part of the value", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), (s) => {
        const written = textCell(s);
        expect(storedValue(written)).toBe(s);
        if (written === s) {
          // Written bare only if it starts with a letter, holds no digit of any script and is no boolean.
          expect(
            s === "" || (/^\p{L}/u.test(s) && !/\p{N}/u.test(s) && !/^(true|false)$/i.test(s.normalize("NFKC").trim())),
          ).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
    expect(["西宁开发区", "Total", "合计"].every(isInertText)).toBe(true);
    expect(["QH-2025-001", "1号地块", " 西宁", "\u3000=1"].some(isInertText)).toBe(false);
  });
});

describe("the importer never leaves a bare trigger, and a name never starts a new line", () => {
  test("a trigger behind any invisible prefix is kept verbatim (trimming would expose it)", () => {
    for (const p of formulaPayloads()) expect({ p, got: parseText(p) }).toEqual({ p, got: p });
    expect(parseText("\u00A0西宁市\u3000")).toBe("西宁市");
  });

  test("line breaks of every kind inside a region name become one space in the briefing text", () => {
    for (const name of MULTILINE_NAMES) {
      const line = singleLine(name);
      expect(/[\n\r\v\f\u0085\u2028\u2029]/.test(line)).toBe(false);
      expect(line).toBe(name.replace(/[\n\r\v\f\u0085\u2028\u2029]+/g, " "));
    }
    const row = (region: string) => ({
      region,
      metric: "signed_projects" as const,
      actual: 1,
      actual_source: "ledger" as const,
      target: null,
      completion_rate: null,
      time_progress: 0.25,
      pace_gap: null,
      status: null,
      prior: null,
      prior_source: null,
      yoy_growth: null,
      share: 1,
      rank: null,
    });
    const regions = [...MULTILINE_NAMES];
    const text = briefingText({
      period: "2025Q1",
      span: { year: 2025, fromMonth: 1, toMonth: 3 } as never,
      prior_span: { year: 2024, fromMonth: 1, toMonth: 3 } as never,
      as_of: "2025-03-31",
      basis: "month",
      tolerance: 10,
      time_progress: 0.25,
      regions,
      metrics: ["signed_projects"],
      tables: [{ metric: "signed_projects", rows: regions.map(row), total: row("合计"), total_target_source: null }],
      warnings: [],
      stats: { records: 8, funds: 0, funds_region_from_ledger: 0, funds_unattributed: 0 },
    });
    // One heading line, the total and one line per region: no region name added a line.
    expect(text.split(/\r\n?|\n|\u2028|\u2029/)).toHaveLength(2 + regions.length);
  });
});
