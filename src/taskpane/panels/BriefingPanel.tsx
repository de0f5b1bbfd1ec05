/** 成绩单 Briefing: choose period, regions, metrics and options; build the sheet; show and copy the text. */
import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Select,
  Spinner,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
} from "@fluentui/react-components";
import { METRICS, METRIC_INFO, Metric } from "../../core/model";
import type { ProgressBasis } from "../../core/metrics";
import { MessageKey, useT } from "../i18n";
import { ProgressArea, Status, StatusMessage, useCommonStyles, useTask, userError } from "../common";
import { BriefingAvailability, BriefingOutcome, useServices } from "../services";
import { DEFAULT_CARD_CHOICES, ReportCardChoices, ReportCardOptions, topValue } from "./ReportCardOptions";

const useStyles = makeStyles({
  fieldset: { border: "none", margin: 0, padding: 0, minWidth: 0, display: "flex", flexDirection: "column" },
  legend: { padding: 0, marginBottom: "4px", fontWeight: 600 },
  text: { width: "100%" },
  textArea: { minHeight: "10em" },
});

/** Quarter options for the recent years (newest first). */
export function quarterOptions(years: number[]): string[] {
  const sorted = [...new Set(years)].sort((a, b) => b - a).slice(0, 3);
  return sorted.flatMap((y) => [4, 3, 2, 1].map((q) => `${y}Q${q}`));
}

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
  const { t, lang } = useT();
  const services = useServices();
  const c = useCommonStyles();
  const s = useStyles();
  const task = useTask();
  const [avail, setAvail] = React.useState<BriefingAvailability | null>(null);
  const [availError, setAvailError] = React.useState<string | null>(null);
  const [period, setPeriod] = React.useState("");
  const [regions, setRegions] = React.useState<string[]>([]);
  const [metrics, setMetrics] = React.useState<Metric[]>([...METRICS]);
  const [portable, setPortable] = React.useState(false);
  const [valuesOnly, setValuesOnly] = React.useState(false);
  const [charts, setCharts] = React.useState(false);
  const [card, setCard] = React.useState<ReportCardChoices>(DEFAULT_CARD_CHOICES);
  const [outcome, setOutcome] = React.useState<BriefingOutcome | null>(null);
  const [copyStatus, setCopyStatus] = React.useState<Status>(null);

  const availRef = React.useRef<BriefingAvailability | null>(null);
  React.useEffect(() => {
    if (!active) return;
    let live = true;
    services
      .briefingAvailability()
      .then((a) => {
        if (!live) return;
        const before = availRef.current;
        availRef.current = a;
        setAvail(a);
        setAvailError(null);
        if (before && before.regions.length > 0) {
          // Seen before: keep the chosen regions (all stays all) and a period still offered.
          setRegions((cur) =>
            cur.length === before.regions.length ? a.regions : a.regions.filter((r) => cur.includes(r)),
          );
          return;
        }
        setRegions(a.regions);
        // Default: the quarter of the latest data; else the first quarter of the latest year known.
        if (a.latest) setPeriod(`${a.latest.year}Q${Math.ceil(a.latest.month / 3)}`);
        else {
          const years = a.dataYears.length
            ? a.dataYears
            : a.targetYears.length
              ? a.targetYears
              : [new Date().getFullYear()];
          setPeriod(`${Math.max(...years)}Q1`);
        }
      })
      .catch(
        (err) =>
          live && (setAvailError(userError(err, t, lang)), setAvail({ regions: [], dataYears: [], targetYears: [] })),
      );
    return () => {
      live = false;
    };
    // On each visit to the panel, not on a language switch: that would reset the period the analyst chose.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t and lang only word an error message here
  }, [services, active]);

  if (!avail) return <Spinner size="tiny" label={t("working")} />;

  const noData = avail.regions.length === 0 && avail.dataYears.length === 0;
  const year = Number(period.slice(0, 4));
  const options = quarterOptions([
    ...avail.dataYears,
    ...avail.targetYears,
    ...(Number.isFinite(year) && year > 0 ? [year] : []),
  ]);
  const quarterName = (code: string) =>
    t("quarterOption", { year: code.slice(0, 4), quarter: t(`q${code.slice(5)}` as MessageKey) });
  const missingTargets = !noData && Number.isFinite(year) && !avail.targetYears.includes(year);
  // With the regions as a hierarchy, every region chosen means the report card by level; some of them: side by side.
  const hierarchical = (avail.jurisdictions?.length ?? 0) > 0;
  const byLevel = hierarchical && regions.length === avail.regions.length;
  const top = topValue(card.top);
  const invalid =
    metrics.length === 0
      ? t("pickMetric")
      : regions.length === 0
        ? t("pickRegion")
        : top === null
          ? t("cardTopInvalid")
          : null;

  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

  async function onBuild() {
    setCopyStatus(null);
    const result = await task.run(t("building"), (signal, onProgress) =>
      services.buildBriefing({
        period,
        ...(byLevel
          ? { within: card.within || undefined, level: card.level || undefined, showEmpty: card.showEmpty }
          : { regions: avail!.regions.filter((r) => regions.includes(r)) }),
        breakdowns: card.breakdowns,
        top: top ?? 0,
        metrics: METRICS.filter((m) => metrics.includes(m)),
        basis,
        tolerance,
        portable,
        valuesOnly,
        charts,
        language: lang,
        signal,
        onProgress,
      }),
    );
    if (result) {
      setOutcome(result);
      task.setStatus(
        result.noData
          ? { intent: "warning", text: t("builtNoData", { sheet: result.sheet, period: quarterName(period) }) }
          : { intent: "success", text: t("built", { sheet: result.sheet }) },
      );
    }
  }

  const text = outcome ? (lang === "zh-CN" ? outcome.text.zh : outcome.text.en) : "";

  async function onCopy() {
    try {
      await services.copyText(text);
      setCopyStatus({ intent: "success", text: t("copied") });
    } catch {
      setCopyStatus({ intent: "warning", text: t("copyFailed") });
    }
  }

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
          <Field label={t("period")}>
            <Select value={period} onChange={(_, d) => setPeriod(d.value)}>
              {options.map((code) => (
                <option key={code} value={code}>
                  {quarterName(code)}
                </option>
              ))}
            </Select>
          </Field>
          {missingTargets && <StatusMessage status={{ intent: "warning", text: t("noTargets", { year }) }} />}

          <fieldset className={s.fieldset}>
            <legend className={s.legend}>{t("regions")}</legend>
            <Checkbox
              label={t("regionsAll")}
              checked={regions.length === avail.regions.length ? true : regions.length === 0 ? false : "mixed"}
              onChange={(_, d) => setRegions(d.checked === true ? [...avail.regions] : [])}
            />
            {avail.regions.map((r) => (
              <Checkbox
                key={r}
                label={r}
                checked={regions.includes(r)}
                onChange={(_, d) => setRegions((list) => toggle(list, r, d.checked === true))}
              />
            ))}
          </fieldset>

          {hierarchical && (
            <ReportCardOptions jurisdictions={avail.jurisdictions!} value={card} onChange={setCard} byLevel={byLevel} />
          )}

          <fieldset className={s.fieldset}>
            <legend className={s.legend}>{t("metrics")}</legend>
            {METRICS.map((m) => (
              <Checkbox
                key={m}
                label={lang === "zh-CN" ? METRIC_INFO[m].zh : METRIC_INFO[m].en}
                checked={metrics.includes(m)}
                onChange={(_, d) => setMetrics((list) => toggle(list, m, d.checked === true))}
              />
            ))}
          </fieldset>

          <fieldset className={s.fieldset}>
            <legend className={s.legend}>{t("options")}</legend>
            <Checkbox
              label={t("optPortable")}
              checked={portable}
              onChange={(_, d) => setPortable(d.checked === true)}
            />
            <Checkbox
              label={t("optValuesOnly")}
              checked={valuesOnly}
              onChange={(_, d) => setValuesOnly(d.checked === true)}
            />
            <Checkbox label={t("optCharts")} checked={charts} onChange={(_, d) => setCharts(d.checked === true)} />
          </fieldset>

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
      {outcome?.warnings.map((w, i) => (
        <StatusMessage key={i} status={{ intent: "warning", text: lang === "zh-CN" ? w.zh : w.en }} />
      ))}
      {outcome && (
        <>
          <Field label={t("briefingText")} className={s.text}>
            <Textarea readOnly value={text} resize="vertical" textarea={{ className: s.textArea }} />
          </Field>
          <div className={c.row}>
            <Button onClick={onCopy}>{t("copy")}</Button>
            <StatusMessage status={copyStatus} />
          </div>
        </>
      )}
    </section>
  );
}
