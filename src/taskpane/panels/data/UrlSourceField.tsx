/** The URL to read, with its validation message (which takes the focus when a URL is refused). */
import { Field, Input } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { useCommonStyles } from "../../common";

export function UrlSourceField({
  url,
  error,
  messageId,
  onChange,
}: {
  url: string;
  error: string | null;
  messageId: string;
  onChange: (url: string) => void;
}) {
  const { t } = useT();
  const c = useCommonStyles();
  return (
    <Field
      label={t("urlLabel")}
      hint={t("urlHint")}
      validationState={error ? "error" : "none"}
      validationMessage={error ? { children: error, id: messageId, tabIndex: -1, className: c.result } : undefined}
    >
      <Input type="url" value={url} onChange={(_, d) => onChange(d.value)} placeholder="https://" />
    </Field>
  );
}
