/** Test support: functions.json generated from the JSDoc (as webpack does) and HyperFormula engines with INVEST.*. */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { HyperFormula, ConfigParams } from "hyperformula";
import { createInvestEngine } from "../sim/hyperformula-invest";

let cached: { functions: any[] } | null = null;

export async function investMetadata(): Promise<{ functions: any[] }> {
  if (!cached) {
    const result = await generateCustomFunctionsMetadata([path.join(__dirname, "../../src/functions/functions.ts")], true);
    if (result.errors.length) throw new Error(result.errors.join("\n"));
    cached = JSON.parse(result.metadataJson);
  }
  return cached!;
}

export interface Sheet {
  hf: HyperFormula;
  id: number;
  set(a1: string, content: unknown[][] | unknown): void;
  get(a1: string): any;
  values(a1: string): any[][];
}

function parseA1(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** A one-sheet engine with A1-addressed helpers. */
export async function investSheet(config: Partial<ConfigParams> = {}): Promise<Sheet> {
  const hf = createInvestEngine(await investMetadata(), config);
  const id = hf.getSheetId(hf.addSheet("Sheet1"))!;
  return {
    hf,
    id,
    set(a1, content) {
      const at = parseA1(a1);
      hf.setCellContents({ sheet: id, ...at }, (Array.isArray(content) ? content : [[content]]) as any);
    },
    get(a1) {
      return hf.getCellValue({ sheet: id, ...parseA1(a1) });
    },
    values(range) {
      const [from, to] = range.split(":").map(parseA1);
      const out: any[][] = [];
      for (let r = from.row; r <= to.row; r++) {
        const line: any[] = [];
        for (let c = from.col; c <= to.col; c++) line.push(hf.getCellValue({ sheet: id, row: r, col: c }));
        out.push(line);
      }
      return out;
    },
  };
}

/** The Excel error text of an engine value (DetailedCellError) or null. */
export function hfError(v: unknown): string | null {
  return v && typeof v === "object" && "value" in (v as object) && "type" in (v as object) ? String((v as { value: string }).value) : null;
}
