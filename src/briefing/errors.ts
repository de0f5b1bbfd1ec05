/** A briefing that cannot be built as asked (bad period, date, metric, jurisdiction or level): Chinese and English. */
export class BriefingError extends Error {
  constructor(
    message: string,
    readonly message_en: string,
  ) {
    super(message);
    this.name = "BriefingError";
  }
}
