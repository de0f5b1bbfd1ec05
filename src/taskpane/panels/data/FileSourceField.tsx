/**
 * The file chooser: a button and the chosen file's name, over a hidden native input. The native input is kept for
 * the file dialog but hidden, because its button text follows the browser's language, not the pane's.
 */
import * as React from "react";
import { Button, Label, Text, useId } from "@fluentui/react-components";
import { useT } from "../../i18n";
import { useCommonStyles } from "../../common";
import { useDataStyles } from "./data-styles";
import type { ChosenFile } from "./source-form-reducer";

export function FileSourceField({
  file,
  onChange,
}: {
  file: ChosenFile | null;
  onChange: (e: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  const { t } = useT();
  const c = useCommonStyles();
  const s = useDataStyles();
  const fileId = useId("data-file");
  const fileInput = React.useRef<HTMLInputElement>(null);
  return (
    <div className={s.fileField}>
      <Label id={`${fileId}-label`}>{t("fileLabel")}</Label>
      <input
        ref={fileInput}
        id={fileId}
        data-testid="file-input"
        className={s.hiddenInput}
        type="file"
        accept=".csv,.txt,.json,.xlsx"
        onChange={onChange}
        tabIndex={-1}
        aria-hidden="true"
      />
      <div className={c.row}>
        {/* Named by its own visible text first, then the field label (WCAG 2.5.3: a voice user says what is seen). */}
        <Button
          id={`${fileId}-browse`}
          aria-labelledby={`${fileId}-browse ${fileId}-label`}
          aria-describedby={`${fileId}-name ${fileId}-hint`}
          onClick={() => fileInput.current?.click()}
        >
          {t("browse")}
        </Button>
        <Text id={`${fileId}-name`} className={s.fileName}>
          {file ? file.name : t("noFile")}
        </Text>
      </div>
      <Text size={200} id={`${fileId}-hint`} className={c.muted}>
        {file ? t("fileChosen", { name: file.name }) : t("fileHint")}
      </Text>
    </div>
  );
}
