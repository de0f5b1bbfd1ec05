/**
 * The adapter behind INVEST.PERIOD_SUM and INVEST.PERIOD_COUNT: reads the arguments as grids, hands them to the one
 * definition (src/core/period-aggregate.ts periodAggregate), and turns what it reports into cells or a #VALUE! that
 * says which argument to change. Also the reader of a period argument, shared with PERIOD_LABEL and
 * SAME_PERIOD_LAST_YEAR.
 */
import { Period } from "../core/period";
import {
  AggregateCell,
  AggregateOutcome,
  CellGrid,
  CellRole,
  MAX_BUCKETS,
  periodAggregate,
  PeriodAggregateRequest,
  periodFromCell,
} from "../core/period-aggregate";
import { CellValue, errorFor, readGrid } from "./elementwise";
import { FunctionError, functionError, isFunctionError } from "./errors";
import { ArgLabel, isBlankLike, readCell } from "./cells";
import { serialOffset } from "./date-system";

type Message = { zh: string; en: string };

const PERIOD_FORMS: Message = {
  zh: "可用的报告期：2025（全年）、2025Q1（季度）、2025H1（半年）、2025M03（月）、2025Q2YTD（1-6月累计，另有 H1YTD、M05YTD），以及 2025年一季度、2025年上半年、2025年前三季度、2025年1-5月、2025年5月、2025年全年。",
  en: "Accepted periods: 2025 (year), 2025Q1 (quarter), 2025H1 (half), 2025M03 (month), 2025Q2YTD (Jan–Jun year to date; also H1YTD, M05YTD), and the Chinese forms 2025年一季度, 2025年上半年, 2025年前三季度, 2025年1-5月, 2025年5月, 2025年全年.",
};

const LABELS: Record<Exclude<CellRole, "criteria_range" | "criterion">, ArgLabel> = {
  values: { name: "values", zh: "金额" },
  dates: { name: "dates", zh: "日期" },
  period: { name: "period", zh: "报告期" },
};

function labelOf(role: CellRole, pair: number): ArgLabel {
  if (role === "criteria_range") return { name: `criteria_range${pair + 1}`, zh: `条件区域${pair + 1}` };
  if (role === "criterion") return { name: `criterion${pair + 1}`, zh: `条件${pair + 1}` };
  return LABELS[role];
}

/** #VALUE! for a period that is not one, listing the accepted forms; a blank (or 0) period says it is blank. */
export function unknownPeriod(input: unknown): FunctionError {
  if (isBlankLike(input)) {
    return errorFor("value", `报告期为空。${PERIOD_FORMS.zh}`, `The period is blank. ${PERIOD_FORMS.en}`);
  }
  const shown = String(input).slice(0, 30);
  return errorFor(
    "value",
    `报告期“${shown}”无法识别。${PERIOD_FORMS.zh}`,
    `Period "${shown}" is not recognised. ${PERIOD_FORMS.en}`,
  );
}

/** A period argument, or #VALUE! listing the accepted forms. */
export function readPeriod(value: CellValue): Period | FunctionError {
  return periodFromCell(value) ?? unknownPeriod(value);
}

/**
 * SUMIFS (countOnly false) or COUNTIFS (countOnly true) by reporting period, as a grid of results (one per period ×
 * criterion, broadcast), or a 1×1 grid holding the #VALUE! of the argument that is wrong.
 */
export function periodTotals(
  values: unknown | null,
  dates: unknown,
  period: unknown,
  criteria: unknown,
  countOnly: boolean,
): unknown[][] {
  const given = Array.isArray(criteria) ? criteria : criteria === null || criteria === undefined ? [] : [criteria];
  if (given.length % 2 !== 0) {
    return [
      [
        errorFor(
          "value",
          `条件须成对填写：条件区域1, 条件1, 条件区域2, 条件2…（现有 ${given.length} 个，缺少最后一个条件）。`,
          `Criteria come in pairs: criteria_range1, criterion1, criteria_range2, criterion2… (got ${given.length}; the last criterion is missing).`,
        ),
      ],
    ];
  }
  const req = aggregateRequest(values, dates, period, given, countOnly);
  if (isFunctionError(req)) return [[req]];
  const outcome = periodAggregate(req);
  if (!outcome.ok) return [[refusal(outcome)]];
  return outcome.cells.map((line) => line.map(resultCell));
}

