/**
 * Test support: functions.json as the build makes it (generated from the JSDoc by custom-functions-metadata, then
 * finished by scripts/functions-metadata.cjs exactly as webpack does) and HyperFormula engines with INVEST.*.
 */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { HyperFormula, ConfigParams } from "hyperformula";
import { BridgeOptions, createInvestEngine } from "../../excel-sim/src/hyperformula-invest";

const { finalizeMetadata } = require("../../../scripts/functions-metadata.cjs");

export type Metadata = {
  allowCustomDataForDataTypeAny?: boolean;
  allowErrorForDataTypeAny?: boolean;
  functions: any[];
};

let generated: Metadata | null = null;

/** What custom-functions-metadata generates from the JSDoc, before the build finishes it. */
export async function generatedMetadata(): Promise<Metadata> {
  if (!generated) {
    const result = await generateCustomFunctionsMetadata(
      [path.join(__dirname, "../../../src/functions/functions.ts")],
      true,
    );
    if (result.errors.length) throw new Error(result.errors.join("\n"));
    generated = JSON.parse(result.metadataJson);
  }
  return JSON.parse(JSON.stringify(generated));
}

/** dist/functions.json: what Excel reads. */
export async function investMetadata(): Promise<Metadata> {
  return finalizeMetadata(await generatedMetadata());
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

/** A one-sheet engine with A1-addressed helpers (functions registered from `metadata`, default dist/functions.json). */
export async function investSheet(
  config: Partial<ConfigParams> = {},
  metadata?: Metadata,
  options: Partial<BridgeOptions> = {},
): Promise<Sheet> {
  const hf = createInvestEngine(metadata ?? (await investMetadata()), config, options);
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
  return v && typeof v === "object" && "value" in (v as object) && "type" in (v as object)
    ? String((v as { value: string }).value)
    : null;
}
