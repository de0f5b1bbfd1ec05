/**
 * What the Data panel shows of a read dataset: its rows, one cell of a row, a column's title in the UI language, the
 * kind's name. Pure helpers, so that the preview, the mapping selects and the messages word things the same way.
 */
import { SHEETS } from "../../../core/columns";
import type { DatasetKind, ImportResult } from "../../../import/types";
import type { Language } from "../../../i18n/language";
import type { MessageKey, Translate } from "../../i18n";

/** The rows of a result for its kind. */
export function rowsOf(r: ImportResult): readonly object[] {
  switch (r.kind) {
    case "ledger":
      return r.records;
    case "funds":
      return r.funds;
    case "targets":
      return r.targets;
    case "regions":
      return r.regions ?? [];
    default:
      return r.figures;
  }
}

/** A row's own value for a canonical field (undefined when the row has none). */
export function cellOf(row: object, field: string): unknown {
  const value: unknown = Object.getOwnPropertyDescriptor(row, field)?.value;
  return value;
}

/** A canonical field's column title in the UI language, or the field itself when the kind has no such column. */
export function columnTitle(kind: DatasetKind, field: string, lang: Language): string {
  const col = SHEETS[kind].columns.find((x) => x.field === field);
  return col ? (lang === "zh-CN" ? col.title : col.title_en) : field;
}

/** How a list of names is joined in running text: 、 in Chinese, a comma in English. */
export function listSeparator(lang: Language): string {
  return lang === "zh-CN" ? "、" : ", ";
}

/** The name of a dataset kind (台账, 目标…) in the UI language. */
export function kindName(t: Translate, kind: DatasetKind): string {
  return t(`kind_${kind}` as MessageKey);
}
