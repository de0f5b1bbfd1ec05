/**
 * The INVEST.* reference shown in the 函数 panel. Names, parameters and English texts come from the hand-kept
 * src/functions/locales/en-US.json (bundled); the Chinese texts from the generated functions.json, fetched at run
 * time through TaskPaneServices. Only the worked examples are kept here; a test checks that every function in
 * en-US.json has one with the right number of arguments.
 */
import english from "../functions/locales/en-US.json";

export interface FunctionDoc {
  id: string;
  /** "INVEST.COMPLETION_RATE". */
  name: string;
  description: string;
  parameters: { name: string; description: string }[];
  result: string;
  /** A formula that can be inserted as is. */
  example: string;
  /** What the example gives. */
  exampleResult: string;
}

type EnglishEntry = { description: string; parameters: Record<string, string>; result?: string };

/**
 * Worked examples with numbers from the sample data (seeds/): the arguments, and the value the formula gives
 * (checked by test/taskpane/functions-reference.test.ts against the real functions in a formula engine).
 */
export const EXAMPLES: Record<string, { args: string[]; value?: number | string; result: string; resultEn?: string }> =
  {
    COMPLETION_RATE: { args: ["245", "281"], value: 245 / 281, result: "87.19%" },
    YOY_GROWTH: { args: ["186", "144"], value: 42 / 144, result: "29.17%" },
    TIME_PROGRESS: { args: ['"2025-03-31"'], value: 0.25, result: "25%" },
    PACE_GAP: { args: ["245", "281", '"2025-03-31"'], value: (245 / 281 - 0.25) * 100, result: "62.19" },
    PACE_STATUS: {
      args: ["245", "281", '"2025-03-31"', '"month"', "10", '"zh-CN"'],
      value: "超序时",
      result: "超序时",
      resultEn: "超序时 (Ahead)",
    },
    SHARE: { args: ["36.9", "244"], value: 36.9 / 244, result: "15.12%" },
    REMAINING_TARGET: { args: ["245", "281"], value: 36, result: "36" },
    REQUIRED_MONTHLY_PACE: { args: ["245", "281", '"2025-03-31"'], value: 4, result: "4" },
    PERIOD_LABEL: {
      args: ['"2025Q1YTD"', '"zh-CN"'],
      value: "2025年一季度",
      result: "2025年一季度",
      resultEn: '2025年一季度 ("en-US" gives Q1 2025)',
    },
    SAME_PERIOD_LAST_YEAR: { args: ['"2025Q1YTD"'], value: "2024Q1YTD", result: "2024Q1YTD" },
    PERIOD_SUM: {
      args: ["Ledger[签约金额(亿元)]", "Ledger[签约日期]", '"2025Q1"'],
      result: "台账中 2025 年一季度的签约金额合计",
      resultEn: "the ledger's amount signed in Q1 2025",
    },
    PERIOD_COUNT: {
      args: ["Ledger[开工日期]", '"2025Q1"', "Ledger[所属地区]", '"西宁开发区"'],
      result: "2（示例数据：西宁开发区一季度开工 2 个项目）",
      resultEn: "2 (sample data: 2 projects started in 西宁开发区 in Q1)",
    },
  };

export const ENGLISH = english as Record<string, EnglishEntry>;

export function exampleFormula(id: string): string | null {
  const ex = EXAMPLES[id];
  return ex ? `=INVEST.${id}(${ex.args.join(", ")})` : null;
}

/** The reference in the UI language. `zh` holds the Chinese texts by id (may be empty: English is the fallback). */
export function functionDocs(
  lang: "zh-CN" | "en-US",
  zh: Record<string, { description: string; parameters: Record<string, string>; result?: string }> = {},
): FunctionDoc[] {
  return Object.entries(ENGLISH).map(([id, en]) => {
    const local = lang === "zh-CN" ? zh[id] : undefined;
    const params = Object.keys(en.parameters);
    return {
      id,
      name: `INVEST.${id}`,
      description: local?.description || en.description,
      parameters: params.map((p) => ({ name: p, description: local?.parameters?.[p] || en.parameters[p] })),
      result: local?.result || en.result || "",
      example: exampleFormula(id) ?? `=INVEST.${id}(${params.join(", ")})`,
      exampleResult: (lang === "en-US" ? EXAMPLES[id]?.resultEn : undefined) ?? EXAMPLES[id]?.result ?? "",
    };
  });
}

/**
 * Chinese texts by id out of a functions.json (custom-functions-metadata format: functions[].id, description,
 * parameters[].name/description, result.description?).
 */
export function zhFromMetadata(
  meta: unknown,
): Record<string, { description: string; parameters: Record<string, string> }> {
  const out: Record<string, { description: string; parameters: Record<string, string> }> = {};
  const fns = (meta as { functions?: unknown[] })?.functions;
  if (!Array.isArray(fns)) return out;
  for (const f of fns as {
    id?: string;
    description?: string;
    parameters?: { name: string; description?: string }[];
  }[]) {
    if (!f?.id) continue;
    out[f.id] = {
      description: f.description ?? "",
      parameters: Object.fromEntries((f.parameters ?? []).map((p) => [p.name, p.description ?? ""])),
    };
  }
  return out;
}
