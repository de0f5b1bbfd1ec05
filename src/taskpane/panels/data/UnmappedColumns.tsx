/** The source's columns were not recognised: map each header seen to a field by hand, then read again. */
import { Button, Subtitle2, Text } from "@fluentui/react-components";
import type { DatasetKind } from "../../../import/types";
import { ownValue } from "../../../core/own";
import { useT } from "../../i18n";
import { useCommonStyles } from "../../common";
import { useDataStyles } from "./data-styles";
import { columnTitle, listSeparator } from "./dataset-columns";
import type { DatasetReader, Unmapped } from "./useDatasetReader";
import { MappingSelect } from "./MappingSelect";

export function UnmappedColumns({
  unmapped,
  kind,
  reader,
  busy,
}: {
  unmapped: Unmapped;
  /** The kind chosen in the form ("auto" maps to the ledger's columns). */
  kind: DatasetKind | "auto";
  reader: DatasetReader;
  busy: boolean;
}) {
  const { t, lang } = useT();
  const c = useCommonStyles();
  const s = useDataStyles();
  const target = kind === "auto" ? "ledger" : kind;
  return (
    <section aria-labelledby="unmapped-heading" className={c.panel}>
      <Subtitle2 as="h3" id="unmapped-heading" className={c.heading}>
        {t("mappingHeading")}
      </Subtitle2>
      <Text size={200}>
        {t("mappingNeeded", {
          fields: unmapped.missing.map((f) => columnTitle(target, f, lang)).join(listSeparator(lang)),
        })}
      </Text>
      <div className={s.mapping}>
        {unmapped.headers.map((h) => (
          <MappingSelect
            key={h}
            header={h}
            kind={target}
            value={ownValue(reader.draft, h) ?? ""}
            onChange={(v) => reader.setDraftField(h, v)}
          />
        ))}
      </div>
      <div className={c.row}>
        <Button onClick={reader.readWithDraft} disabled={busy}>
          {t("readWithMapping")}
        </Button>
      </div>
    </section>
  );
}
