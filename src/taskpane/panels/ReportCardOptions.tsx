/**
 * The report card by level on the 成绩单 panel: jurisdiction (辖区), level of the rows, "show regions without data",
 * breakdown tables and the number of key projects. The choices map one to one onto BriefingOptions (within, level,
 * showEmpty, breakdowns, top) and the CLI flags --within, --level, --show-empty, --breakdown, --top.
 */
import { Field, Input, Select, Switch, Text } from "@fluentui/react-components";
import { REGION_LEVELS, type RegionLevel } from "../../core/region-levels";
import type { BreakdownKind } from "../../briefing/types";
import { MessageKey, useT } from "../i18n";
import { useBriefingStyles } from "./briefing/briefing-styles";
import { BreakdownChecklist } from "./briefing/BreakdownChecklist";

/** The choices, as the panel keeps them ("" = automatic). */
export interface ReportCardChoices {
  within: string;
  level: RegionLevel | "";
  showEmpty: boolean;
  breakdowns: BreakdownKind[];
  /** As typed; checked by topValue. */
  top: string;
}

export const DEFAULT_CARD_CHOICES: ReportCardChoices = {
  within: "",
  level: "",
  showEmpty: false,
  breakdowns: [],
  top: "0",
};

/** Largest N the pane offers for key projects (the CLI takes any). */
export const MAX_TOP = 50;

/** The number of key projects, or null when the text is not a whole number from 0 to MAX_TOP. */
export function topValue(text: string): number | null {
  const t = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n <= MAX_TOP ? n : null;
}

export function ReportCardOptions({
  jurisdictions,
  value,
  onChange,
  byLevel,
}: {
  /** 全国 first, then top-down (BriefingAvailability.jurisdictions). */
  jurisdictions: { name: string; level: RegionLevel | null }[];
  value: ReportCardChoices;
  onChange: (next: ReportCardChoices) => void;
  /** False when only some regions are chosen: the card lists them side by side (jurisdiction and level do not apply). */
  byLevel: boolean;
}) {
  const { t } = useT();
  const s = useBriefingStyles();
  const set = (patch: Partial<ReportCardChoices>) => onChange({ ...value, ...patch });
  const levelName = (l: RegionLevel) => t(`level_${l}` as MessageKey);
  const topOk = topValue(value.top) !== null;
  return (
    <fieldset className={s.cardFieldset}>
      <legend className={s.legend}>{t("cardHeading")}</legend>
      {!byLevel && <Text role="note">{t("cardOnlyNote")}</Text>}
      <Field label={t("cardWithin")}>
        <Select value={value.within} disabled={!byLevel} onChange={(_, d) => set({ within: d.value })}>
          <option value="">{t("cardAuto")}</option>
          {jurisdictions.map((j) => (
            <option key={j.name} value={j.name}>
              {j.level === null ? t("cardNation") : t("cardRegionLevel", { name: j.name, level: levelName(j.level) })}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("cardLevel")}>
        <Select
          value={value.level}
          disabled={!byLevel}
          onChange={(_, d) => set({ level: d.value as RegionLevel | "" })}
        >
          <option value="">{t("cardAuto")}</option>
          {REGION_LEVELS.map((l) => (
            <option key={l} value={l}>
              {levelName(l)}
            </option>
          ))}
        </Select>
      </Field>
      <Field hint={t("cardShowEmptyHint")}>
        <Switch
          label={t("cardShowEmpty")}
          checked={value.showEmpty}
          disabled={!byLevel}
          onChange={(_, d) => set({ showEmpty: d.checked })}
        />
      </Field>
      <BreakdownChecklist chosen={value.breakdowns} onChange={(breakdowns) => set({ breakdowns })} />
      <Field
        label={t("cardTop")}
        validationState={topOk ? "none" : "error"}
        validationMessage={topOk ? undefined : t("cardTopInvalid")}
      >
        <Input
          type="number"
          min={0}
          max={MAX_TOP}
          step={1}
          value={value.top}
          onChange={(_, d) => set({ top: d.value })}
        />
      </Field>
    </fieldset>
  );
}
