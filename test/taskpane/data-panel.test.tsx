/** @jest-environment jsdom */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { TextDecoder } from "util";
import { DataPanel } from "../../src/taskpane/panels/DataPanel";
import type { ImportResult } from "../../src/import/types";
import { deferred, fakeServices, ledgerResult, renderPanel } from "./fakes";

const issue = (row: number, column: string | null, severity: "error" | "warning" = "error") => ({
  file: "台账.csv",
  row,
  column,
  message: `第${row}行签约金额不是数字`,
  message_en: `Row ${row}: the amount is not a number`,
  severity,
});

describe("数据 panel", () => {
  test("sample data: previews every dataset and loads all of them", async () => {
    const user = userEvent.setup();
    const targets: ImportResult = {
      ...ledgerResult(),
      kind: "targets",
      records: [],
      targets: [{ year: 2025, region: "西宁开发区", metric: "signed_amount", value: 281 }],
      headers: ["年份", "所属地区", "指标", "目标值"],
      mapping: { 年份: "year", 所属地区: "region", 指标: "metric", 目标值: "value" },
      summary: { rows: 1, accepted: 1, rejected: 0 },
    };
    const services = fakeServices({
      read: jest.fn(async () => [ledgerResult(), targets]),
      write: jest.fn(async (r: ImportResult) => ({
        kind: r.kind,
        sheet: r.kind === "ledger" ? "台账" : "目标任务",
        rows: 2,
      })),
    });
    renderPanel(<DataPanel />, services);
    expect(screen.getByRole("radio", { name: "示例数据" })).toBeChecked();
    // one name for the load button, before and after a preview of several datasets (issue 16)
    expect(screen.getByRole("button", { name: "载入工作簿" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    expect(services.read).toHaveBeenCalledWith({ type: "sample" }, expect.objectContaining({ kind: "auto" }));
    expect(await screen.findByRole("heading", { name: /预览：项目台账，共 2 行/ })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: /预览：目标任务，共 1 行/ })).toBeInTheDocument();
    expect(screen.getByText("绿电智算融合示范基地项目")).toBeInTheDocument();
    expect(screen.getByText("281")).toBeInTheDocument();
    // the metric is shown by its name in the UI language, never as the model's key (issue 16)
    expect(screen.getByText("签约金额")).toBeInTheDocument();
    expect(screen.queryByText("signed_amount")).not.toBeInTheDocument();
    // the read says what it found and what to do next, and takes the focus
    const read = screen.getByText(/^已读取 2 个数据集，共 3 行。.*然后点“载入工作簿”/);
    expect(read.closest("[data-status-intent]")).toHaveFocus();
    // mapped columns only, with their canonical titles; the ignored column is not shown
    expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual(
      expect.arrayContaining(["项目编号", "项目名称", "所属地区", "项目阶段", "签约金额(亿元)"]),
    );
    expect(screen.queryByText("无关列")).not.toBeInTheDocument();
    expect(screen.getByText("没有发现问题。")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "载入工作簿" }));
    const loaded = await screen.findByText(/示例数据已载入：台账（2）、目标任务（2）/);
    expect(loaded.closest("[data-status-intent]")).toHaveFocus();
    expect(services.write).toHaveBeenCalledTimes(2);
    expect(services.write.mock.calls[0][1]).toEqual({ type: "sample" });
  });

  test("the regions table (地区表) is a dataset kind: chosen explicitly and previewed with its rows", async () => {
    const user = userEvent.setup();
    const regions: ImportResult = {
      ...ledgerResult(),
      kind: "regions",
      records: [],
      regions: [
        { name: "西宁开发区", parent: "西宁市", level: "园区", aliases: ["西宁国家级经济技术开发区"], order: null },
      ],
      headers: ["地区", "上级地区", "级别", "别名"],
      mapping: { 地区: "name", 上级地区: "parent", 级别: "level", 别名: "aliases" },
      summary: { rows: 1, accepted: 1, rejected: 0 },
    };
    const services = fakeServices({ read: jest.fn(async () => [regions]) });
    renderPanel(<DataPanel />, services);
    await user.click(screen.getByRole("radio", { name: "文件" }));
    await user.upload(
      screen.getByTestId("file-input"),
      new File(["地区,上级地区\n西宁开发区,西宁市\n"], "地区表.csv", { type: "text/csv" }),
    );
    expect(screen.getByRole("option", { name: "地区表" })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "数据类型" }), "regions");
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    expect(services.read).toHaveBeenCalledWith(
      expect.objectContaining({ type: "file" }),
      expect.objectContaining({ kind: "regions" }),
    );
    expect(await screen.findByRole("heading", { name: /预览：地区表，共 1 行/ })).toBeInTheDocument();
    expect(screen.getByText("西宁市")).toBeInTheDocument();
  });

  test("a file of an unsupported type is refused with a message; nothing is read", async () => {
    const user = userEvent.setup({ applyAccept: false });
    const services = fakeServices();
    renderPanel(<DataPanel />, services);
    await user.click(screen.getByRole("radio", { name: "文件" }));
    await user.upload(screen.getByTestId("file-input"), new File(["%PDF"], "报告.pdf", { type: "application/pdf" }));
    expect(await screen.findByText(/不支持的文件类型“报告.pdf”/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "读取并预览" })).toBeDisabled();
    expect(services.read).not.toHaveBeenCalled();
  });

  test("a CSV file: its bytes are read; issues are listed with row and column and can be written to a sheet", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      read: jest.fn(async () => [
        ledgerResult({
          issues: [issue(3, "签约额"), issue(7, null, "warning")],
          summary: { rows: 4, accepted: 2, rejected: 2 },
        }),
      ]),
    });
    renderPanel(<DataPanel />, services);
    await user.click(screen.getByRole("radio", { name: "文件" }));
    // WCAG 2.5.3 (axe label-content-name-mismatch): the name holds the visible text, then the field's label.
    const browse = screen.getByRole("button", { name: "浏览… 选择文件（CSV、JSON、xlsx）" });
    expect(browse).toHaveTextContent("浏览…");
    expect(browse).toHaveAccessibleDescription("未选择文件 文件只在本机读取，不会上传。");
    const openDialog = jest
      .spyOn(screen.getByTestId("file-input") as HTMLInputElement, "click")
      .mockImplementation(() => undefined);
    await user.click(browse); // opens the file dialog of the hidden native input
    expect(openDialog).toHaveBeenCalledTimes(1);
    openDialog.mockRestore();
    await user.upload(
      screen.getByTestId("file-input"),
      new File(["项目编号,名称\nA,B\n"], "台账.csv", { type: "text/csv" }),
    );
    expect(await screen.findByText("已选择：台账.csv")).toBeInTheDocument();
    expect(browse).toHaveAccessibleDescription("台账.csv 已选择：台账.csv");
    await user.selectOptions(screen.getByRole("combobox", { name: "数据类型" }), "ledger");
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    const [src, opts] = services.read.mock.calls[0];
    expect(src).toMatchObject({ type: "file", name: "台账.csv" });
    expect(new TextDecoder().decode((src as { bytes: Uint8Array }).bytes)).toBe("项目编号,名称\nA,B\n");
    expect(opts.kind).toBe("ledger");
    expect(await screen.findByText("2 行可导入，2 行有错误被拒绝。")).toBeInTheDocument();
    const list = screen.getByRole("list", { name: "发现的问题（2）" });
    const items = within(list).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent("错误 第 3 行，列“签约额”：第3行签约金额不是数字");
    expect(items[1]).toHaveTextContent("提醒 第 7 行，整行");
    await user.click(screen.getByRole("button", { name: "将问题写入工作表" }));
    expect(services.writeIssues).toHaveBeenCalledWith([issue(3, "签约额"), issue(7, null, "warning")], "zh-CN");
    expect(await screen.findByText("问题已写入工作表“导入问题”。")).toBeInTheDocument();
  });

  test("URL: an invalid address is flagged; a failing fetch shows the error", async () => {
    const user = userEvent.setup();
    const services = fakeServices({ read: jest.fn(async () => Promise.reject(new Error("HTTP 404 Not Found"))) });
    renderPanel(<DataPanel />, services);
    await user.click(screen.getByRole("radio", { name: "网址" }));
    const input = screen.getByRole("textbox", { name: /数据网址/ });
    await user.type(input, "ftp:/bad");
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    // The refusal is the result of the click: it takes the focus, as other results do.
    await waitFor(() => expect(screen.getByText(/网址无效/)).toHaveFocus());
    expect(input).toHaveAccessibleDescription(expect.stringContaining("网址无效"));
    expect(services.read).not.toHaveBeenCalled();
    await user.clear(input);
    await user.type(input, "https://data.example.gov.cn/ledger.csv");
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    expect(services.read).toHaveBeenCalledWith(
      { type: "url", url: "https://data.example.gov.cn/ledger.csv" },
      expect.anything(),
    );
    expect(await screen.findByRole("alert")).toHaveTextContent("出错了：HTTP 404 Not Found");
    expect(screen.queryByRole("button", { name: "载入工作簿" })).toBeDisabled();
  });

  test("the URL field starts with the production data URL from settings", async () => {
    const user = userEvent.setup();
    renderPanel(<DataPanel defaultUrl="https://zs.example.gov.cn/ledger.json" />, fakeServices());
    await user.click(screen.getByRole("radio", { name: "网址" }));
    expect(screen.getByRole("textbox", { name: /数据网址/ })).toHaveValue("https://zs.example.gov.cn/ledger.json");
  });

  test("changing a column's mapping reads the source again with the override", async () => {
    const user = userEvent.setup();
    const services = fakeServices();
    renderPanel(<DataPanel />, services);
    await user.click(screen.getByRole("radio", { name: "网址" }));
    await user.type(screen.getByRole("textbox", { name: /数据网址/ }), "https://x.example/a.csv");
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    await screen.findByRole("heading", { name: /预览：项目台账/ });
    await user.click(screen.getByText("列对应"));
    const select = screen.getByRole("combobox", { name: "来源列“无关列”对应的字段" });
    expect(select).toHaveValue("");
    await user.selectOptions(select, "notes");
    await waitFor(() => expect(services.read).toHaveBeenCalledTimes(2));
    expect(services.read.mock.calls[1][1].mapping).toMatchObject({ 无关列: "notes", 签约额: "signed_amount" });
  });

  test("a required field without a column is called out", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      read: jest.fn(async () => [
        ledgerResult({ mapping: { 项目编号: "id", 名称: "name" }, headers: ["项目编号", "名称"] }),
      ]),
    });
    renderPanel(<DataPanel />, services);
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    expect(await screen.findByText("必填字段没有对应的列：所属地区")).toBeInTheDocument();
  });

  test("a long load shows progress in reserved space and can be cancelled", async () => {
    const user = userEvent.setup();
    let seenSignal: AbortSignal | undefined;
    const services = fakeServices({
      write: jest.fn((_r, _s, opts) => {
        seenSignal = opts.signal;
        opts.onProgress?.(0.4);
        return new Promise((_, reject) =>
          opts.signal!.addEventListener("abort", () =>
            reject(Object.assign(new Error("aborted"), { name: "AbortError" })),
          ),
        );
      }),
    });
    const { container } = renderPanel(<DataPanel />, services);
    const area = container.querySelector("[aria-busy]")!;
    expect(area).toHaveAttribute("aria-busy", "false");
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    await user.click(await screen.findByRole("button", { name: "载入工作簿" }));
    expect(await screen.findByRole("progressbar")).toBeInTheDocument();
    expect(screen.getByText("正在写入工作表… 40%")).toBeInTheDocument();
    expect(area).toHaveAttribute("aria-busy", "true");
    // The load button disabled itself: the keyboard focus waits on Cancel, not on <body>.
    await waitFor(() => expect(screen.getByRole("button", { name: "取消" })).toHaveFocus());
    await user.keyboard("{Enter}");
    expect(seenSignal?.aborted).toBe(true);
    expect(await screen.findByText("已取消，工作簿未改动。")).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText("已取消，工作簿未改动。").closest("[data-status-intent]")).toHaveFocus(),
    );
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
  });

  test("a workbook table source: lists the tables with sheet and size", async () => {
    const user = userEvent.setup();
    const services = fakeServices({ listTables: jest.fn(async () => [{ name: "Table1", sheet: "Sheet1", rows: 12 }]) });
    renderPanel(<DataPanel />, services);
    await user.click(screen.getByRole("radio", { name: "本工作簿中的表格" }));
    const select = await screen.findByRole("combobox", { name: "表格" });
    await waitFor(() => expect(select).toHaveValue("Table1"));
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    expect(services.read).toHaveBeenCalledWith({ type: "table", name: "Table1" }, expect.anything());
  });

  test("no tables in the workbook: an empty state instead of a list", async () => {
    const user = userEvent.setup();
    renderPanel(<DataPanel />, fakeServices());
    await user.click(screen.getByRole("radio", { name: "本工作簿中的表格" }));
    expect(await screen.findByText("本工作簿中没有表格。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "读取并预览" })).toBeDisabled();
  });

  test("an empty dataset says there is nothing to import", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      read: jest.fn(async () => [ledgerResult({ records: [], summary: { rows: 0, accepted: 0, rejected: 0 } })]),
    });
    renderPanel(<DataPanel />, services);
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    expect(await screen.findByText("没有可导入的数据行。")).toBeInTheDocument();
  });

  test("without a workbook, reading works but loading is disabled", async () => {
    const user = userEvent.setup();
    renderPanel(<DataPanel />, fakeServices({ host: null }));
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    await screen.findByRole("heading", { name: /预览/ });
    expect(screen.getByRole("button", { name: "载入工作簿" })).toBeDisabled();
  });

  test("columns not recognised: the headers seen can be mapped by hand and the source read again", async () => {
    const user = userEvent.setup();
    const missing = Object.assign(new Error("缺少必填列：项目名称、所属地区"), {
      name: "ImportError",
      code: "MISSING_COLUMNS",
      message_en: "Required columns missing: name, region",
      details: { headers: ["编号", "项目", "区县"], missing: ["name", "region"] },
    });
    const services = fakeServices({
      read: jest.fn().mockRejectedValueOnce(missing).mockResolvedValueOnce([ledgerResult()]),
    });
    renderPanel(<DataPanel />, services);
    await user.click(screen.getByRole("radio", { name: "网址" }));
    await user.type(screen.getByRole("textbox", { name: /数据网址/ }), "https://x.example/a.csv");
    await user.selectOptions(screen.getByRole("combobox", { name: "数据类型" }), "ledger");
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("缺少必填列：项目名称、所属地区");
    expect(screen.getByText(/没有认出全部必填列（缺：项目名称、所属地区）/)).toBeInTheDocument();
    await user.selectOptions(screen.getByRole("combobox", { name: "来源列“编号”对应的字段" }), "id");
    await user.selectOptions(screen.getByRole("combobox", { name: "来源列“项目”对应的字段" }), "name");
    await user.selectOptions(screen.getByRole("combobox", { name: "来源列“区县”对应的字段" }), "region");
    await user.click(screen.getByRole("button", { name: "按此对应重新读取" }));
    expect(services.read).toHaveBeenCalledTimes(2);
    expect(services.read.mock.calls[1][1]).toMatchObject({
      kind: "ledger",
      mapping: { 编号: "id", 项目: "name", 区县: "region" },
    });
    expect(await screen.findByRole("heading", { name: /预览：项目台账/ })).toBeInTheDocument();
    expect(screen.queryByText(/没有认出全部必填列/)).not.toBeInTheDocument();
  });

  test("an import error is shown in English in the English UI", async () => {
    const user = userEvent.setup();
    const err = Object.assign(new Error("「a.csv」是空文件。"), {
      name: "ImportError",
      message_zh: "「a.csv」是空文件。",
      message_en: '"a.csv" is an empty file.',
    });
    renderPanel(<DataPanel />, fakeServices({ read: jest.fn(async () => Promise.reject(err)) }), "en-US");
    await user.click(screen.getByRole("button", { name: "Read and preview" }));
    expect(await screen.findByRole("alert")).toHaveTextContent('Error: "a.csv" is an empty file.');
  });

  test("a long issues list shows the first 50 and says how many more there are", async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 73 }, (_, i) => issue(i + 2, "签约额"));
    renderPanel(<DataPanel />, fakeServices({ read: jest.fn(async () => [ledgerResult({ issues: many })]) }));
    await user.click(screen.getByRole("button", { name: "读取并预览" }));
    const list = await screen.findByRole("list", { name: "发现的问题（73）" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(50);
    expect(screen.getByText("另有 23 条未显示，写入工作表可查看全部。")).toBeInTheDocument();
  });

  test("English UI shows English issue messages", async () => {
    const user = userEvent.setup();
    const hold = deferred<ImportResult[]>();
    const services = fakeServices({ read: jest.fn(() => hold.promise) });
    renderPanel(<DataPanel />, services, "en-US");
    await user.click(screen.getByRole("button", { name: "Read and preview" }));
    expect(screen.getByText("Reading…")).toBeInTheDocument();
    hold.resolve([ledgerResult({ issues: [issue(3, "签约额")] })]);
    expect(await screen.findByText(/Row 3, column "签约额": Row 3: the amount is not a number/)).toBeInTheDocument();
  });
});
