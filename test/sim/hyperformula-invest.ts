/**
 * The INVEST.* custom functions inside HyperFormula, driven by the same functions.json Excel reads: one function
 * "INVEST.<ID>" per metadata entry, with its parameter count, optional and repeating parameters, range arguments
 * passed as any[][] (blank cells as null, as Excel passes them to `any` parameters), results that are 2-D arrays
 * spilled (the spill size is predicted from the argument shapes, src/functions/registry.ts), and our error objects
 * ({code: "#DIV/0!", message}) turned into HyperFormula CellErrors with their message.
 *
 * Used by the tests, the simulated Excel host (test/sim/) and the browser offline preview: no Node-only API here.
 * HyperFormula is GPL-3, so this file stays out of the shipped bundle (src/ never imports it).
 */
import {
  ArraySize,
  CellError,
  ConfigParams,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import { errorCodeOf } from "../../src/functions/errors";
import { INVEST_FUNCTIONS, INVEST_RESULT_SHAPES, ResultShape, Shape, elementwiseShape } from "../../src/functions/registry";

/** The parts of functions.json the adapter reads. */
export interface CustomFunctionMetadata {
  id: string;
  name: string;
  parameters?: { name: string; dimensionality?: "scalar" | "matrix"; optional?: boolean; repeating?: boolean }[];
  result?: { dimensionality?: "scalar" | "matrix" };
}

/** The formula namespace of the add-in (manifest.xml <Namespace>). */
export const INVEST_NAMESPACE = "INVEST";

const ERROR_TYPES: Record<string, ErrorType> = {
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#NUM!": ErrorType.NUM,
  "#NAME?": ErrorType.NAME,
  "#REF!": ErrorType.REF,
};
const ERROR_TEXTS: Partial<Record<ErrorType, string>> = {
  [ErrorType.DIV_BY_ZERO]: "#DIV/0!",
  [ErrorType.VALUE]: "#VALUE!",
  [ErrorType.NA]: "#N/A",
  [ErrorType.NUM]: "#NUM!",
  [ErrorType.NAME]: "#NAME?",
  [ErrorType.REF]: "#REF!",
  [ErrorType.CYCLE]: "#CYCLE!",
  [ErrorType.SPILL]: "#SPILL!",
  [ErrorType.ERROR]: "#ERROR!",
};

/** HyperFormula value → what Excel passes to a custom function (blank → null, dates → serial, errors → {code, message}). */
function toExcelValue(v: unknown): unknown {
  if (v === null || v === undefined || typeof v === "symbol") return null; // EmptyValue
  if (v instanceof CellError) return { code: ERROR_TEXTS[v.type] ?? `#${v.type}!`, message: v.message };
  if (typeof v === "object" && "val" in (v as object)) return (v as { val: number }).val; // DateNumber, PercentNumber…
  return v;
}

/** Our result value → HyperFormula value (error objects → CellError with the message). */
function toEngineValue(v: unknown): unknown {
  const code = errorCodeOf(v);
  if (code !== null) return new CellError(ERROR_TYPES[code] ?? ErrorType.ERROR, (v as { message?: string }).message);
  if (v === null || v === undefined) return 0; // Excel shows a blank result as 0
  if (typeof v === "number" && !Number.isFinite(v)) return new CellError(ErrorType.NUM, "Not a finite number");
  return v;
}

function gridOf(value: unknown): unknown[][] {
  if (value instanceof SimpleRangeValue) return value.data.map((row) => row.map(toExcelValue));
  return [[toExcelValue(value)]];
}

interface Spec {
  id: string;
  params: NonNullable<CustomFunctionMetadata["parameters"]>;
  required: number;
  repeating: boolean;
  impl: (...args: any[]) => unknown;
  shape: ResultShape;
}

type Ast = { type: string; args: Ast[] };
type State = { formulaAddress: unknown; arraysFlag: boolean; formulaVertex?: unknown };

/** The same interpreter state with array arithmetic on (as Excel's dynamic arrays always are). The predictor passes a
 * plain {formulaAddress, arraysFlag} object, so a plain object is what we pass on. */
function arrayState(state: State): State {
  return state.arraysFlag ? state : { formulaAddress: state.formulaAddress, arraysFlag: true, formulaVertex: state.formulaVertex };
}

const specs = new Map<string, Spec>();

class InvestFunctionsPlugin extends FunctionPlugin {
  /** Evaluate a call of INVEST.<id> as Excel would call the custom function. */
  callInvest(id: string, ast: Ast, state: State): unknown {
    const spec = specs.get(id)!;
    const n = ast.args.length;
    if (n < spec.required || (!spec.repeating && n > spec.params.length)) {
      const max = spec.params.length;
      const zh = spec.repeating ? `至少 ${spec.required} 个` : spec.required === max ? `${max} 个` : `${spec.required} 至 ${max} 个`;
      const en = spec.repeating ? `at least ${spec.required}` : spec.required === max ? `${max}` : `${spec.required} to ${max}`;
      return new CellError(ErrorType.NA, `INVEST.${id} 参数个数不对：需要 ${zh}，实际 ${n} 个。/ INVEST.${id} takes ${en} arguments, got ${n}.`);
    }
    const st = arrayState(state);
    const evaluated = ast.args.map((a) => (a.type === "EMPTY" ? null : this.evaluateAst(a as any, st as any)));
    const args: unknown[] = [];
    spec.params.forEach((p, i) => {
      if (p.repeating) {
        args.push(evaluated.slice(i).map((v) => (p.dimensionality === "matrix" ? gridOf(v) : toExcelValue(v))));
        return;
      }
      if (i >= n || evaluated[i] === null) { args.push(null); return; } // omitted optional → null, as in Excel
      const v = evaluated[i];
      if (p.dimensionality === "matrix") args.push(gridOf(v));
      else if (v instanceof SimpleRangeValue) args.push(toExcelValue(v.data[0]?.[0]));
      else args.push(toExcelValue(v));
    });
    let result: unknown;
    try {
      result = spec.impl(...args);
    } catch (e) {
      return new CellError(ErrorType.VALUE, e instanceof Error ? e.message : String(e));
    }
    if (!Array.isArray(result)) return toEngineValue(result);
    const grid = result as unknown[][];
    if (grid.length === 1 && grid[0].length === 1) return toEngineValue(grid[0][0]);
    return SimpleRangeValue.onlyValues(grid.map((row) => row.map(toEngineValue)) as any);
  }

  /** The spill size, predicted from the arguments' shapes before anything is computed. */
  sizeOfInvest(id: string, ast: Ast, state: State): ArraySize {
    const spec = specs.get(id)!;
    const st = arrayState(state);
    const shapes: Shape[] = ast.args.map((a) => {
      if (a.type === "EMPTY") return [1, 1];
      const size = this.arraySizeForAst(a as any, st as any);
      return [size.height, size.width];
    });
    const shape = spec.shape(shapes);
    if (!shape || (shape[0] === 1 && shape[1] === 1)) return ArraySize.scalar();
    return new ArraySize(shape[1], shape[0]);
  }
}

/**
 * Register one HyperFormula function "INVEST.<ID>" per entry of `metadata.functions`, implemented by
 * `implementations[id]` (default: src/functions/registry.ts INVEST_FUNCTIONS) or, failing that, by its exported
 * JavaScript name (COMPLETION_RATE → completionRate, so the functions module itself can be passed). Registration is global to the
 * HyperFormula class (engines built afterwards see the functions); calling it again replaces them.
 */
export function registerInvestFunctions(
  HyperFormulaClass: typeof HyperFormula,
  metadata: { functions: any[] },
  implementations: Record<string, Function> = INVEST_FUNCTIONS,
  resultShapes: Record<string, ResultShape> = INVEST_RESULT_SHAPES,
): void {
  const implemented: Record<string, any> = {};
  const proto = InvestFunctionsPlugin.prototype as unknown as Record<string, unknown>;
  const translations: Record<string, Record<string, string>> = {};
  for (const fn of metadata.functions as CustomFunctionMetadata[]) {
    // By id (INVEST_FUNCTIONS), or by the exported name (`import * as fns from "src/functions/functions"`).
    const impl = implementations[fn.id] ?? implementations[camelCase(fn.id)];
    if (typeof impl !== "function") throw new Error(`No implementation for custom function ${fn.id}`);
    const params = fn.parameters ?? [];
    const repeatingAt = params.findIndex((p) => p.repeating);
    if (repeatingAt >= 0 && repeatingAt !== params.length - 1) throw new Error(`${fn.id}: a repeating parameter must be the last`);
    const required = params.filter((p) => !p.optional && !p.repeating).length;
    specs.set(fn.id, { id: fn.id, params, required, repeating: repeatingAt >= 0, impl: impl as Spec["impl"], shape: resultShapes[fn.id] ?? elementwiseShape });
    const method = `invest_${fn.id}`;
    const sizeMethod = `invest_${fn.id}_size`;
    proto[method] = function (this: InvestFunctionsPlugin, ast: Ast, state: State) { return this.callInvest(fn.id, ast, state); };
    proto[sizeMethod] = function (this: InvestFunctionsPlugin, ast: Ast, state: State) { return this.sizeOfInvest(fn.id, ast, state); };
    const name = `${INVEST_NAMESPACE}.${fn.name ?? fn.id}`;
    implemented[name] = {
      method,
      sizeOfResultArrayMethod: sizeMethod,
      // The arguments are checked and read by callInvest itself (Excel's rules, not HyperFormula's coercions).
      parameters: params.map(() => ({ argumentType: FunctionArgumentType.ANY, optionalArg: true })),
      ...(repeatingAt >= 0 ? { repeatLastArgs: 1 } : {}),
      vectorizationForbidden: true,
      enableArrayArithmeticForArguments: true,
    };
    for (const code of HyperFormulaClass.getRegisteredLanguagesCodes()) {
      (translations[code] ??= {})[name] = name;
    }
  }
  (InvestFunctionsPlugin as any).implementedFunctions = { ...((InvestFunctionsPlugin as any).implementedFunctions ?? {}), ...implemented };
  HyperFormulaClass.registerFunctionPlugin(InvestFunctionsPlugin as any, translations);
}

/** COMPLETION_RATE → completionRate: the JavaScript name behind an id. */
function camelCase(id: string): string {
  return id.toLowerCase().replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

/** Ids registered so far (to tell createInvestEngine() without metadata whether registration happened). */
export function registeredInvestFunctions(): string[] {
  return [...specs.keys()];
}

/**
 * A HyperFormula engine (GPL-3 licence key) with the INVEST.* functions: registered from `metadata` when given,
 * else those registered earlier. `config` is passed to HyperFormula.buildEmpty (e.g. maxRows for large ledgers).
 */
export function createInvestEngine(metadata?: { functions: any[] }, config: Partial<ConfigParams> = {}): HyperFormula {
  if (metadata) registerInvestFunctions(HyperFormula, metadata);
  else if (specs.size === 0) {
    throw new Error("createInvestEngine: pass the functions metadata (functions.json) the first time, or call registerInvestFunctions first");
  }
  return HyperFormula.buildEmpty({ licenseKey: "gpl-v3", ...config });
}
