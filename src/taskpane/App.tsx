/**
 * The task pane: five panels (数据, 刷新, 成绩单, 函数, 设置) in a TabList, in zh-CN or en-US. It talks to the
 * workbook, the importers and the briefing only through TaskPaneServices (services.ts), so the same components
 * run in Excel, in the offline preview (over the simulated host) and in tests (over fakes).
 */
import * as React from "react";
import { FluentProvider, MessageBar, MessageBarBody, Text, Subtitle1, webLightTheme } from "@fluentui/react-components";
import { Language, normaliseLanguage } from "../i18n/language";
import { I18nContext, makeI18n } from "./i18n";
import type { PaneSettings } from "./settings";
import { ServicesContext, TaskPaneServices } from "./services";
import { CommandNotice } from "./CommandNotice";
import { useAppStyles } from "./app-styles";
import { usePaneSettings } from "./usePaneSettings";
import { PaneTabs, TabId } from "./PaneTabs";

export type { TabId } from "./PaneTabs";

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
  const s = useAppStyles();
  const [settings, onSettings] = usePaneSettings(services);
  const [tab, setTab] = React.useState<TabId>(initialTab);
  const lang = resolveLanguage(settings.language, officeLanguage);
  const i18n = React.useMemo(() => makeI18n(lang), [lang]);
  const { t } = i18n;

  React.useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const showSettings = React.useCallback(() => setTab("settings"), []);

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
            <PaneTabs
              tab={tab}
              onTab={setTab}
              settings={settings}
              officeLanguage={officeLanguage}
              onSettings={onSettings}
            />
          </main>
        </ServicesContext.Provider>
      </I18nContext.Provider>
    </FluentProvider>
  );
}
