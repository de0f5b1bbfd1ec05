/**
 * The INVEST.* custom functions inside HyperFormula, driven by the same functions.json Excel reads: one function
 * "INVEST.<ID>" per metadata entry, with its parameter count, optional and repeating parameters, range arguments
 * passed as any[][], results that are 2-D arrays spilled (the spill size is predicted from the argument shapes,
 * src/functions/registry.ts), and our error objects turned into HyperFormula CellErrors.
 *
 * This is the custom-function half of the simulated Excel host, so it answers to Excel's documented contract, each
 * rule citing where (docs: OfficeDev/office-js-docs-pr docs/excel/*.md; issues: OfficeDev/office-js):
 *
 * - A `matrix` parameter receives its range "as a two-dimensional array" and a repeating parameter the list of its
 *   arguments (custom-functions-parameter-options.md, "Range parameters", "Repeating parameters"); a cell's value is
 *   what Range.values gives (a date is its serial number). A 2-D array result spills, and a blocked spill is #SPILL!
 *   (custom-functions-dynamic-arrays.md).
 * - Error cells reach a function only when the metadata has `"allowErrorForDataTypeAny": true` at the top level
 *   (custom-functions-errors.md, "Errors as custom function inputs"; custom-functions-json.md
 *   "allowErrorForDataTypeAny", default false). Without it the function is not called and the cell shows the
 *   argument's error. Which error Excel shows when the arguments hold several different ones is not documented:
 *   the bridge refuses ("not modelled") rather than pick one.
 * - Blank cells arrive as null (Excel on the web) or as 0 (Excel desktop, repeating and optional range parameters:
 *   OfficeDev/office-js#4702, #1951, #5262). `blanksAsZero` (or SIM_BLANKS_AS_ZERO=1) switches to the second, so
 *   the suite runs both. An omitted optional argument is null either way (custom-functions-parameter-options.md:
 *   "When no value is specified for an optional parameter, Excel assigns it the value null").
 * - Only #VALUE! and #N/A show a function's message (custom-functions-errors.md: "You can only return a custom error
 *   message with the #VALUE! and #N/A errors"); other codes are shown without it. #NAME? and #REF! are "supported as
 *   a custom function input error, but not as a custom function output error": returning them is refused.
 * - A function that throws gives #VALUE! (custom-functions-errors.md: "By default, Excel returns #VALUE! for
 *   unhandled errors or exceptions"). A null in a returned array is shown as 0 (OfficeDev/office-js#1503, by
 *   design). A returned NaN or Infinity is not documented: refused.
 *
 * Used by the tests, this simulated Excel host (./index.ts) and the browser offline preview: no Node-only API here.
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
import { errorCodeOf } from "../../../src/functions/errors";
import {
  INVEST_FUNCTIONS,
  INVEST_RESULT_SHAPES,
  ResultShape,
  Shape,
  elementwiseShape,
} from "../../../src/functions/registry";

/** The parts of functions.json the adapter reads. */
export interface CustomFunctionsMetadata {
  /** Top level: error cells are passed to `any` parameters only when true (default false). */
  allowErrorForDataTypeAny?: boolean;
  functions: any[];
}

/** How this simulated Excel passes arguments (see the file comment). */
export interface BridgeOptions {
  /** Pass blank cells as 0, as Excel desktop does (default: SIM_BLANKS_AS_ZERO=1 in the environment, else null). */
  blanksAsZero: boolean;
}

/** An error thrown where Excel's behaviour is not documented: the simulator refuses instead of guessing. */
export class NotModelledError extends Error {
  constructor(what: string) {
    super(`Not modelled by the simulated Excel (behaviour undocumented): ${what}`);
    this.name = "NotModelledError";
  }
}

/** SIM_BLANKS_AS_ZERO=1 in the environment (jest); in a browser there is no process and the default is false. */
function blanksAsZeroFromEnvironment(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.SIM_BLANKS_AS_ZERO === "1";
}

/** What the last registration read from the metadata, and the argument-passing options. Global, as registration is. */
const bridge = { allowErrors: false, blanksAsZero: blanksAsZeroFromEnvironment() };

/** Change how arguments are passed (for every engine, from now on). */
export function setBridgeOptions(options: Partial<BridgeOptions>): void {
  if (options.blanksAsZero !== undefined) bridge.blanksAsZero = options.blanksAsZero;
}

