/**
 * The name box and the formula bar above the grid. Enter in the name box selects the cell typed (within the cells
 * the grid can draw) and asks for it to be scrolled into view.
 */
import * as React from "react";
import { Input } from "@fluentui/react-components";
import { useWorkbookStyles } from "./workbook-styles";
import { MAX_COLS, MAX_ROWS, parseCell } from "./sheet-window";

export function NameBoxBar({
  selAddress,
  formula,
  lang,
  onGoTo,
}: {
  /** The selected cell's address ("" when none): the name box shows it after each selection. */
  selAddress: string;
  formula: string;
  lang: "zh-CN" | "en-US";
  onGoTo: (r: number, c: number) => void;
}) {
  const s = useWorkbookStyles();
  const [nameBox, setNameBox] = React.useState("");
  React.useEffect(() => setNameBox(selAddress), [selAddress]);
  return (
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
          if (p && p.r < MAX_ROWS && p.c < MAX_COLS) onGoTo(p.r, p.c);
        }}
      />
      <div className={s.formula} role="status" aria-label={lang === "zh-CN" ? "编辑栏" : "Formula bar"} title={formula}>
        {formula}
      </div>
    </div>
  );
}
