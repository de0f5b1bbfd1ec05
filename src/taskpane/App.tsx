/** The task pane shell. The panels arrive with the task pane issue; this shows the add-in is alive. */
import * as React from "react";
import { FluentProvider, webLightTheme, Title3, Body1 } from "@fluentui/react-components";

export function App({ host }: { host: string | null }) {
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 12 }}>
        <Title3 as="h1">招商引资成绩单</Title3>
        <Body1 as="p">{host ? "已连接 Excel。" : "未检测到 Excel：当前为离线预览。"}</Body1>
      </main>
    </FluentProvider>
  );
}
