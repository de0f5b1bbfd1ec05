/**
 * Property tests: whatever the input, importers return an ImportResult whose counts add up, or throw an
 * ImportError with a known code (never INTERNAL, never a raw exception).
 */
import fc from "fast-check";
import Papa from "papaparse";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { importBytes, importTable, importUrl, ImportError, type ImportResult } from "../../src/import";
import {
  parseAmount,
  parseBoolean,
  parseCount,
  parseDate,
  parseInvestorType,
  parseMetric,
  parseMonth,
  parseStage,
  parseText,
  parseYear,
  plainCell,
} from "../../src/import/values";
import { normalizeHeader } from "../../src/import/fields";
import { FIXTURES, xlsxBytes } from "./helpers";

function checkResult(r: ImportResult): void {
  expect(r.summary.accepted + r.summary.rejected).toBe(r.summary.rows);
  // One record per accepted row, except a funds row with a partial 省外资金 amount, which becomes two entries.
  const out = r.records.length + r.funds.length + r.targets.length + r.figures.length;
  expect(out).toBeGreaterThanOrEqual(r.summary.accepted);
  expect(out - r.funds.length).toBeLessThanOrEqual(r.summary.accepted);
  const errorRows = new Set(r.issues.filter((i) => i.severity === "error").map((i) => `${i.file}|${i.row}`));
  expect(errorRows.size).toBe(r.summary.rejected);
  for (const i of r.issues) {
    expect(typeof i.message).toBe("string");
    expect(i.message.length).toBeGreaterThan(0);
    expect(i.message_en.length).toBeGreaterThan(0);
    expect(i.message.length).toBeLessThan(2000); // huge cells are quoted shortened
    expect(Number.isInteger(i.row)).toBe(true);
  }
  for (const rec of r.records) {
    expect(typeof rec.id).toBe("string");
    expect(rec.name).toBeTruthy();
    expect(rec.region).toBeTruthy();
    for (const a of [rec.signed_amount, rec.planned_investment])
      if (a != null) expect(Number.isFinite(a) && a >= 0).toBe(true);
  }
}

async function settle(p: Promise<ImportResult>): Promise<void> {
  try {
    checkResult(await p);
  } catch (e) {
    if (e instanceof ImportError) {
      expect(e.code).not.toBe("INTERNAL");
      expect(e.message_zh.length).toBeGreaterThan(0);
      expect(e.message_en.length).toBeGreaterThan(0);
      return;
    }
    throw e;
  }
}

const TRICKY = [
  "",
  " ",
  "=1+1",
  "+cmd",
  "-2+3",
  "@SUM(1)",
  "\t=1",
  "\r=1",
  "3500万元",
  "1.2亿",
  "约207亿元",
  "-5",
  "(3)",
  "１２，３４５",
  "1,234.5",
  "abc",
  "2025-02-19",
  "2025/2/19",
  "2025年2月",
  "45707",
  "20250219",
  "2025-13-45",
  "已签约",
  "竣工投产",
  "奇怪",
  "是",
  "否",
  "省外",
  "世界500强",
  "合计",
  "小计",
  "注：说明",
  "单位：万元",
  '"',
  '""',
  "a\nb",
  "a\r\nb",
  ",",
  ";",
  "\t",
  "|",
  "\u0000",
  "\ufeff",
  "\ud800",
  "🀄",
  "NaN",
  "Infinity",
  "签约金额（万元）",
  "项目名称",
  "所属地区",
  "—",
  "/",
  "x".repeat(3000),
];
const HEADERS = [
  "项目编号",
  "项目名称",
  "所属地区",
  "签约金额（万元）",
  "签约金额(亿元)",
  "计划总投资",
  "签约日期",
  "开工日期",
  "项目阶段",
  "企业类型",
  "投资方",
  "到位日期",
  "到位金额",
  "省外资金",
  "年份",
  "截至月份",
  "指标",
  "目标值",
  "数值",
  "口径",
  "状态",
  "单位",
  "序号",
  "未知列",
  "",
  "备注",
];

const cell = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1e6, max: 1e9 }).map(String),
  fc.double().map(String),
);
const grid = fc.tuple(
  fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 10 }),
  fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 25 }),
  fc.array(fc.array(cell, { maxLength: 3 }), { maxLength: 3 }),
);

