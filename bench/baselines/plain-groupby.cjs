#!/usr/bin/env node
/**
 * Baseline for `invest validate` and `invest brief --format json` (bench/cli.bench.ts): what a plain streaming Node
 * script does with the same ledger CSV, as one would write it by hand. The file is read 128 KiB at a time as UTF-8,
 * parsed by papaparse's chunked parser (rows not kept), and grouped by 所属地区: projects signed (count), amount
 * signed (签约金额（万元） ÷ 10,000 = 亿元) and projects started (count), for January through the period's last
 * month of the year and of the year before. Dates are read in the three forms the ledger uses (2025-03-15,
 * 2025/3/15, 2025年3月15日). No validation, no messages, no exact sums.
 *
 *   node bench/baselines/plain-groupby.cjs <ledger.csv> <year> <throughMonth>   → JSON on stdout
 */
const fs = require("node:fs");
const Papa = require("papaparse");

const [file, yearArg, monthArg] = process.argv.slice(2);
const year = Number(yearArg);
const through = Number(monthArg);

/** Year × 12 + month − 1 of "2025-03-15", "2025/3/15" or "2025年3月15日"; -1 otherwise. */
function monthKey(s) {
  if (!s || s.length < 6) return -1;
  const y = Number(s.slice(0, 4));
  const sep = s.charCodeAt(4);
  if (!(sep === 45 || sep === 47 || sep === 0x5e74) || !(y > 0)) return -1;
  let m = s.charCodeAt(5) - 48;
  const c = s.charCodeAt(6) - 48;
  if (c >= 0 && c <= 9) m = m * 10 + c;
  return m >= 1 && m <= 12 ? y * 12 + m - 1 : -1;
}

const groups = new Map();
let cols = null;
let rows = 0;
const cur0 = year * 12,
  cur1 = year * 12 + through - 1,
  pri0 = cur0 - 12,
  pri1 = cur1 - 12;

function row(cells) {
  if (cols === null) {
    cols = {
      region: cells.indexOf("所属地区"),
      signed: cells.indexOf("签约日期"),
      started: cells.indexOf("开工日期"),
      amount: cells.indexOf("签约金额（万元）"),
    };
    return;
  }
  const region = cells[cols.region];
  if (!region) return;
  rows++;
  let g = groups.get(region);
  if (!g) groups.set(region, (g = { signed: [0, 0], amount: [0, 0], started: [0, 0] }));
  const s = monthKey(cells[cols.signed]);
  const k = s >= cur0 && s <= cur1 ? 0 : s >= pri0 && s <= pri1 ? 1 : -1;
  if (k >= 0) {
    g.signed[k]++;
    const a = cells[cols.amount];
    if (a) g.amount[k] += Number(a) / 10000;
  }
  const t = monthKey(cells[cols.started]);
  const j = t >= cur0 && t <= cur1 ? 0 : t >= pri0 && t <= pri1 ? 1 : -1;
  if (j >= 0) g.started[j]++;
}

const parser = new Papa.Parser({ delimiter: ",", newline: "\n", quoteChar: '"' });
let partial = "";
const stream = fs.createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 17 });
stream.on("data", (text) => {
  const input = partial + text;
  const res = parser.parse(input, 0, true);
  for (const cells of res.data) row(cells);
  partial = input.substring(res.meta.cursor);
});
stream.on("end", () => {
  if (partial) for (const cells of parser.parse(partial, 0, false).data) if (cells.length > 1) row(cells);
  const out = {};
  for (const [region, g] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out[region] = g;
  process.stdout.write(JSON.stringify({ rows, groups: out }) + "\n");
});
