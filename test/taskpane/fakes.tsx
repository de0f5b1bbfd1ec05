/** Fake TaskPaneServices for component tests: every method a jest.fn with a sensible default. */
import * as React from "react";
import { render } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { ImportResult } from "../../src/import/types";
import type { TaskPaneServices } from "../../src/taskpane/services";
import { ServicesContext } from "../../src/taskpane/services";
import { I18nContext, makeI18n } from "../../src/taskpane/i18n";
import type { Language } from "../../src/i18n/language";

// jsdom has no ResizeObserver; Fluent's MessageBar observes its own width to reflow its actions.
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

export function ledgerResult(over: Partial<ImportResult> = {}): ImportResult {
  return {
    kind: "ledger",
    records: [
      {
        id: "QH-2025-001",
        name: "绿电智算融合示范基地项目",
        region: "西宁开发区",
        stage: "开工",
        started_date: "2025-02-19",
      },
      {
        id: "QH-2025-002",
        name: "青海昌通物流有限公司物流园项目",
        region: "西宁开发区",
        stage: "开工",
        signed_amount: 12.5,
      },
    ],
    funds: [],
    targets: [],
    figures: [],
    issues: [],
    summary: { rows: 2, accepted: 2, rejected: 0 },
    mapping: { 项目编号: "id", 名称: "name", 地区: "region", 阶段: "stage", 签约额: "signed_amount", 无关列: null },
    headers: ["项目编号", "名称", "地区", "阶段", "签约额", "无关列"],
    ...over,
  };
}

export function fakeServices(over: Partial<TaskPaneServices> = {}): jest.Mocked<TaskPaneServices> {
  const s: TaskPaneServices = {
    host: "excel",
    read: jest.fn(async () => [ledgerResult()]),
    listTables: jest.fn(async () => []),
    write: jest.fn(async (r: ImportResult) => ({ kind: r.kind, sheet: "台账", rows: r.records.length })),
    writeIssues: jest.fn(async () => "导入问题"),
    listSources: jest.fn(async () => []),
    refresh: jest.fn(async () => ({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: 0,
      issues: [],
      at: "2025-04-01T08:00:00Z",
    })),
    undoLastRefresh: jest.fn(async () => null),
    briefingAvailability: jest.fn(async () => ({ regions: [], dataYears: [], targetYears: [] })),
    buildBriefing: jest.fn(async () => ({ sheet: "成绩单", text: { zh: "简报", en: "Briefing" }, warnings: [] })),
    functionDescriptionsZh: jest.fn(async () => ({})),
    insertFormula: jest.fn(async () => "B2"),
    readWorkbookSettings: jest.fn(async () => ({})),
    saveWorkbookSettings: jest.fn(async () => true),
    copyText: jest.fn(async () => undefined),
    ...over,
  };
  return s as jest.Mocked<TaskPaneServices>;
}

/** Render a panel with its providers, as App does. */
export function renderPanel(ui: React.ReactElement, services: TaskPaneServices, lang: Language = "zh-CN") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nContext.Provider value={makeI18n(lang)}>
        <ServicesContext.Provider value={services}>{ui}</ServicesContext.Provider>
      </I18nContext.Provider>
    </FluentProvider>,
  );
}

/** A promise with its resolve/reject exposed, to hold an operation open. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
