/** @jest-environment jsdom */
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { FunctionsPanel } from "../../src/taskpane/panels/FunctionsPanel";
import english from "../../src/functions/locales/en-US.json";
import { fakeServices, renderPanel } from "./fakes";

const ids = Object.keys(english);

describe("函数 panel", () => {
  test("lists every INVEST function with Chinese descriptions when functions.json is available", async () => {
    const services = fakeServices({
      functionDescriptionsZh: jest.fn(async () => ({
        COMPLETION_RATE: {
          description: "完成率：实际完成值 ÷ 年度目标任务。",
          parameters: { actual: "实际完成值（累计）。", target: "年度目标任务。" },
        },
      })),
    });
    renderPanel(<FunctionsPanel />, services);
    for (const id of ids) expect(screen.getByRole("heading", { name: `INVEST.${id}` })).toBeInTheDocument();
    expect(await screen.findByText("完成率：实际完成值 ÷ 年度目标任务。")).toBeInTheDocument();
    expect(screen.getByText("=INVEST.COMPLETION_RATE(245, 281)")).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: /^将 =INVEST\..* 插入选中的单元格$/ })).toHaveLength(ids.length);
  });

  test("falls back to English texts when functions.json cannot be fetched", async () => {
    const services = fakeServices({ functionDescriptionsZh: jest.fn(async () => Promise.reject(new Error("404"))) });
    renderPanel(<FunctionsPanel />, services);
    await act(async () => undefined);
    expect(screen.getByText((english as any).COMPLETION_RATE.description)).toBeInTheDocument();
  });

  test("inserts the example into the selected cell and says where", async () => {
    const user = userEvent.setup();
    const services = fakeServices();
    renderPanel(<FunctionsPanel />, services);
    await act(async () => undefined);
    const card = screen.getByRole("heading", { name: "INVEST.YOY_GROWTH" }).closest("li")!;
    await user.click(within(card).getByRole("button", { name: "将 =INVEST.YOY_GROWTH(186, 144) 插入选中的单元格" }));
    expect(services.insertFormula).toHaveBeenCalledWith("=INVEST.YOY_GROWTH(186, 144)");
    expect(await screen.findByText("已插入到 B2。")).toBeInTheDocument();
  });

  test("an insertion error (e.g. the sheet is protected) is shown", async () => {
    const user = userEvent.setup();
    renderPanel(
      <FunctionsPanel />,
      fakeServices({ insertFormula: jest.fn(async () => Promise.reject(new Error("工作表受保护"))) }),
    );
    await act(async () => undefined);
    await user.click(screen.getAllByRole("button", { name: /插入选中的单元格/ })[0]);
    expect(await screen.findByRole("alert")).toHaveTextContent("出错了：工作表受保护");
  });

  test("without a workbook the insert buttons are disabled; English labels", async () => {
    renderPanel(<FunctionsPanel />, fakeServices({ host: null }), "en-US");
    await act(async () => undefined);
    for (const b of screen.getAllByRole("button", { name: /^Insert =INVEST/ })) expect(b).toBeDisabled();
    expect(screen.getByText((english as any).SHARE.description)).toBeInTheDocument();
  });
});
