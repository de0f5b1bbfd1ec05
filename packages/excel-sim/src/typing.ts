/**
 * What Excel makes of a string written to `Range.values` / `Range.formulas`: the simulator's model of Excel's
 * typing conversion, kept in this one file (called from WorkbookModel.writeInput).
 *
 * Sources:
 * - @types/office-js, doc comment of `Range.values`: "If the returned value starts with a plus ("+"), minus ("-"), or
 *   equal sign ("="), Excel interprets this value as a formula." The same comment says locale-shaped strings are
 *   stored as text and points to ISO dates and serials as the locale-neutral forms.
 * - OfficeDev/office-js#1559 (Microsoft: "the APIs use USA locale by default… use Range.formulasLocal" to parse in
 *   the user's locale): `values` parses numbers, dates and times the way en-US typing does.
 * - OfficeDev/office-js#6687: a string written with a leading apostrophe is stored as text; the apostrophe is Excel's
 *   prefix character, not part of the value (reading the cell back gives the text without it).
 * - Excel's specifications and limits: a cell holds at most 32,767 characters.
 * - Excel's own typing rules (support articles "Enter a fraction", "Display numbers as negative in parentheses",
 *   "Enter a time"): `0 1/2` is a fraction, `(100)` is −100, `12:30` is a time of day.
 *
 * Where Excel's conversion of a form is not documented, or depends on the user's locale in a way the add-in cannot
 * know (2025年3月31日 and 3月5日 in zh-CN, ¥1,000, 3/5 as a day or a month, full-width digits, error literals, text
 * whose first non-blank character is a formula trigger behind tabs, line breaks or Unicode spaces, a leading "@"),
 * this model REFUSES with a "not modelled" error instead of guessing: code that writes such text unprotected fails
 * its test, exactly as it could fail in a real Excel.
 */
import type { CellValue } from "./workbook";

export type Typed =
  | { kind: "formula"; formula: string }
  | { kind: "value"; value: CellValue; format?: string }
  /** Excel refuses the write (code InvalidArgument), or the simulator does not know what Excel does (NotModelled). */
  | { kind: "refused"; code: "InvalidArgument" | "NotModelled"; message: string };

/** Excel's cell limit (specifications and limits: "Total number of characters that a cell can contain: 32,767"). */
export const MAX_CELL_CHARS = 32767;

function notModelled(input: string, reason: string): Typed {
  const shown = JSON.stringify(input.length > 60 ? `${input.slice(0, 60)}…` : input);
  return {
    kind: "refused",
    code: "NotModelled",
    message: `not modelled: the simulated Excel does not know how Excel converts ${shown} written to Range.values (${reason}); write it as text with a leading apostrophe`,
  };
}

function tooLong(input: string): Typed {
  return {
    kind: "refused",
    code: "InvalidArgument",
    message: `The argument is invalid or missing or has an incorrect format. (text longer than 32,767 characters: ${input.length})`,
  };
}

/** Numbers as Excel's en-US parser reads them: 12, -3.5, 1e3, 0012, 1,234.5, 12% (→ 0.12), ISO dates, fractions, times, (100). */
export function parseNumberText(text: string, date1904 = false): { value: number; format?: string } | null {
  const t = text.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return { value: Number(t) };
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) return { value: Number(t.replace(/,/g, "")), format: "#,##0" };
  const pct = /^([-+]?(\d+\.?\d*|\.\d+))%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, format: Number.isInteger(Number(pct[1])) ? "0%" : "0.00%" };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const dt = new Date(Date.UTC(y, m - 1, d));
    if (y >= 1900 && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d) {
      const serial = Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
      // In the 1904 date system serials are 1,462 days smaller and nothing before 1904-01-01 is a date.
      if (date1904) return y >= 1904 ? { value: serial - 1462, format: "yyyy-mm-dd" } : null;
      return { value: serial < 61 ? serial - 1 : serial, format: "yyyy-mm-dd" };
    }
  }
  // Accounting negative: (100) → -100.
  const paren = /^\((\d+\.?\d*|\.\d+)\)$/.exec(t);
  if (paren) return { value: -Number(paren[1]) };
  // Mixed fraction: 1 1/2 → 1.5 (a bare 1/2 is a date in en-US: not modelled, see below).
  const frac = /^(\d+) (\d+)\/(\d+)$/.exec(t);
  if (frac && Number(frac[3]) > 0 && Number(frac[2]) < Number(frac[3]))
    return { value: Number(frac[1]) + Number(frac[2]) / Number(frac[3]), format: "# ?/?" };
  // Time of day: 12:30, 8:05:09 → a fraction of a day.
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (time && Number(time[1]) < 24 && Number(time[2]) < 60 && Number(time[3] ?? 0) < 60) {
    return {
      value: (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0)) / 86400,
      format: time[3] ? "h:mm:ss" : "h:mm",
    };
  }
  return null;
}

