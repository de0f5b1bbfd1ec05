/**
 * A1 addresses and formula text for the simulated Excel host: parsing and printing addresses, moving relative
 * references (copy/paste semantics), A1 ⇄ R1C1, and the translation of structured references
 * (Ledger[签约金额(亿元)], [@备注], Ledger[[#This Row],[名称]]) into plain A1 ranges for HyperFormula, which does
 * not parse structured references. Pure TypeScript, no Node APIs (the offline preview runs this in a browser).
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/** Whether two rectangles share a cell. */
export function rectsMeet(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

/** Whether `a` lies wholly inside `b`. */
export function rectInside(a: Rect, b: Rect): boolean {
  return a.r0 >= b.r0 && a.r1 <= b.r1 && a.c0 >= b.c0 && a.c1 <= b.c1;
}

export { columnLetters as colToLetters, columnIndex as lettersToCol } from "../../../src/core/a1";
import { columnLetters as colToLetters, columnIndex as lettersToCol } from "../../../src/core/a1";

/** Whether a sheet name must be quoted in an address (Excel quotes names with spaces or punctuation). */
export function quoteSheet(name: string, always = false): string {
  if (
    !always &&
    /^[A-Za-z_\u3400-\u9fff\uf900-\ufaff][\w.\u3400-\u9fff\uf900-\ufaff]*$/.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name)
  )
    return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export function cellAddress(r: number, c: number): string {
  return `${colToLetters(c)}${r + 1}`;
}

export function rectAddress(rect: Rect): string {
  const a = cellAddress(rect.r0, rect.c0);
  if (rect.r0 === rect.r1 && rect.c0 === rect.c1) return a;
  if (rect.r0 === 0 && rect.r1 === MAX_ROWS - 1) return `${colToLetters(rect.c0)}:${colToLetters(rect.c1)}`;
  if (rect.c0 === 0 && rect.c1 === MAX_COLS - 1) return `${rect.r0 + 1}:${rect.r1 + 1}`;
  return `${a}:${cellAddress(rect.r1, rect.c1)}`;
}

/** Parse "A1", "A1:C3", "A:C", "2:5", optionally prefixed by "Sheet!" or "'My sheet'!". Null when malformed. */
export function parseAddress(text: string): { sheet?: string; rect: Rect } | null {
  let rest = text.trim();
  let sheet: string | undefined;
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    sheet = rest.slice(0, bang);
    rest = rest.slice(bang + 1);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  }
  const parts = rest.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length < 1 || parts.length > 2) return null;
  const ends = parts.map((p) => {
    let m = /^([A-Z]{1,3})(\d+)$/.exec(p);
    if (m) return { r: Number(m[2]) - 1, c: lettersToCol(m[1]), kind: "cell" as const };
    m = /^([A-Z]{1,3})$/.exec(p);
    if (m) return { r: -1, c: lettersToCol(m[1]), kind: "col" as const };
    m = /^(\d+)$/.exec(p);
    if (m) return { r: Number(m[1]) - 1, c: -1, kind: "row" as const };
    return null;
  });
  if (ends.some((e) => !e)) return null;
  const [a, b] = [ends[0]!, ends[1] ?? ends[0]!];
  if (a.kind !== b.kind) return null;
  let rect: Rect;
  if (a.kind === "cell")
    rect = { r0: Math.min(a.r, b.r), c0: Math.min(a.c, b.c), r1: Math.max(a.r, b.r), c1: Math.max(a.c, b.c) };
  else if (a.kind === "col") {
    if (parts.length === 1) return null;
    rect = { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
  } else {
    if (parts.length === 1) return null;
    rect = { c0: 0, c1: MAX_COLS - 1, r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r) };
  }
  if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS) return null;
  return { sheet, rect };
}

// ---------------------------------------------------------------------------------------------------------------
// Formula scanning

/** A structured reference, as written: table name (null when unqualified) and the bracket text. */
export interface StructuredRef {
  table: string | null;
  /** The text between the outer brackets, e.g. "签约金额(亿元)", "@备注", "[#This Row],[名称]", "#All". */
  spec: string;
}

