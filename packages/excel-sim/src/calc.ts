/**
 * Formula evaluation for the simulated host: the workbook's formulas are translated (structured references →
 * A1 ranges, see formula.ts) and computed by HyperFormula, then the results are stored as the cells' values.
 * HyperFormula is GPL-3: this package is used by the tests, the benchmarks and the offline preview, never by the add-in bundle.
 *
 * The engine factory is injectable: hyperformula-invest.ts (INVEST.* functions) is passed in by
 * index.ts when it exists; otherwise plain HyperFormula is used and INVEST.* formulas evaluate to #NAME?.
 */
import { HyperFormula } from "hyperformula";
import type { RawCellContent } from "hyperformula";
import { MAX_COLS } from "./formula";
import { translateStructured } from "./formula";
import type { CellValue, TableModel, WorkbookModel } from "./workbook";

export type EngineFactory = () => HyperFormula;

export const plainEngine: EngineFactory = () =>
  HyperFormula.buildEmpty({ licenseKey: "gpl-v3", maxRows: 1_048_576, maxColumns: 16_384 });

/** Recompute every formula of the workbook and store the results as cell values. */
export function recalculate(book: WorkbookModel, factory: EngineFactory): void {
  if (!book.hasFormulas()) return;
  const hf = factory();
  try {
    const ids = new Map<string, number>();
    for (const s of book.sheets) {
      const name = hf.addSheet(s.name);
      ids.set(s.name, hf.getSheetId(name)!);
    }
    const tables = (name: string) => {
      const t = book.findTable(name);
      return t ? book.geometry(t) : undefined;
    };
    hf.batch(() => {
      for (const s of book.sheets) {
        const used = s.usedRect(true);
        if (!used) continue;
        const content: RawCellContent[][] = [];
        for (let r = 0; r <= used.r1; r++) {
          const row: RawCellContent[] = [];
          const vals = s.vals[r];
          for (let c = 0; c <= used.c1; c++) {
            const f = s.formula(r, c);
            if (f && /#REF!/.test(f)) {
              // A reference Excel turned into #REF! (a deleted sheet): the formula's value is #REF! (an error literal
              // for the engine, so formulas that use this cell get #REF! too).
              row.push("#REF!");
            } else if (f) {
              const host: TableModel | undefined = book.tableAt(s, r, c);
              row.push(translateStructured(f, tables, host ? book.geometry(host) : undefined, r));
            } else {
              const v = vals ? vals[c] : undefined;
              row.push(v === undefined ? null : typeof v === "string" ? `'${v}` : v);
            }
          }
          content.push(row);
        }
        hf.setSheetContent(ids.get(s.name)!, content);
      }
    });
    for (const s of book.sheets) {
      const sheetId = ids.get(s.name)!;
      for (const k of s.fmls.keys()) {
        const r = Math.floor(k / MAX_COLS);
        const c = k % MAX_COLS;
        const v = hf.getCellValue({ sheet: sheetId, row: r, col: c }) as unknown;
        s.setRaw(r, c, toCellValue(v));
      }
    }
  } finally {
    hf.destroy();
  }
}

function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return 0;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "object" && v && "value" in v) return String((v as { value: unknown }).value); // DetailedCellError → "#DIV/0!"
  return String(v);
}
