/**
 * Class 12 (issue 12): totals never depend on the order of the rows, and JSON keeps every digit.
 * - property: any permutation of the same records, funds entries, targets and figures gives identical numbers;
 * - fixed sequences whose plain sum depends on the order (FLOAT_TRAPS) give the exact sum, correctly rounded;
 * - property: the same ledger as CSV text and as JSON numbers (万元 with many decimals) imports to identical amounts
 *   and identical briefings;
 * - the JSON of `brief` carries the builder's doubles exactly.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { buildBriefing } from "../../src/briefing/build";
import { briefingJson } from "../../src/briefing/output";
import type { BriefingInput } from "../../src/briefing/types";
import { exactSum } from "../../src/core/exact-sum";
import type { FundsEntry, ProjectRecord, ReportedFigure, Target } from "../../src/core/model";
import { importBytes } from "../../src/import";
import { FLOAT_TRAPS } from "./corpus";

const REGIONS = ["城东区", "城西区", "高新区"];
const amount = fc.oneof(
  fc.integer({ min: 0, max: 10 ** 9 }).map((n) => n / 10 ** 8), // up to 10 亿元 with fen precision in 元
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, 0.2, 0.3, 1e-8, 1234.56789, 1e15, 2.675),
);
const day = fc
  .tuple(fc.constantFrom(2024, 2025), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const record = fc
  .tuple(fc.nat(), fc.constantFrom(...REGIONS), day, amount, fc.option(day))
  .map(([n, region, signed, a, started]): ProjectRecord => ({
    id: `P${n}`,
    name: `项目${n}`,
    region,
    signed_date: signed,
    started_date: started,
    signed_amount: a,
  }));
const funds = fc
  .tuple(fc.constantFrom(...REGIONS), day, amount, fc.boolean())
  .map(([region, date, a, oop]): FundsEntry => ({
    project: "P",
    region,
    date,
    amount: a,
    out_of_province: oop,
  }));
const target = fc
  .tuple(fc.constantFrom(...REGIONS, "合计"), amount)
  .map(([region, value]): Target => ({ year: 2025, region, metric: "signed_amount", value }));
const figure = fc.tuple(fc.constantFrom(...REGIONS), amount).map(([region, value]): ReportedFigure => ({
  year: 2025,
  through_month: 6,
  region,
  metric: "funds_in_place",
  value,
  scope: null,
}));

/** A permutation of an array by a list of random keys. */
const shuffled = <T>(xs: readonly T[], keys: number[]) =>
  xs
    .map((x, i) => [keys[i % keys.length] + i / 1e6, x] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);

const numbers = (input: BriefingInput) => briefingJson(buildBriefing(input, { period: "2025Q2" }), "").rows;

test("property: any permutation of the same records, funds, targets and figures gives identical totals", () => {
  fc.assert(
    fc.property(
      fc.array(record, { maxLength: 60 }),
      fc.array(funds, { maxLength: 40 }),
      fc.array(target, { maxLength: 8 }),
      fc.array(figure, { maxLength: 4 }),
      fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 70 }),
      (records, f, t, g, keys) => {
        const a = numbers({ records, funds: f, targets: t, figures: g });
        const b = numbers({
          records: shuffled(records, keys),
          funds: shuffled(f, keys),
          targets: shuffled(t, keys),
          figures: shuffled(g, keys),
        });
        expect(b).toEqual(a);
      },
    ),
    { numRuns: 300 },
  );
});

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

test.each(FLOAT_TRAPS.map((xs) => [xs.join(" + "), xs] as const))("%s: the exact sum in every order", (_, xs) => {
  const exact = exactSum(xs);
  // A reference independent of ExactSum: the doubles as exact binary fractions (BigInt), summed, then rounded once.
  expect(exact).toBe(referenceSum(xs));
  const orders = xs.length <= 4 ? permutations(xs) : [xs, [...xs].reverse(), [...xs.slice(1), xs[0]]];
  for (const order of orders) {
    const records = order.map((a, i): ProjectRecord => ({
      id: `P${i}`,
      name: `项目${i}`,
      region: "城东区",
      signed_date: "2025-02-01",
      signed_amount: a,
    }));
    const b = buildBriefing({ records }, { period: "2025Q1" });
    const row = b.tables.find((x) => x.metric === "signed_amount")!.rows[0];
    expect(row.actual).toBe(exact);
  }
});

