/** @jest-environment jsdom */
import * as React from "react";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { BriefingPanel, quarterOptions } from "../../src/taskpane/panels/BriefingPanel";
import { fakeServices, renderPanel } from "./fakes";

const avail = { regions: ["西宁开发区", "西宁市"], dataYears: [2024, 2025], targetYears: [2024, 2025] };

describe("成绩单 panel", () => {
  test("quarters of the three most recent years, newest first", () => {
    expect(quarterOptions([2023, 2025, 2024, 2022]).slice(0, 5)).toEqual(["2025Q4", "2025Q3", "2025Q2", "2025Q1", "2024Q4"]);
    expect(quarterOptions([2025])).toHaveLength(4);
  });

  test("no data loaded: an empty state, nothing to build", async () => {
    renderPanel(<BriefingPanel basis="month" tolerance={10} />, fakeServices());
    expect(await screen.findByText(/还没有载入数据/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "生成成绩单" })).not.toBeInTheDocument();
  });

  test("builds with the chosen period, regions, metrics, options and settings; shows and copies the text", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      briefingAvailability: jest.fn(async () => avail),
      buildBriefing: jest.fn(async () => ({
        sheet: "成绩单 2025Q1",
        text: { zh: "2025年一季度，西宁开发区签约金额245亿元，完成年度目标任务的87.19%。", en: "In Q1 2025, 西宁开发区 signed 245." },
        warnings: [{ zh: "西宁市有两条汇总数，已取“采用”的一条。", en: "Two figures for 西宁市; the one marked 采用 was used." }],
      })),
    });
    renderPanel(<BriefingPanel basis="day" tolerance={5} />, services);
    const period = await screen.findByRole("combobox", { name: "报告期" });
    await waitFor(() => expect(period).toHaveValue("2025Q1"));
    expect(screen.getByRole("option", { name: "2025 年二季度（上半年累计）" })).toBeInTheDocument();
    await user.click(screen.getByRole("checkbox", { name: "西宁市" }));
    expect(screen.getByRole("checkbox", { name: "全部地区" })).toBePartiallyChecked();
    await user.click(screen.getByRole("checkbox", { name: "开工项目数" }));
    await user.click(screen.getByRole("checkbox", { name: /可移植公式/ }));
    await user.click(screen.getByRole("checkbox", { name: "插入图表" }));
    await user.click(screen.getByRole("button", { name: "生成成绩单" }));
    expect(services.buildBriefing).toHaveBeenCalledWith(
      expect.objectContaining({
        period: "2025Q1",
        regions: ["西宁开发区"],
        metrics: ["signed_projects", "signed_amount", "funds_in_place", "funds_in_place_out_of_province"],
        basis: "day",
        tolerance: 5,
        portable: true,
        valuesOnly: false,
        charts: true,
      }),
    );
    expect(await screen.findByText("成绩单已写入工作表“成绩单 2025Q1”。")).toBeInTheDocument();
    expect(screen.getByText("西宁市有两条汇总数，已取“采用”的一条。")).toBeInTheDocument();
    const text = screen.getByRole("textbox", { name: "简报文字" });
    expect(text).toHaveValue("2025年一季度，西宁开发区签约金额245亿元，完成年度目标任务的87.19%。");
    await user.click(screen.getByRole("button", { name: "复制" }));
    expect(services.copyText).toHaveBeenCalledWith("2025年一季度，西宁开发区签约金额245亿元，完成年度目标任务的87.19%。");
    expect(await screen.findByText("已复制")).toBeInTheDocument();
  });

  test("the default period is the quarter of the latest data", async () => {
    renderPanel(
      <BriefingPanel basis="month" tolerance={10} />,
      fakeServices({ briefingAvailability: jest.fn(async () => ({ ...avail, latest: { year: 2024, month: 8 } })) }),
    );
    const period = await screen.findByRole("combobox", { name: "报告期" });
    await waitFor(() => expect(period).toHaveValue("2024Q3"));
  });

  test("no targets for the chosen year: a warning, building still allowed", async () => {
    const user = userEvent.setup();
    renderPanel(
      <BriefingPanel basis="month" tolerance={10} />,
      fakeServices({ briefingAvailability: jest.fn(async () => ({ ...avail, targetYears: [2024] })) }),
    );
    const period = await screen.findByRole("combobox", { name: "报告期" });
    await waitFor(() => expect(period).toHaveValue("2025Q1"));
    expect(screen.getByText(/没有 2025 年的目标任务/)).toBeInTheDocument();
    await user.selectOptions(period, "2024Q4");
    expect(screen.queryByText(/的目标任务：完成率/)).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "生成成绩单" })).toBeEnabled();
  });

  test("nothing chosen: the build is disabled with the reason", async () => {
    const user = userEvent.setup();
    renderPanel(<BriefingPanel basis="month" tolerance={10} />, fakeServices({ briefingAvailability: jest.fn(async () => avail) }));
    await user.click(await screen.findByRole("checkbox", { name: "全部地区" }));
    expect(screen.getByText("请至少选择一个地区。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "生成成绩单" })).toBeDisabled();
    await user.click(screen.getByRole("checkbox", { name: "全部地区" }));
    for (const m of ["签约项目数", "签约金额", "到位资金", "省外到位资金", "开工项目数"]) await user.click(screen.getByRole("checkbox", { name: m }));
    expect(screen.getByText("请至少选择一个指标。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "生成成绩单" })).toBeDisabled();
  });

  test("a build error is shown; a failing copy says to copy by hand", async () => {
    const user = userEvent.setup();
    const build = jest
      .fn()
      .mockRejectedValueOnce(new Error("报告期“2025Q1”没有任何数据"))
      .mockResolvedValueOnce({ sheet: "S", text: { zh: "文字", en: "text" }, warnings: [] });
    renderPanel(
      <BriefingPanel basis="month" tolerance={10} />,
      fakeServices({ briefingAvailability: jest.fn(async () => avail), buildBriefing: build, copyText: jest.fn(async () => Promise.reject(new Error("denied"))) }),
    );
    await user.click(await screen.findByRole("button", { name: "生成成绩单" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("报告期“2025Q1”没有任何数据");
    await user.click(screen.getByRole("button", { name: "生成成绩单" }));
    await user.click(await screen.findByRole("button", { name: "复制" }));
    expect(await screen.findByText("无法复制，请手动选择文字复制。")).toBeInTheDocument();
  });

  test("English: English text and labels", async () => {
    const user = userEvent.setup();
    renderPanel(
      <BriefingPanel basis="month" tolerance={10} />,
      fakeServices({ briefingAvailability: jest.fn(async () => avail) }),
      "en-US",
    );
    expect(await screen.findByRole("option", { name: "Q1 2025" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Amount signed" })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Build report card" }));
    expect(await screen.findByRole("textbox", { name: "Briefing text" })).toHaveValue("Briefing");
  });
});
