/**
 * What Excel may pass to a parameter of type `any`, reduced to what the functions compute with: a number, a string,
 * a boolean, null (blank) or an error to return.
 *
 * - Error cells arrive because functions.json has allowErrorForDataTypeAny (scripts/functions-metadata.cjs); as a
 *   CustomFunctions.Error ({code: "#N/A"}) or, with data types on, as an ErrorCellValue ({type: "Error",
 *   basicValue: "#N/A", errorType: "NotAvailable"}). Both are read.
 * - Data types arrive as objects because functions.json has allowCustomDataForDataTypeAny (written by
 *   custom-functions-metadata; docs/excel/custom-functions-data-types-concepts.md). Each Excel.CellValue carries a
 *   `basicValue`, "the value that would be returned by Range.values for a cell with this value" (@types/office-js):
 *   formatted numbers, doubles, strings and booleans are read as that value. Entities, linked entities (Geography,
 *   Stocks…), images and arrays have the basic value #VALUE! (basicType "Error"), so they give #VALUE! with a message
 *   saying how to use them (a field: =A2.Population). Any other object is #VALUE! too: a function never throws, even
 *   on an object Excel never builds (a getter that throws, a Proxy), and every lookup keyed by what a cell says is a
 *   Map, so "constructor" or "__proto__" is an unknown name, not an Object.prototype member.
 */
import { FunctionError, errorCodeOf, functionError, propagatedError } from "./errors";

export type Basic = number | string | boolean | null;
export interface ArgLabel {
  /** Parameter name as in the function wizard (ASCII). */
  name: string;
  /** Chinese label used in messages. */
  zh: string;
}

/** ErrorCellValue.errorType → the error text (Excel.ErrorCellValueType in @types/office-js). */
const ERROR_TYPES: ReadonlyMap<string, string> = new Map([
  ["Div0", "#DIV/0!"],
  ["NotAvailable", "#N/A"],
  ["Name", "#NAME?"],
  ["Null", "#NULL!"],
  ["Num", "#NUM!"],
  ["Ref", "#REF!"],
  ["Value", "#VALUE!"],
  ["Spill", "#SPILL!"],
  ["Calc", "#CALC!"],
  ["Field", "#FIELD!"],
  ["GettingData", "#GETTING_DATA"],
  ["Connect", "#CONNECT!"],
  ["Busy", "#BUSY!"],
  ["Blocked", "#BLOCKED!"],
  ["External", "#EXTERNAL!"],
  ["Placeholder", "#VALUE!"],
]);

const DATA_TYPE_NAMES: ReadonlyMap<string, { zh: string; en: string }> = new Map([
  ["Entity", { zh: "实体", en: "entity" }],
  ["LinkedEntity", { zh: "链接数据类型", en: "linked data type" }],
  ["WebImage", { zh: "图片", en: "image" }],
  ["Array", { zh: "数组", en: "array" }],
  ["Function", { zh: "函数", en: "function" }],
]);

/** True for what a function must treat as an empty cell: blank, "" or 0 (Excel desktop passes blank cells as 0:
 * OfficeDev/office-js#4702, #1951, #5262), so an empty cell behaves the same on every platform. */
export function isBlankLike(v: unknown): boolean {
  return v === null || v === undefined || v === "" || v === 0;
}

/** One cell as a function reads it (see the module comment). Never throws. */
export function readCell(v: unknown, arg: ArgLabel): Basic | FunctionError {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "number":
    case "string":
    case "boolean":
      return v as Basic;
    case "object":
      try {
        return fromObject(v as object, arg);
      } catch {
        return unreadable(arg); // an object no host builds: a getter or a Proxy that throws
      }
    default:
      return unreadable(arg);
  }
}

function fromObject(o: object, arg: ArgLabel): Basic | FunctionError {
  if (Array.isArray(o)) return unreadable(arg);
  const cv = o as {
    type?: unknown;
    basicValue?: unknown;
    basicType?: unknown;
    errorType?: unknown;
    text?: unknown;
    code?: unknown;
    message?: unknown;
  };
  if (typeof cv.type === "string") {
    switch (cv.type) {
      case "Double":
      case "FormattedNumber":
        return typeof cv.basicValue === "number" && Number.isFinite(cv.basicValue) ? cv.basicValue : unreadable(arg);
      case "String":
        return typeof cv.basicValue === "string" ? cv.basicValue : unreadable(arg);
      case "Boolean":
        return typeof cv.basicValue === "boolean" ? cv.basicValue : unreadable(arg);
      case "Empty":
        return null;
      case "Error":
        return propagatedError({ code: errorText(cv) }, arg);
      case "Reference":
      case "NotAvailable": {
        // A value whose type this Excel cannot pass: its basic value says what a formula would see.
        if (cv.basicType === "Error") return propagatedError({ code: errorText(cv) }, arg);
        const b = cv.basicValue;
        if (b === "" || b === null || b === undefined) return null;
        if ((typeof b === "number" && Number.isFinite(b)) || typeof b === "string" || typeof b === "boolean") return b;
        return unreadable(arg);
      }
      default:
        return dataType(cv.type, cv.text, arg);
    }
  }
  const code = errorCodeOf(o);
  if (code !== null && code.startsWith("#"))
    return propagatedError({ code, message: typeof cv.message === "string" ? cv.message : undefined }, arg);
  return unreadable(arg);
}

function errorText(cv: { basicValue?: unknown; errorType?: unknown }): string {
  if (typeof cv.basicValue === "string" && cv.basicValue.startsWith("#")) return cv.basicValue;
  return (typeof cv.errorType === "string" && ERROR_TYPES.get(cv.errorType)) || "#VALUE!";
}

function dataType(type: string, text: unknown, arg: ArgLabel): FunctionError {
  const kind = DATA_TYPE_NAMES.get(type) ?? { zh: "数据类型", en: "data type" };
  const shown = typeof text === "string" && text !== "" ? text.slice(0, 30) : "";
  return functionError("value", {
    zh: `参数“${arg.zh}”（${arg.name}）是${kind.zh}${shown ? `“${shown}”` : ""}，不是数字、文字或日期：请引用它的某个字段（例如 =A2.字段名），或把单元格转换为文本。`,
    en: `Argument ${arg.name} is ${/^[aeiou]/.test(kind.en) ? "an" : "a"} ${kind.en}${shown ? ` ("${shown}")` : ""}, not a number, text or date: refer to one of its fields (e.g. =A2.Field), or convert the cell to text.`,
  });
}

function unreadable(arg: ArgLabel): FunctionError {
  return functionError("value", {
    zh: `参数“${arg.zh}”（${arg.name}）中有无法识别的值：请填写数字、文字或日期。`,
    en: `Argument ${arg.name} holds a value that cannot be read: enter a number, text or a date.`,
  });
}
