/**
 * What JSON.parse loses without a word, found by one pass over the text before it is parsed:
 * - a key given twice in one object (JSON.parse keeps the last value: the first is lost);
 * - an integer literal beyond 2^53 (JSON.parse rounds it: 12345678901234567891 becomes 12345678901234567000, so an
 *   id changes and two ids can become one). Such literals are turned into strings in the text given to JSON.parse,
 *   so an id keeps its digits and an amount is read from its text exactly as a cell would be.
 * Only the objects that are rows matter: the elements of the top-level array, or of an array held by a top-level
 * key (a bundle: records, funds…). Deeper objects are cell values.
 */

/** Duplicate keys of row objects: array key ("" for a top-level array) → element index → the keys given twice. */
export type DuplicateKeys = Map<string, Map<number, string[]>>;

export interface JsonScan {
  /** The text to parse: big integers quoted, otherwise the input itself. */
  text: string;
  duplicates: DuplicateKeys;
  /** Integer literals that were quoted (they would have lost digits). */
  bigIntegers: number;
}

interface Frame {
  type: "object" | "array";
  /** Objects: keys seen. */
  keys?: Set<string>;
  /** Arrays: index of the current element. */
  index: number;
  /** The key under which this container sits in its parent object ("" when in an array or at the top). */
  key: string;
}

const DIGIT = (c: number) => c >= 48 && c <= 57;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const MINUS = 45;
const OPEN_OBJECT = 123;
const OPEN_ARRAY = 91;
const CLOSE_OBJECT = 125;
const CLOSE_ARRAY = 93;

/** Where the scan stands: the open containers, and what it found so far. */
interface Scan {
  readonly text: string;
  readonly stack: Frame[];
  readonly duplicates: DuplicateKeys;
  /** [start, end) of each integer literal to quote. */
  readonly cuts: Array<[number, number]>;
  /** The key just read in the innermost object: a container opened next sits under it. */
  pendingKey: string;
  /** The next string in the innermost object is a key (after "{" or ","), not a value. */
  expectKey: boolean;
}

/**
 * Scan JSON text (assumed well-formed: JSON.parse runs next and reports any syntax error). Never throws on
 * malformed text: it just stops finding things.
 */
export function scanJson(text: string): JsonScan {
  const scan: Scan = { text, stack: [], duplicates: new Map(), cuts: [], pendingKey: "", expectKey: false };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = scanString(scan, i);
    else if (c === MINUS || DIGIT(c)) i = scanNumber(scan, i);
    else {
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) openContainer(scan, c === OPEN_OBJECT);
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        scan.stack.pop();
        scan.expectKey = false;
      } else if (c === COMMA) nextMember(scan);
      i++;
    }
  }
  return { text: quoteCuts(text, scan.cuts), duplicates: scan.duplicates, bigIntegers: scan.cuts.length };
}

function openContainer(scan: Scan, isObject: boolean): void {
  const parent = scan.stack[scan.stack.length - 1];
  const key = parent && parent.type === "object" ? scan.pendingKey : "";
  scan.stack.push({ type: isObject ? "object" : "array", index: 0, key, keys: isObject ? new Set() : undefined });
  scan.expectKey = isObject;
}

/** A comma: the next element of an array, or the next key of an object. */
function nextMember(scan: Scan): void {
  const top = scan.stack[scan.stack.length - 1];
  if (!top) return;
  if (top.type === "array") top.index++;
  else scan.expectKey = true;
}

/** A string starting at `i`: a key is noted, a value skipped. Returns the index after its closing quote. */
function scanString(scan: Scan, i: number): number {
  const { text, stack } = scan;
  const { end, escaped } = stringEnd(text, i);
  const top = stack[stack.length - 1];
  if (top && top.type === "object" && scan.expectKey) {
    const key = escaped ? unescaped(text, i, end) : text.slice(i + 1, end);
    noteKey(scan, top, key);
    scan.pendingKey = key;
    scan.expectKey = false;
  }
  return end + 1;
}

/** The closing quote of the string opening at `i` (a quote not escaped), and whether the string has escapes. */
function stringEnd(text: string, i: number): { end: number; escaped: boolean } {
  const n = text.length;
  let j = i + 1;
  let escaped = false;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === BACKSLASH) {
      escaped = true;
      j += 2;
      continue;
    }
    if (d === QUOTE) break;
    j++;
  }
  return { end: j, escaped };
}

/** The string quoted from `start` to `end` read as JSON.parse reads it; malformed, the text between the quotes. */
function unescaped(text: string, start: number, end: number): string {
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return text.slice(start + 1, end); // malformed: JSON.parse will say so
  }
}

/** A key of a row object: remembered, and recorded as a duplicate when the object already has it. */
function noteKey(scan: Scan, top: Frame, key: string): void {
  const rowArray = rowArrayKey(scan.stack);
  if (rowArray === null || !top.keys) return;
  if (!top.keys.has(key)) {
    top.keys.add(key);
    return;
  }
  const parent = scan.stack[scan.stack.length - 2];
  let byIndex = scan.duplicates.get(rowArray);
  if (!byIndex) scan.duplicates.set(rowArray, (byIndex = new Map()));
  const list = byIndex.get(parent.index) ?? [];
  if (!list.includes(key)) list.push(key);
  byIndex.set(parent.index, list);
}

/** A number starting at `i`; an integer literal a double cannot hold is noted to be quoted. Returns its end. */
function scanNumber(scan: Scan, i: number): number {
  const { text } = scan;
  const n = text.length;
  let j = i + 1;
  while (j < n && DIGIT(text.charCodeAt(j))) j++;
  const intEnd = j;
  let fraction = false;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (DIGIT(d) || d === 46 || d === 101 || d === 69 || d === 43 || d === MINUS) {
      fraction = true;
      j++;
    } else break;
  }
  // An integer literal that a double cannot hold exactly (more than 15 digits and beyond 2^53).
  const digits = intEnd - i - (text.charCodeAt(i) === MINUS ? 1 : 0);
  if (!fraction && digits >= 16 && !Number.isSafeInteger(Number(text.slice(i, intEnd)))) scan.cuts.push([i, intEnd]);
  return j;
}

/** The text with each cut [start, end) put in quotes; the text itself when there is none. */
function quoteCuts(text: string, cuts: ReadonlyArray<[number, number]>): string {
  if (cuts.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of cuts) {
    parts.push(text.slice(at, a), '"', text.slice(a, b), '"');
    at = b;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/**
 * The array whose elements are rows, when the top of the stack is a row object: "" for the top-level array, the key
 * for an array held by the top-level object; null for any other object.
 */
function rowArrayKey(stack: Frame[]): string | null {
  if (stack.length === 2 && stack[0].type === "array") return "";
  if (stack.length === 3 && stack[0].type === "object" && stack[1].type === "array") return stack[1].key;
  return null;
}