export interface RefMapper {
  /** A single-cell A1 reference; `sheet` is the sheet prefix when written, without quotes. Return the replacement. */
  cell?: (ref: { sheet?: string; colAbs: boolean; col: number; rowAbs: boolean; row: number }) => string;
  /** An R1C1 reference (only scanned when `r1c1` is true). */
  r1c1?: (ref: {
    sheet?: string;
    row: { abs: boolean; n: number } | null;
    col: { abs: boolean; n: number } | null;
  }) => string;
  structured?: (ref: StructuredRef) => string;
  /** A bare name (not a function call): return its replacement, or null to keep it (a table name means its data). */
  name?: (word: string) => string | null;
  r1c1Mode?: boolean;
}

const NAME_START = /[A-Za-z_\\\u3400-\u9fff\uf900-\ufaff]/;
const NAME_CHAR = /[\w.\\\u3400-\u9fff\uf900-\ufaff]/;

/** A piece of mapped formula text and where the scan goes on. */
interface Scanned {
  text: string;
  end: number;
}

/** The end of a run quoted by `q` (" for strings, ' for sheet names; doubled quotes stay inside) starting at `i`. */
function closingQuote(s: string, i: number, q: string): number {
  let j = i + 1;
  while (j < s.length) {
    if (s[j] === q) {
      if (s[j + 1] === q) {
        j += 2;
        continue;
      }
      break;
    }
    j++;
  }
  return j;
}

/** A quoted sheet prefix: 'My sheet'!A1 (mapped), or just the quoted text when no reference follows. */
function scanQuotedSheet(s: string, i: number, mapper: RefMapper): Scanned {
  const j = closingQuote(s, i, "'");
  const sheet = s.slice(i + 1, j).replace(/''/g, "'");
  if (s[j + 1] === "!") {
    const r = scanRefAt(s, j + 2, mapper, sheet);
    if (r) return r;
  }
  return { text: s.slice(i, j + 1), end: j + 1 };
}

/** A structured reference whose bracket opens at `open`: `table` before it, or null for an unqualified [@col]. */
function scanStructured(s: string, start: number, open: number, table: string | null, mapper: RefMapper): Scanned {
  const end = matchBracket(s, open);
  const ref: StructuredRef = { table, spec: s.slice(open + 1, end) };
  return { text: mapper.structured ? mapper.structured(ref) : s.slice(start, end + 1), end: end + 1 };
}

/** An identifier-ish token at `i` (cell ref, function name, sheet name, table name, TRUE…) and what follows it. */
function scanWord(s: string, i: number, mapper: RefMapper): Scanned {
  let j = i;
  while (j < s.length && (NAME_CHAR.test(s[j]) || s[j] === "$")) j++;
  const word = s.slice(i, j);
  const prev = i > 0 ? s[i - 1] : "";
  if (prev && NAME_CHAR.test(prev)) return { text: word, end: j };
  const sheetRef = s[j] === "!" ? scanRefAt(s, j + 1, mapper, word) : null;
  if (sheetRef) return sheetRef;
  const r1c1 = mapper.r1c1Mode ? scanRefAt(s, i, mapper, undefined) : null;
  if (r1c1) return r1c1;
  if (s[j] === "[" && !word.includes("$")) return scanStructured(s, i, j, word, mapper);
  const r = scanRefAt(s, i, mapper, undefined);
  if (r) return r;
  const replaced = mapper.name && s[j] !== "(" ? mapper.name(word) : null;
  return { text: replaced ?? word, end: j };
}

/** Rewrite the references of a formula ("=..."), leaving strings, function names and other tokens untouched. */
export function mapRefs(formula: string, mapper: RefMapper): string {
  let out = "";
  let i = 0;
  const s = formula;
  while (i < s.length) {
    const ch = s[i];
    let scanned: Scanned;
    if (ch === '"') {
      const j = closingQuote(s, i, '"');
      scanned = { text: s.slice(i, j + 1), end: j + 1 };
    } else if (ch === "'") scanned = scanQuotedSheet(s, i, mapper);
    else if (ch === "[") scanned = scanStructured(s, i, i, null, mapper);
    else if (NAME_START.test(ch) || ch === "$") scanned = scanWord(s, i, mapper);
    else scanned = { text: ch, end: i + 1 };
    out += scanned.text;
    i = scanned.end;
  }
  return out;
}

