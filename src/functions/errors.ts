/**
 * Custom-function errors. In Excel, CustomFunctions.Error shows the code in the cell; only #VALUE! and #N/A also
 * show a message (docs/excel/custom-functions-errors.md: "You can only return a custom error message with the
 * #VALUE! and #N/A errors"; @types/custom-functions-runtime ErrorCode: divisionByZero, invalidNumber, nullReference
 * "A custom error message can't be used"). So every error that needs an explanation is a #VALUE! (or #N/A) with
 * its message; #DIV/0!, #NUM! and #NULL! carry none.
 *
 * Outside Excel (jest, the HyperFormula engine of the preview) the runtime is absent, so an equivalent plain object
 * is returned; `isFunctionError` recognises both.
 */
import { officeDisplayLanguage } from "../i18n/language";

export type ErrorKind = "div0" | "value" | "na" | "num" | "null";

export interface FunctionError {
  readonly code: string;
  readonly message?: string;
}

const CODES: Record<ErrorKind, string> = {
  div0: "#DIV/0!",
  value: "#VALUE!",
  na: "#N/A",
  num: "#NUM!",
  null: "#NULL!",
};
const RUNTIME_CODES: Record<ErrorKind, string> = {
  div0: "divisionByZero",
  value: "invalidValue",
  na: "notAvailable",
  num: "invalidNumber",
  null: "nullReference",
};
/** The kinds whose message Excel shows (see above). */
const WITH_MESSAGE: ReadonlySet<ErrorKind> = new Set(["value", "na"]);

function runtime(): typeof CustomFunctions | undefined {
  return (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
}

/** An error for a cell. `message` is kept only for #VALUE! and #N/A, the two codes Excel shows a message for. */
export function functionError(kind: ErrorKind, message?: { zh: string; en: string }): FunctionError {
  const text =
    message && WITH_MESSAGE.has(kind) ? (officeDisplayLanguage() === "zh-CN" ? message.zh : message.en) : undefined;
  const rt = runtime();
  if (rt?.Error && rt.ErrorCode) {
    const code = (rt.ErrorCode as unknown as Record<string, CustomFunctions.ErrorCode>)[RUNTIME_CODES[kind]];
    return (text === undefined ? new rt.Error(code) : new rt.Error(code, text)) as unknown as FunctionError;
  }
  return text === undefined ? { code: CODES[kind] } : { code: CODES[kind], message: text };
}

/** Error text or CustomFunctions.ErrorCode → Excel's error text. A Map, so that a code such as "constructor" or
 * "__proto__" from a cell is an unknown code, never an Object.prototype member. */
const FROM_CODE: ReadonlyMap<string, string> = new Map([
  ["#DIV/0!", "#DIV/0!"],
  ["#VALUE!", "#VALUE!"],
  ["#N/A", "#N/A"],
  ["#NUM!", "#NUM!"],
  ["#NULL!", "#NULL!"],
  ["#NAME?", "#NAME?"],
  ["#REF!", "#REF!"],
  ["divisionByZero", "#DIV/0!"],
  ["invalidValue", "#VALUE!"],
  ["notAvailable", "#N/A"],
  ["invalidNumber", "#NUM!"],
  ["nullReference", "#NULL!"],
  ["invalidName", "#NAME?"],
  ["invalidReference", "#REF!"],
]);

/** The Excel error text (#DIV/0!, …) of an error returned by a function, or null for a value. Never throws: an object
 * built by someone other than Excel (a getter that throws, a Proxy) is read as no error. */
export function errorCodeOf(value: unknown): string | null {
  if (!value || typeof value !== "object") return null;
  let code: unknown;
  try {
    if (!("code" in value)) return null;
    code = (value as { code: unknown }).code;
  } catch {
    return null;
  }
  if (typeof code !== "string") return null; // ErrorCode values are strings; anything else is not an error (and
  // converting it could throw: an object without a usable toString)
  return FROM_CODE.get(code) ?? code;
}

export function isFunctionError(value: unknown): value is FunctionError {
  return errorCodeOf(value) !== null;
}

/** Excel error text → the kind a function may return. #NAME? and #REF! are input errors only (the ErrorCode doc:
 * "supported as a custom function input error, but not as a custom function output error"), and the data-type
 * errors (#SPILL!, #CALC!, #FIELD!, #BUSY!, …) have no CustomFunctions.ErrorCode at all: none of them can be returned. */
const RETURNABLE: ReadonlyMap<string, ErrorKind> = new Map<string, ErrorKind>([
  ["#DIV/0!", "div0"],
  ["#VALUE!", "value"],
  ["#N/A", "na"],
  ["#NUM!", "num"],
  ["#NULL!", "null"],
]);

/**
 * The error a function returns for an error it received in `arg` (an error cell passed in because functions.json
 * has allowErrorForDataTypeAny): the same code when Excel lets a function return it, else #VALUE! saying which
 * argument held which error. A fresh error is built either way, so what is returned is always a CustomFunctions.Error.
 * A #VALUE! or #N/A keeps the message it came with (an INVEST function's explanation, passed on by another): those are
 * the two codes Excel shows a message on; the others carry none.
 */
export function propagatedError(
  input: { code: string; message?: string },
  arg: { name: string; zh: string },
): FunctionError {
  const code = errorCodeOf(input) ?? "#VALUE!";
  const kind = RETURNABLE.get(code);
  const kept = typeof input.message === "string" && input.message !== "" ? input.message : null;
  if (kind === "na") return kept ? functionError("na", { zh: kept, en: kept }) : functionError("na");
  if (kind === "value") {
    return functionError(
      "value",
      kept
        ? { zh: kept, en: kept }
        : {
            zh: `参数“${arg.zh}”（${arg.name}）中有错误值 #VALUE!。`,
            en: `Argument ${arg.name} holds a #VALUE! error.`,
          },
    );
  }
  if (kind) return functionError(kind);
  return functionError("value", {
    zh: `参数“${arg.zh}”（${arg.name}）中有错误值 ${code}：请先修正该单元格。`,
    en: `Argument ${arg.name} holds the error ${code}: fix that cell first.`,
  });
}
