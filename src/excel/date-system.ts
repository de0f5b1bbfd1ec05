/**
 * The workbook's date system. Excel for Mac workbooks may use the 1904 date system, where serial 0 is 1904-01-01 and
 * every serial is 1,462 days smaller than in the 1900 system ("Date systems in Excel", support.microsoft.com; KB
 * 214330). The writer turns dates into serials and reads them back, so it must know which system the open workbook
 * uses.
 *
 * Detection uses only released API: Workbook.use1904DateSystem exists but is "ExcelApi BETA (PREVIEW ONLY)"
 * (OfficeDev/office-js-docs-reference, excel.workbook.yml), so instead the host evaluates the worksheet DATE function
 * through Workbook.functions (ExcelApi 1.2), whose doc comment says "year: Is a number from 1900 or 1904 (depending
 * on the workbook's date system)": DATE(1904,1,1) is 1462 in the 1900 system and 0 in the 1904 system.
 */
export const DATE_SYSTEM_OFFSET = 1462;

/** Queue the detection on `ctx`; the returned function answers after the next sync. */
export function queueDateSystem(ctx: Excel.RequestContext): () => boolean {
  const probe = ctx.workbook.functions.date(1904, 1, 1);
  probe.load("value");
  return () => probe.value === 0;
}

/** Whether the workbook of `ctx` uses the 1904 date system (one sync). */
export async function detectDate1904(ctx: Excel.RequestContext): Promise<boolean> {
  const is1904 = queueDateSystem(ctx);
  await ctx.sync();
  return is1904();
}

/** A serial of the workbook's system as a 1900-system serial (what the importer and src/core read). */
export function to1900Serial(serial: number, date1904: boolean): number {
  return date1904 ? serial + DATE_SYSTEM_OFFSET : serial;
}

/** A 1900-system serial as the workbook's serial. */
export function fromSerial1900(serial: number, date1904: boolean): number {
  return date1904 ? serial - DATE_SYSTEM_OFFSET : serial;
}

/**
 * Whether a number format shows a date or time: it has y, m, d, h or s outside quotes, brackets and escapes
 * ("yyyy-mm-dd", "yyyy\"年\"m\"月\"", "[$-804]yyyy/m/d", "m/d/yyyy h:mm"), and is not General.
 */
export function isDateFormat(nf: string): boolean {
  if (!nf || /^general$/i.test(nf) || nf === "@") return false;
  const bare = nf
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .replace(/_.|\*./g, "");
  return /[ymdhs]/i.test(bare.replace(/e[+-]/gi, ""));
}