function matchBracket(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === "'" && s[k + 1] !== undefined) {
      k++;
      continue;
    } // escaped character inside a column name
    if (s[k] === "[") depth++;
    else if (s[k] === "]") {
      depth--;
      if (depth === 0) return k;
    }
  }
  return s.length - 1;
}

/** A cell (or R1C1) reference starting at `pos`; null when the text there is not one. */
function scanRefAt(
  s: string,
  pos: number,
  mapper: RefMapper,
  sheet: string | undefined,
): { text: string; end: number } | null {
  const rest = s.slice(pos);
  if (mapper.r1c1Mode) {
    const m = /^R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![\w(\u3400-\u9fff])/.exec(rest);
    if (m && mapper.r1c1) {
      const part = (t: string | undefined) =>
        t === undefined
          ? null
          : t.startsWith("[")
            ? { abs: false, n: Number(t.slice(1, -1)) }
            : { abs: true, n: Number(t) };
      return { text: mapper.r1c1({ sheet, row: part(m[1]), col: part(m[2]) }), end: pos + m[0].length };
    }
    return null;
  }
  const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(\u3400-\u9fff])/.exec(rest);
  if (!m) return null;
  const col = lettersToCol(m[2]);
  const row = Number(m[4]) - 1;
  if (col >= MAX_COLS || row < 0 || row >= MAX_ROWS) return null;
  if (!mapper.cell) return { text: m[0], end: pos + m[0].length };
  const text = mapper.cell({ sheet, colAbs: m[1] === "$", col, rowAbs: m[3] === "$", row });
  return { text, end: pos + m[0].length };
}

function printCell(
  ref: { sheet?: string; colAbs: boolean; col: number; rowAbs: boolean; row: number },
  alwaysQuote = false,
): string {
  const prefix = ref.sheet !== undefined ? `${quoteSheet(ref.sheet, alwaysQuote)}!` : "";
  if (ref.col < 0 || ref.row < 0 || ref.col >= MAX_COLS || ref.row >= MAX_ROWS) return "#REF!";
  return `${prefix}${ref.colAbs ? "$" : ""}${colToLetters(ref.col)}${ref.rowAbs ? "$" : ""}${ref.row + 1}`;
}

/** Move the relative references of a formula by (dRow, dCol), as pasting it elsewhere does. */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return mapRefs(formula, {
    cell: (ref) =>
      printCell({ ...ref, row: ref.rowAbs ? ref.row : ref.row + dRow, col: ref.colAbs ? ref.col : ref.col + dCol }),
  });
}

export function toR1C1(formula: string, row: number, col: number): string {
  return mapRefs(formula, {
    cell: (ref) => {
      const prefix = ref.sheet !== undefined ? `${quoteSheet(ref.sheet)}!` : "";
      const r = ref.rowAbs ? `R${ref.row + 1}` : ref.row === row ? "R" : `R[${ref.row - row}]`;
      const c = ref.colAbs ? `C${ref.col + 1}` : ref.col === col ? "C" : `C[${ref.col - col}]`;
      return prefix + r + c;
    },
  });
}

export function fromR1C1(formula: string, row: number, col: number): string {
  return mapRefs(formula, {
    r1c1Mode: true,
    r1c1: (ref) =>
      printCell({
        sheet: ref.sheet,
        rowAbs: !!ref.row?.abs,
        row: ref.row === null ? row : ref.row.abs ? ref.row.n - 1 : row + ref.row.n,
        colAbs: !!ref.col?.abs,
        col: ref.col === null ? col : ref.col.abs ? ref.col.n - 1 : col + ref.col.n,
      }),
  });
}

/** What the structured-reference translator needs to know about a table. */
export interface TableGeometry {
  name: string;
  sheet: string;
  /** Whole table range, header row included (and the totals row when shown). */
  rect: Rect;
  hasHeaders: boolean;
  showTotals: boolean;
  columns: string[];
}