/** A range as a rectangular grid, or the #VALUE! naming the malformed argument (src/functions/elementwise.ts). */
function gridOf(v: unknown, label: ArgLabel): CellGrid | FunctionError {
  const read = readGrid(v, label);
  return read.ok ? read.grid : read.error;
}

/**
 * The core's request from the arguments (values unread when counting), or the #VALUE! of the first malformed range.
 * Objects in cells (data types, error cells) are read during the core's one pass by readCell (src/functions/cells.ts):
 * basic values, or returnable errors, which the core treats as error values — never matching in a criteria range or
 * as a date, propagated from a matching value, a period or a criterion.
 */
function aggregateRequest(
  values: unknown | null,
  dates: unknown,
  period: unknown,
  criteria: readonly unknown[],
  countOnly: boolean,
): PeriodAggregateRequest | FunctionError {
  const grids: (CellGrid | FunctionError)[] = [
    countOnly ? [] : gridOf(values, LABELS.values),
    gridOf(dates, LABELS.dates),
    gridOf(period, LABELS.period),
    ...criteria.map((g, i) => gridOf(g, labelOf(i % 2 === 0 ? "criteria_range" : "criterion", Math.floor(i / 2)))),
  ];
  const malformed = grids.find((g): g is FunctionError => !Array.isArray(g));
  if (malformed) return malformed;
  const [valuesGrid, datesGrid, periodGrid, ...pairs] = grids as CellGrid[];
  const req: PeriodAggregateRequest = {
    values: countOnly ? null : valuesGrid,
    dates: datesGrid,
    periods: periodGrid,
    criteria: [],
    dateSerialOffset: serialOffset(),
    zeroIsBlank: true,
    readObject: (v, role, pair) => readCell(v, labelOf(role, pair)),
  };
  for (let i = 0; i < pairs.length; i += 2) req.criteria.push({ range: pairs[i], criterion: pairs[i + 1] });
  return req;
}

/** The #VALUE! for a call the core refused as a whole, saying what to change. */
function refusal(outcome: Extract<AggregateOutcome, { ok: false }>): FunctionError {
  if (outcome.reason === "range_size") {
    const [er, ec] = outcome.expected;
    const [ar, ac] = outcome.actual;
    const which =
      outcome.index < 0
        ? { zh: "金额", en: "values" }
        : { zh: `条件区域${outcome.index + 1}`, en: `criteria_range${outcome.index + 1}` };
    return errorFor(
      "value",
      `“${which.zh}”区域为 ${ar}×${ac}，与“日期”区域 ${er}×${ec} 大小不一致：各区域应逐行对应台账的同一批行。`,
      `${which.en} is ${ar}x${ac} but dates is ${er}x${ec}: every range must cover the same ledger rows.`,
    );
  }
  if (outcome.reason === "too_large") {
    return errorFor(
      "value",
      `一次计算的“条件组合 × 月份”过多（${outcome.buckets}，上限 ${MAX_BUCKETS}）：请减少条件个数，或把相隔很远的年份分开计算。`,
      `Too many criteria combinations × months in one call (${outcome.buckets}, limit ${MAX_BUCKETS}): use fewer criteria, or split periods years apart into separate calls.`,
    );
  }
  const shown = outcome.shapes.map(([r, c]) => `${r}×${c}`).join("、");
  return errorFor(
    "value",
    `报告期与各条件的区域大小无法对应（${shown}）：应为单个单元格，或同样大小的区域（一行与一列可交叉展开）。`,
    `The periods and criteria cannot be paired (${shown.replace(/×/g, "x").replace(/、/g, ", ")}): give single cells or ranges of the same size (a row and a column expand into a table).`,
  );
}

/** One result: the total, the error value met (as SUMIFS propagates it), #NUM! beyond Excel's range, or a bad period. */
function resultCell(cell: AggregateCell): unknown {
  if (cell.ok) return cell.value;
  switch (cell.reason) {
    case "error_value":
      return cell.error as FunctionError;
    case "overflow":
      return functionError("num");
    default:
      return unknownPeriod(cell.input);
  }
}
