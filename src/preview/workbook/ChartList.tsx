/** Charts are not drawn: the preview lists them (title, type, data range) under the grid. */
import type { SimWorkbookInspector } from "../../../packages/excel-sim/src";
import { useWorkbookStyles } from "./workbook-styles";

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

export function ChartList({
  charts,
  lang,
}: {
  charts: ReturnType<SimWorkbookInspector["charts"]>;
  lang: "zh-CN" | "en-US";
}) {
  const s = useWorkbookStyles();
  return (
    // Scrollable when long: focusable so keyboard users can scroll it (axe: scrollable-region-focusable).
    <ul className={s.charts} tabIndex={0} aria-label={lang === "zh-CN" ? "本表的图表" : "Charts on this sheet"}>
      {charts.map((ch) => (
        <li key={ch.name}>
          {lang === "zh-CN" ? "图表：" : "Chart: "}
          {ch.title || ch.name} — {chartTypeName(ch.type, lang)}, {ch.source}
        </li>
      ))}
    </ul>
  );
}
