/**
 * The offline preview in headless Chromium: the real task pane over the simulated Excel host, built by webpack in
 * development mode and served on 127.0.0.1. Loads the sample data, builds the 2025Q1 成绩单, checks the numbers on
 * the rendered sheet, inserts an INVEST function, runs the self-test (自检), switches language, runs axe-core, and
 * saves screenshots at 320 and 1280 px to test-artifacts/. Then the whole workflow again in both languages at 320 and
 * 1280 px, asserting what issue 16 asks of the pane: results in view and focused, tabs on one line and in reach, no
 * internal keys on screen, one name for the load button, Excel-like grid, progress, errors with a next step,
 * keyboard reach, axe clean, no failed request (the favicon). Skipped (with a message) when /usr/bin/chromium is missing; CI installs it.
 */
import { mkdirSync, readFileSync } from "fs";
import path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { ROOT, launchChromium, serve, webpackBuild } from "../../packages/test-support/src/browser-harness";
import { chromium, describeWith } from "../support/tools";

const ARTIFACTS = path.join(ROOT, "test-artifacts");
/** A URL nothing listens on (port 9, discard): the walk's failing read. */
const UNREACHABLE = "http://127.0.0.1:9/";
describeWith(chromium(), "offline preview in headless Chromium", () => {
  let server: { url: string; close: () => Promise<void> };
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  /** Every response of 400 or more and every failed request (the favicon was one), but the walk's own bad URL. */
  const failedRequests: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = await webpackBuild("development");
    server = await serve(dir);
    context = await launchChromium();
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("response", (r) => r.status() >= 400 && failedRequests.push(`${r.status()} ${r.url()}`));
    page.on("requestfailed", (r) => !r.url().startsWith(UNREACHABLE) && failedRequests.push(`failed ${r.url()}`));
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/preview.html`);
    await page.waitForSelector("body[data-preview-ready=true]", { timeout: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  // The pane is a plain container (its <main> is the landmark): found by test id.
  const pane = () => page.getByTestId("task-pane");
  const grid = () => page.getByTestId("sheet-grid");

  /** The grid row (cells' text) whose first cell is `region`, in the table under the row titled `title`. */
  async function gridRow(title: string, region: string): Promise<string[]> {
    const rows: string[][] = await grid().evaluate((table: HTMLTableElement) =>
      [...table.tBodies[0].rows].map((tr) => [...tr.cells].slice(1).map((td) => td.textContent ?? "")),
    );
    const start = rows.findIndex((r) => r[0] === title);
    return rows.slice(start + 1).find((r) => r[0] === region) ?? [];
  }

  async function axeSeriousViolations(): Promise<string[]> {
    await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
    const violations = await page.evaluate(async () => {
      // Tabster's dummy focus guards (<i data-tabster-dummy aria-hidden tabindex=0>, used by Fluent's TabList and
      // focus traps) are a documented false positive of aria-hidden-focus (microsoft/tabster#288): they only pass
      // focus on. They are excluded; every other element is checked.
      const r = await (window as any).axe.run(
        { include: [document], exclude: [["[data-tabster-dummy]"]] },
        { resultTypes: ["violations"] },
      );
      return r.violations.map((v: any) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n: any) => n.target.join(" ")).slice(0, 5),
      }));
    });
    return violations
      .filter((v: any) => v.impact === "serious" || v.impact === "critical")
      .map((v: any) => `${v.id}: ${v.nodes.join(", ")}`);
  }

  test("starts labelled as a preview, with the sample data loaded into the simulated workbook", async () => {
    await expectVisible(page.getByText("预览模式 — 未连接 Excel"));
    const sheetTabs = page.getByRole("tablist", { name: "工作表" }).getByRole("tab");
    const names = await sheetTabs.allInnerTexts();
    expect(names).toEqual(expect.arrayContaining(["台账", "目标任务", "汇总数", "到位资金", "地区"]));
    await page.getByRole("tab", { name: "台账" }).click();
    await expectVisible(grid().getByText("绿电智算融合示范基地项目").first());
    // the real task pane, in Chinese, with the Office look
    await expectVisible(pane().getByRole("heading", { name: "招商引资成绩单" }));
    expect(pageErrors).toEqual([]);
  });

  test("the task pane's refresh panel lists the sample sources", async () => {
    await pane().getByRole("tab", { name: "刷新" }).click();
    await expectVisible(pane().getByRole("button", { name: "刷新“示例数据”" }).first());
    expect(await pane().getByRole("button", { name: "刷新“示例数据”" }).count()).toBe(5); // the regions table too
    // refresh the ledger (the same sample data: nothing changes), then undo it
    const ledgerCard = pane().getByRole("listitem").filter({ hasText: "项目台账" });
    await ledgerCard.getByRole("button", { name: "刷新“示例数据”" }).click();
    await expectVisible(pane().getByText("示例数据：没有变化（30 行）。"), 30_000);
    await pane().getByRole("button", { name: "撤销上次刷新" }).click();
    await expectVisible(pane().getByText(/^已撤销：/), 30_000);
    await page.getByRole("tab", { name: "台账" }).click();
    await expectVisible(grid().getByText("绿电智算融合示范基地项目").first());
  });

  test("builds the 2025Q1 成绩单 for 青海省 by 市州: 西宁市 with 其中：西宁开发区 signed 245 亿元, 87.19% of the 281 target; an industry breakdown and key projects", async () => {
    // keyboard: from the selected tab, arrow keys move between tabs and Enter selects
    await pane().getByRole("tab", { name: "刷新" }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    const period = pane().getByRole("combobox", { name: "报告期" });
    await expectVisible(period);
    await period.selectOption("2025Q1");
    // the report card by level: automatic jurisdiction and level, regions without data hidden
    await expectVisible(pane().getByRole("combobox", { name: "辖区" }));
    expect(await pane().getByRole("combobox", { name: "辖区" }).inputValue()).toBe("");
    expect(await pane().getByRole("option", { name: "青海省（省级）" }).count()).toBe(1);
    expect(await pane().getByRole("switch", { name: "显示无数据地区" }).isChecked()).toBe(false);
    await pane().getByRole("checkbox", { name: "产业类别" }).check();
    await pane()
      .getByRole("spinbutton", { name: /重点项目数/ })
      .fill("3");
    await pane()
      .getByRole("checkbox", { name: /插入图表/ })
      .check();
    await pane().getByRole("button", { name: "生成成绩单" }).click();
    await expectVisible(pane().getByText("成绩单已写入工作表“成绩单 2025Q1”。"), 60_000);
    // the workbook view follows the sheet the add-in activated
    await expectVisible(page.getByRole("tab", { name: "成绩单 2025Q1", selected: true }));
    // charts were asked for: the preview lists them under the grid
    expect(await page.getByRole("list", { name: "本表的图表" }).getByRole("listitem").count()).toBeGreaterThan(0);
    const row = await gridRow("签约金额（亿元）", "其中：西宁开发区");
    expect(row.slice(0, 7)).toEqual(["其中：西宁开发区", "245.00", "281.00", "87.19%", "25.00%", "62.19", "超序时"]);
    expect((await gridRow("签约项目数（个）", "其中：西宁开发区")).slice(0, 2)).toEqual(["其中：西宁开发区", "23"]);
    expect((await gridRow("签约金额（亿元）", "合计")).slice(0, 2)).toEqual(["合计", "245.00"]); // not 490: 其中 is not added again
    expect((await gridRow("按产业类别（本期签约）", "合计")).slice(0, 1)).toEqual(["合计"]);
    expect((await gridRow("重点项目（前 3 个）", "1")).slice(0, 2)).toEqual(["1", "绿电智算融合示范基地项目"]);
    const text = await pane().getByRole("textbox", { name: "简报文字" }).inputValue();
    expect(text).toContain("签约金额245亿元，完成年度目标任务的87.19%");
    // a status cell carries its colour (超序时 = Excel's "good" green)
    const fill = await grid()
      .getByText("超序时")
      .first()
      .evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(fill).toBe("rgb(198, 239, 206)");
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-1280-zh-briefing.png"), fullPage: false });
  });

  test("inserts INVEST.COMPLETION_RATE into the selected cell, computed by the simulated host", async () => {
    await page.getByRole("tab", { name: "Sheet1" }).click();
    await grid().locator("tbody tr").nth(1).locator("td").nth(1).click(); // B2
    await pane().getByRole("tab", { name: "函数" }).click();
    await pane().getByRole("button", { name: "将 =INVEST.COMPLETION_RATE(245, 281) 插入选中的单元格" }).click();
    await expectVisible(pane().getByText(/已插入到 .*B2。/));
    const b2 = await grid().locator("tbody tr").nth(1).locator("td").nth(1).innerText();
    expect(Number(b2)).toBeCloseTo(0.8719, 4);
    await expectVisible(page.getByRole("status", { name: "编辑栏" }).getByText("=INVEST.COMPLETION_RATE(245, 281)"));
  });

  test("自检 (self-test) in the settings panel: every step passes over the simulated host, and nothing is left behind", async () => {
    const sheetTabs = page.getByRole("tablist", { name: "工作表" }).getByRole("tab");
    const before = await sheetTabs.allInnerTexts();
    await pane().getByRole("tab", { name: "设置" }).click();
    await pane().getByRole("button", { name: "运行自检" }).click();
    await expectVisible(pane().getByText(/^自检全部通过/), 120_000);
    const steps = pane().getByTestId("selftest-steps").getByRole("listitem");
    expect(await steps.count()).toBe(9);
    expect(await steps.evaluateAll((items) => items.map((li) => li.getAttribute("data-ok")))).toEqual(
      new Array(9).fill("true"),
    );
    const report = await pane().getByTestId("selftest-report").inputValue();
    expect(report).toMatch(/全部通过/);
    expect(report).toMatch(/8\. \[通过\] 自定义函数 INVEST\.\*/);
    expect(await sheetTabs.allInnerTexts()).toEqual(before);
    expect(await axeSeriousViolations()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-1280-zh-selftest.png"), fullPage: false });
    expect(pageErrors).toEqual([]);
  });

  test("axe-core: no serious or critical violations (data, briefing and functions panels)", async () => {
    expect(await axeSeriousViolations()).toEqual([]);
    await pane().getByRole("tab", { name: "数据" }).click();
    expect(await axeSeriousViolations()).toEqual([]);
  });

  test("at 320 px the task pane is usable: nothing overflows sideways; no layout shift while loading", async () => {
    await page.setViewportSize({ width: 320, height: 900 });
    await pane().getByRole("tab", { name: "数据" }).click();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const paneBox = await pane().boundingBox();
    expect(paneBox!.width).toBeLessThanOrEqual(320);
    for (const name of ["读取并预览", "载入工作簿"]) {
      const b = await pane().getByRole("button", { name }).boundingBox();
      expect(b!.x + b!.width).toBeLessThanOrEqual(320);
    }
    // reading the sample data: the controls below the progress area do not move while it runs and after
    const below = pane().getByRole("heading", { name: "导入数据" });
    const button = pane().getByRole("button", { name: "读取并预览" });
    // (in the document: the read's result takes the focus and scrolls the page to it)
    const docY = () => button.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const y0 = await docY();
    await button.click();
    await expectVisible(pane().getByRole("heading", { name: /预览：项目台账/ }));
    expect(await docY()).toBe(y0);
    expect(await below.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-320-zh-data.png"), fullPage: false });
    await pane().getByRole("tab", { name: "成绩单" }).click();
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-320-zh-briefing.png"), fullPage: false });
    // the function reference in Chinese (from the generated functions.json), nothing wider than the pane
    await pane().getByRole("tab", { name: "函数" }).click();
    await expectVisible(pane().getByText(/^完成率：实际完成值 ÷ 年度目标任务/));
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-320-zh-functions.png"), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test("switching to English re-labels the task pane and the preview; English briefing text", async () => {
    await pane().getByRole("tab", { name: "设置" }).click();
    await pane().getByRole("combobox", { name: "界面语言" }).selectOption("en-US");
    await expectVisible(pane().getByRole("tab", { name: "Data" }));
    await expectVisible(pane().getByRole("heading", { name: "Investment report card" }));
    expect(await page.getAttribute("html", "lang")).toBe("en-US");
    await pane().getByRole("tab", { name: "Report" }).click();
    await pane().getByRole("combobox", { name: "Period" }).selectOption("2025Q1");
    await pane().getByRole("button", { name: "Build report card" }).click();
    // the sheet keeps its name (formulas elsewhere may refer to it); its contents are rebuilt
    await expectVisible(pane().getByText('Report card written to the sheet "成绩单 2025Q1".'), 60_000);
    await expectVisible(page.getByRole("tab", { name: "成绩单 2025Q1", selected: true }));
    const rows: string[][] = await grid().evaluate((table: HTMLTableElement) =>
      [...table.tBodies[0].rows].map((tr) => [...tr.cells].slice(1).map((td) => td.textContent ?? "")),
    );
    // English words around the place names (issue 16: the English sheet said 合计 and 其中：)
    expect(rows.filter((r) => r[0] === "of which: 西宁开发区" && r[1] === "245.00")[0]?.slice(0, 4)).toEqual([
      "of which: 西宁开发区",
      "245.00",
      "281.00",
      "87.19%",
    ]);
    expect(rows.map((r) => r[0]).filter((v) => /合计|其中|本级/.test(v))).toEqual([]);
    const text = await pane().getByRole("textbox", { name: "Briefing text" }).inputValue();
    expect(text).toMatch(/CNY 24\.5 billion/);
    expect(text).toMatch(/87\.19%/);
    expect(await axeSeriousViolations()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-1280-en-briefing.png"), fullPage: false });
    await page.setViewportSize({ width: 320, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-320-en-briefing.png"), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
    // back to Chinese; the choice persists across a reload (localStorage)
    await pane().getByRole("tab", { name: "Settings" }).click();
    await pane().getByRole("combobox", { name: "Display language" }).selectOption("zh-CN");
    await expectVisible(pane().getByRole("tab", { name: "数据" }));
    expect(pageErrors).toEqual([]);
  });

  test("an .xlsx file: exceljs arrives on demand, the rows are previewed with their issues and loaded", async () => {
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["项目编号", "项目名称", "所属地区", "签约日期", "签约金额(亿元)"]);
    ws.addRow(["T-001", "测试新材料项目", "西宁开发区", "2025-02-10", 10]);
    ws.addRow(["T-002", "测试物流项目", "海东市", "2025-03-05", "十亿"]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await page.evaluate(
      () => performance.getEntriesByType("resource").filter((r) => /exceljs/.test(r.name)).length,
    );
    expect(before).toBe(0); // not loaded until an .xlsx is read

    await pane().getByRole("tab", { name: "数据" }).click();
    await pane().getByRole("radio", { name: "文件" }).check();
    await pane().getByTestId("file-input").setInputFiles({
      name: "新台账.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer,
    });
    await pane().getByRole("combobox", { name: "数据类型" }).selectOption("ledger");
    await pane().getByRole("button", { name: "读取并预览" }).click();
    await expectVisible(pane().getByRole("heading", { name: /预览：项目台账/ }), 30_000);
    expect(
      await page.evaluate(() => performance.getEntriesByType("resource").filter((r) => /exceljs/.test(r.name)).length),
    ).toBe(1);
    await expectVisible(pane().getByText("测试新材料项目"));
    const issues = pane().getByRole("list", { name: /发现的问题/ });
    await expectVisible(issues.getByText(/签约金额/).first());
    await pane().getByRole("button", { name: "载入工作簿" }).click();
    await expectVisible(pane().getByText(/^已写入“台账”/), 30_000);
    await page.getByRole("tab", { name: "台账" }).click();
    await expectVisible(grid().getByText("测试新材料项目"));
    await pane().getByRole("button", { name: "将问题写入工作表" }).click();
    await expectVisible(page.getByRole("tab", { name: "导入问题", selected: true }));
    await expectVisible(grid().getByText("新台账.xlsx").first());
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-1280-zh-issues.png"), fullPage: false });
    expect(pageErrors).toEqual([]);
  });

  // ---- Issue 16: the whole workflow in both languages at 320 and 1280 px -------------------------------------------

  const LABELS = {
    "zh-CN": {
      language: "界面语言",
      read: "读取并预览",
      load: "载入工作簿",
      readDone: /^已读取 \d+ 个数据集，共 \d+ 行。/,
      loaded: /^示例数据已载入：/,
      refresh: "刷新“示例数据”",
      refreshed: /^示例数据：没有变化/,
      period: "报告期",
      build: "生成成绩单",
      built: "成绩单已写入工作表“成绩单 2025Q1”。",
      text: "简报文字",
      basis: "按月",
      insert: "将 =INVEST.COMPLETION_RATE(245, 281) 插入选中的单元格",
      inserted: /^已插入到 /,
      save: "保存",
      saved: /^设置已保存/,
      url: "网址",
      urlBox: /数据网址/,
      nextStep: /请/,
      tabs: ["数据", "刷新", "成绩单", "函数", "设置"],
    },
    "en-US": {
      language: "Display language",
      read: "Read and preview",
      load: "Load into workbook",
      readDone: /^Read \d+ dataset\(s\), \d+ rows\./,
      loaded: /^Sample data loaded: /,
      refresh: 'Refresh "Sample data"',
      refreshed: /^Sample data: No change/,
      period: "Period",
      build: "Build report card",
      built: 'Report card written to the sheet "成绩单 2025Q1".',
      text: "Briefing text",
      basis: "month",
      insert: "Insert =INVEST.COMPLETION_RATE(245, 281) into the selected cell",
      inserted: /^Inserted into /,
      save: "Save",
      saved: /^Settings saved/,
      url: "URL",
      urlBox: /Data URL/,
      nextStep: /\b(try|check|choose|run)\b/i,
      tabs: ["Data", "Refresh", "Report", "Formulas", "Settings"],
    },
  } as const;
  /** Keys of the model that must never reach the screen. */
  const INTERNAL_KEYS =
    /\b(signed_projects|signed_amount|funds_in_place|funds_in_place_out_of_province|projects_started|out_of_province|through_month|planned_investment|investor_type)\b/;

  /** All axe violations (any impact) of the whole page. */
  async function axeViolations(): Promise<string[]> {
    if (!(await page.evaluate(() => "axe" in window))) {
      await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
    }
    return page.evaluate(async () => {
      const r = await (window as any).axe.run(
        { include: [document], exclude: [["[data-tabster-dummy]"]] },
        { resultTypes: ["violations"] },
      );
      return r.violations.map(
        (v: any) =>
          `${v.impact} ${v.id}: ${v.nodes
            .map((n: any) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      );
    });
  }

  /** The focused element is an action's result (a status message), in view below the tab row, and the tab row is in view and on top. */
  async function expectFocusedResultInView(what: string) {
    const r = await page.evaluate(() => {
      const el = document.activeElement?.closest("[data-status-intent]") as HTMLElement | null;
      const tabs = document.querySelector("main [role=tablist]") as HTMLElement;
      const t = tabs.getBoundingClientRect();
      const hit = document.elementFromPoint(t.left + t.width / 2, t.top + t.height / 2);
      if (!el) return { focused: false, active: document.activeElement?.outerHTML.slice(0, 120) };
      const b = el.getBoundingClientRect();
      return {
        focused: true,
        text: el.textContent,
        top: b.top,
        bottom: b.bottom,
        tabsTop: t.top,
        tabsBottom: t.bottom,
        tabsOnTop: !!hit && tabs.contains(hit),
        vh: innerHeight,
      };
    });
    expect({ what, focused: r.focused }).toEqual({ what, focused: true });
    expect(r.top!).toBeGreaterThanOrEqual(r.tabsBottom! - 1);
    expect(r.bottom!).toBeLessThanOrEqual(r.vh!);
    expect(r.tabsTop!).toBeGreaterThanOrEqual(0);
    expect(r.tabsOnTop).toBe(true);
    return r.text ?? "";
  }

  /** Run an action; report whether a progress bar showed while it ran, and how long it took. */
  async function watchProgress(action: () => Promise<void>): Promise<{ shown: boolean; ms: number }> {
    await page.evaluate(() => {
      const w = window as any;
      w.__progressSeen = false;
      w.__progressObs?.disconnect();
      w.__progressObs = new MutationObserver(() => {
        if (document.querySelector("main [role=progressbar]")) w.__progressSeen = true;
      });
      w.__progressObs.observe(document.body, { subtree: true, childList: true });
    });
    const t0 = Date.now();
    await action();
    const ms = Date.now() - t0;
    return { shown: await page.evaluate(() => (window as any).__progressSeen as boolean), ms };
  }

  /** Every cell of the grid as Excel shows it: numbers whole or ####, text cut only where a filled cell stops it. */
  async function gridClipping(): Promise<string[]> {
    return grid().evaluate((table: HTMLTableElement) => {
      const problems: string[] = [];
      for (const tr of [...table.tBodies[0].rows]) {
        const cells = [...tr.cells].slice(1) as HTMLTableCellElement[];
        cells.forEach((td, c) => {
          const text = td.textContent ?? "";
          if (!text) return;
          const span = td.querySelector("span");
          const clip = (span ?? td) as HTMLElement;
          if (clip.scrollWidth <= clip.clientWidth + 1) return;
          const where = `${tr.cells[0].textContent}:${c} "${text}"`;
          if (td.style.textAlign === "right") {
            if (!/^#+$/.test(text)) problems.push(`number cut: ${where}`);
            return;
          }
          // text cut: only where the cell after those it runs over holds something, or at the last column
          const next = cells[c + 1 + Number(td.dataset.overflow ?? 0)];
          if (next && (next.textContent ?? "") === "") problems.push(`text cut before an empty cell: ${where}`);
        });
      }
      return problems;
    });
  }

  /** Tab through the pane from its selected tab: every visible, enabled control of the shown panel is reached. */
  async function unreachedByKeyboard(panelId: string): Promise<string[]> {
    const expected: string[] = await page.evaluate((id) => {
      const panel = document.getElementById(id)!;
      const controls = [
        ...panel.querySelectorAll<HTMLElement>("button, input, select, textarea, summary, [tabindex='0']"),
      ].filter((el) => {
        if ((el as HTMLButtonElement).disabled || el.getAttribute("aria-hidden") === "true" || el.tabIndex < 0)
          return false;
        if (el.closest("[data-tabster-dummy]") || !el.checkVisibility()) return false;
        // radios are one stop: only the checked one is in the tab order (native radio groups)
        if ((el as HTMLInputElement).type === "radio" && !(el as HTMLInputElement).checked) return false;
        return true;
      });
      controls.forEach((el, i) => (el.dataset.kbd = String(i)));
      return controls.map((el) => el.dataset.kbd!);
    }, panelId);
    const reached = new Set<string>();
    await page.locator("main [role=tab][aria-selected=true]").focus();
    for (let i = 0; i < expected.length * 2 + 10 && reached.size < expected.length; i++) {
      await page.keyboard.press("Tab");
      const k = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.kbd ?? null);
      if (k !== null) reached.add(k);
    }
    const missing = expected.filter((k) => !reached.has(k));
    return page.evaluate(
      (ks) => ks.map((k) => document.querySelector<HTMLElement>(`[data-kbd='${k}']`)!.outerHTML.slice(0, 140)),
      missing,
    );
  }

  describe.each([
    ["zh-CN", 320],
    ["zh-CN", 1280],
    ["en-US", 320],
    ["en-US", 1280],
  ] as const)("issue 16 workflow, %s at %i px", (lang, width) => {
    const L = LABELS[lang];
    const shot = (step: string) =>
      page.screenshot({ path: path.join(ARTIFACTS, `workflow-${width}-${lang}-${step}.png`), fullPage: false });
    const wpane = () => page.getByTestId("task-pane");

    test("fresh start in the language; the tab row is one line inside the pane", async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/preview.html`);
      await page.waitForSelector("body[data-preview-ready=true]", { timeout: 60_000 });
      await page.locator("#tab-settings").click();
      await page.getByRole("combobox", { name: /界面语言|Display language/ }).selectOption(lang);
      await expectVisible(wpane());
      expect(await page.getAttribute("html", "lang")).toBe(lang);
      const row = await page.evaluate(() => {
        const list = document.querySelector("main [role=tablist]") as HTMLElement;
        const pane = document.querySelector("[data-testid=task-pane]") as HTMLElement;
        const tabs = [...list.querySelectorAll("[role=tab]")].map((t) => t.getBoundingClientRect());
        return {
          tops: [...new Set(tabs.map((b) => Math.round(b.top)))],
          overflow: list.scrollWidth - list.clientWidth,
          right: Math.max(...tabs.map((b) => b.right)),
          paneRight: pane.getBoundingClientRect().right,
        };
      });
      expect(row.tops).toHaveLength(1);
      expect(row.overflow).toBeLessThanOrEqual(0);
      expect(row.right).toBeLessThanOrEqual(row.paneRight);
      for (const name of L.tabs) await expectVisible(wpane().getByRole("tab", { name, exact: true }));
    });

    test("数据: one name for the load button; the read result is focused and in view; values in the UI language; keyboard reach; axe clean", async () => {
      await page.locator("#tab-data").click();
      const load = wpane().getByRole("button", { name: L.load, exact: true });
      expect(await load.isDisabled()).toBe(true);
      const read = await watchProgress(async () => {
        await wpane().getByRole("button", { name: L.read }).click();
        await expectVisible(wpane().getByText(L.readDone), 30_000);
      });
      expect(read.shown || read.ms < 1000).toBe(true);
      expect(await expectFocusedResultInView("read")).toMatch(L.readDone);
      await shot("data-read");
      expect(await load.isEnabled()).toBe(true); // the same button, by the same name
      const paneText = await wpane().innerText();
      expect(paneText).not.toMatch(INTERNAL_KEYS);
      expect(paneText).not.toMatch(/\b(true|false)\b/);
      expect(await unreachedByKeyboard("panel-data")).toEqual([]);
      expect(await axeViolations()).toEqual([]);
      const loaded = await watchProgress(async () => {
        await load.click();
        await expectVisible(wpane().getByText(L.loaded), 60_000);
      });
      expect(loaded.shown || loaded.ms < 1000).toBe(true);
      expect(await expectFocusedResultInView("load")).toMatch(L.loaded);
    });

    test("刷新: the sample source in the UI language; the summary is focused and in view", async () => {
      await page.locator("#tab-refresh").click();
      const button = wpane().getByRole("listitem").first().getByRole("button", { name: L.refresh });
      await expectVisible(button);
      const refreshed = await watchProgress(async () => {
        await button.click();
        await expectVisible(wpane().getByText(L.refreshed), 30_000);
      });
      expect(refreshed.shown || refreshed.ms < 1000).toBe(true);
      expect(await expectFocusedResultInView("refresh")).toMatch(L.refreshed);
      expect(await wpane().innerText()).not.toMatch(lang === "en-US" ? /示例数据/ : /Sample data/);
      expect(await unreachedByKeyboard("panel-refresh")).toEqual([]);
    });

    test("成绩单: the result and the briefing text come into view, focused, tabs in reach; the sheet in the UI language; Excel-like grid", async () => {
      await page.locator("#tab-briefing").click();
      await wpane().getByRole("combobox", { name: L.period }).selectOption("2025Q1");
      const built = await watchProgress(async () => {
        await wpane().getByRole("button", { name: L.build }).click();
        await expectVisible(wpane().getByText(L.built), 60_000);
      });
      expect(built.shown || built.ms < 1000).toBe(true);
      expect(await expectFocusedResultInView("build")).toBe(L.built);
      // the briefing text starts in view, under the message
      const text = await wpane().getByRole("textbox", { name: L.text }).boundingBox();
      expect(text!.y).toBeLessThan(900 - 40);
      expect((await wpane().getByRole("textbox", { name: L.text }).inputValue()).length).toBeGreaterThan(20);
      await shot("briefing");
      // the sheet: 计算方式 | 按月 in Chinese (was "month"), Basis | month in English
      await expectVisible(page.getByRole("tab", { name: "成绩单 2025Q1", selected: true }));
      const params = await grid().evaluate((table: HTMLTableElement) =>
        [...table.tBodies[0].rows[1].cells].slice(1).map((td) => td.textContent ?? ""),
      );
      expect(params[5]).toBe(L.basis);
      expect(await grid().innerText()).not.toMatch(INTERNAL_KEYS);
      expect(await gridClipping()).toEqual([]);
      // the title runs on over the empty cells to its right, as in Excel
      const title = await grid()
        .locator("tbody tr")
        .first()
        .locator("td")
        .first()
        .evaluate((td) => {
          const span = td.querySelector("span");
          return { text: td.textContent, whole: !!span && span.scrollWidth <= span.clientWidth };
        });
      expect(title.whole).toBe(true);
      expect(await unreachedByKeyboard("panel-briefing")).toEqual([]);
      expect(await axeViolations()).toEqual([]);
      await page.getByRole("tab", { name: "台账" }).click();
      expect(await gridClipping()).toEqual([]);
    });

    test("函数 and 设置: each result is focused and in view; axe clean", async () => {
      await page.getByRole("tab", { name: "Sheet1" }).click();
      await grid().locator("tbody tr").nth(1).locator("td").nth(1).click();
      await page.locator("#tab-functions").click();
      await wpane().getByRole("button", { name: L.insert }).click();
      await expectVisible(wpane().getByText(L.inserted));
      expect(await expectFocusedResultInView("insert")).toMatch(L.inserted);
      expect(await unreachedByKeyboard("panel-functions")).toEqual([]);
      expect(await axeViolations()).toEqual([]);
      await page.locator("#tab-settings").click();
      await wpane().getByRole("button", { name: L.save, exact: true }).click();
      await expectVisible(wpane().getByText(L.saved));
      expect(await expectFocusedResultInView("save")).toMatch(L.saved);
      expect(await unreachedByKeyboard("panel-settings")).toEqual([]);
      expect(await axeViolations()).toEqual([]);
      await shot("settings");
    });

    test("an error is in the UI language, says what to do next, and is focused", async () => {
      await page.locator("#tab-data").click();
      await wpane().getByRole("radio", { name: L.url, exact: true }).check();
      const box = wpane().getByRole("textbox", { name: L.urlBox });
      await box.fill(`${UNREACHABLE}ledger.csv`);
      await wpane().getByRole("button", { name: L.read }).click();
      const alert = wpane().getByRole("alert");
      await expectVisible(alert, 30_000);
      const text = await expectFocusedResultInView("error");
      expect(text).toMatch(L.nextStep);
      const words = text.replace(UNREACHABLE + "ledger.csv", "");
      // Chinese sentences (a header name such as Access-Control-Allow-Origin or CORS may stay as it is)
      if (lang === "zh-CN") expect(words).not.toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
      else expect(words).not.toMatch(/[\u3400-\u9fff]/);
      expect(await axeViolations()).toEqual([]);
      await shot("error");
      expect(failedRequests).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  });
});

async function expectVisible(
  locator: { waitFor: (o: { state: "visible"; timeout: number }) => Promise<void> },
  timeout = 15_000,
) {
  await locator.waitFor({ state: "visible", timeout });
}
