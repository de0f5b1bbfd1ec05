/**
 * One error type (issue 15): every error the product throws on purpose is an AppError with a code and a Chinese and
 * an English message, shown in the reader's language; none glues both languages into one message.
 */
import fs from "fs";
import path from "path";
import { AppError, cancelledError, isAppError } from "../../src/core/errors";
import { ImportError } from "../../src/import/errors";
import { BriefingError } from "../../src/briefing/errors";
import { RollbackFailedError, UndoBlockedError } from "../../src/excel/restore";
import { WriteBlockedError } from "../../src/excel/guards";
import { Check } from "../../src/excel/self-test-fixtures";
import { excel } from "../../src/excel/host";
import { errorText } from "../../src/taskpane/services";

describe("AppError", () => {
  test("carries a code, zh and en; message is the Chinese text; messageIn picks the language", () => {
    const e = new AppError("TABLE_NOT_FOUND", "工作簿中没有表格“台账”", 'No table "台账" in the workbook');
    expect([e.code, e.message, e.messageIn("zh-CN"), e.messageIn("en-US")]).toEqual([
      "TABLE_NOT_FOUND",
      "工作簿中没有表格“台账”",
      "工作簿中没有表格“台账”",
      'No table "台账" in the workbook',
    ]);
    expect(e).toBeInstanceOf(Error);
    expect(isAppError(e)).toBe(true);
    expect(isAppError(new Error("x"))).toBe(false);
  });

  test("the product's error classes are AppErrors, keep their names, and still answer to instanceof", () => {
    const cases: [Error, string, string][] = [
      [new ImportError("EMPTY", "空", "empty", {}), "ImportError", "EMPTY"],
      [new BriefingError("BAD_PERIOD", "报告期不对", "bad period"), "BriefingError", "BAD_PERIOD"],
      [new WriteBlockedError("不能写", "cannot write", "Sheet1!A1"), "WriteBlockedError", "WRITE_BLOCKED"],
      [new UndoBlockedError([{ zh: "改了", en: "changed" } as never]), "UndoBlockedError", "UNDO_BLOCKED"],
      [new RollbackFailedError(new Error("a"), new Error("b")), "RollbackFailedError", "ROLLBACK_FAILED"],
      [new Check("读不到表格 T", "cannot read the table T"), "Check", "SELF_TEST_CHECK"],
    ];
    for (const [e, name, code] of cases) {
      expect(e).toBeInstanceOf(AppError);
      expect([e.name, (e as AppError).code]).toEqual([name, code]);
      expect(e.message).not.toMatch(/ \/ /);
      expect((e as AppError).messageIn("en-US")).not.toMatch(/[\u3400-\u9fff]{2}/);
    }
    const imp = new ImportError("EMPTY", "空", "empty");
    expect([imp.message_zh, imp.message_en]).toEqual(["空", "empty"]);
  });

  test("a cancellation is an AbortError with the code CANCELLED", () => {
    const e = cancelledError();
    expect([e.name, e.code, e.messageIn("en-US")]).toEqual(["AbortError", "CANCELLED", "Cancelled"]);
  });

  test("the task pane shows an AppError in its language", () => {
    const e = new AppError("NO_WORKBOOK", "未连接 Excel 工作簿", "No Excel workbook connected");
    expect(errorText(e, "zh-CN")).toBe("未连接 Excel 工作簿");
    expect(errorText(e, "en-US")).toBe("No Excel workbook connected");
  });

  test("one excel() accessor: EXCEL_UNAVAILABLE without a host", () => {
    const saved = (globalThis as { Excel?: unknown }).Excel;
    delete (globalThis as { Excel?: unknown }).Excel;
    try {
      expect(() => excel()).toThrow(
        expect.objectContaining({ code: "EXCEL_UNAVAILABLE", en: "Excel is not available" }),
      );
    } finally {
      if (saved !== undefined) (globalThis as { Excel?: unknown }).Excel = saved;
    }
  });
});

describe("src", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(d.name)) files.push(p);
    }
  };
  walk(path.join(__dirname, "../../src"));

  test("throws no Error with a glued “中文 / English” message", () => {
    // The first string of `new …Error(`, on its line or the next: Chinese, then " / " (or "）/ ") and more.
    const glued = /new \w*Error\(\s*(["`])[^"`]*[\u3400-\u9fff][^"`/]*\/ [^"`]*\1/g;
    const found = files.flatMap((f) =>
      [...fs.readFileSync(f, "utf8").matchAll(glued)].map((m) => `${path.relative(process.cwd(), f)}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  test("defines excel() once, in src/excel/host.ts", () => {
    const defining = files.filter((f) => /function excel\(\)/.test(fs.readFileSync(f, "utf8")));
    expect(defining.map((f) => path.relative(path.join(__dirname, "../.."), f))).toEqual(["src/excel/host.ts"]);
  });

  test("src/core imports nothing outside itself", () => {
    const core = files.filter((f) => f.includes(`${path.sep}core${path.sep}`));
    for (const f of core)
      for (const m of fs.readFileSync(f, "utf8").matchAll(/from "(\.[^"]+)"/g))
        expect([f, m[1].startsWith("./")]).toEqual([f, true]);
  });
});