export function bridgeOptions(): BridgeOptions & { allowErrors: boolean } {
  return { ...bridge };
}

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

/**
 * HyperFormula value of a cell → what Excel passes to a custom function: a blank cell as null (or 0, see
 * BridgeOptions), dates as serials, an error as a CustomFunctions.Error ({code}, codes as in
 * @types/custom-functions-runtime ErrorCode: "#N/A", "#REF!", …).
 */
function toExcelValue(v: unknown): unknown {
  if (v === null || v === undefined || typeof v === "symbol") return bridge.blanksAsZero ? 0 : null; // EmptyValue
  if (v instanceof CellError) return { code: ERROR_TEXTS[v.type] ?? `#${v.type}!` };
  if (typeof v === "object" && "val" in (v as object)) return (v as { val: number }).val; // DateNumber, PercentNumber…
  return v;
}

/** Codes Excel shows a custom function's message with (custom-functions-errors.md). */
const WITH_MESSAGE = new Set(["#VALUE!", "#N/A"]);
/** Codes a custom function can return: CustomFunctions.ErrorCode minus the input-only #NAME? and #REF!. */
const RETURNABLE = new Set(["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!"]);

/** Our result value → HyperFormula value, as Excel shows it (see the file comment). */
function toEngineValue(v: unknown): unknown {
  const code = errorCodeOf(v);
  if (code !== null) {
    if (!RETURNABLE.has(code)) throw new NotModelledError(`a custom function returning the error ${code}`);
    const type = ERROR_TYPES[code];
    if (type === undefined) throw new NotModelledError(`${code} (HyperFormula has no such error)`);
    const message = (v as { message?: unknown }).message;
    return new CellError(type, WITH_MESSAGE.has(code) && typeof message === "string" ? message : undefined);
  }
  if (v === null || v === undefined) return 0; // OfficeDev/office-js#1503: null in a returned array shows as 0
  if (typeof v === "number" && !Number.isFinite(v)) throw new NotModelledError(`a custom function returning ${v}`);
  if (typeof v === "object")
    throw new NotModelledError(`a custom function returning an object (${JSON.stringify(v)?.slice(0, 60)})`);
  return v;
}

function gridOf(value: unknown): unknown[][] {
  if (value instanceof SimpleRangeValue) return value.data.map((row) => row.map(toExcelValue));
  return [[toExcelValue(value)]];
}

/** The error cells among evaluated arguments (scalars and ranges). */
function errorsIn(values: unknown[]): CellError[] {
  const found: CellError[] = [];
  for (const v of values) {
    if (v instanceof CellError) found.push(v);
    else if (v instanceof SimpleRangeValue)
      for (const row of v.data) for (const x of row) if (x instanceof CellError) found.push(x);
  }
  return found;
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
  return state.arraysFlag
    ? state
    : { formulaAddress: state.formulaAddress, arraysFlag: true, formulaVertex: state.formulaVertex };
}

const specs = new Map<string, Spec>();

