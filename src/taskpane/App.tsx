/**
 * The task pane: five panels (数据, 刷新, 成绩单, 函数, 设置) in a TabList, in zh-CN or en-US. It talks to the
 * workbook, the importers and the briefing only through TaskPaneServices (services.ts), so the same components
 * run in Excel, in the offline preview (over the simulated host) and in tests (over fakes).
 */
import * as React from "react";
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  Text,
  Subtitle1,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { Language, normaliseLanguage } from "../i18n/language";
import { I18nContext, MessageKey, makeI18n } from "./i18n";
import { PaneSettings, loadSettings, saveSettings, sanitize } from "./settings";
import { ServicesContext, TaskPaneServices } from "./services";
import { DataPanel } from "./panels/DataPanel";
import { RefreshPanel } from "./panels/RefreshPanel";
import { BriefingPanel } from "./panels/BriefingPanel";
import { FunctionsPanel } from "./panels/FunctionsPanel";
import { SettingsPanel } from "./panels/SettingsPanel";
import { CommandNotice } from "./CommandNotice";

const TABS = ["data", "refresh", "briefing", "functions", "settings"] as const;
export type TabId = (typeof TABS)[number];
const TAB_LABEL: Record<TabId, MessageKey> = {
  data: "tabData",
  refresh: "tabRefresh",
  briefing: "tabBriefing",
  functions: "tabFunctions",
  settings: "tabSettings",
};

const useStyles = makeStyles({
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

export interface AppProps {
  services: TaskPaneServices;
  /** Office's display language (Office.context.displayLanguage), null outside Office. */
  officeLanguage?: string | null;
  initialTab?: TabId;
}

/** The language shown: the user's choice, or Office's display language. */
export function resolveLanguage(choice: PaneSettings["language"], officeLanguage: string | null | undefined): Language {
  return choice === "auto" ? normaliseLanguage(officeLanguage) : choice;
}

export function App({ services, officeLanguage = null, initialTab = "data" }: AppProps) {
  const s = useStyles();
  const [settings, setSettings] = React.useState<PaneSettings>(loadSettings);
  const [tab, setTab] = React.useState<TabId>(initialTab);
  const lang = resolveLanguage(settings.language, officeLanguage);
  const i18n = React.useMemo(() => makeI18n(lang), [lang]);
  const { t } = i18n;

  React.useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Settings kept in the workbook (shared with its other users) take precedence over this computer's.
  React.useEffect(() => {
    let live = true;
    services
      .readWorkbookSettings()
      .then((wb) => {
        if (!live) return;
        setSettings((cur) => {
          const merged = sanitize({
            ...cur,
            ...Object.fromEntries(Object.entries(wb).filter(([, v]) => v !== undefined && v !== "")),
          });
          saveSettings(merged);
          return merged;
        });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [services]);

  const showSettings = React.useCallback(() => setTab("settings"), []);
  const onSettings = React.useCallback((next: PaneSettings) => {
    const clean = sanitize(next);
    saveSettings(clean);
    setSettings(clean);
  }, []);

  return (
    <FluentProvider theme={webLightTheme} dir="ltr" lang={lang}>
      <I18nContext.Provider value={i18n}>
        <ServicesContext.Provider value={services}>
          <main className={s.root}>
            <header className={s.header}>
              <Subtitle1 as="h1" className={s.title}>
                {t("appTitle")}
              </Subtitle1>
              <Text size={200}>{t("appSubtitle")}</Text>
            </header>
            <CommandNotice className={s.panel} onSelfTest={showSettings} />
            {services.host === null && (
              <div className={s.panel}>
                <MessageBar intent="warning">
                  <MessageBarBody>{t("noExcel")}</MessageBarBody>
                </MessageBar>
              </div>
            )}
            <TabList
              className={s.tabs}
              selectedValue={tab}
              onTabSelect={(_, d) => setTab(d.value as TabId)}
              aria-label={t("tabsLabel")}
              size="small"
            >
              {TABS.map((id) => (
                <Tab key={id} id={`tab-${id}`} className={s.tab} value={id} aria-controls={`panel-${id}`}>
                  {t(TAB_LABEL[id])}
                </Tab>
              ))}
            </TabList>
            {TABS.map((id) => (
              <div
                key={id}
                id={`panel-${id}`}
                role="tabpanel"
                aria-labelledby={`tab-${id}`}
                hidden={tab !== id}
                className={s.panel}
              >
                {/* Every panel stays mounted (hidden when not shown) so that its results, choices and messages survive a
                    visit to another tab; the panels that read the workbook read it afresh each time they are shown. */}
                {id === "data" && <DataPanel defaultUrl={settings.productionUrl} />}
                {id === "refresh" && <RefreshPanel active={tab === id} />}
                {id === "briefing" && (
                  <BriefingPanel basis={settings.basis} tolerance={settings.tolerance} active={tab === id} />
                )}
                {id === "functions" && <FunctionsPanel />}
                {id === "settings" && (
                  <SettingsPanel settings={settings} officeLanguage={officeLanguage} onChange={onSettings} />
                )}
              </div>
            ))}
          </main>
        </ServicesContext.Provider>
      </I18nContext.Provider>
    </FluentProvider>
  );
}