/** Unescape a column name in a structured reference ('[ → [, '# → #, '' → '). */
function unescapeColumn(name: string): string {
  return name.replace(/'(.)/g, "$1").trim();
}

/**
 * Translate structured references to A1 ranges (sheet-qualified, quoted) for HyperFormula.
 * `host` is the table containing the formula cell (for unqualified references) and `row` its row.
 * Unknown tables or columns become #REF!.
 */
export function translateStructured(
  formula: string,
  tables: (name: string) => TableGeometry | undefined,
  host: TableGeometry | undefined,
  row: number,
): string {
  const mapper: RefMapper = {
    cell: (ref) => printCell(ref, true),
    name: (word) => (tables(word) ? mapper.structured!({ table: word, spec: "" }) : null),
    structured: (ref) => {
      const t = ref.table === null ? host : tables(ref.table);
      if (!t) return "#REF!";
      const rect = structuredRect(t, ref.spec, row);
      if (!rect) return "#REF!";
      const sheet = `${quoteSheet(t.sheet, true)}!`;
      const a = `$${colToLetters(rect.c0)}$${rect.r0 + 1}`;
      const b = `$${colToLetters(rect.c1)}$${rect.r1 + 1}`;
      return rect.r0 === rect.r1 && rect.c0 === rect.c1 ? sheet + a : `${sheet}${a}:${b}`;
    },
  };
  return mapRefs(formula, mapper);
}

/** The cells a structured reference's bracket text designates, or null. */
export function structuredRect(t: TableGeometry, spec: string, row: number): Rect | null {
  const headerRow = t.hasHeaders ? t.rect.r0 : -1;
  const dataTop = t.hasHeaders ? t.rect.r0 + 1 : t.rect.r0;
  const dataBottom = t.showTotals ? t.rect.r1 - 1 : t.rect.r1;
  const totalsRow = t.showTotals ? t.rect.r1 : -1;
  // Split the spec into items: "[#This Row],[a]:[b]" or "@[a]" or "a" or "#All"
  let text = spec.trim();
  let thisRow = false;
  if (text.startsWith("@")) {
    thisRow = true;
    text = text.slice(1).trim();
  }
  const items: string[] = [];
  if (text.startsWith("[")) {
    let k = 0;
    while (k < text.length) {
      if (text[k] === "[") {
        const end = matchBracket(text, k);
        items.push(text.slice(k + 1, end));
        k = end + 1;
      } else if (text[k] === ":") {
        items.push(":");
        k++;
      } else k++;
    }
  } else if (text.length) items.push(text);
  let rows: [number, number] | null = null;
  const cols: string[] = [];
  let range = false;
  for (const it of items) {
    if (it === ":") {
      range = true;
      continue;
    }
    const key = it.trim().toLowerCase();
    if (key === "#this row") thisRow = true;
    else if (key === "#all") rows = [t.rect.r0, t.rect.r1];
    else if (key === "#data") rows = rows && rows[0] === headerRow ? [headerRow, dataBottom] : [dataTop, dataBottom];
    else if (key === "#headers") rows = rows ? [headerRow, rows[1]] : [headerRow, headerRow];
    else if (key === "#totals") rows = rows ? [rows[0], totalsRow] : [totalsRow, totalsRow];
    else cols.push(unescapeColumn(it));
  }
  if (thisRow) {
    if (row < dataTop || row > dataBottom) return null;
    rows = [row, row];
  }
  if (!rows) rows = [dataTop, dataBottom];
  if (rows[0] < 0 || rows[1] < 0) return null;
  let c0 = t.rect.c0;
  let c1 = t.rect.c1;
  if (cols.length) {
    const idx = cols.map((c) => t.columns.findIndex((n) => n.toLowerCase() === c.toLowerCase()));
    if (idx.some((x) => x < 0)) return null;
    c0 = t.rect.c0 + Math.min(...idx);
    c1 = t.rect.c0 + (range ? Math.max(...idx) : Math.max(...idx));
    if (!range && idx.length > 1) c1 = t.rect.c0 + Math.max(...idx);
  }
  return { r0: rows[0], r1: Math.max(rows[0], rows[1]), c0, c1 };
}
