/** @jest-environment jsdom */
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import "@testing-library/jest-dom";
import { RefreshPanel } from "../../src/taskpane/panels/RefreshPanel";
import type { LoadedSource } from "../../src/taskpane/services";
import { deferred, fakeServices, renderPanel } from "./fakes";

const ledger: LoadedSource = {
  id: "s1",
  kind: "ledger",
  label: "https://zs.example.gov.cn/ledger.csv",
  rows: 30,
  lastRefreshed: "2025-04-01T08:00:00Z",
  refreshable: true,
};
const local: LoadedSource = {
  id: "s2",
  kind: "targets",
  label: "目标.xlsx",
  rows: 4,
  lastRefreshed: null,
  refreshable: false,
};

describe("刷新 panel", () => {
  test("no source loaded: an empty state pointing to the Data tab", async () => {
    renderPanel(<RefreshPanel />, fakeServices());
    expect(await screen.findByText("还没有载入任何数据源。请先在“数据”页载入数据。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "撤销上次刷新" })).toBeDisabled();
  });

  test("a failure to list sources is shown, not swallowed", async () => {
    renderPanel(
      <RefreshPanel />,
      fakeServices({ listSources: jest.fn(async () => Promise.reject(new Error("设置已损坏"))) }),
    );
    // the error in the UI language, with what to do next (issue 16)
    expect(
      await screen.findByText(
        "出错了：设置已损坏。请再试一次；如果仍然出错，请在“设置”页运行自检，并把自检报告发给技术支持。",
      ),
    ).toBeInTheDocument();
  });

  test("one button per source with its last refresh; refreshing shows what changed", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      listSources: jest.fn(async () => [ledger, local]),
      refresh: jest.fn(async () => ({
        added: 2,
        updated: 1,
        removed: 0,
        unchanged: 27,
        issues: [],
        at: "2025-04-02T09:00:00Z",
      })),
    });
    renderPanel(<RefreshPanel />, services);
    const button = await screen.findByRole("button", { name: "刷新“https://zs.example.gov.cn/ledger.csv”" });
    expect(screen.getByText(/上次刷新：2025/)).toBeInTheDocument();
    expect(screen.getByText("尚未刷新")).toBeInTheDocument();
    expect(screen.getByText("30 行 · 项目台账")).toBeInTheDocument();
    // a file cannot be fetched again: its button is disabled
    expect(screen.getByRole("button", { name: "刷新“目标.xlsx”" })).toBeDisabled();
    expect(screen.getByText(/本机文件无法自动重新读取/)).toBeInTheDocument();
    await user.click(button);
    expect(services.refresh).toHaveBeenCalledWith("s1", expect.objectContaining({ signal: expect.any(Object) }));
    expect(await screen.findAllByText(/新增 2 行，更新 1 行，删除 0 行，未变 27 行。/)).not.toHaveLength(0);
    expect(services.listSources).toHaveBeenCalledTimes(2); // reloaded for the new time
  });

  test("a refresh with no change says so; a failing refresh shows its error", async () => {
    const user = userEvent.setup();
    const refresh = jest
      .fn()
      .mockResolvedValueOnce({
        added: 0,
        updated: 0,
        removed: 0,
        unchanged: 30,
        issues: [],
        at: "2025-04-02T09:00:00Z",
      })
      .mockRejectedValueOnce(new Error("HTTP 503"));
    renderPanel(<RefreshPanel />, fakeServices({ listSources: jest.fn(async () => [ledger]), refresh }));
    await user.click(await screen.findByRole("button", { name: /刷新“/ }));
    expect(await screen.findAllByText(/没有变化（30 行）/)).not.toHaveLength(0);
    await user.click(screen.getByRole("button", { name: /刷新“/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("出错了：HTTP 503");
  });

  test("a refresh can be cancelled while it runs", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      listSources: jest.fn(async () => [ledger]),
      refresh: jest.fn(
        (_id, o) =>
          new Promise((_, reject) =>
            o.signal!.addEventListener("abort", () => reject(Object.assign(new Error("x"), { name: "AbortError" }))),
          ),
      ),
    });
    renderPanel(<RefreshPanel />, services);
    await user.click(await screen.findByRole("button", { name: /刷新“/ }));
    expect(screen.getByRole("progressbar")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /刷新“/ })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "取消" }));
    expect(await screen.findByText("已取消，工作簿未改动。")).toBeInTheDocument();
  });

  test("undo: reports what was undone, or that there was nothing to undo", async () => {
    const user = userEvent.setup();
    const hold = deferred<{ description: string } | null>();
    const undo = jest.fn().mockReturnValueOnce(hold.promise).mockResolvedValueOnce(null);
    renderPanel(<RefreshPanel />, fakeServices({ listSources: jest.fn(async () => [ledger]), undoLastRefresh: undo }));
    const button = await screen.findByRole("button", { name: "撤销上次刷新" });
    await user.click(button);
    await waitFor(() => expect(button).toBeDisabled());
    hold.resolve({ description: "台账 2025-04-02 09:00 的刷新" });
    expect(await screen.findByText("已撤销：台账 2025-04-02 09:00 的刷新")).toBeInTheDocument();
    await user.click(button);
    expect(await screen.findByText("没有可撤销的刷新。")).toBeInTheDocument();
  });

  test("an undo refused because the sheets changed since shows why and offers to undo anyway, which passes force", async () => {
    const user = userEvent.setup();
    const blocked = Object.assign(new Error("上次写入之后，工作表又被修改过：表格“Ledger”第 3 行。没有撤销。"), {
      code: "UNDO_BLOCKED",
    });
    const undo = jest
      .fn()
      .mockRejectedValueOnce(blocked)
      .mockResolvedValueOnce({ description: "台账 2025-04-02 09:00 的刷新" });
    renderPanel(<RefreshPanel />, fakeServices({ listSources: jest.fn(async () => [ledger]), undoLastRefresh: undo }));
    expect(screen.queryByRole("button", { name: /仍然撤销/ })).toBeNull();
    await user.click(await screen.findByRole("button", { name: "撤销上次刷新" }));
    expect(await screen.findByText(/又被修改过/)).toBeInTheDocument();
    await user.click(await screen.findByRole("button", { name: /仍然撤销/ }));
    expect(await screen.findByText("已撤销：台账 2025-04-02 09:00 的刷新")).toBeInTheDocument();
    expect(undo.mock.calls).toEqual([[undefined], [{ force: true }]]);
    expect(screen.queryByRole("button", { name: /仍然撤销/ })).toBeNull();
  });

  test("a refresh's notices (a formula of the user's kept) are shown with its counts", async () => {
    const user = userEvent.setup();
    const services = fakeServices({
      listSources: jest.fn(async () => [ledger]),
      refresh: jest.fn(async () => ({
        added: 0,
        updated: 0,
        removed: 0,
        unchanged: 30,
        issues: [],
        at: "2025-04-02T09:00:00Z",
        notices: [{ zh: "1 个单元格保留了您输入的公式", en: "1 cell(s) keep the formula you typed" }],
      })),
    });
    renderPanel(<RefreshPanel />, services);
    await user.click(await screen.findByRole("button", { name: /刷新“/ }));
    expect(await screen.findByText(/保留了您输入的公式/)).toBeInTheDocument();
  });

  test("English", async () => {
    renderPanel(<RefreshPanel />, fakeServices({ listSources: jest.fn(async () => [local]) }), "en-US");
    expect(await screen.findByRole("button", { name: 'Refresh "目标.xlsx"' })).toBeInTheDocument();
    expect(screen.getByText("4 rows · Annual targets")).toBeInTheDocument();
    expect(screen.getByText("Not refreshed yet")).toBeInTheDocument();
  });
});
