/** The wildcards of SUMIFS criteria (* ? ~) for ./criteria.ts: a matcher whose time no pattern can blow up. */

const LITERAL = 0;
const ONE = 1;
const ANY = 2;

/** Code points of a string, or the string itself when it has no surrogate pair (indexing it is then the same). */
function chars(s: string): ArrayLike<string> {
  return /[\uD800-\uDFFF]/.test(s) ? Array.from(s) : s;
}

/**
 * SUMIFS wildcards, matched without building a regular expression from the user's text: `*` any run, `?` one
 * character, and `~` escapes the character after it — `~*`, `~?`, `~~` are a literal * ? ~, and, as in Excel (and
 * HyperFormula), `~x` is a plain x; a trailing `~` is a literal tilde. Case-insensitive. The classic two-pointer
 * matcher with star backtracking: time O(pattern × text) whatever the pattern ("*a*a*a*b" cannot blow up).
 */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  const p = chars(pattern.toLowerCase());
  const kinds: number[] = [];
  const lits: string[] = [];
  for (let i = 0; i < p.length; i++) {
    const ch = p[i];
    if (ch === "~" && i + 1 < p.length) {
      kinds.push(LITERAL);
      lits.push(p[++i]);
    } else if (ch === "*") {
      if (kinds[kinds.length - 1] !== ANY) {
        kinds.push(ANY);
        lits.push("");
      } // ** is *
    } else if (ch === "?") {
      kinds.push(ONE);
      lits.push("");
    } else {
      kinds.push(LITERAL);
      lits.push(ch);
    }
  }
  const n = kinds.length;
  return (text: string) => {
    const s = chars(text.toLowerCase());
    let t = 0;
    let i = 0;
    let starT = -1;
    let starI = 0;
    while (i < s.length) {
      if (t < n && kinds[t] !== ANY && (kinds[t] === ONE || lits[t] === s[i])) {
        t++;
        i++;
      } else if (t < n && kinds[t] === ANY) {
        starT = t++;
        starI = i;
      } else if (starT >= 0) {
        t = starT + 1;
        i = ++starI;
      } else return false;
    }
    while (t < n && kinds[t] === ANY) t++;
    return t === n;
  };
}