describe("fuzz: parsers never throw", () => {
  test("cell parsers on anything", () => {
    fc.assert(
      fc.property(
        fc.anything({ withDate: true, withMap: true, withSet: true, withTypedArray: true, withBigInt: true }),
        (v) => {
          const p = plainCell(v);
          parseText(p);
          parseAmount(p);
          parseAmount(p, "万元");
          parseCount(p);
          parseDate(p);
          parseYear(p);
          parseMonth(p);
          parseStage(p);
          parseInvestorType(p);
          parseBoolean(p);
          parseMetric(p);
          normalizeHeader(typeof p === "string" ? p : String(typeof p));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("amounts are finite and non-negative when accepted", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.constantFrom(...TRICKY)), (s) => {
        const r = parseAmount(s, "万元");
        if (r && r.ok) expect(Number.isFinite(r.value) && r.value >= 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("fuzz: importers", () => {
  test("random bytes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom("x.csv", "x.json", "x.xlsx", "x", "x.txt"),
        async (bytes, name) => {
          await settle(importBytes(bytes, { fileName: name }));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("random CSV grids with any delimiter, quoting and line ending", async () => {
    await fc.assert(
      fc.asyncProperty(
        grid,
        fc.constantFrom(",", ";", "\t", "|"),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.integer({ min: 1024, max: 4096 }),
        async ([header, rows, title], delimiter, newline, bom, chunkSize) => {
          const text = Papa.unparse([...title, header, ...rows], {
            delimiter,
            newline,
            quotes: false,
            escapeFormulae: false,
          });
          const bytes = new TextEncoder().encode((bom ? "\ufeff" : "") + text);
          await settle(importBytes(bytes, { fileName: "g.csv", chunkSize }));
          await settle(importBytes(bytes, { fileName: "g.csv", kind: "ledger" }));
          await settle(importBytes(bytes, { fileName: "g.csv", kind: "figures" }));
        },
      ),
      { numRuns: 250 },
    );
  });

  test("a valid ledger header with random cells: every non-blank data row is accepted or rejected", async () => {
    const dataCell = fc.oneof(
      fc.constantFrom(...TRICKY.filter((t) => !/合计|小计|注|单位|项目名称|所属地区|签约金额|\n|\r|"|\u0000/.test(t))),
      fc.stringMatching(/^[a-z0-9甲乙丙]{0,6}$/),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(dataCell, { minLength: 6, maxLength: 6 }), { maxLength: 40 }),
        async (rows) => {
          const header = ["项目编号", "项目名称", "所属地区", "签约金额（万元）", "签约日期", "项目阶段"];
          const text = Papa.unparse([header, ...rows], { quotes: true, escapeFormulae: false });
          const r = await importBytes(new TextEncoder().encode(text), { fileName: "v.csv" });
          checkResult(r);
          const nonBlank = rows.filter((row) => row.some((c) => c.trim() !== "" && c !== "\ufeff")).length;
          expect(r.summary.rows).toBe(nonBlank);
        },
      ),
      { numRuns: 200 },
    );
  });

  test("truncated fixture files", async () => {
    const files: Array<{ f: string; bytes: Uint8Array }> = readdirSync(FIXTURES).map((f) => ({
      f,
      bytes: new Uint8Array(readFileSync(join(FIXTURES, f))),
    }));
    const xlsx = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("台账");
      ws.addRow(["项目名称", "所属地区", "签约金额"]);
      ws.addRow(["甲", "西宁市", 1]);
    });
    files.push({ f: "x.xlsx", bytes: xlsx });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...files),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async ({ f, bytes }, cut) => {
          await settle(importBytes(bytes.slice(0, Math.floor(bytes.length * cut)), { fileName: f }));
        },
      ),
      { numRuns: 200 },
    );
  });

  test("corrupted xlsx bytes", async () => {
    const xlsx = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("台账");
      ws.addRow(["项目名称", "所属地区", "签约金额"]);
      for (let i = 0; i < 20; i++) ws.addRow([`甲${i}`, "西宁市", i]);
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(xlsx.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        async (flips) => {
          const b = xlsx.slice();
          for (const [i, v] of flips) b[i] = v;
          await settle(importBytes(b, { fileName: "c.xlsx" }));
        },
      ),
      { numRuns: 60 },
    );
  });

  test("random xlsx grids (numbers, text, dates, booleans, formulas)", async () => {
    const xcell = fc.oneof(
      cell,
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.date({ min: new Date(1950, 0, 1), max: new Date(2100, 0, 1), noInvalidDate: true }),
      fc.constant(null),
      fc.record({ formula: fc.constant("1+1"), result: fc.oneof(fc.integer(), fc.string({ maxLength: 5 })) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...HEADERS), { minLength: 2, maxLength: 8 }),
        fc.array(fc.array(xcell, { maxLength: 8 }), { maxLength: 12 }),
        async (header, rows) => {
          const bytes = await xlsxBytes((wb) => {
            const ws = wb.addWorksheet("S");
            ws.addRow(header);
            for (const r of rows)
              ws.addRow(
                r.map((c) =>
                  typeof c === "string" ? c.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/g, "") : c,
                ),
              );
          });
          await settle(importBytes(bytes, { fileName: "r.xlsx" }));
        },
      ),
      { numRuns: 40 },
    );
  });

  test("random JSON values", async () => {
    const obj = fc.dictionary(
      fc.constantFrom(...HEADERS, "name", "region", "signed_amount", "id", "records"),
      fc.oneof(cell, fc.integer(), fc.boolean(), fc.constant(null), fc.double()),
    );
    const json = fc.oneof(
      fc.array(obj, { maxLength: 20 }),
      fc.record({ records: fc.array(obj, { maxLength: 10 }), funds: fc.array(obj, { maxLength: 5 }) }),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(json, async (v) => {
        await settle(importBytes(new TextEncoder().encode(JSON.stringify(v) ?? "null"), { fileName: "j.json" }));
      }),
      { numRuns: 300 },
    );
  });

  test("importTable on random values", () => {
    const v = fc.oneof(cell, fc.double(), fc.integer(), fc.boolean(), fc.constant(""), fc.constant(null));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(v, { maxLength: 8 }), { maxLength: 20 }),
        (header, rows) => {
          try {
            checkResult(importTable([header, ...rows], { fileName: "T" }));
          } catch (e) {
            if (!(e instanceof ImportError)) throw e;
            expect(e.code).not.toBe("INTERNAL");
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  test("importUrl with random URLs, statuses, content types and bodies", async () => {
    const url = fc.oneof(
      fc.webUrl({ validSchemes: ["https", "http"] }),
      fc.constantFrom(
        "http://localhost:3000/a.csv",
        "https://x.example.com/a.json",
        "ftp://x/y",
        "",
        "javascript:alert(1)",
        "https://",
      ),
      fc.string({ maxLength: 30 }),
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc
        .constantFrom("项目名称,所属地区\n甲,西宁市\n", "[]", "{}", '[{"项目名称":"甲","所属地区":"乙"}]')
        .map((t) => new TextEncoder().encode(t)),
    );
    const ctype = fc.constantFrom(
      null,
      "text/csv",
      "application/json",
      "text/plain; charset=gbk",
      "application/octet-stream",
      "text/html",
    );
    const status = fc.constantFrom(200, 200, 200, 204, 301, 404, 500);
    await fc.assert(
      fc.asyncProperty(url, body, ctype, status, fc.boolean(), async (u, b, ct, st, fail) => {
        const fetchImpl = (async () => {
          if (fail) throw new TypeError("Failed to fetch");
          return new Response(st === 204 ? null : b, { status: st, headers: ct ? { "content-type": ct } : {} });
        }) as unknown as typeof fetch;
        await settle(importUrl(u, { fileName: "", fetchImpl, timeoutMs: 1000, maxBytes: 400 }));
      }),
      { numRuns: 200 },
    );
  });

  test("huge cells", async () => {
    const huge = "长".repeat(2_000_000);
    const text = `项目名称,所属地区,签约金额,签约日期\n${huge},西宁市,${"9".repeat(5000)},${huge}\n甲,西宁市,1,2025-01-01\n`;
    const r = await importBytes(new TextEncoder().encode(text), { fileName: "h.csv", chunkSize: 65536 });
    checkResult(r);
    // A name of two million characters cannot go into an Excel cell: the row is rejected at import, saying so.
    expect(r.records.map((x) => x.name)).toEqual(["甲"]);
    expect(r.issues.find((i) => i.code === "cell_too_long")).toMatchObject({
      row: 2,
      column: "项目名称",
      severity: "error",
    });
    expect(r.issues.every((i) => i.message.length < 500)).toBe(true);
  });
});
