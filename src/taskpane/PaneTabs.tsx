/**
 * The five tabs and their panels. Every panel stays mounted (hidden when not shown) so that its results, choices and
 * messages survive a visit to another tab; the panels that read the workbook read it afresh each time they are shown.
 */
import { Tab, TabList } from "@fluentui/react-components";
import { MessageKey, useT } from "./i18n";
import type { PaneSettings } from "./settings";
import { useAppStyles } from "./app-styles";
import { DataPanel } from "./panels/DataPanel";
import { RefreshPanel } from "./panels/RefreshPanel";
import { BriefingPanel } from "./panels/BriefingPanel";
import { FunctionsPanel } from "./panels/FunctionsPanel";
import { SettingsPanel } from "./panels/SettingsPanel";

const TABS = ["data", "refresh", "briefing", "functions", "settings"] as const;
export type TabId = (typeof TABS)[number];
const TAB_LABEL: Record<TabId, MessageKey> = {
  data: "tabData",
  refresh: "tabRefresh",
  briefing: "tabBriefing",
  functions: "tabFunctions",
  settings: "tabSettings",
};

export interface PaneTabsProps {
  tab: TabId;
  onTab: (tab: TabId) => void;
  settings: PaneSettings;
  officeLanguage: string | null;
  onSettings: (next: PaneSettings) => void;
}

/** The panel of one tab; `active` while it is the tab shown. */
function PanelFor({
  id,
  active,
  settings,
  officeLanguage,
  onSettings,
}: Omit<PaneTabsProps, "tab" | "onTab"> & {
  id: TabId;
  active: boolean;
}) {
  switch (id) {
    case "data":
      return <DataPanel defaultUrl={settings.productionUrl} />;
    case "refresh":
      return <RefreshPanel active={active} />;
    case "briefing":
      return <BriefingPanel basis={settings.basis} tolerance={settings.tolerance} active={active} />;
    case "functions":
      return <FunctionsPanel />;
    case "settings":
      return <SettingsPanel settings={settings} officeLanguage={officeLanguage} onChange={onSettings} />;
  }
}

export function PaneTabs({ tab, onTab, ...panelProps }: PaneTabsProps) {
  const { t } = useT();
  const s = useAppStyles();
  return (
    <>
      <TabList
        className={s.tabs}
        selectedValue={tab}
        onTabSelect={(_, d) => onTab(d.value as TabId)}
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
          <PanelFor id={id} active={tab === id} {...panelProps} />
        </div>
      ))}
    </>
  );
}