class InvestFunctionsPlugin extends FunctionPlugin {
  /** Evaluate a call of INVEST.<id> as Excel would call the custom function. */
  callInvest(id: string, ast: Ast, state: State): unknown {
    const spec = specs.get(id)!;
    const n = ast.args.length;
    // Excel's formula bar refuses a call with the wrong number of arguments before anything runs; formulas written
    // through Range.formulas are not documented. The simulator shows #N/A with the counts so that a test notices.
    if (n < spec.required || (!spec.repeating && n > spec.params.length)) {
      const max = spec.params.length;
      const zh = spec.repeating
        ? `至少 ${spec.required} 个`
        : spec.required === max
          ? `${max} 个`
          : `${spec.required} 至 ${max} 个`;
      const en = spec.repeating
        ? `at least ${spec.required}`
        : spec.required === max
          ? `${max}`
          : `${spec.required} to ${max}`;
      return new CellError(
        ErrorType.NA,
        `INVEST.${id} 参数个数不对：需要 ${zh}，实际 ${n} 个。/ INVEST.${id} takes ${en} arguments, got ${n}.`,
      );
    }
    const st = arrayState(state);
    const evaluated = ast.args.map((a) => (a.type === "EMPTY" ? null : this.evaluateAst(a as any, st as any)));
    if (!bridge.allowErrors) {
      // Without allowErrorForDataTypeAny, Excel does not call the function with an error argument.
      const errors = errorsIn(evaluated);
      if (errors.length > 0) {
        const codes = new Set(errors.map((e) => e.type));
        if (codes.size > 1) {
          throw new NotModelledError(
            `which error INVEST.${id} shows when its arguments hold ${[...codes].map((t) => ERROR_TEXTS[t] ?? t).join(" and ")} without allowErrorForDataTypeAny`,
          );
        }
        return new CellError(errors[0].type);
      }
    }
    const args: unknown[] = [];
    spec.params.forEach((p, i) => {
      if (p.repeating) {
        // An omitted argument among the repeating ones (f(1,,2)) is null, never a blank cell's 0.
        args.push(
          evaluated
            .slice(i)
            .map((v) =>
              v === null
                ? p.dimensionality === "matrix"
                  ? [[null]]
                  : null
                : p.dimensionality === "matrix"
                  ? gridOf(v)
                  : toExcelValue(v),
            ),
        );
        return;
      }
      if (i >= n || evaluated[i] === null) {
        args.push(null);
        return;
      } // omitted optional → null, as in Excel
      const v = evaluated[i];
      if (p.dimensionality === "matrix") args.push(gridOf(v));
      else if (v instanceof SimpleRangeValue) args.push(toExcelValue(v.data[0]?.[0]));
      else args.push(toExcelValue(v));
    });
    let result: unknown;
    try {
      result = spec.impl(...args);
    } catch {
      return new CellError(ErrorType.VALUE); // "Excel returns #VALUE! for unhandled errors or exceptions"
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
  metadata: CustomFunctionsMetadata,
  implementations: Record<string, (...args: never[]) => unknown> = INVEST_FUNCTIONS,
  resultShapes: Record<string, ResultShape> = INVEST_RESULT_SHAPES,
  options: Partial<BridgeOptions> = {},
): void {
  bridge.allowErrors = metadata.allowErrorForDataTypeAny === true;
  setBridgeOptions(options);
  const implemented: Record<string, any> = {};
  const translations: Record<string, Record<string, string>> = {};
  for (const fn of metadata.functions as CustomFunctionMetadata[]) {
    // By id (INVEST_FUNCTIONS), or by the exported name (`import * as fns from "src/functions/functions"`).
    const impl = implementations[fn.id] ?? implementations[camelCase(fn.id)];
    if (typeof impl !== "function") throw new Error(`No implementation for custom function ${fn.id}`);
    const params = fn.parameters ?? [];
    const repeatingAt = params.findIndex((p) => p.repeating);
    if (repeatingAt >= 0 && repeatingAt !== params.length - 1)
      throw new Error(`${fn.id}: a repeating parameter must be the last`);
    const required = params.filter((p) => !p.optional && !p.repeating).length;
    specs.set(fn.id, {
      id: fn.id,
      params,
      required,
      repeating: repeatingAt >= 0,
      impl: impl as Spec["impl"],
      shape: resultShapes[fn.id] ?? elementwiseShape,
    });
    const method = `invest_${fn.id}`;
    const sizeMethod = `invest_${fn.id}_size`;
    // HyperFormula calls a plugin's functions by method name: one pair of methods per function, on the prototype.
    Reflect.set(
      InvestFunctionsPlugin.prototype,
      method,
      function (this: InvestFunctionsPlugin, ast: Ast, state: State) {
        return this.callInvest(fn.id, ast, state);
      },
    );
    Reflect.set(
      InvestFunctionsPlugin.prototype,
      sizeMethod,
      function (this: InvestFunctionsPlugin, ast: Ast, state: State) {
        return this.sizeOfInvest(fn.id, ast, state);
      },
    );
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
  (InvestFunctionsPlugin as any).implementedFunctions = {
    ...((InvestFunctionsPlugin as any).implementedFunctions ?? {}),
    ...implemented,
  };
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
export function createInvestEngine(
  metadata?: CustomFunctionsMetadata,
  config: Partial<ConfigParams> = {},
  options: Partial<BridgeOptions> = {},
): HyperFormula {
  if (metadata) registerInvestFunctions(HyperFormula, metadata, undefined, undefined, options);
  else if (specs.size === 0) {
    throw new Error(
      "createInvestEngine: pass the functions metadata (functions.json) the first time, or call registerInvestFunctions first",
    );
  } else setBridgeOptions(options);
  return HyperFormula.buildEmpty({ licenseKey: "gpl-v3", ...config });
}
