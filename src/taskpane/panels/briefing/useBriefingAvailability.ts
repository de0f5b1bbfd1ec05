/**
 * What the workbook holds for a briefing (regions, years, jurisdictions), read afresh each time the panel is shown,
 * and the choices that depend on it: the period and the regions. A second visit keeps the user's choices where they
 * still apply (all regions stays all); the first one chooses every region and the latest quarter.
 */
import * as React from "react";
import { useT } from "../../i18n";
import { userError } from "../../common";
import { BriefingAvailability, useServices } from "../../services";
import { defaultPeriod } from "./quarters";

export interface BriefingAvailabilityHook {
  /** null while the first reading runs. */
  avail: BriefingAvailability | null;
  availError: string | null;
  period: string;
  setPeriod: (period: string) => void;
  regions: string[];
  setRegions: React.Dispatch<React.SetStateAction<string[]>>;
}

export function useBriefingAvailability(active: boolean): BriefingAvailabilityHook {
  const { t, lang } = useT();
  const services = useServices();
  const [avail, setAvail] = React.useState<BriefingAvailability | null>(null);
  const [availError, setAvailError] = React.useState<string | null>(null);
  const [period, setPeriod] = React.useState("");
  const [regions, setRegions] = React.useState<string[]>([]);
  const availRef = React.useRef<BriefingAvailability | null>(null);

  React.useEffect(() => {
    if (!active) return;
    let live = true;
    function take(a: BriefingAvailability) {
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
      setPeriod(defaultPeriod(a));
    }
    services
      .briefingAvailability()
      .then((a) => live && take(a))
      .catch((err) => {
        if (!live) return;
        setAvailError(userError(err, t, lang));
        setAvail({ regions: [], dataYears: [], targetYears: [] });
      });
    return () => {
      live = false;
    };
    // On each visit to the panel, not on a language switch: that would reset the period the analyst chose.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t and lang only word an error message here
  }, [services, active]);

  return { avail, availError, period, setPeriod, regions, setRegions };
}
