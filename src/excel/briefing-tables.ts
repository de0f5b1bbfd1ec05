/**
 * The tables a briefing sheet's formulas name (Ledger[…], Funds[…], Targets[…], Figures[…]), for the sheet writer:
 * renaming them (the self-test writes its briefing over its own temporary tables) and finding those missing from
 * the workbook. What Excel does when a formula names a table that does not exist is not documented, so the writer
 * never writes one: such a cell is written as its computed value, and the user is told. Pure, plus one query.
 */

/** Table names a formula refers to with a structured reference (outside string literals). */
export function tablesIn(formula: string): string[] {
  const out = new Set<string>();
  scan(formula, (name) => {
    out.add(name);
    return name;
  });
  return [...out];
}

/** The formula with table names replaced (a name missing from `map` stays). */
export function renameTables(formula: string, map: Readonly<Record<string, string>>): string {
  return scan(formula, (name) => map[name] ?? name);
}

function scan(formula: string, onTable: (name: string) => string): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_\\\u3400-\u9fff]/.test(ch) && (i === 0 || !/[\w.\\\u3400-\u9fff]/.test(formula[i - 1]))) {
      let j = i;
      while (j < formula.length && /[\w.\\\u3400-\u9fff]/.test(formula[j])) j++;
      const word = formula.slice(i, j);
      out += formula[j] === "[" ? onTable(word) : word;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Which of `names` are not tables of the workbook (one sync). */
export async function missingTables(ctx: Excel.RequestContext, names: readonly string[]): Promise<Set<string>> {
  const probes = names.map((n) => [n, ctx.workbook.tables.getItemOrNullObject(n)] as const);
  await ctx.sync();
  return new Set(probes.filter(([, t]) => t.isNullObject).map(([n]) => n));
}
