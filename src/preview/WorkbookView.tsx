/**
 * The simulated workbook as a spreadsheet: a tab per visible sheet, a name box and formula bar, and a grid of the
 * cells as Excel would show them (number formats applied, formulas computed by the simulated host's engine).
 * Clicking a cell (or typing its address in the name box) selects it: the task pane's 函数 panel inserts there.
 */
import * as React from "react";
import { Tab, TabList, Text } from "@fluentui/react-components";
import type { SimWorkbookInspector } from "../../packages/excel-sim/src";
import { columnLetters as colName } from "../core/a1";
import { useWorkbookStyles } from "./workbook/workbook-styles";
import { sheetWindow } from "./workbook/sheet-window";
import { NameBoxBar } from "./workbook/NameBoxBar";
import { SheetGrid } from "./workbook/SheetGrid";
import { ChartList } from "./workbook/ChartList";

export { columnLetters as colName } from "../core/a1";

export interface Selection {
  sheet: string;
  r: number;
  c: number;
}

/** The sheet shown: the one the add-in last activated (bumping `activations`), else the user's choice. */
function useShownSheet(inspector: SimWorkbookInspector, activations: number) {
  const sheets = inspector.sheetNames().filter((n) => inspector.visibility(n) === "Visible");
  const active = inspector.activeSheet();
  const [shown, setShown] = React.useState<string | null>(active);
  // Follow the sheet the add-in activates; otherwise keep the user's choice.
  React.useEffect(() => {
    if (active) setShown(active);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activations]);
  const sheet: string | undefined = shown && sheets.includes(shown) ? shown : sheets[0];
  return { sheets, sheet, setShown };
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
  const s = useWorkbookStyles();
  const { sheets, sheet, setShown } = useShownSheet(inspector, activations);
  const sel = selection && selection.sheet === sheet ? selection : null;
  const grid = sheet ? sheetWindow(inspector, sheet, sel) : null;
  const charts = sheet ? inspector.charts(sheet) : [];
  const selAddress = sel ? `${colName(sel.c)}${sel.r + 1}` : "";
  const selFormula = sel && sheet ? String(inspector.formulas(sheet, selAddress)[0]?.[0] ?? "") : "";

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
      <NameBoxBar
        selAddress={selAddress}
        formula={selFormula}
        lang={lang}
        onGoTo={(r, c) => {
          select(r, c);
          setReveal((n) => n + 1);
        }}
      />
      <div ref={scrollRef} className={s.scroll} tabIndex={0} role="region" aria-label={sheet ?? ""} data-sheet={sheet}>
        {grid ? <SheetGrid grid={grid} sel={sel} onSelect={select} /> : <Text className={s.empty}>—</Text>}
      </div>
      {sheet && charts.length > 0 && <ChartList charts={charts} lang={lang} />}
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
