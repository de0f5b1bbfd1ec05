/** @jest-environment jsdom */
import * as React from "react";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { App, resolveLanguage } from "../../src/taskpane/App";
import { SETTINGS_KEY } from "../../src/taskpane/settings";
import { fakeServices } from "./fakes";

beforeEach(() => localStorage.clear());

/** Render and let the mount effects (workbook settings) settle. */
async function renderApp(ui: React.ReactElement) {
  const r = render(ui);
  await act(async () => undefined);
  return r;
}

describe("task pane app", () => {
  test("language follows Office by default; the user's choice wins", () => {
    expect(resolveLanguage("auto", "en-US")).toBe("en-US");
    expect(resolveLanguage("auto", "zh-TW")).toBe("zh-CN");
    expect(resolveLanguage("auto", null)).toBe("zh-CN");
    expect(resolveLanguage("zh-CN", "en-US")).toBe("zh-CN");
  });

  test("five tabs, reachable with the keyboard; each shows its panel", async () => {
    const user = userEvent.setup();
    await renderApp(<App services={fakeServices()} officeLanguage="zh-CN" />);
    const tabs = within(screen.getByRole("tablist", { name: "功能" })).getAllByRole("tab");
    expect(tabs).toHaveLength(5);
    for (const [i, name] of ["数据", "刷新", "成绩单", "函数", "设置"].entries())
      expect(tabs[i]).toHaveAccessibleName(name);
    expect(screen.getByRole("heading", { name: "导入数据" })).toBeVisible();
    // Arrow keys between tabs are tabster's (no focus movement in jsdom): the browser test presses them in Chromium.
    tabs[1].focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("heading", { name: "刷新已载入的数据" })).toBeVisible();
    expect(screen.getByRole("heading", { name: "导入数据", hidden: true })).not.toBeVisible();
    tabs[3].focus();
    await user.keyboard(" ");
    expect(await screen.findByRole("heading", { name: "自定义函数" })).toBeVisible();
  });

  test("switching the language in Settings re-labels everything and is remembered", async () => {
    const user = userEvent.setup();
    const { unmount } = await renderApp(<App services={fakeServices()} officeLanguage="zh-CN" initialTab="settings" />);
    await user.selectOptions(await screen.findByRole("combobox", { name: "界面语言" }), "en-US");
    expect(screen.getByRole("tab", { name: "Data" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Investment report card" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en-US");
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!).language).toBe("en-US");
    unmount();
    await renderApp(<App services={fakeServices()} officeLanguage="zh-CN" />);
    expect(screen.getByRole("tab", { name: "Refresh" })).toBeInTheDocument();
  });

  test("workbook settings (shared) override this computer's and reach the briefing", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      readWorkbookSettings: jest.fn(async () => ({
        basis: "day" as const,
        tolerance: 20,
        productionUrl: "https://zs.example.gov.cn/l.csv",
      })),
      briefingAvailability: jest.fn(async () => ({ regions: ["西宁开发区"], dataYears: [2025], targetYears: [2025] })),
    });
    await renderApp(<App services={services} officeLanguage="zh-CN" />);
    await act(async () => undefined);
    await user.click(screen.getByRole("tab", { name: "成绩单" }));
    await user.click(await screen.findByRole("button", { name: "生成成绩单" }));
    expect(services.buildBriefing).toHaveBeenCalledWith(expect.objectContaining({ basis: "day", tolerance: 20 }));
    await user.click(screen.getByRole("tab", { name: "数据" }));
    await user.click(screen.getByRole("radio", { name: "网址" }));
    expect(screen.getByRole("textbox", { name: /数据网址/ })).toHaveValue("https://zs.example.gov.cn/l.csv");
  });

  test("after loading data, the refresh tab lists the sources again (fresh)", async () => {
    const user = userEvent.setup();
    const services = fakeServices();
    await renderApp(<App services={services} officeLanguage="zh-CN" />);
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    await user.click(await screen.findByRole("button", { name: "载入工作簿" }));
    await screen.findByText(/示例数据已载入/);
    services.listSources.mockResolvedValue([
      { id: "a", kind: "ledger", label: "示例数据", rows: 2, lastRefreshed: "2025-04-01T08:00:00Z", refreshable: true },
    ]);
    await user.click(screen.getByRole("tab", { name: "刷新" }));
    expect(await screen.findByRole("button", { name: "刷新“示例数据”" })).toBeInTheDocument();
  });

  test("in the app, a refresh's summary stays on screen and the list shows the new time", async () => {
    const user = userEvent.setup();
    const source = {
      id: "ledger",
      kind: "ledger" as const,
      label: "https://zs.example.gov.cn/l.csv",
      rows: 30,
      lastRefreshed: null,
      refreshable: true,
    };
    const services = fakeServices({
      listSources: jest
        .fn()
        .mockResolvedValueOnce([source])
        .mockResolvedValue([{ ...source, rows: 32, lastRefreshed: "2025-04-02T09:00:00Z" }]),
      refresh: jest.fn(async () => ({
        added: 2,
        updated: 1,
        removed: 0,
        unchanged: 29,
        issues: [],
        at: "2025-04-02T09:00:00Z",
      })),
    });
    await renderApp(<App services={services} officeLanguage="zh-CN" initialTab="refresh" />);
    await user.click(await screen.findByRole("button", { name: "刷新“https://zs.example.gov.cn/l.csv”" }));
    expect(
      await screen.findByText("https://zs.example.gov.cn/l.csv：新增 2 行，更新 1 行，删除 0 行，未变 29 行。"),
    ).toBeInTheDocument();
    expect(await screen.findByText("32 行 · 项目台账")).toBeInTheDocument();
    expect(screen.getByText(/上次刷新：2025/)).toBeInTheDocument();
    expect(
      screen.getByText("https://zs.example.gov.cn/l.csv：新增 2 行，更新 1 行，删除 0 行，未变 29 行。"),
    ).toBeInTheDocument();
  });

  test("results stay when the user visits another tab and comes back (every panel keeps its state)", async () => {
    const user = userEvent.setup();
    const source = {
      id: "ledger",
      kind: "ledger" as const,
      label: "https://zs.example.gov.cn/l.csv",
      rows: 30,
      lastRefreshed: null,
      refreshable: true,
    };
    const services = fakeServices({
      briefingAvailability: jest.fn(async () => ({
        regions: ["西宁开发区", "西宁市"],
        dataYears: [2025],
        targetYears: [2025],
      })),
      listSources: jest.fn(async () => [source]),
      refresh: jest.fn(async () => ({
        added: 1,
        updated: 0,
        removed: 0,
        unchanged: 29,
        issues: [],
        at: "2025-04-02T09:00:00Z",
      })),
    });
    await renderApp(<App services={services} officeLanguage="zh-CN" />);
    // 数据: a preview read
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    expect(await screen.findByText(/已读取 1 个数据集/)).toBeInTheDocument();
    // 刷新: a refresh summary
    await user.click(screen.getByRole("tab", { name: "刷新" }));
    await user.click(await screen.findByRole("button", { name: "刷新“https://zs.example.gov.cn/l.csv”" }));
    const refreshed = "https://zs.example.gov.cn/l.csv：新增 1 行，更新 0 行，删除 0 行，未变 29 行。";
    expect(await screen.findByText(refreshed)).toBeInTheDocument();
    // 成绩单: a region unticked, then built
    await user.click(screen.getByRole("tab", { name: "成绩单" }));
    await user.click(await screen.findByRole("checkbox", { name: "西宁市" }));
    await user.click(screen.getByRole("button", { name: "生成成绩单" }));
    expect(await screen.findByText("成绩单已写入工作表“成绩单”。")).toBeInTheDocument();
    // Away to 设置 and back to each panel: everything is still there.
    await user.click(screen.getByRole("tab", { name: "设置" }));
    await user.click(screen.getByRole("tab", { name: "成绩单" }));
    await act(async () => undefined);
    expect(screen.getByText("成绩单已写入工作表“成绩单”。")).toBeVisible();
    expect(screen.getByRole("textbox", { name: "简报文字" })).toHaveValue("简报");
    expect(screen.getByRole("checkbox", { name: "西宁市" })).not.toBeChecked();
    expect(services.briefingAvailability).toHaveBeenCalledTimes(2); // read afresh on the second visit
    await user.click(screen.getByRole("tab", { name: "刷新" }));
    await act(async () => undefined);
    expect(screen.getByText(refreshed)).toBeVisible();
    await user.click(screen.getByRole("tab", { name: "数据" }));
    expect(screen.getByText(/已读取 1 个数据集/)).toBeVisible();
    expect(screen.getByRole("button", { name: "载入工作簿" })).toBeEnabled();
  });

  test("outside Excel a warning says writing is unavailable", async () => {
    await renderApp(<App services={fakeServices({ host: null })} officeLanguage={null} />);
    expect(screen.getByText("未检测到 Excel：写入工作簿的操作不可用。")).toBeInTheDocument();
  });
});
