/**
 * 成绩单 Briefing: choose period, regions, metrics and options; build the sheet; show and copy the text.
 * What the workbook offers is read by briefing/useBriefingAvailability.ts, the request is put together in
 * briefing/briefing-request.ts and built by briefing/useBriefingBuild.ts; the fields are the components of briefing/.
 */
import * as React from "react";
import { Button, Spinner, Subtitle2, Text } from "@fluentui/react-components";
import { METRICS, Metric } from "../../core/model";
import type { ProgressBasis } from "../../core/metrics";
import { useT } from "../i18n";
import { ProgressArea, StatusMessage, useCommonStyles, useTask } from "../common";
import { useServices } from "../services";
import { DEFAULT_CARD_CHOICES, ReportCardChoices, ReportCardOptions } from "./ReportCardOptions";
import { useBriefingAvailability } from "./briefing/useBriefingAvailability";
import { useBriefingBuild } from "./briefing/useBriefingBuild";
import { DEFAULT_SHEET_OPTIONS, SheetOptions, briefingRequest, invalidChoice } from "./briefing/briefing-request";
import { PeriodField } from "./briefing/PeriodField";
import { RegionChecklist } from "./briefing/RegionChecklist";
import { MetricChecklist } from "./briefing/MetricChecklist";
import { SheetOptionsFields } from "./briefing/SheetOptionsFields";
import { BriefingResult } from "./briefing/BriefingResult";

export { quarterOptions } from "./briefing/quarters";

/**
 * `active`: the panel is shown. It stays mounted while hidden (its result survives a visit to another tab) and reads
 * what the workbook holds afresh each time it is shown, keeping the user's choices where they still apply.
 */
export function BriefingPanel({
  basis,
  tolerance,
  active = true,
}: {
  basis: ProgressBasis;
  tolerance: number;
  active?: boolean;
}) {
  const { t } = useT();
  const services = useServices();
  const c = useCommonStyles();
  const task = useTask();
  const { avail, availError, period, setPeriod, regions, setRegions } = useBriefingAvailability(active);
  const [metrics, setMetrics] = React.useState<Metric[]>([...METRICS]);
  const [options, setOptions] = React.useState<SheetOptions>(DEFAULT_SHEET_OPTIONS);
  const [card, setCard] = React.useState<ReportCardChoices>(DEFAULT_CARD_CHOICES);
  const build = useBriefingBuild(task);

  if (!avail) return <Spinner size="tiny" label={t("working")} />;

  const noData = avail.regions.length === 0 && avail.dataYears.length === 0;
  // With the regions as a hierarchy, every region chosen means the report card by level; some of them: side by side.
  const jurisdictions = avail.jurisdictions ?? [];
  const byLevel = jurisdictions.length > 0 && regions.length === avail.regions.length;
  const invalid = invalidChoice({ metrics, regions, card }, t);
  const onBuild = () =>
    build.build(
      briefingRequest({
        period,
        allRegions: avail.regions,
        regions,
        byLevel,
        card,
        metrics,
        basis,
        tolerance,
        options,
      }),
    );

  return (
    <section className={c.panel} aria-labelledby="briefing-heading">
      <Subtitle2 as="h2" id="briefing-heading" className={c.heading}>
        {t("briefingHeading")}
      </Subtitle2>
      {availError && <StatusMessage status={{ intent: "error", text: availError }} />}
      {noData ? (
        <Text>{t("briefingNoData")}</Text>
      ) : (
        <>
          <PeriodField avail={avail} period={period} onChange={setPeriod} />
          <RegionChecklist all={avail.regions} chosen={regions} onChange={setRegions} />
          {jurisdictions.length > 0 && (
            <ReportCardOptions jurisdictions={jurisdictions} value={card} onChange={setCard} byLevel={byLevel} />
          )}
          <MetricChecklist chosen={metrics} onChange={setMetrics} />
          <SheetOptionsFields value={options} onChange={(patch) => setOptions((o) => ({ ...o, ...patch }))} />
          {invalid && <Text role="status">{invalid}</Text>}
          <div className={c.row}>
            <Button
              appearance="primary"
              onClick={onBuild}
              disabled={task.running || !!invalid || !period || services.host === null}
            >
              {t("build")}
            </Button>
          </div>
        </>
      )}
      <ProgressArea task={task} />
      {/* The result takes the focus and scrolls to the top of the pane (below the sticky tabs): the text follows it. */}
      <StatusMessage status={task.status} focusOnChange />
      <BriefingResult build={build} />
    </section>
  );
}
