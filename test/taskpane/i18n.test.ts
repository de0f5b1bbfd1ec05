import { MESSAGES, translate } from "../../src/taskpane/i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("task pane i18n table", () => {
  test("zh-CN and en-US have exactly the same keys", () => {
    expect(Object.keys(MESSAGES["en-US"]).sort()).toEqual(Object.keys(MESSAGES["zh-CN"]).sort());
  });

  test("every message is non-empty and both languages use the same {placeholders}", () => {
    for (const key of Object.keys(MESSAGES["zh-CN"]) as (keyof (typeof MESSAGES)["zh-CN"])[]) {
      const zh = MESSAGES["zh-CN"][key];
      const en = MESSAGES["en-US"][key];
      expect({ key, zh: zh.trim().length > 0, en: en.trim().length > 0 }).toEqual({ key, zh: true, en: true });
      expect({ key, p: placeholders(en) }).toEqual({ key, p: placeholders(zh) });
    }
  });

  test("Chinese texts are Chinese and English texts carry no Chinese (language names excepted)", () => {
    const han = /[\u4e00-\u9fff]/;
    for (const key of Object.keys(MESSAGES["zh-CN"]) as (keyof (typeof MESSAGES)["zh-CN"])[]) {
      expect({ key, han: han.test(MESSAGES["zh-CN"][key]) }).toEqual({ key, han: key !== "langEn" });
      // English may name things that are Chinese by nature: the language itself, and the workbook's sheet names.
      const namesChinese = key === "langZh" || key === "changeLogHint";
      expect({ key, han: han.test(MESSAGES["en-US"][key]) }).toEqual({ key, han: namesChinese });
    }
  });

  test("translate fills placeholders and leaves unknown ones visible", () => {
    expect(translate("zh-CN", "loaded", { sheet: "台账", rows: 30 })).toBe("已写入“台账”：30 行。");
    expect(translate("en-US", "loaded", { sheet: "台账", rows: 30 })).toBe('Wrote "台账": 30 rows.');
    expect(translate("en-US", "loaded", { sheet: "x" })).toBe('Wrote "x": {rows} rows.');
  });
});
