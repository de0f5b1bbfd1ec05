/** The issues found in what was read (the first 50 listed), and the button that writes them all to a sheet. */
import { Button, Subtitle2, Text } from "@fluentui/react-components";
import type { ImportIssue } from "../../../import/types";
import { useT } from "../../i18n";
import { useCommonStyles } from "../../common";
import { useDataStyles } from "./data-styles";

const ISSUES_SHOWN = 50;

/** One issue: severity, row, column (or the whole row) and what to do, in the UI language. */
function IssueItem({ issue }: { issue: ImportIssue }) {
  const { t, lang } = useT();
  const s = useDataStyles();
  const zh = lang === "zh-CN";
  return (
    <li className={s.issue}>
      <span className={issue.severity === "error" ? s.error : s.warning}>{t(`severity_${issue.severity}`)}</span>{" "}
      {t("issueRow", { row: issue.row })}
      {zh ? "，" : ", "}
      {issue.column ? t("issueColumn", { column: issue.column }) : t("issueWholeRow")}
      {zh ? "：" : ": "}
      {zh ? issue.message : issue.message_en}
    </li>
  );
}

export function IssuesList({
  issues,
  sheet,
  canWrite,
  onWrite,
}: {
  issues: ImportIssue[];
  /** The sheet the issues were written to, or null. */
  sheet: string | null;
  canWrite: boolean;
  onWrite: () => void;
}) {
  const { t } = useT();
  const c = useCommonStyles();
  const s = useDataStyles();
  return (
    <section aria-labelledby="issues-heading" className={c.panel}>
      <Subtitle2 as="h3" id="issues-heading" className={c.heading}>
        {t("issuesHeading", { count: issues.length })}
      </Subtitle2>
      {issues.length === 0 ? (
        <Text>{t("issuesNone")}</Text>
      ) : (
        <>
          <ul className={s.issues} aria-labelledby="issues-heading" tabIndex={0}>
            {issues.slice(0, ISSUES_SHOWN).map((issue, i) => (
              <IssueItem key={i} issue={issue} />
            ))}
          </ul>
          {issues.length > ISSUES_SHOWN && (
            <Text size={200}>{t("issuesMore", { count: issues.length - ISSUES_SHOWN })}</Text>
          )}
          <div className={c.row}>
            <Button onClick={onWrite} disabled={!canWrite}>
              {t("writeIssues")}
            </Button>
            {sheet && <Text size={200}>{sheet}</Text>}
          </div>
        </>
      )}
    </section>
  );
}
