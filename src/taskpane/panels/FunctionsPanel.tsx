/** 函数 Functions: a short reference of the INVEST.* functions with examples, insertable into the active cell. */
import * as React from "react";
import { Button, Card, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useT } from "../i18n";
import { StatusMessage, useCommonStyles, useTask } from "../common";
import { functionDocs } from "../functions-reference";
import { useServices } from "../services";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "8px" },
  card: { padding: "8px", gap: "4px" },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
    backgroundColor: tokens.colorNeutralBackground3,
    padding: "2px 4px",
    borderRadius: tokens.borderRadiusSmall,
  },
  params: { margin: 0, paddingLeft: "16px" },
  name: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
});

export function FunctionsPanel() {
  const { t, lang } = useT();
  const services = useServices();
  const c = useCommonStyles();
  const s = useStyles();
  const task = useTask();
  const [zh, setZh] = React.useState<Awaited<ReturnType<typeof services.functionDescriptionsZh>>>({});

  React.useEffect(() => {
    let live = true;
    services
      .functionDescriptionsZh()
      .then((d) => live && setZh(d))
      .catch(() => undefined); // English texts stay as the fallback
    return () => {
      live = false;
    };
  }, [services]);

  const docs = functionDocs(lang, zh);

  async function onInsert(formula: string) {
    const address = await task.run(t("working"), () => services.insertFormula(formula));
    if (address) task.setStatus({ intent: "success", text: t("inserted", { address }) });
  }

  return (
    <section className={c.panel} aria-labelledby="functions-heading">
      <Subtitle2 as="h2" id="functions-heading" className={c.heading}>
        {t("functionsHeading")}
      </Subtitle2>
      <Text size={200}>{t("functionsHint")}</Text>
      <StatusMessage status={task.status} focusOnChange />
      <ul className={s.list}>
        {docs.map((d) => (
          <li key={d.id}>
            <Card className={s.card} size="small">
              <Text as="h3" weight="semibold" className={s.name} style={{ margin: 0 }}>
                {d.name}
              </Text>
              <Text size={200}>{d.description}</Text>
              <Text size={200} weight="semibold">
                {t("parameters")}
              </Text>
              <ul className={s.params}>
                {d.parameters.map((p) => (
                  <li key={p.name}>
                    <Text size={200}>
                      <code>{p.name}</code> — {p.description}
                    </Text>
                  </li>
                ))}
              </ul>
              <Text size={200} weight="semibold">
                {t("example")}
              </Text>
              <code className={s.code}>{d.example}</code>
              {d.exampleResult && <Text size={200}>→ {d.exampleResult}</Text>}
              <div className={c.row}>
                <Button
                  size="small"
                  onClick={() => onInsert(d.example)}
                  disabled={task.running || services.host === null}
                  aria-label={t("insertLabel", { formula: d.example })}
                >
                  {t("insert")}
                </Button>
              </div>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
