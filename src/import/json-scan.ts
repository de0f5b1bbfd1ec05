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

/**
 * Scan JSON text (assumed well-formed: JSON.parse runs next and reports any syntax error). Never throws on
 * malformed text: it just stops finding things.
 */
export function scanJson(text: string): JsonScan {
  const duplicates: DuplicateKeys = new Map();
  const stack: Frame[] = [];
  const cuts: Array<[number, number]> = [];
  let pendingKey = "";
  let expectKey = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: find its end (a quote not escaped).
      let j = i + 1;
      let escaped = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) {
          escaped = true;
          j += 2;
          continue;
        }
        if (d === 34) break;
        j++;
      }
      const top = stack[stack.length - 1];
      if (top && top.type === "object" && expectKey) {
        let key = text.slice(i + 1, j);
        if (escaped) {
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            /* malformed: JSON.parse will say so */
          }
        }
        const rowArray = rowArrayKey(stack);
        if (rowArray !== null && top.keys) {
          if (top.keys.has(key)) {
            const parent = stack[stack.length - 2];
            let byIndex = duplicates.get(rowArray);
            if (!byIndex) duplicates.set(rowArray, (byIndex = new Map()));
            const list = byIndex.get(parent.index) ?? [];
            if (!list.includes(key)) list.push(key);
            byIndex.set(parent.index, list);
          } else top.keys.add(key);
        }
        pendingKey = key;
        expectKey = false;
      }
      i = j + 1;
      continue;
    }
    if (c === 123 || c === 91) {
      const parent = stack[stack.length - 1];
      const key = parent && parent.type === "object" ? pendingKey : "";
      stack.push({ type: c === 123 ? "object" : "array", index: 0, key, keys: c === 123 ? new Set() : undefined });
      expectKey = c === 123;
      i++;
      continue;
    }
    if (c === 125 || c === 93) {
      stack.pop();
      expectKey = false;
      i++;
      continue;
    }
    if (c === 44) {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.type === "array") top.index++;
        else expectKey = true;
      }
      i++;
      continue;
    }
    if (c === 45 || DIGIT(c)) {
      let j = i + 1;
      while (j < n && DIGIT(text.charCodeAt(j))) j++;
      const intEnd = j;
      let fraction = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (DIGIT(d) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) {
          fraction = true;
          j++;
        } else break;
      }
      // An integer literal that a double cannot hold exactly (more than 15 digits and beyond 2^53).
      const digits = intEnd - i - (c === 45 ? 1 : 0);
      if (!fraction && digits >= 16 && !Number.isSafeInteger(Number(text.slice(i, intEnd)))) cuts.push([i, intEnd]);
      i = j;
      continue;
    }
    i++;
  }
  let out = text;
  if (cuts.length > 0) {
    const parts: string[] = [];
    let at = 0;
    for (const [a, b] of cuts) {
      parts.push(text.slice(at, a), '"', text.slice(a, b), '"');
      at = b;
    }
    parts.push(text.slice(at));
    out = parts.join("");
  }
  return { text: out, duplicates, bigIntegers: cuts.length };
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
