/**
 * The rows of one metric table of the side-by-side card (rules: ./flat-card.ts): each region's cells look the data up
 * by the region's own cell (an escaped criterion), and 合计 sums the region rows above it.
 */
import { regionCriterion } from "../core/regions";
import { actualFormula, sourceFormula, targetFormula } from "./data-formulas";
import { paceCells, shareFormula, sourceLabel, yoyFormula } from "./row-cells";
import { a1, COL, FMT, quote } from "./sheet-grid";
import { labelsOf } from "./sheet-labels";
import type { TableFrame } from "./table-frame";
import { type BriefingRow, TOTAL_REGION } from "./types";

export function flatRows(frame: TableFrame): void {
  const { t, firstRow } = frame;
  [...t.rows, t.total].forEach((row, k) => flatRow(frame, row, k === t.rows.length, firstRow + k));
}

function flatRow(frame: TableFrame, row: BriefingRow, isTotal: boolean, r: number): void {
  const { ctx, t, firstRow, fmtValue, live, f } = frame;
  const { b } = ctx;
  const L = labelsOf(ctx.o.language);
  const totalRow = firstRow + t.rows.length;
  const regionRange = (col: number) => `${a1(firstRow, col, true)}:${a1(totalRow - 1, col, true)}`;
  const cells = frame.newRow();
  const A = (col: number) => a1(r, col);
  // The criterion that matches exactly this region (wildcards escaped, "=" before an operator): the one rule of
  // src/core/regions.ts, which the builder groups by and the importer folds to.
  // The total's cell shows "Total" in English: its target is looked up by the literal 合计, not by the cell.
  const regionCell = isTotal ? quote(TOTAL_REGION) : regionCriterion(a1(r, COL.region, false, true), row.region);
  cells[COL.region] = { value: isTotal ? L.total : row.region, role: isTotal ? "total" : "region" };
  const sumOver = (col: number) => `=IF(COUNT(${regionRange(col)})>0,SUM(${regionRange(col)}),"")`;
  const actualF = isTotal ? sumOver(COL.actual) : actualFormula(ctx, t.metric, regionCell, b.span.year);
  const priorF = isTotal ? sumOver(COL.prior) : actualFormula(ctx, t.metric, regionCell, b.span.year - 1);
  cells[COL.actual] = { value: row.actual, formula: f(actualF), numFmt: fmtValue, role: "value" };
  cells[COL.prior] = { value: row.prior, formula: f(priorF), numFmt: fmtValue, role: "value" };
  const targetF = isTotal
    ? `=${targetFormula(ctx, t.metric, regionCell)}IF(COUNT(${regionRange(COL.target)})=ROWS(${regionRange(COL.target)}),SUM(${regionRange(COL.target)}),""))`
    : `=${targetFormula(ctx, t.metric, regionCell)}"")`;
  cells[COL.target] = { value: row.target, formula: f(targetF), numFmt: fmtValue, role: "value" };
  const B = A(COL.actual),
    D = A(COL.rate),
    H = A(COL.prior);
  // Rates are rounded to 12 decimals so that the rank's COUNTIFS(">"&rate) criterion, which passes through
  // text, compares exactly (ties stay ties in every engine); 1e-12 is far below any published precision.
  paceCells(cells, row, { B, C: A(COL.target), D, F: A(COL.gap) }, live, f, ctx.o.language);
  // The total's growth only like for like: the same regions have an actual and a prior.
  const likeForLike = isTotal
    ? `,COUNTIFS(${regionRange(COL.actual)},">-1E+300",${regionRange(COL.prior)},">-1E+300")<>COUNT(${regionRange(COL.actual)}),COUNT(${regionRange(COL.actual)})<>COUNT(${regionRange(COL.prior)})`
    : "";
  cells[COL.yoy] = {
    value: row.yoy_growth,
    formula: f(yoyFormula(live, B, H, likeForLike)),
    numFmt: FMT.percent,
    role: "value",
  };
  const shareF = shareFormula(live, B, a1(totalRow, COL.actual, true));
  cells[COL.share] = { value: row.share, formula: f(shareF), numFmt: FMT.percent, role: "value" };
  cells[COL.rank] = isTotal
    ? { value: null, role: "value" }
    : {
        value: row.rank,
        formula: f(`=IF(${D}="","",COUNTIFS(${regionRange(COL.rate)},">"&${D})+1)`),
        numFmt: FMT.rank,
        role: "value",
      };
  const [figLabel, ledgerLabel] = L.source;
  const srcRange = regionRange(COL.source);
  const srcF = isTotal
    ? `=IF(COUNTIF(${srcRange},${quote(ledgerLabel)})>0,${quote(ledgerLabel)},IF(COUNTIF(${srcRange},${quote(figLabel)})>0,${quote(figLabel)},""))`
    : sourceFormula(ctx, t.metric, regionCell, b.span.year);
  cells[COL.source] = { value: sourceLabel(row, L.source), formula: f(srcF), role: "value" };
}
