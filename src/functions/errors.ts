/**
 * Custom-function errors. In Excel, CustomFunctions.Error shows the code (#DIV/0!, #VALUE!, #N/A) and the
 * message in the cell's tooltip. Outside Excel (jest, the HyperFormula engine of the preview) the runtime is
 * absent, so an equivalent plain object is returned; `isFunctionError` recognises both.
 */
import { currentLanguage } from "../i18n/language";

export type ErrorKind = "div0" | "value" | "na" | "num";

export interface FunctionError {
  readonly code: string;
  readonly message?: string;
}

const CODES: Record<ErrorKind, string> = { div0: "#DIV/0!", value: "#VALUE!", na: "#N/A", num: "#NUM!" };
const RUNTIME_CODES: Record<ErrorKind, string> = { div0: "divisionByZero", value: "invalidValue", na: "notAvailable", num: "invalidNumber" };

export function functionError(kind: ErrorKind, message: { zh: string; en: string }): FunctionError {
  const text = currentLanguage() === "zh-CN" ? message.zh : message.en;
  const runtime = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (runtime?.Error && runtime.ErrorCode) {
    const code = (runtime.ErrorCode as unknown as Record<string, CustomFunctions.ErrorCode>)[RUNTIME_CODES[kind]];
    // Excel accepts a message only for some codes; passing it for the others throws in the runtime.
    return kind === "value" || kind === "div0" || kind === "na" || kind === "num"
      ? (new runtime.Error(code, text) as unknown as FunctionError)
      : (new runtime.Error(code) as unknown as FunctionError);
  }
  return { code: CODES[kind], message: text };
}

/** The Excel error text (#DIV/0!, …) of an error returned by a function, or null for a value. */
export function errorCodeOf(value: unknown): string | null {
  if (!value || typeof value !== "object" || !("code" in value)) return null;
  const code = String((value as { code: unknown }).code);
  const fromRuntime: Record<string, string> = {
    "#DIV/0!": "#DIV/0!", "#VALUE!": "#VALUE!", "#N/A": "#N/A", "#NUM!": "#NUM!",
    divisionByZero: "#DIV/0!", invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!",
  };
  return fromRuntime[code] ?? code;
}

export function isFunctionError(value: unknown): value is FunctionError {
  return errorCodeOf(value) !== null;
}
