import { AppError } from "../core/errors";

/** The codes of briefing errors (documented in src/core/errors.ts AppErrorCode). */
export type BriefingErrorCode =
  | "BAD_PERIOD"
  | "BAD_AS_OF"
  | "UNKNOWN_METRIC"
  | "UNKNOWN_BREAKDOWN"
  | "AMBIGUOUS_JURISDICTION"
  | "UNKNOWN_JURISDICTION"
  | "BAD_LEVEL";

/** A briefing that cannot be built as asked (bad period, date, metric, jurisdiction or level): Chinese and English. */
export class BriefingError extends AppError<BriefingErrorCode> {
  constructor(code: BriefingErrorCode, zh: string, en: string) {
    super(code, zh, en);
    this.name = "BriefingError";
  }
}
