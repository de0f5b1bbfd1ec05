/** Styles shared by the parts of the 成绩单 panel: unframed fieldsets with a bold legend, the briefing text. */
import { makeStyles } from "@fluentui/react-components";

export const useBriefingStyles = makeStyles({
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0, display: "flex", flexDirection: "column" },
  /** The report card's fieldsets space their fields apart. */
  cardFieldset: {
    border: "none",
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: "4px",
  },
  legend: { padding: 0, marginBottom: "4px", fontWeight: 600 },
  text: { width: "100%" },
  textArea: { minHeight: "10em" },
});
