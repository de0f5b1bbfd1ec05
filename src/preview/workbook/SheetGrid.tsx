/**
 * The grid of one sheet as Excel draws it: column letters, row numbers, each cell's text with its fill, font colour
 * and weight, numbers to the right, and text running on over empty neighbours (grid-layout.ts decides how far).
 * Clicking a cell selects it.
 */
import { mergeClasses } from "@fluentui/react-components";
import { columnLetters as colName } from "../../core/a1";
import { useWorkbookStyles } from "./workbook-styles";
import type { SheetWindow } from "./sheet-window";

interface CellProps {
  grid: SheetWindow;
  r: number;
  c: number;
  selected: boolean;
  onSelect: (r: number, c: number) => void;
}

function GridCell({ grid, r, c, selected, onSelect }: CellProps) {
  const s = useWorkbookStyles();
  const v = grid.text[r][c];
  const st = grid.styleOf(r, c);
  const box = grid.layout.cells[r][c];
  // The gridline between a text and the empty cells it runs over is not drawn (as in Excel).
  const runsOn = box.overflow > 0;
  return (
    <td
      data-cell={`${colName(c)}${r + 1}`}
      data-selected={selected ? "" : undefined}
      className={mergeClasses(s.cell, runsOn && s.overflowing, selected && s.selected)}
      style={{
        backgroundColor: st.fill,
        color: st.fontColor,
        fontWeight: st.bold ? 700 : undefined,
        textAlign: box.numeric ? "right" : undefined,
        borderRightColor: grid.layout.cells[r][c + 1]?.covered ? "transparent" : undefined,
      }}
      onClick={() => onSelect(r, c)}
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
}

export function SheetGrid({
  grid,
  sel,
  onSelect,
}: {
  grid: SheetWindow;
  /** The selected cell on this sheet, or null. */
  sel: { r: number; c: number } | null;
  onSelect: (r: number, c: number) => void;
}) {
  const s = useWorkbookStyles();
  const widths = grid.layout.widths;
  return (
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
          {Array.from({ length: grid.cols }, (_, c) => (
            <th key={c} className={s.head} scope="col">
              {colName(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {grid.text.map((row, r) => (
          <tr key={r}>
            <th className={s.rowHead} scope="row">
              {r + 1}
            </th>
            {row.map((_, c) => (
              <GridCell
                key={c}
                grid={grid}
                r={r}
                c={c}
                selected={!!sel && sel.r === r && sel.c === c}
                onSelect={onSelect}
              />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
