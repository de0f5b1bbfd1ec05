/** Styles shared by the parts of the Data panel (preview table, mapping grid, issue list, file field). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useDataStyles = makeStyles({
  scroll: {
    overflowX: "auto",
    maxWidth: "100%",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { minWidth: "100%", width: "max-content" },
  cell: { whiteSpace: "nowrap", maxWidth: "14em", overflow: "hidden", textOverflow: "ellipsis" },
  mapping: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: "6px" },
  issues: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    maxHeight: "240px",
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  issue: { padding: "4px 8px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: "anywhere" },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  file: { maxWidth: "100%" },
  fileField: { display: "flex", flexDirection: "column", gap: "4px" },
  fileName: { overflowWrap: "anywhere", minWidth: 0 },
  hiddenInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
    padding: 0,
  },
});
