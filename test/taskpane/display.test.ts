/** Values in the task pane's previews are shown in the UI language, never as the model's keys (issue 16). */
import { displayValue } from "../../src/taskpane/display";
import { METRICS, METRIC_INFO } from "../../src/core/model";

describe("displayValue", () => {
  test("a metric by its name in the UI language", () => {
    for (const m of METRICS) {
      expect(displayValue(m, "metric", "zh-CN")).toBe(METRIC_INFO[m].zh);
      expect(displayValue(m, "metric", "en-US")).toBe(METRIC_INFO[m].en);
      expect(displayValue(m, "metric", "zh-CN")).not.toMatch(/_/);
    }
    expect(displayValue("funds_in_place_out_of_province", "metric", "zh-CN")).toBe("省外到位资金");
    // not a metric (a prototype name, or text the importer kept): shown as it is
    expect(displayValue("constructor", "metric", "zh-CN")).toBe("constructor");
  });

  test("yes/no in words; blanks blank; other values as they are", () => {
    expect(displayValue(true, "boolean", "zh-CN")).toBe("是");
    expect(displayValue(false, "boolean", "en-US")).toBe("No");
    expect(displayValue(null, "text", "zh-CN")).toBe("");
    expect(displayValue(undefined, "amount", "zh-CN")).toBe("");
    expect(displayValue(12.5, "amount", "en-US")).toBe("12.5");
    expect(displayValue("2025-02-19", "date", "zh-CN")).toBe("2025-02-19");
  });
});
