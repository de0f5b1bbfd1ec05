/** @jest-environment jsdom */
/** What an error says in the task pane: the UI language only, and always what to do next (issue 16). */
import { errorText, pickLanguage, saysWhatToDo } from "../../src/taskpane/services";
import { userError } from "../../src/taskpane/common";
import { makeI18n } from "../../src/taskpane/i18n";
import { ImportError } from "../../src/import/errors";

const zh = makeI18n("zh-CN").t;
const en = makeI18n("en-US").t;

describe("errors in the UI language", () => {
  test("a bilingual “中文 / English” message shows only the UI language's half", () => {
    const err = new Error("Excel 不可用 / Excel is not available");
    expect(errorText(err, "zh-CN")).toBe("Excel 不可用");
    expect(errorText(err, "en-US")).toBe("Excel is not available");
    // a quoted Chinese name inside the English half does not stop the split
    expect(pickLanguage('工作簿中没有表格“台账表” / No table "台账表" in the workbook', "en-US")).toBe(
      'No table "台账表" in the workbook',
    );
    // a URL's slashes are not a separator; a message in one language is kept whole
    expect(pickLanguage("https://a.example/b/c.csv: HTTP 404", "zh-CN")).toBe("https://a.example/b/c.csv: HTTP 404");
    expect(pickLanguage("a / b", "zh-CN")).toBe("a / b");
  });

  test("an error that does not say what to do gets the next step; one that does is left as it is", () => {
    const generic = userError(new Error("Excel 不可用 / Excel is not available"), zh, "zh-CN");
    expect(generic).toBe("出错了：Excel 不可用。" + zh("errorNextStep"));
    expect(userError(new Error("GeneralException"), en, "en-US")).toBe(
      "Error: GeneralException. " + en("errorNextStep"),
    );
    const local = new Error(
      '「台账.csv」是本地文件，请在任务窗格中重新选择文件后刷新。 / "台账.csv" is a local file: choose it again in the task pane to refresh.',
    );
    expect(userError(local, zh, "zh-CN")).toBe("出错了：「台账.csv」是本地文件，请在任务窗格中重新选择文件后刷新。");
    expect(userError(local, en, "en-US")).toBe(
      'Error: "台账.csv" is a local file: choose it again in the task pane to refresh.',
    );
  });

  test("an import error keeps its own localized message", () => {
    const err = new ImportError(
      "MISSING_COLUMNS",
      "缺少必填列“所属地区”，请检查表头。",
      "Missing required column 所属地区: check the header row.",
    );
    expect(userError(err, zh, "zh-CN")).toBe("出错了：缺少必填列“所属地区”，请检查表头。");
    expect(userError(err, en, "en-US")).toBe("Error: Missing required column 所属地区: check the header row.");
  });

  test("the next step itself counts as saying what to do, in both languages", () => {
    expect(saysWhatToDo(zh("errorNextStep"), "zh-CN")).toBe(true);
    expect(saysWhatToDo(en("errorNextStep"), "en-US")).toBe(true);
    expect(saysWhatToDo("Excel 不可用", "zh-CN")).toBe(false);
  });
});
