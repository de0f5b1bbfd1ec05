/** Styles of the task pane's frame: header, sticky tab row, panels (App.tsx, PaneTabs.tsx). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useAppStyles = makeStyles({
  root: {
    minWidth: "280px",
    maxWidth: "100%",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: { padding: "12px 12px 0 12px", display: "flex", flexDirection: "column", gap: "2px" },
  title: { margin: 0 },
  // Sticky: after an action scrolls the pane down to its result, the tabs stay in reach. One line at 320 px in both
  // languages (English labels are the longer ones): tighter tab padding instead of wrapping "Settings" to a second row.
  tabs: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: 0,
    flexWrap: "nowrap",
    overflowX: "auto",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // Measured in headless Chromium (DejaVu Sans, wider than Segoe UI): the five English labels with Fluent's small-tab
  // padding needed 378 px. With 2 px padding and "Formulas" for "Functions" they need about 312 px (Chinese about
  // 200 px); overflowX stays as a fallback for large system fonts, never a second row.
  tab: {
    paddingLeft: "2px",
    paddingRight: "2px",
    flexShrink: 0,
    minWidth: 0,
    // the label and Fluent's hidden bold copy of it (which reserves the selected tab's width)
    "& .fui-Tab__content, & .fui-Tab__content--reserved-space": { paddingLeft: 0, paddingRight: 0 },
  },
  panel: { padding: "12px" },
});
