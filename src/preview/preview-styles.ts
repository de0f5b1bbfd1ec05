/** Styles of the preview page: the banner, the task pane column and the workbook beside it (narrow screens stack). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const usePreviewStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground3,
    "@media (max-width: 639px)": { height: "auto", minHeight: "100vh" },
  },
  banner: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: "4px 12px",
    padding: "6px 12px",
    backgroundColor: "#217346",
    color: "#fff",
  },
  bannerTitle: { fontWeight: 700, color: "#fff" },
  bannerNote: { color: "#e6f2ea" },
  body: {
    display: "flex",
    flexDirection: "row",
    alignItems: "stretch",
    gap: "8px",
    padding: "8px",
    flexGrow: 1,
    minHeight: 0,
    "@media (max-width: 639px)": { flexDirection: "column", padding: 0, gap: "0" },
  },
  pane: {
    width: "320px",
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowY: "auto",
    "@media (max-width: 639px)": { width: "100%", border: "none", boxSizing: "border-box", overflowY: "visible" },
  },
  book: {
    display: "flex",
    flexDirection: "column",
    flexGrow: 1,
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: "0 8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minHeight: 0,
    "@media (max-width: 639px)": { height: "80vh", flexGrow: 0 },
  },
  loading: { padding: "24px" },
});
