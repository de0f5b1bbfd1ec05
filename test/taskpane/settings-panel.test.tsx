/** @jest-environment jsdom */
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { SettingsPanel } from "../../src/taskpane/panels/SettingsPanel";
import { DEFAULT_SETTINGS, SETTINGS_KEY, loadSettings, sanitize, saveSettings } from "../../src/taskpane/settings";
import { fakeServices, renderPanel } from "./fakes";

beforeEach(() => localStorage.clear());

describe("settings store", () => {
  test("defaults, round trip, and malformed values fall back", () => {
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
    saveSettings({ language: "en-US", basis: "day", tolerance: 5, productionUrl: " https://a.example/x.csv " });
    expect(loadSettings()).toEqual({
      language: "en-US",
      basis: "day",
      tolerance: 5,
      productionUrl: "https://a.example/x.csv",
    });
    localStorage.setItem(SETTINGS_KEY, "{not json");
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
    expect(sanitize({ language: "fr" as never, basis: "week" as never, tolerance: -3 })).toEqual(DEFAULT_SETTINGS);
  });
});

describe("设置 panel", () => {
  test("shows Office's language as the default and applies a language choice at once", async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    renderPanel(
      <SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage="en-GB" onChange={onChange} />,
      fakeServices(),
    );
    const lang = screen.getByRole("combobox", { name: "界面语言" });
    expect(lang).toHaveValue("auto");
    expect(screen.getByRole("option", { name: "跟随 Office（English）" })).toBeInTheDocument();
    await user.selectOptions(lang, "en-US");
    expect(onChange).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, language: "en-US" });
  });

  test("saves basis, tolerance and URL to the workbook and locally", async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    const services = fakeServices();
    renderPanel(<SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage="zh-CN" onChange={onChange} />, services);
    await user.click(screen.getByRole("radio", { name: /按天/ }));
    const tol = screen.getByRole("spinbutton", { name: /容差/ });
    await user.clear(tol);
    await user.type(tol, "15");
    await user.type(screen.getByRole("textbox", { name: /生产数据网址/ }), "https://zs.example.gov.cn/ledger.csv");
    await user.click(screen.getByRole("button", { name: "保存" }));
    expect(services.saveWorkbookSettings).toHaveBeenCalledWith({
      productionUrl: "https://zs.example.gov.cn/ledger.csv",
      basis: "day",
      tolerance: 15,
    });
    expect(onChange).toHaveBeenCalledWith({
      language: "auto",
      basis: "day",
      tolerance: 15,
      productionUrl: "https://zs.example.gov.cn/ledger.csv",
    });
    expect(await screen.findByText("设置已保存。")).toBeInTheDocument();
  });

  test("an invalid tolerance blocks saving with a message", async () => {
    const user = userEvent.setup();
    const services = fakeServices();
    renderPanel(<SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage={null} onChange={jest.fn()} />, services);
    const tol = screen.getByRole("spinbutton", { name: /容差/ });
    await user.clear(tol);
    await user.type(tol, "150");
    expect(screen.getByText("请输入 0 到 100 之间的数。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "保存" })).toBeDisabled();
    expect(services.saveWorkbookSettings).not.toHaveBeenCalled();
  });

  test("without a workbook: saved on this computer only, and says so; a workbook error is shown", async () => {
    const user = userEvent.setup();
    renderPanel(
      <SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage={null} onChange={jest.fn()} />,
      fakeServices({ host: null, saveWorkbookSettings: jest.fn(async () => false) }),
    );
    await user.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("设置已保存在本机（未连接工作簿）。")).toBeInTheDocument();
  });

  test("a failure to write the workbook settings is an error, and nothing is applied", async () => {
    const user = userEvent.setup();
    const onChange = jest.fn();
    renderPanel(
      <SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage={null} onChange={onChange} />,
      fakeServices({ saveWorkbookSettings: jest.fn(async () => Promise.reject(new Error("只读工作簿"))) }),
    );
    await user.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("只读工作簿");
    expect(onChange).not.toHaveBeenCalled();
  });
});
