/** The first rows of a dataset in its mapped columns: a scroll region named by the preview's heading. */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { ColumnSpec } from "../../../core/columns";
import { useT } from "../../i18n";
import { displayValue } from "../../display";
import { useDataStyles } from "./data-styles";
import { cellOf } from "./dataset-columns";

export function PreviewTable({
  fields,
  rows,
  headingId,
  title,
}: {
  fields: readonly ColumnSpec[];
  rows: readonly object[];
  headingId: string;
  title: (field: string) => string;
}) {
  const { lang } = useT();
  const s = useDataStyles();
  return (
    <div className={s.scroll} role="region" aria-labelledby={headingId} tabIndex={0}>
      <Table size="extra-small" className={s.table} aria-labelledby={headingId}>
        <TableHeader>
          <TableRow>
            {fields.map((f) => (
              <TableHeaderCell key={f.field} className={s.cell}>
                {title(f.field)}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, i) => (
            <TableRow key={i}>
              {fields.map((f) => {
                const text = displayValue(cellOf(row, f.field), f.type, lang);
                return (
                  <TableCell key={f.field} className={s.cell} title={text}>
                    {text}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
