/**
 * The simulated workbook as a spreadsheet: a tab per visible sheet, a name box and formula bar, and a grid of the
 * cells as Excel would show them (number formats applied, formulas computed by the simulated host's engine).
 * Clicking a cell (or typing its address in the name box) selects it: the task pane's 函数 panel inserts there.
 */
import * as React from "react";
import { Input, Tab, TabList, Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { SimWorkbookInspector } from "../../packages/excel-sim/src";
import { estimateWidth, layoutGrid } from "./grid-layout";

/** Rows and columns drawn at most (the preview shows, it does not page through 100k rows). */
const MAX_ROWS = 200;
const MAX_COLS = 26;
const FONT_PX = 12;
const FONT_FAMILY = "Calibri, 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";
/** Cell padding, left and right together (the cell style's 4px each side). */
const CELL_PADDING = 8;

let canvas: CanvasRenderingContext2D | null | undefined;
/** A text's width as the grid draws it: canvas measureText in a browser, an estimate where there is no canvas. */
function measureText(text: string, bold: boolean): number {
  if (canvas === undefined) {
    try {
      canvas =
        typeof document !== "undefined" && !/jsdom/i.test(navigator.userAgent)
          ? document.createElement("canvas").getContext("2d")
          : null;
    } catch {
      canvas = null;
    }
  }
  if (!canvas) return estimateWidth(text, FONT_PX) * (bold ? 1.1 : 1);
  canvas.font = `${bold ? 700 : 400} ${FONT_PX}px ${FONT_FAMILY}`;
  return canvas.measureText(text).width;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0, flexGrow: 1, gap: "4px" },
  bar: { display: "flex", gap: "6px", alignItems: "center", padding: "4px 0" },
  nameBox: { width: "7.5em", flexShrink: 0 },
  formula: {
    flexGrow: 1,
    minWidth: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: "4px 6px",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    minHeight: "1.4em",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  scroll: {
    overflow: "auto",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: "#fff",
    flexGrow: 1,
    minHeight: "120px",
  },
  grid: { borderCollapse: "collapse", tableLayout: "fixed", fontSize: `${FONT_PX}px`, fontFamily: FONT_FAMILY },
  head: {
    position: "sticky",
    top: 0,
    backgroundColor: "#f3f3f3",
    color: "#444",
    fontWeight: 400,
    border: "1px solid #d4d4d4",
    padding: "1px 4px",
    zIndex: 1,
  },
  rowHead: {
    position: "sticky",
    left: 0,
    backgroundColor: "#f3f3f3",
    color: "#444",
    fontWeight: 400,
    border: "1px solid #d4d4d4",
    padding: "1px 4px",
    textAlign: "right",
    minWidth: "2.5em",
  },
  // No ellipsis: Excel clips, and runs text on over empty neighbours (grid-layout.ts decides how far).
  cell: {
    border: "1px solid #e1e1e1",
    padding: "1px 4px",
    whiteSpace: "nowrap",
    overflow: "hidden",
    cursor: "cell",
    height: "18px",
  },
  overflowing: { overflow: "visible", position: "relative", zIndex: 1 },
  clip: { display: "block", overflow: "hidden", whiteSpace: "nowrap" },
  selected: { outline: "2px solid #217346", outlineOffset: "-2px" },
  tabs: {
    flexWrap: "nowrap",
    overflowX: "auto",
    flexShrink: 0,
    backgroundColor: "#f3f3f3",
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  empty: { padding: "12px" },
  charts: {
    margin: 0,
    padding: "4px 8px",
    listStyleType: "none",
    fontSize: tokens.fontSizeBase200,
    maxHeight: "4.5em",
    overflowY: "auto",
    flexShrink: 0,
    color: tokens.colorNeutralForeground2,
  },
});

/** Excel's names of the chart types the add-in inserts, in the UI language; an unknown type shows as Excel names it. */
const CHART_TYPES: Record<string, { zh: string; en: string }> = {
  ColumnClustered: { zh: "簇状柱形图", en: "clustered column" },
  BarClustered: { zh: "簇状条形图", en: "clustered bar" },
  Line: { zh: "折线图", en: "line" },
  Pie: { zh: "饼图", en: "pie" },
};
function chartTypeName(type: string, lang: "zh-CN" | "en-US"): string {
  const known = Object.prototype.hasOwnProperty.call(CHART_TYPES, type) ? CHART_TYPES[type] : undefined;
  return known ? (lang === "zh-CN" ? known.zh : known.en) : type;
}

export { columnLetters as colName } from "../core/a1";
import { columnLetters as colName } from "../core/a1";

function parseCell(text: string): { r: number; c: number } | null {
  const m = /^\s*([A-Za-z]{1,3})(\d{1,7})\s*$/.exec(text);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

export interface Selection {
  sheet: string;
  r: number;
  c: number;
}

export function WorkbookView({
  inspector,
  activations,
  selection,
  onSelect,
  lang,
}: {
  inspector: SimWorkbookInspector;
  /** Bumped after every Excel.run: re-read the workbook. */
  version: number;
  /** Bumped when the add-in activates a sheet (a new 成绩单, the issues sheet): show it. */
  activations: number;
  selection: Selection | null;
  onSelect: (s: Selection) => void;
  lang: "zh-CN" | "en-US";
}) {
  const s = useStyles();
  const sheets = inspector.sheetNames().filter((n) => inspector.visibility(n) === "Visible");
  const active = inspector.activeSheet();
  const [shown, setShown] = React.useState<string | null>(active);
  // Follow the sheet the add-in activates; otherwise keep the user's choice.
  React.useEffect(() => {
    if (active) setShown(active);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activations]);
  const sheet = shown && sheets.includes(shown) ? shown : sheets[0];
  const [nameBox, setNameBox] = React.useState("");

  const used = sheet ? inspector.usedAddress(sheet) : null;
  let rows = 0;
  let cols = 0;
  if (used) {
    const end = parseCell(used.split(":").pop()!);
    if (end) {
      rows = Math.min(end.r + 1, MAX_ROWS);
      cols = Math.min(end.c + 1, MAX_COLS);
    }
  }
  rows = Math.max(rows, 20);
  cols = Math.max(cols, 8);
  // The grid reaches the selected cell even beyond the used range (Excel's grid has no end): L3 typed in the name
  // box of a sheet used up to H20 is drawn, selected.
  const selHere = selection && selection.sheet === sheet ? selection : null;
  if (selHere) {
    rows = Math.max(rows, Math.min(selHere.r + 1, MAX_ROWS));
    cols = Math.max(cols, Math.min(selHere.c + 1, MAX_COLS));
  }
  const address = `A1:${colName(cols - 1)}${rows}`;
  // Excel column widths are in points (Range.format.columnWidth); 64 px is Excel's default column.
  const setWidths = Array.from({ length: cols }, (_, c) => (sheet ? inspector.columnWidth(sheet, c) : undefined));
  const text = sheet ? inspector.text(sheet, address) : [];
  const styleOf = (r: number, c: number) =>
    sheet && text[r]?.[c] !== "" ? inspector.cell(sheet, `${colName(c)}${r + 1}`).style : {};
  const layout = layoutGrid(
    text,
    setWidths.map((w) => (w ? Math.max(24, Math.round((w * 4) / 3)) : 64)),
    setWidths.map((w) => !!w),
    (t, r, c) => measureText(t, !!styleOf(r, c).bold),
    CELL_PADDING,
  );
  const widths = layout.widths;
  const sel = selection && selection.sheet === sheet ? selection : null;
  // Charts are not drawn: the preview lists them (title, type, data range) under the grid.
  const charts = sheet ? inspector.charts(sheet) : [];
  const selAddress = sel ? `${colName(sel.c)}${sel.r + 1}` : "";
  const selFormula = sel && sheet ? String(inspector.formulas(sheet, selAddress)[0]?.[0] ?? "") : "";
  React.useEffect(() => setNameBox(selAddress), [selAddress]);

  const select = (r: number, c: number) => sheet && onSelect({ sheet, r, c });
  // A cell chosen in the name box is scrolled into view (as Excel does), once the grid has drawn it.
  const scrollRef = React.useRef<HTMLDivElement>(null);
  const [reveal, setReveal] = React.useState(0);
  React.useEffect(() => {
    if (!reveal || !selAddress) return;
    const cell = scrollRef.current?.querySelector<HTMLElement>(`td[data-cell="${selAddress}"]`);
    cell?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [reveal, selAddress]);

  return (
    <section className={s.root} aria-label={lang === "zh-CN" ? "模拟工作簿" : "Simulated workbook"}>
      <div className={s.bar}>
        <Input
          className={s.nameBox}
          size="small"
          value={nameBox}
          aria-label={lang === "zh-CN" ? "名称框（单元格地址）" : "Name box (cell address)"}
          onChange={(_, d) => setNameBox(d.value)}
          onKeyDown={(e) => {
            if (e.key !== "Enter") return;
            const p = parseCell(nameBox);
            if (p && p.r < MAX_ROWS && p.c < MAX_COLS) {
              select(p.r, p.c);
              setReveal((n) => n + 1);
            }
          }}
        />
        <div
          className={s.formula}
          role="status"
          aria-label={lang === "zh-CN" ? "编辑栏" : "Formula bar"}
          title={selFormula}
        >
          {selFormula}
        </div>
      </div>
      <div ref={scrollRef} className={s.scroll} tabIndex={0} role="region" aria-label={sheet ?? ""} data-sheet={sheet}>
        {sheet ? (
          <table className={s.grid} data-testid="sheet-grid" style={{ width: 40 + widths.reduce((a, b) => a + b, 0) }}>
            <colgroup>
              <col style={{ width: 40 }} />
              {widths.map((w, c) => (
                <col key={c} style={{ width: w }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {/* the corner above the row numbers: no header of anything (axe: empty-table-header) */}
                <td className={s.head} />
                {Array.from({ length: cols }, (_, c) => (
                  <th key={c} className={s.head} scope="col">
                    {colName(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {text.map((row, r) => (
                <tr key={r}>
                  <th className={s.rowHead} scope="row">
                    {r + 1}
                  </th>
                  {row.map((v, c) => {
                    const st = styleOf(r, c);
                    const box = layout.cells[r][c];
                    // The gridline between a text and the empty cells it runs over is not drawn (as in Excel).
                    const runsOn = box.overflow > 0;
                    return (
                      <td
                        key={c}
                        data-cell={`${colName(c)}${r + 1}`}
                        data-selected={!!sel && sel.r === r && sel.c === c ? "" : undefined}
                        className={mergeClasses(
                          s.cell,
                          runsOn && s.overflowing,
                          !!sel && sel.r === r && sel.c === c && s.selected,
                        )}
                        style={{
                          backgroundColor: st.fill,
                          color: st.fontColor,
                          fontWeight: st.bold ? 700 : undefined,
                          textAlign: box.numeric ? "right" : undefined,
                          borderRightColor: layout.cells[r][c + 1]?.covered ? "transparent" : undefined,
                        }}
                        onClick={() => select(r, c)}
                        title={v}
                        data-value={box.shown !== v ? v : undefined}
                        data-overflow={runsOn ? box.overflow : undefined}
                      >
                        {runsOn ? (
                          <span className={s.clip} style={{ width: box.room }}>
                            {box.shown}
                          </span>
                        ) : (
                          box.shown
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Text className={s.empty}>—</Text>
        )}
      </div>
      {sheet && charts.length > 0 && (
        // Scrollable when long: focusable so keyboard users can scroll it (axe: scrollable-region-focusable).
        <ul className={s.charts} tabIndex={0} aria-label={lang === "zh-CN" ? "本表的图表" : "Charts on this sheet"}>
          {charts.map((ch) => (
            <li key={ch.name}>
              {lang === "zh-CN" ? "图表：" : "Chart: "}
              {ch.title || ch.name} — {chartTypeName(ch.type, lang)}, {ch.source}
            </li>
          ))}
        </ul>
      )}
      <TabList
        className={s.tabs}
        size="small"
        selectedValue={sheet}
        onTabSelect={(_, d) => setShown(String(d.value))}
        aria-label={lang === "zh-CN" ? "工作表" : "Sheets"}
      >
        {sheets.map((n) => (
          <Tab key={n} value={n}>
            {n}
          </Tab>
        ))}
      </TabList>
    </section>
  );
}
