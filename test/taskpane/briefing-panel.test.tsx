/** @jest-environment jsdom */
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { BriefingPanel, quarterOptions } from "../../src/taskpane/panels/BriefingPanel";
import { topValue } from "../../src/taskpane/panels/ReportCardOptions";
import { fakeServices, renderPanel } from "./fakes";

const avail = { regions: ["西宁开发区", "西宁市"], dataYears: [2024, 2025], targetYears: [2024, 2025] };

describe("成绩单 panel", () => {
  test("quarters of the three most recent years, newest first", () => {
    expect(quarterOptions([2023, 2025, 2024, 2022]).slice(0, 5)).toEqual([
      "2025Q4",
      "2025Q3",
      "2025Q2",
      "2025Q1",
      "2024Q4",
    ]);
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
        text: {
          zh: "2025年一季度，西宁开发区签约金额245亿元，完成年度目标任务的87.19%。",
          en: "In Q1 2025, 西宁开发区 signed 245.",
        },
        warnings: [
          { zh: "西宁市有两条汇总数，已取“采用”的一条。", en: "Two figures for 西宁市; the one marked 采用 was used." },
        ],
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
        language: "zh-CN",
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
    expect(services.copyText).toHaveBeenCalledWith(
      "2025年一季度，西宁开发区签约金额245亿元，完成年度目标任务的87.19%。",
    );
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
    renderPanel(
      <BriefingPanel basis="month" tolerance={10} />,
      fakeServices({ briefingAvailability: jest.fn(async () => avail) }),
    );
    await user.click(await screen.findByRole("checkbox", { name: "全部地区" }));
    expect(screen.getByText("请至少选择一个地区。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "生成成绩单" })).toBeDisabled();
    await user.click(screen.getByRole("checkbox", { name: "全部地区" }));
    for (const m of ["签约项目数", "签约金额", "到位资金", "省外到位资金", "开工项目数"])
      await user.click(screen.getByRole("checkbox", { name: m }));
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
      fakeServices({
        briefingAvailability: jest.fn(async () => avail),
        buildBriefing: build,
        copyText: jest.fn(async () => Promise.reject(new Error("denied"))),
      }),
    );
    await user.click(await screen.findByRole("button", { name: "生成成绩单" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("报告期“2025Q1”没有任何数据");
    await user.click(screen.getByRole("button", { name: "生成成绩单" }));
    await user.click(await screen.findByRole("button", { name: "复制" }));
    expect(await screen.findByText("无法复制，请手动选择文字复制。")).toBeInTheDocument();
  });

  test("a period without data: a warning that says so and what to do, not a success", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      briefingAvailability: jest.fn(async () => avail),
      buildBriefing: jest.fn(async () => ({
        sheet: "成绩单 2024Q1",
        text: { zh: "文字", en: "text" },
        warnings: [],
        noData: true,
      })),
    });
    renderPanel(<BriefingPanel basis="month" tolerance={10} />, services);
    await user.selectOptions(await screen.findByRole("combobox", { name: "报告期" }), "2024Q1");
    await user.click(screen.getByRole("button", { name: "生成成绩单" }));
    const status = (await screen.findByText(/没有数据/)).closest("[data-status-intent]");
    expect(status).toHaveAttribute("data-status-intent", "warning");
    expect(status).toHaveTextContent(
      "2024 年一季度没有数据：工作表“成绩单 2024Q1”中的成绩单只有合计行。请另选报告期，或在“数据”页载入这一时期的数据。",
    );
    expect(screen.queryByText(/成绩单已写入/)).not.toBeInTheDocument();
  });

  test("English: English text and labels, and the sheet is asked for in English", async () => {
    const user = userEvent.setup();
    const services = fakeServices({ briefingAvailability: jest.fn(async () => avail) });
    renderPanel(<BriefingPanel basis="month" tolerance={10} />, services, "en-US");
    expect(await screen.findByRole("option", { name: "Q1 2025" })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Amount signed" })).toBeChecked();
    await user.click(screen.getByRole("button", { name: "Build report card" }));
    expect(await screen.findByRole("textbox", { name: "Briefing text" })).toHaveValue("Briefing");
    expect(services.buildBriefing).toHaveBeenCalledWith(expect.objectContaining({ language: "en-US" }));
  });
});

describe("成绩单 panel: the report card by level", () => {
  const hier = {
    ...avail,
    regions: ["兰州市", "西宁开发区", "西宁市", "青海省"],
    jurisdictions: [
      { name: "全国", level: null },
      { name: "甘肃省", level: "省" as const },
      { name: "青海省", level: "省" as const },
      { name: "西宁市", level: "市州" as const },
    ],
  };
  const built = { sheet: "成绩单 2025Q1", text: { zh: "文字", en: "text" }, warnings: [] };

  test("defaults: automatic jurisdiction and level, regions without data hidden, no breakdowns, no key projects", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      briefingAvailability: jest.fn(async () => hier),
      buildBriefing: jest.fn(async () => built),
    });
    renderPanel(<BriefingPanel basis="month" tolerance={10} />, services);
    const within = await screen.findByRole("combobox", { name: "辖区" });
    expect(within).toHaveValue("");
    expect(screen.getByRole("combobox", { name: "各行的级别" })).toHaveValue("");
    expect(screen.getByRole("switch", { name: "显示无数据地区" })).not.toBeChecked();
    expect(screen.getByText("默认不列出本期既无数据也无目标任务的地区。")).toBeInTheDocument();
    for (const name of [
      "产业类别",
      "投资来源地（省内 / 省外 / 境外）",
      "企业类型",
      "项目阶段（在谈 → 签约 → 开工 → 投产）",
    ]) {
      expect(screen.getByRole("checkbox", { name })).not.toBeChecked();
    }
    expect(screen.getByRole("spinbutton", { name: /重点项目数/ })).toHaveValue(0);
    await user.click(screen.getByRole("button", { name: "生成成绩单" }));
    const req = (services.buildBriefing as jest.Mock).mock.calls[0][0];
    expect(req).toEqual(
      expect.objectContaining({ within: undefined, level: undefined, showEmpty: false, breakdowns: [], top: 0 }),
    );
    expect(req.regions).toBeUndefined(); // every region: the card by level, not a list side by side
  });

  test("jurisdiction, level, show-empty, breakdowns (kept in order) and N reach the build", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      briefingAvailability: jest.fn(async () => hier),
      buildBriefing: jest.fn(async () => built),
    });
    renderPanel(<BriefingPanel basis="month" tolerance={10} />, services);
    const within = await screen.findByRole("combobox", { name: "辖区" });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(
      expect.arrayContaining(["自动（台账项目最多处）", "全国（各省）", "青海省（省级）", "西宁市（市州级）"]),
    );
    await user.selectOptions(within, "青海省");
    await user.selectOptions(screen.getByRole("combobox", { name: "各行的级别" }), "市州");
    await user.click(screen.getByRole("switch", { name: "显示无数据地区" }));
    await user.click(screen.getByRole("checkbox", { name: "项目阶段（在谈 → 签约 → 开工 → 投产）" }));
    await user.click(screen.getByRole("checkbox", { name: "产业类别" }));
    const top = screen.getByRole("spinbutton", { name: /重点项目数/ });
    await user.clear(top);
    await user.type(top, "5");
    await user.click(screen.getByRole("button", { name: "生成成绩单" }));
    expect(services.buildBriefing).toHaveBeenCalledWith(
      expect.objectContaining({
        within: "青海省",
        level: "市州",
        showEmpty: true,
        breakdowns: ["industry", "stage"],
        top: 5,
      }),
    );
  });

  test("some regions only: listed side by side, jurisdiction and level disabled with the reason", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      briefingAvailability: jest.fn(async () => hier),
      buildBriefing: jest.fn(async () => built),
    });
    renderPanel(<BriefingPanel basis="month" tolerance={10} />, services);
    await user.click(await screen.findByRole("checkbox", { name: "兰州市" }));
    expect(screen.getByRole("combobox", { name: "辖区" })).toBeDisabled();
    expect(screen.getByRole("combobox", { name: "各行的级别" })).toBeDisabled();
    expect(screen.getByRole("note")).toHaveTextContent("未选中全部地区时");
    await user.click(screen.getByRole("button", { name: "生成成绩单" }));
    const req = (services.buildBriefing as jest.Mock).mock.calls[0][0];
    expect(req.regions).toEqual(["西宁开发区", "西宁市", "青海省"]);
    expect(req.within).toBeUndefined();
  });

  test("a bad N: the reason, and nothing is built", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      briefingAvailability: jest.fn(async () => hier),
      buildBriefing: jest.fn(async () => built),
    });
    renderPanel(<BriefingPanel basis="month" tolerance={10} />, services);
    const top = await screen.findByRole("spinbutton", { name: /重点项目数/ });
    await user.clear(top);
    await user.type(top, "99");
    expect(screen.getAllByText("重点项目数应为 0 到 50 之间的整数。").length).toBeGreaterThan(0);
    expect(screen.getByRole("button", { name: "生成成绩单" })).toBeDisabled();
    expect(topValue("３")).toBe(3);
    expect(topValue("-1")).toBeNull();
    expect(topValue("2.5")).toBeNull();
  });

  test("English: every control labelled", async () => {
    renderPanel(
      <BriefingPanel basis="month" tolerance={10} />,
      fakeServices({ briefingAvailability: jest.fn(async () => hier) }),
      "en-US",
    );
    expect(await screen.findByRole("combobox", { name: "Jurisdiction" })).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Level of the rows" })).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "Whole country (provinces)" })).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "西宁市 (prefecture)" })).toBeInTheDocument();
    expect(screen.getByRole("switch", { name: "Show regions without data" })).not.toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Industry" })).toBeInTheDocument();
    expect(screen.getByRole("spinbutton", { name: /Key projects/ })).toBeInTheDocument();
  });
});
