#!/usr/bin/env node
/**
 * Baseline for `invest brief --format json` (bench/cli.bench.ts): DuckDB (@duckdb/node-api, a benchmark-only
 * development dependency) doing the same group-by as plain-groupby.cjs on the same CSV: projects signed, amount
 * signed (万元 ÷ 10,000 = 亿元) and projects started per 所属地区, January through the period's last month of the
 * year and of the year before, the year and month read from the three date forms by one regular expression.
 * DuckDB reads the CSV with its own parallel reader (all columns as text).
 *
 *   node bench/baselines/duckdb-groupby.cjs <ledger.csv> <year> <throughMonth>   → JSON on stdout
 */
const { DuckDBInstance } = require("@duckdb/node-api");

async function main() {
  const [file, yearArg, monthArg] = process.argv.slice(2);
  const year = Number(yearArg);
  const through = Number(monthArg);
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const quoted = `'${file.replace(/'/g, "''")}'`;
  const ym = (col) =>
    `(TRY_CAST(regexp_extract(${col}, '^(\\d{4})[-/年](\\d{1,2})', 1) AS INTEGER) * 12 + TRY_CAST(regexp_extract(${col}, '^(\\d{4})[-/年](\\d{1,2})', 2) AS INTEGER) - 1)`;
  const cur0 = year * 12,
    cur1 = year * 12 + through - 1,
    pri0 = cur0 - 12,
    pri1 = cur1 - 12;
  const sql = `
    WITH t AS (
      SELECT "所属地区" AS region, ${ym('"签约日期"')} AS s, ${ym('"开工日期"')} AS st, TRY_CAST("签约金额（万元）" AS DOUBLE) / 10000 AS amount
      FROM read_csv(${quoted}, header = true, all_varchar = true)
      WHERE "所属地区" IS NOT NULL AND "所属地区" <> ''
    )
    SELECT region,
      count(*) FILTER (WHERE s BETWEEN ${cur0} AND ${cur1}) AS signed_cur,
      count(*) FILTER (WHERE s BETWEEN ${pri0} AND ${pri1}) AS signed_prior,
      coalesce(sum(amount) FILTER (WHERE s BETWEEN ${cur0} AND ${cur1}), 0) AS amount_cur,
      coalesce(sum(amount) FILTER (WHERE s BETWEEN ${pri0} AND ${pri1}), 0) AS amount_prior,
      count(*) FILTER (WHERE st BETWEEN ${cur0} AND ${cur1}) AS started_cur,
      count(*) FILTER (WHERE st BETWEEN ${pri0} AND ${pri1}) AS started_prior,
      count(*) AS rows
    FROM t GROUP BY region ORDER BY region`;
  const reader = await con.runAndReadAll(sql);
  const groups = {};
  let rows = 0;
  for (const r of reader.getRowObjectsJS()) {
    rows += Number(r.rows);
    groups[r.region] = {
      signed: [Number(r.signed_cur), Number(r.signed_prior)],
      amount: [Number(r.amount_cur), Number(r.amount_prior)],
      started: [Number(r.started_cur), Number(r.started_prior)],
    };
  }
  process.stdout.write(JSON.stringify({ rows, groups }) + "\n");
  con.closeSync?.();
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