/** Characters Excel or an importer may skip before the first visible one (ASCII and Unicode spaces, line breaks, BOM, zero-width). */
const LEADING_INVISIBLE = /^[\s\p{Zs}\u200B-\u200D\u2060\uFEFF]+/u;
const TRIGGER = /^[=+\-@]/;
const MONTH_WORDS =
  /jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|am|pm/gi;
/** What is left of a number, date, time, currency or fraction when its digits and separators are taken away. */
const NUMERIC_SHAPE = /^[\d.,:/\-+()%$¥€£年月日号时分秒点eE]*$/u;
const ERROR_LITERAL =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|EXTERNAL!)$/i;

/** Whether a string has the shape of something Excel might convert (a number, date, time, currency, fraction). */
function convertibleShape(s: string): boolean {
  const squeezed = s
    .normalize("NFKC")
    .replace(/[\s\p{Zs}]+/gu, "")
    .replace(MONTH_WORDS, "");
  return /\d/.test(squeezed) && NUMERIC_SHAPE.test(squeezed);
}

/**
 * The cell content Excel makes of `input` written to `values` or `formulas` of a cell whose number format is
 * `cellFormat`. Throws NotModelledError where Excel's behaviour is not known (see the file comment).
 */
export function typeIntoCell(input: string, cellFormat: string, date1904 = false): Typed {
  if (input === "") return { kind: "value", value: "" };
  if (cellFormat === "@") {
    // A Text-formatted cell keeps what is typed (Excel: "Format numbers as text"); whether it still treats a
    // leading apostrophe as the prefix is not documented.
    if (input.startsWith("'")) return notModelled(input, "a leading apostrophe in a cell formatted as Text (@)");
    return input.length > MAX_CELL_CHARS ? tooLong(input) : { kind: "value", value: input };
  }
  if (input.startsWith("'"))
    return input.length - 1 > MAX_CELL_CHARS ? tooLong(input) : { kind: "value", value: input.slice(1) };
  if (input.length > MAX_CELL_CHARS) return tooLong(input);
  if (input.startsWith("=") && input.length > 1) return { kind: "formula", formula: input };
  const num = parseNumberText(input, date1904);
  if (num !== null) return { kind: "value", value: num.value, format: num.format };
  if ((input.startsWith("+") || input.startsWith("-")) && input.length > 1)
    return { kind: "formula", formula: `=${input}` };
  if (input.startsWith("@"))
    return notModelled(input, "a leading @, which Excel may read as a formula (Lotus compatibility)");
  const lead = LEADING_INVISIBLE.exec(input);
  if (lead && TRIGGER.test(input.slice(lead[0].length))) {
    return notModelled(
      input,
      "a formula trigger behind spaces, tabs, line breaks or Unicode spaces, which Excel or an import may trim",
    );
  }
  const trimmed = input.trim();
  if (/^(true|false)$/i.test(trimmed)) return { kind: "value", value: trimmed.toLowerCase() === "true" };
  const folded = input.normalize("NFKC").replace(/[\s\p{Zs}\u200B-\u200D\u2060\uFEFF]+/gu, "");
  if (/^(true|false)$/i.test(folded)) return notModelled(input, "a full-width or spaced TRUE/FALSE");
  if (ERROR_LITERAL.test(folded)) return notModelled(input, "an error literal");
  if (TRIGGER.test(folded) && folded !== input) return notModelled(input, "a full-width formula trigger");
  if (convertibleShape(input))
    return notModelled(
      input,
      "a number, date, time, currency or fraction in a form whose conversion depends on the locale",
    );
  return { kind: "value", value: input };
}
