/**
 * The offline preview in headless Chromium: the real task pane over the simulated Excel host, built by webpack in
 * development mode and served on 127.0.0.1. Loads the sample data, builds the 2025Q1 成绩单, checks the numbers on
 * the rendered sheet, inserts an INVEST function, runs the self-test (自检), switches language, runs axe-core, and
 * saves screenshots at 320 and 800 px to test-artifacts/. Skipped (with a message) when /usr/bin/chromium is missing; CI installs it.
 */
import { mkdirSync, readFileSync } from "fs";
import path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { ROOT, hasChromium, launchChromium, serve, webpackBuild } from "./serve";

const ARTIFACTS = path.join(ROOT, "test-artifacts");
const run = hasChromium() ? describe : describe.skip;
if (!hasChromium()) {
  // eslint-disable-next-line no-console
  console.warn("test/browser/preview.test.ts skipped: /usr/bin/chromium is missing (apt-get install -y --no-install-recommends chromium fonts-wqy-microhei)");
}

run("offline preview in headless Chromium", () => {
  let server: { url: string; close: () => Promise<void> };
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const dir = await webpackBuild("development");
    server = await serve(dir);
    context = await launchChromium();
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto(`${server.url}/preview.html`);
    await page.waitForSelector("body[data-preview-ready=true]", { timeout: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  const pane = () => page.getByRole("complementary", { name: /任务窗格|Task pane/ });
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
      const r = await (window as any).axe.run({ include: [document], exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] });
      return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n: any) => n.target.join(" ")).slice(0, 5) }));
    });
    return violations.filter((v: any) => v.impact === "serious" || v.impact === "critical").map((v: any) => `${v.id}: ${v.nodes.join(", ")}`);
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
    await expectVisible(pane().getByText("示例数据: 没有变化（30 行）。"), 30_000);
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
    await pane().getByRole("spinbutton", { name: /重点项目数/ }).fill("3");
    await pane().getByRole("checkbox", { name: /插入图表/ }).check();
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
    const fill = await grid().getByText("超序时").first().evaluate((td) => getComputedStyle(td).backgroundColor);
    expect(fill).toBe("rgb(198, 239, 206)");
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-800-zh-briefing.png"), fullPage: false });
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
    expect(await steps.evaluateAll((items) => items.map((li) => li.getAttribute("data-ok")))).toEqual(new Array(9).fill("true"));
    const report = await pane().getByTestId("selftest-report").inputValue();
    expect(report).toMatch(/全部通过/);
    expect(report).toMatch(/8\. \[通过\] 自定义函数 INVEST\.\*/);
    expect(await sheetTabs.allInnerTexts()).toEqual(before);
    expect(await axeSeriousViolations()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-800-zh-selftest.png"), fullPage: false });
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
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
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
    const y0 = (await button.boundingBox())!.y;
    await button.click();
    await expectVisible(pane().getByRole("heading", { name: /预览：项目台账/ }));
    expect((await button.boundingBox())!.y).toBe(y0);
    expect(await below.isVisible()).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-320-zh-data.png"), fullPage: false });
    await pane().getByRole("tab", { name: "成绩单" }).click();
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-320-zh-briefing.png"), fullPage: false });
    // the function reference in Chinese (from the generated functions.json), nothing wider than the pane
    await pane().getByRole("tab", { name: "函数" }).click();
    await expectVisible(pane().getByText(/^完成率：实际完成值 ÷ 年度目标任务/));
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-320-zh-functions.png"), fullPage: false });
    await page.setViewportSize({ width: 800, height: 900 });
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
    expect(rows.filter((r) => r[0] === "其中：西宁开发区" && r[1] === "245.00")[0]?.slice(0, 4)).toEqual(["其中：西宁开发区", "245.00", "281.00", "87.19%"]);
    const text = await pane().getByRole("textbox", { name: "Briefing text" }).inputValue();
    expect(text).toMatch(/CNY 24\.5 billion/);
    expect(text).toMatch(/87\.19%/);
    expect(await axeSeriousViolations()).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-800-en-briefing.png"), fullPage: false });
    await page.setViewportSize({ width: 320, height: 900 });
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-320-en-briefing.png"), fullPage: false });
    await page.setViewportSize({ width: 800, height: 900 });
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
    const before = await page.evaluate(() => performance.getEntriesByType("resource").filter((r) => /exceljs/.test(r.name)).length);
    expect(before).toBe(0); // not loaded until an .xlsx is read

    await pane().getByRole("tab", { name: "数据" }).click();
    await pane().getByRole("radio", { name: "文件" }).check();
    await pane().getByTestId("file-input").setInputFiles({ name: "新台账.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
    await pane().getByRole("combobox", { name: "数据类型" }).selectOption("ledger");
    await pane().getByRole("button", { name: "读取并预览" }).click();
    await expectVisible(pane().getByRole("heading", { name: /预览：项目台账/ }), 30_000);
    expect(await page.evaluate(() => performance.getEntriesByType("resource").filter((r) => /exceljs/.test(r.name)).length)).toBe(1);
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
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-800-zh-issues.png"), fullPage: false });
    expect(pageErrors).toEqual([]);
  });
});

async function expectVisible(locator: { waitFor: (o: { state: "visible"; timeout: number }) => Promise<void> }, timeout = 15_000) {
  await locator.waitFor({ state: "visible", timeout });
}