/** Exact sum of doubles with BigInt (each double is m·2^e), rounded to the nearest double by decimal round trip. */
function referenceSum(xs: number[]): number {
  const SCALE = 1100n; // 2^-1100 is below every double's last bit
  let total = 0n;
  for (const x of xs) {
    if (x === 0) continue;
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, x);
    const bits = buf.getBigUint64(0);
    const sign = bits >> 63n ? -1n : 1n;
    const exp = Number((bits >> 52n) & 0x7ffn);
    const frac = bits & ((1n << 52n) - 1n);
    const mant = exp === 0 ? frac : frac | (1n << 52n);
    const e = BigInt((exp === 0 ? 1 : exp) - 1075);
    total += sign * (mant << (e + SCALE));
  }
  // total · 2^-1100 as a decimal string with enough digits (Number() rounds a decimal string correctly).
  const neg = total < 0n;
  let t = neg ? -total : total;
  const five = 5n ** SCALE; // x · 2^-1100 = x · 5^1100 / 10^1100
  t *= five;
  const digits = t.toString().padStart(1101, "0");
  const str = `${digits.slice(0, -1100) || "0"}.${digits.slice(-1100)}`;
  return (neg ? -1 : 1) * Number(str);
}

test("property: a ledger as CSV text and as JSON numbers (万元, many decimals) imports to the same doubles", async () => {
  const decimal = fc
    .tuple(fc.integer({ min: 0, max: 99999999 }), fc.integer({ min: 0, max: 12 }))
    .map(([n, d]) =>
      d === 0
        ? String(n)
        : `${Math.floor(n / 10 ** Math.min(d, 8))}.${String(n % 10 ** Math.min(d, 8)).padStart(Math.min(d, 8), "0")}`,
    )
    .filter((s) => String(Number(s)) === s || !s.includes(".") || Number(s) === Number(String(Number(s))));
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom(...REGIONS), decimal), { minLength: 1, maxLength: 30 }),
      async (rows) => {
        const objects = rows.map(([region, a], i) => ({
          项目编号: `P${i}`,
          项目名称: `项目${i}`,
          所属地区: region,
          签约日期: "2025-02-01",
          "签约金额（万元）": a,
        }));
        const csv = await importBytes(new TextEncoder().encode(Papa.unparse(objects)), {
          fileName: "l.csv",
          kind: "ledger",
        });
        const jsonRows = objects.map((o) => ({ ...o, "签约金额（万元）": Number(o["签约金额（万元）"]) }));
        const json = await importBytes(new TextEncoder().encode(JSON.stringify(jsonRows)), {
          fileName: "l.json",
          kind: "ledger",
        });
        expect(json.records.map((r) => r.signed_amount)).toEqual(csv.records.map((r) => r.signed_amount));
        expect(numbers({ records: json.records })).toEqual(numbers({ records: csv.records }));
      },
    ),
    { numRuns: 200 },
  );
});

test("JSON keeps every digit: the builder's doubles survive stringify and parse exactly", () => {
  const records = [0.1, 0.2, 1e-8, 1234.56789012345].map((a, i): ProjectRecord => ({
    id: `P${i}`,
    name: `x${i}`,
    region: "城东区",
    signed_date: "2025-02-01",
    signed_amount: a,
  }));
  const b = buildBriefing(
    { records, targets: [{ year: 2025, region: "城东区", metric: "signed_amount", value: 3 }] },
    { period: "2025Q1" },
  );
  const json = briefingJson(b, "");
  const back = JSON.parse(JSON.stringify(json)) as typeof json;
  expect(back.rows).toEqual(json.rows);
  const row = json.rows.find((r) => r.metric === "signed_amount" && r.region === "城东区")!;
  expect(row.actual).toBe(exactSum([0.1, 0.2, 1e-8, 1234.56789012345]));
  expect(row.completion_rate).toBe(row.actual! / 3);
});
