/**
 * Class 8 (issue 12): characters XML cannot hold (C0 controls but tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) made the
 * exported xlsx malformed, so that other readers blanked every later cell. Every part of the exported workbook is
 * now parsed as XML and checked against XML 1.0's Char production; each replaced character is reported at its cell.
 */
import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import { buildBriefing } from "../../src/briefing/build";
import type { ProjectRecord } from "../../src/core/model";
import { briefingXlsx, type SanitizedCell } from "../../src/export";
import { LEDGER } from "../../src/core/columns";
import { unzip } from "./zip";
import { XML_INVALID_CHARS } from "./corpus";

/** XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] (surrogate pairs). */
const NOT_XML_CHAR =
  /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hex = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

test.each(XML_INVALID_CHARS.map((c) => [hex(c), c]))(
  "%s in names, regions and notes: well-formed XML, replaced and reported, later cells intact",
  async (_, ch) => {
    const records: ProjectRecord[] = [0, 1, 2].map((i) => ({
      id: `P-${i}`,
      name: i === 1 ? `光伏${ch}项目` : `项目${i}`,
      region: i === 1 ? `西宁${ch}` : "海东市",
      signed_date: "2025-02-01",
      signed_amount: i + 1,
      notes: i === 1 ? `备注${ch}` : `备注${i}`,
    }));
    const b = buildBriefing({ records }, { period: "2025Q1" });
    const sanitized: SanitizedCell[] = [];
    const bytes = await briefingXlsx({ records }, b, { sanitized });
    const parts = unzip(bytes);
    for (const [name, data] of parts) {
      if (!name.endsWith(".xml") && !name.endsWith(".rels")) continue;
      const xml = data.toString("utf8");
      expect({ name, valid: XMLValidator.validate(xml) }).toEqual({ name, valid: true });
      expect({ name, bad: NOT_XML_CHAR.exec(xml)?.[0] ?? null }).toEqual({ name, bad: null });
    }
    // Reported where: the ledger's name, region and notes of record 1 (sheet row 3), and the briefing's region cells.
    const ledgerCells = sanitized
      .filter((c) => c.sheet === LEDGER.sheet)
      .map((c) => c.cell)
      .sort();
    const col = (field: string) => String.fromCharCode(65 + LEDGER.columns.findIndex((c) => c.field === field));
    expect(ledgerCells).toEqual([`${col("name")}3`, `${col("notes")}3`, `${col("region")}3`].sort());
    expect(sanitized.every((c) => c.characters.length === 1 && c.characters[0].startsWith("U+"))).toBe(true);
    expect(sanitized.some((c) => c.sheet.startsWith("成绩单"))).toBe(true);
    // Another reader (exceljs) sees every later cell, and the replaced one as U+FFFD.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const ws = wb.getWorksheet(LEDGER.sheet)!;
    expect(ws.getCell(`${col("name")}3`).value).toBe("光伏\uFFFD项目");
    expect(ws.getCell(`${col("name")}4`).value).toBe("项目2");
    expect(ws.getCell(`${col("notes")}4`).value).toBe("备注2");
  },
);
