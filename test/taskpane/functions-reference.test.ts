/**
 * The 函数 panel's reference: it covers every function of src/functions/locales/en-US.json, each example has a
 * valid number of arguments, and each numeric example gives the stated value when the real INVEST.* functions
 * compute it in a formula engine (the same HyperFormula adapter the simulated host uses).
 */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import {
  EXAMPLES,
  ENGLISH,
  exampleFormula,
  functionDocs,
  zhFromMetadata,
} from "../../src/taskpane/functions-reference";
import { createInvestEngine } from "../../packages/excel-sim/src/hyperformula-invest";

let metadata: { functions: { id: string; parameters: { name: string; optional?: boolean; repeating?: boolean }[] }[] };

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(
    [path.join(__dirname, "../../src/functions/functions.ts")],
    true,
  );
  metadata = JSON.parse(result.metadataJson);
}, 60_000);

test("every function in en-US.json has an example, and no example names a function that does not exist", () => {
  expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(ENGLISH).sort());
});

test("each example passes at least the required and at most the declared arguments", () => {
  for (const f of metadata.functions) {
    const required = f.parameters.filter((p) => !p.optional && !p.repeating).length;
    const repeating = f.parameters.some((p) => p.repeating);
    const n = EXAMPLES[f.id].args.length;
    expect({ id: f.id, enough: n >= required, notTooMany: repeating || n <= f.parameters.length }).toEqual({
      id: f.id,
      enough: true,
      notTooMany: true,
    });
  }
});

test("the numeric and text examples give the stated values with the real functions", () => {
  const hf = createInvestEngine(metadata as never);
  const sheet = hf.getSheetId(hf.addSheet("S"))!;
  const checked: string[] = [];
  for (const [id, ex] of Object.entries(EXAMPLES)) {
    if (ex.value === undefined) continue;
    hf.setCellContents({ sheet, row: 0, col: 0 }, exampleFormula(id)!);
    const v = hf.getCellValue({ sheet, row: 0, col: 0 });
    if (typeof ex.value === "number")
      expect({ id, v: Number((v as number).toFixed(9)) }).toEqual({ id, v: Number(ex.value.toFixed(9)) });
    else expect({ id, v }).toEqual({ id, v: ex.value });
    checked.push(id);
  }
  expect(checked.length).toBeGreaterThanOrEqual(8);
  hf.destroy();
});

test("Chinese descriptions come from the generated functions.json, English from en-US.json", () => {
  const zh = functionDocs("zh-CN", zhFromMetadata(metadata));
  const en = functionDocs("en-US", zhFromMetadata(metadata));
  expect(zh.map((d) => d.id)).toEqual(metadata.functions.map((f) => f.id));
  for (const d of zh) {
    expect({ id: d.id, zh: /[\u4e00-\u9fff]/.test(d.description) }).toEqual({ id: d.id, zh: true });
    for (const p of d.parameters)
      expect({ p: p.name, zh: /[\u4e00-\u9fff]/.test(p.description) }).toEqual({ p: p.name, zh: true });
  }
  for (const d of en)
    expect({ id: d.id, han: /[\u4e00-\u9fff]/.test(d.description) }).toEqual({ id: d.id, han: false });
  expect(zh.find((d) => d.id === "COMPLETION_RATE")!.example).toBe("=INVEST.COMPLETION_RATE(245, 281)");
  // without the generated metadata, English is the fallback rather than nothing
  expect(functionDocs("zh-CN", {})[0].description).toBe(ENGLISH[metadata.functions[0].id].description);
});
