/**
 * Labels that mark a row as something other than data: total and subtotal labels (合计, 西宁市小计, Total), note lines
 * (注：, 填表人), a unit line above the header (单位：万元), and the region names that would read as the briefing's
 * total row. Plain patterns and cheap pre-tests only; what a row with such a label means is decided in ./total-rows.ts
 * and ../table.ts.
 */
import type { DatasetKind } from "../types";

/**
 * A total label standing alone in its cell (after NFKC and without spaces): 合计, 小计, 总计, 共计, 累计合计, 总合计,
 * 全部合计, 本页合计, Total, Subtotal, Grand total, Sum, with at most a colon and a bracketed qualifier ("合计（万元）",
 * "小计：", "Total (10k CNY)"). A name that merely contains such a word (合计收入分成项目, SUM光伏, Total2) is not one.
 */
export const TOTAL_LABEL =
  /^(总合计|全部合计|本页合计|累计合计|合计|小计|总计|共计|total|subtotal|grandtotal|sum)[:：]?(?:\([^()]*\))?[:：]?$/i;
/**
 * A total label naming its scope or its count, as WPS and hand-made ledgers write them: 西宁市小计, 全市合计,
 * 合计：2个项目, 小计（3项）. The scope must be a place or a page (ending in 市 县 区 州 省 盟 旗 镇 乡, or 全市,
 * 本页…) or a region the file already used, so that 光伏合计 stays a name; after the label only a colon or a bracket
 * may follow, so 合计收入分成项目 stays a name too.
 */
export const SCOPED_TOTAL =
  /^(.{1,12}?)?(总合计|全部合计|本页合计|累计合计|合计|小计|总计|共计)(?:[:：].{0,30}|\([^()]{0,30}\))?$/;
/**
 * Ledger and funds regions that would read as the briefing's total row (TOTAL_REGION, 合计) or another Chinese total
 * label: rejected (region_total_label). "Total" is left alone: the briefing never names its total row so.
 */
export const RESERVED_REGION = /^(总合计|全部合计|本页合计|累计合计|合计|小计|总计|共计)[:：]?(?:\([^()]*\))?[:：]?$/;
export const SCOPE_WORD =
  /^(?:[全本](?:市|省|州|县|区|盟|旗|页|表|年|季度?|月)|.{1,10}(?:市|县|区|州|省|盟|旗|镇|乡|园区|开发区|新区))$/;
/** Cheap test before TOTAL_LABEL: the cell could be a label at all. */
const TOTAL_HINT = /计|^[\s\u3000]*[tsgｔｓｇ]/i;

/**
 * TOTAL_HINT.test(c), answered without the expression for nearly every cell (a million-row ledger asks it several
 * times a row): it can match only where "计" occurs, or where the cell starts with t, s or g (either case, either
 * width) or with whitespace. test/import/total-hint.test.ts checks it against the expression.
 */
export function mayBeTotalLabel(c: string): boolean {
  if (c.indexOf("计") >= 0) return true;
  const c0 = c.charCodeAt(0);
  if (c0 === 116 || c0 === 84 || c0 === 115 || c0 === 83 || c0 === 103 || c0 === 71) return true;
  if (c0 === 0xff54 || c0 === 0xff34 || c0 === 0xff53 || c0 === 0xff33 || c0 === 0xff47 || c0 === 0xff27) return true;
  return isJsWhitespace(c0) && TOTAL_HINT.test(c);
}

/** What \s matches in a regular expression (WhiteSpace and LineTerminator). */
function isJsWhitespace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Fields that a total row leaves blank (unless the label itself stands there): ids, names, dates, year, metric. */
export const TOTAL_BLANK_FIELDS: Record<DatasetKind, string[]> = {
  ledger: ["id", "name", "signed_date", "started_date"],
  funds: ["project", "project_name", "date"],
  targets: ["year", "metric"],
  figures: ["year", "metric"],
  regions: ["parent", "level", "code"],
};

/** A note line under or among the data (注：, 备注：, 填表人, 数据来源：…), after NFKC. */
export const NOTE_RE =
  /^(?:注[:：\s]|注$|备注[:：]|说明[:：]|填表人|填报人|制表|审核人|审核[:：]|负责人[:：]|联系人|联系电话|数据来源[:：]|资料来源[:：]|来源[:：]|单位[:：]|填报单位|填表日期|填报日期|note[:\s])/i;
/** 单位：万元, 单位 : 万元, （单位（万元））, 金额单位为万元 (after NFKC). */
export const UNIT_LINE_RE = /单位\s*(?:[:：]|为|是)?\s*[(（]?\s*([^\s,，;；)）(（]+)/;
