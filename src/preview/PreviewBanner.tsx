/** The banner that says this is the preview, not Excel (in both languages), with a button to start over. */
import { Button, Text } from "@fluentui/react-components";
import { usePreviewStyles } from "./preview-styles";

export function PreviewBanner({ lang }: { lang: "zh-CN" | "en-US" }) {
  const s = usePreviewStyles();
  return (
    <header className={s.banner} role="banner">
      <Text className={s.bannerTitle} as="h1" size={300} style={{ margin: 0 }}>
        预览模式 — 未连接 Excel
      </Text>
      <Text className={s.bannerNote} size={200}>
        Preview mode — not connected to Excel ·{" "}
        {lang === "zh-CN"
          ? "模拟工作簿，公式由模拟主机计算"
          : "simulated workbook, formulas computed by the simulated host"}
      </Text>
      <Button
        size="small"
        appearance="outline"
        style={{ color: "#fff", marginLeft: "auto" }}
        onClick={() => location.reload()}
      >
        {lang === "zh-CN" ? "重新开始" : "Start over"}
      </Button>
    </header>
  );
}
