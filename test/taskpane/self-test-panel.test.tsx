/** @jest-environment jsdom */
/**
 * 设置 → 自检: the button runs the self-test through the services, shows each step as it finishes and the report as
 * plain text with a copy button; a self-test run from the ribbon shows its report in the pane (CommandNotice).
 */
import { act, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { SettingsPanel } from "../../src/taskpane/panels/SettingsPanel";
import { CommandNotice } from "../../src/taskpane/CommandNotice";
import { DEFAULT_SETTINGS } from "../../src/taskpane/settings";
import { publishNotice } from "../../src/commands/notices";
import type { SelfTestReport, SelfTestStep } from "../../src/excel/self-test";
import { fakeServices, renderPanel } from "./fakes";

const step = (id: string, ok: boolean, error?: SelfTestStep["error"]): SelfTestStep => ({
  id,
  zh: `步骤${id}`,
  en: `Step ${id}`,
  ok,
  ms: 5,
  ...(error ? { error } : {}),
});
const report = (steps: SelfTestStep[]): SelfTestReport => ({
  ok: steps.every((s) => s.ok),
  startedAt: "2026-01-01T00:00:00.000Z",
  ms: 42,
  steps,
  leftovers: [],
  environment: {
    host: "Excel",
    platform: "PC",
    version: "16.0.18000",
    inOffice: true,
    date1904: false,
    sets: { "ExcelApi 1.13": true },
    userAgent: "",
  },
});

test("runs the self-test, lists the steps, reports a failure and copies the plain-text report", async () => {
  const user = userEvent.setup();
  const steps = [
    step("a", true),
    step("b", false, { zh: "SELF_TEST_CHECK：不能删除", en: "cannot delete" }),
    step("c", true),
  ];
  const services = fakeServices({
    runSelfTest: jest.fn(async ({ onStep }) => {
      steps.forEach((s) => onStep?.(s));
      return report(steps);
    }),
  });
  renderPanel(
    <SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage="zh-CN" onChange={() => undefined} />,
    services,
  );
  await user.click(screen.getByRole("button", { name: "运行自检" }));
  expect(await screen.findByText("自检有 1 步失败。请点“复制报告”，把报告发给技术支持。")).toBeInTheDocument();
  expect(screen.getByText(/✗ 失败 步骤b/)).toBeInTheDocument();
  expect(screen.getByText("SELF_TEST_CHECK：不能删除")).toBeInTheDocument();
  expect(screen.queryByText(/cannot delete/)).toBeNull();
  const text = (await screen.findByTestId("selftest-report")) as HTMLTextAreaElement;
  expect(text.value).toMatch(/Excel: Excel \/ PC \/ 16\.0\.18000/);
  expect(text.value).toMatch(/2\. \[失败\] 步骤b[^\n]*\n {3}SELF_TEST_CHECK：不能删除/);
  expect(text.value).not.toMatch(/cannot delete/);
  await user.click(screen.getByRole("button", { name: "复制报告" }));
  expect(services.copyText).toHaveBeenCalledWith(text.value);
});

test("outside Excel the button is disabled with a reason", () => {
  renderPanel(
    <SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage="zh-CN" onChange={() => undefined} />,
    fakeServices({ host: null }),
  );
  expect(screen.getByRole("button", { name: "运行自检" })).toBeDisabled();
  expect(screen.getByText("未连接 Excel，无法运行自检。")).toBeInTheDocument();
});

test("a ribbon command's result appears in the pane; a self-test's report in the settings panel", async () => {
  const onSelfTest = jest.fn();
  renderPanel(
    <>
      <CommandNotice onSelfTest={onSelfTest} />
      <SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage="en-US" onChange={() => undefined} />
    </>,
    fakeServices(),
    "en-US",
  );
  act(
    () =>
      void publishNotice({ kind: "refresh", intent: "warning", zh: "已刷新 0 个来源", en: "Refreshed 0 source(s)" }),
  );
  expect(screen.getByTestId("command-notice")).toHaveTextContent("Refreshed 0 source(s)");
  act(
    () =>
      void publishNotice({
        kind: "selftest",
        intent: "success",
        zh: "自检全部通过。",
        en: "Self-test: all steps passed.",
        report: report([step("a", true)]),
      }),
  );
  expect(onSelfTest).toHaveBeenCalled();
  expect(screen.getByTestId("command-notice")).toHaveTextContent("Self-test: all steps passed.");
  expect(((await screen.findByTestId("selftest-report")) as HTMLTextAreaElement).value).toMatch(/all passed/);
  await userEvent.setup().click(screen.getByRole("button", { name: "Close" }));
  expect(screen.queryByTestId("command-notice")).toBeNull();
});

test("a ribbon self-test's failed step shows in the pane's language only: English, then Chinese", async () => {
  const failed = report([
    step("a", false, { zh: "读不到表格 SelfTest_x_Ledger", en: "cannot read the table SelfTest_x_Ledger" }),
  ]);
  const publish = () =>
    act(
      () =>
        void publishNotice({
          kind: "selftest",
          intent: "error",
          zh: "自检有 1 步失败。",
          en: "Self-test: 1 step(s) failed.",
          report: failed,
        }),
    );
  const en = renderPanel(
    <SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage="en-US" onChange={() => undefined} />,
    fakeServices(),
    "en-US",
  );
  publish();
  const enText = ((await screen.findByTestId("selftest-report")) as HTMLTextAreaElement).value;
  expect(enText).toMatch(/1\. \[FAIL\] Step a[^\n]*\n {3}cannot read the table SelfTest_x_Ledger/);
  expect(enText).not.toMatch(/[\u4e00-\u9fff]/);
  expect(screen.getByTestId("selftest-steps")).toHaveTextContent("cannot read the table");
  expect(screen.getByTestId("selftest-steps")).not.toHaveTextContent("读不到表格");
  en.unmount();

  renderPanel(
    <SettingsPanel settings={DEFAULT_SETTINGS} officeLanguage="zh-CN" onChange={() => undefined} />,
    fakeServices(),
  );
  const zhText = ((await screen.findByTestId("selftest-report")) as HTMLTextAreaElement).value;
  expect(zhText).toMatch(/1\. \[失败\] 步骤a[^\n]*\n {3}读不到表格 SelfTest_x_Ledger/);
  expect(zhText).not.toMatch(/cannot read/);
  expect(screen.getByTestId("selftest-steps")).not.toHaveTextContent("cannot read");
});
