/**
 * JSDoc → functions.json → localized functions.en-US.json. Generated here exactly as the webpack plugin does, so a
 * function added without English texts (or English texts left for a removed function) fails this test.
 */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import english from "../../src/functions/locales/en-US.json";

const { localizeMetadata } = require("../../scripts/localize-functions-metadata.cjs");

let generated: any;
beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(
    [path.join(__dirname, "../../src/functions/functions.ts")],
    true,
  );
  expect(result.errors).toEqual([]);
  generated = JSON.parse(result.metadataJson);
});

test("every function has an ASCII id equal to its name", () => {
  for (const f of generated.functions) {
    expect(f.id).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(f.name).toBe(f.id);
  }
});

test("every function and parameter is described in Chinese in the generated (default) metadata", () => {
  for (const f of generated.functions) {
    expect(f.description).toMatch(/[\u4e00-\u9fff]/);
    for (const p of f.parameters) expect(p.description).toMatch(/[\u4e00-\u9fff]/);
  }
});

test("the hand-kept English texts cover exactly the generated functions and parameters", () => {
  const { metadata, problems } = localizeMetadata(generated, english);
  expect(problems).toEqual([]);
  expect(metadata.functions.map((f: any) => f.id)).toEqual(generated.functions.map((f: any) => f.id));
  for (const f of metadata.functions) {
    expect(f.description).not.toMatch(/[\u4e00-\u9fff]/);
    for (const p of f.parameters) expect(p.description).not.toMatch(/[\u4e00-\u9fff]/);
  }
});

test("drift is caught: a missing function, a missing parameter and a stale entry are reported", () => {
  const trimmed = JSON.parse(JSON.stringify(english));
  const first = generated.functions[0];
  delete trimmed[first.id];
  trimmed.NO_SUCH_FUNCTION = { description: "x", parameters: {} };
  const second = generated.functions[1];
  trimmed[second.id] = { ...trimmed[second.id], parameters: { ...trimmed[second.id].parameters, ghost: "x" } };
  delete trimmed[second.id].parameters[second.parameters[0].name];
  const { problems } = localizeMetadata(generated, trimmed);
  expect(problems.join("\n")).toMatch(new RegExp(`no entry for ${first.id}`));
  expect(problems.join("\n")).toMatch(/NO_SUCH_FUNCTION/);
  expect(problems.join("\n")).toMatch(/unknown parameter ghost/);
  expect(problems.join("\n")).toMatch(new RegExp(`no text for parameter ${second.parameters[0].name}`));
});

test("descriptions fit Excel's limits (512 characters) in both languages, and the repeating parameter is last", () => {
  const { metadata } = localizeMetadata(generated, english);
  for (const meta of [generated, metadata]) {
    for (const f of meta.functions) {
      expect(f.description.length).toBeLessThanOrEqual(512);
      for (const p of f.parameters) expect(p.description.length).toBeLessThanOrEqual(512);
      const repeating = f.parameters.filter((p: any) => p.repeating);
      expect(repeating.length).toBeLessThanOrEqual(1);
      if (repeating.length) expect(f.parameters[f.parameters.length - 1].repeating).toBe(true);
    }
  }
  const periodSum = generated.functions.find((f: any) => f.id === "PERIOD_SUM");
  expect(periodSum.parameters.map((p: any) => [p.name, !!p.optional, !!p.repeating, p.dimensionality])).toEqual([
    ["values", false, false, "matrix"],
    ["dates", false, false, "matrix"],
    ["period", false, false, "matrix"],
    ["criteria", true, true, "matrix"],
  ]);
});

describe("what the build makes of it (scripts/functions-metadata.cjs, as webpack runs it)", () => {
  const { finalizeMetadata, undocumentedProperties } = require("../../scripts/functions-metadata.cjs");

  test("allowErrorForDataTypeAny: true at the top level, which the generator never writes", () => {
    expect(generated.allowErrorForDataTypeAny).toBeUndefined(); // custom-functions-metadata 2.2 has no tag for it
    const meta = finalizeMetadata(generated);
    expect(meta.allowErrorForDataTypeAny).toBe(true);
    expect(Object.keys(meta)).toEqual(["allowCustomDataForDataTypeAny", "allowErrorForDataTypeAny", "functions"]);
    expect(meta.functions).toEqual(generated.functions);
    const { metadata: en } = localizeMetadata(meta, english);
    expect(en.allowErrorForDataTypeAny).toBe(true);
  });

  test("only properties the metadata reference documents, in both languages (no result.description)", () => {
    const zh = finalizeMetadata(generated);
    const { metadata: en } = localizeMetadata(zh, english);
    expect(undocumentedProperties(zh)).toEqual([]);
    expect(undocumentedProperties(en)).toEqual([]);
    for (const f of en.functions) expect(Object.keys(f.result ?? {})).not.toContain("description");
  });

  test("the check catches an undocumented property anywhere", () => {
    const bad = finalizeMetadata(JSON.parse(JSON.stringify(generated)));
    bad.extra = 1;
    bad.functions[0].result.description = "x";
    bad.functions[1].parameters[0].default = 0;
    bad.functions[2].options = { volatile: true, cache: true };
    expect(undocumentedProperties(bad)).toEqual([
      'functions.json: "extra" is not a documented property',
      `function ${bad.functions[0].id} result: "description" is not a documented property`,
      `function ${bad.functions[1].id} parameter ${bad.functions[1].parameters[0].name}: "default" is not a documented property`,
      `function ${bad.functions[2].id} options: "cache" is not a documented property`,
    ]);
  });
});
