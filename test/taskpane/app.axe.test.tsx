/** @jest-environment jsdom */
/**
 * axe-core over the task pane in jsdom (in the slow group: ~15 s alone, minutes beside other suites). The browser
 * test (test/browser/preview.test.ts) runs axe in Chromium too, stricter: every impact, both languages, 320 and 1280 px.
 */
import * as React from "react";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import axe from "axe-core";
import { App } from "../../src/taskpane/App";
import { fakeServices, ledgerResult } from "./fakes";

beforeEach(() => localStorage.clear());

async function renderApp(ui: React.ReactElement) {
  const r = render(ui);
  await act(async () => undefined);
  return r;
}

async function seriousViolations(container: Element) {
  const result = await axe.run(container, {
    rules: { "color-contrast": { enabled: false } }, // jsdom does not lay out or paint
    resultTypes: ["violations"],
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("task pane app, accessibility", () => {
  test("axe-core finds no serious or critical violations in any panel, with data shown", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      read: jest.fn(async () => [
        ledgerResult({
          issues: [
            { file: "a.csv", row: 3, column: "签约额", message: "不是数字", message_en: "NaN", severity: "error" },
          ],
        }),
      ]),
      listSources: jest.fn(async () => [
        { id: "a", kind: "ledger" as const, label: "示例数据", rows: 2, lastRefreshed: null, refreshable: true },
      ]),
      briefingAvailability: jest.fn(async () => ({
        regions: ["西宁开发区", "西宁市"],
        dataYears: [2025],
        targetYears: [],
      })),
    });
    const { container } = await renderApp(<App services={services} officeLanguage="zh-CN" />);
    await user.click(screen.getByRole("radio", { name: "网址" }));
    await user.type(screen.getByRole("textbox", { name: /数据网址/ }), "https://zs.example.gov.cn/ledger.csv");
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    await screen.findByRole("heading", { name: /预览/ });
    await user.click(screen.getByText("列对应"));
    expect(await seriousViolations(container)).toEqual([]);
    for (const tab of ["刷新", "成绩单", "函数", "设置"]) {
      await user.click(screen.getByRole("tab", { name: tab }));
      await act(async () => undefined);
      expect({ tab, violations: await seriousViolations(container) }).toEqual({ tab, violations: [] });
    }
    await user.click(screen.getByRole("tab", { name: "成绩单" }));
    await user.click(await screen.findByRole("button", { name: "生成成绩单" }));
    await screen.findByRole("textbox", { name: "简报文字" });
    expect(await seriousViolations(container)).toEqual([]);
  }, 180_000); // axe-core over Fluent's DOM in jsdom: ~15 s alone, more with the other suites in parallel
});
