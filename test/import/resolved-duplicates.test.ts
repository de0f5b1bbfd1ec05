/**
 * Duplicates that meet only once region names are resolved (an independent attack on issue 13, class D2): a target
 * or adopted figure written once under an alias or short form and once under the canonical name (西宁 and 西宁市,
 * 西宁国家级经济技术开发区 and 西宁开发区) is the same key. The later row is rejected with an error at its row and
 * region column, naming the first row and both spellings; nothing is added up downstream. Also with keep "none"
 * (validate), with extra columns (they follow their rows), and as a property: however a region is written, a file
 * keeps exactly one target per (year, resolved region, metric).
 */
import fc from "fast-check";
import { importCsvText } from "../../src/import/csv";
import { buildBriefing } from "../../src/briefing/build";
import { buildHierarchy } from "../../src/core/region-hierarchy";
import { builtInDivisions, seedHierarchy } from "../briefing/seed-data";

const hierarchy = seedHierarchy();

const TARGETS = [
  "年份,所属地区,指标,目标值,单位,负责人",
  "2025,西宁,签约金额,40,亿元,甲",
  "2025,西宁市,签约金额,50,亿元,乙",
  "2025,海西蒙古族藏族自治州,签约金额,7,亿元,丙",
  "2025,海西州,签约金额,8,亿元,丁",
  "2025,海东市,签约金额,9,亿元,戊",
].join("\n");

const FIGURES = [
  "年份,截至月份,所属地区,指标,口径,数值,单位,公布完成率,公布同比,状态",
  "2025,3,西宁,签约金额,,100,亿元,,,采用",
  "2025,3,西宁市,签约金额,,200,亿元,,,采用",
  "2025,3,西宁开发区,签约金额,,245,亿元,,,采用",
  "2025,3,西宁国家级经济技术开发区,签约金额,,300,亿元,,,采用",
  "2025,3,西宁市,签约金额,,210,亿元,,,备选",
  "2025,3,西宁,签约金额,,120,亿元,,,备选",
  "2025,3,西宁市,签约金额,专项,5,亿元,,,采用",
].join("\n");

describe("targets and figures naming one region two ways", () => {
  test("targets: the later row is rejected at its row, naming the first and both spellings; extras follow their rows", () => {
    const r = importCsvText(TARGETS, { fileName: "t11.csv", kind: "targets", hierarchy });
    expect(r.targets.map((t) => [t.region, t.value])).toEqual(
      [
        ["西宁市", 40],
        ["海西州", 7],
        ["海东市", 9],
      ].map(([n, v]) => [hierarchy.names[hierarchy.lookup(n as string)], v]),
    );
    expect(r.summary).toMatchObject({ rows: 5, accepted: 3, rejected: 2 });
    expect(r.counts?.targets).toBe(3);
    const errors = r.issues.filter((i) => i.severity === "error");
    expect(errors.map((e) => [e.file, e.row, e.column])).toEqual([
      ["t11.csv", 3, "所属地区"],
      ["t11.csv", 5, "所属地区"],
    ]);
    expect(errors[0].message).toContain("第 2 行");
    expect(errors[0].message).toContain("「西宁市」");
    expect(errors[0].message).toContain("「西宁」");
    expect(errors[0].message).toContain("未导入");
    expect(errors[0].message_en).toContain("row 2");
    expect(errors[0].message_en).toContain("rejected");
    // The extra column (负责人) stays with the rows kept.
    expect(
      (r.extras ?? []).filter((e) => e.kind === "targets").map((e) => [e.index, e.row, e.values["负责人"]]),
    ).toEqual([
      [0, 2, "甲"],
      [1, 4, "丙"],
      [2, 6, "戊"],
    ]);
  });

  test("figures: adopted whole-scope duplicates are rejected, 备选 and scoped figures are not", () => {
    const r = importCsvText(FIGURES, { fileName: "f11.csv", kind: "figures", hierarchy });
    expect(r.summary).toMatchObject({ rows: 7, accepted: 5, rejected: 2 });
    expect(r.issues.filter((i) => i.severity === "error").map((e) => e.row)).toEqual([3, 5]);
    expect(r.figures.map((f) => [f.region, f.value, f.status ?? "采用", f.scope ?? ""])).toEqual([
      ["西宁市", 100, "采用", ""],
      ["西宁开发区", 245, "采用", ""],
      ["西宁市", 210, "备选", ""],
      ["西宁市", 120, "备选", ""],
      ["西宁市", 5, "采用", "专项"],
    ]);
  });

  test("keep none (the validate command) counts the same rejections", () => {
    const all = importCsvText(TARGETS, { fileName: "t.csv", kind: "targets", hierarchy });
    const none = importCsvText(TARGETS, { fileName: "t.csv", kind: "targets", hierarchy, keep: "none" });
    expect(none.summary).toEqual(all.summary);
    expect(none.counts?.targets).toBe(3);
    expect(none.issues).toEqual(all.issues);
  });

  test("without a hierarchy nothing changes (names are not resolved, so they are different regions)", () => {
    const r = importCsvText(TARGETS, { fileName: "t.csv", kind: "targets" });
    expect(r.summary.rejected).toBe(0);
  });

  test("the card by level no longer adds them up (the attack's repro: 西宁市 target 90, actual 300)", () => {
    const targets = importCsvText(TARGETS, { fileName: "t.csv", kind: "targets", hierarchy }).targets;
    const figures = importCsvText(FIGURES, { fileName: "f.csv", kind: "figures", hierarchy }).figures;
    const b = buildBriefing(
      { records: [], targets, figures },
      { period: "2025Q1", hierarchy, within: "青海省", level: "市州" },
    );
    const t = b.tables.find((x) => x.metric === "signed_amount")!;
    const xining = t.rows.find((x) => x.region === "西宁市")!;
    expect([xining.target, xining.actual]).toEqual([40, 100]);
    const zone = t.rows.find((x) => x.region === "西宁开发区")!;
    expect(zone.actual).toBe(245);
    expect(b.warnings.map((w) => w.code)).not.toContain("duplicate_target");
    expect(b.warnings.map((w) => w.code)).not.toContain("duplicate_figure");
  });

  test("property: however each region is written (name or alias), one target per (year, region, metric) is kept", () => {
    const rows = [
      { name: "甲市", parent: null, level: "市州" as const, aliases: ["甲", "甲城"], order: null },
      { name: "乙区", parent: "甲市", level: "县区" as const, aliases: ["乙"], order: null },
      { name: "丙园区", parent: "乙区", level: "园区" as const, aliases: ["丙园", "丙工业园"], order: null },
    ];
    const h = buildHierarchy(builtInDivisions(), rows).hierarchy;
    const spellings = rows.map((r) => [r.name, ...r.aliases]);
    const lineArb = fc.record({
      region: fc.nat(2),
      spelling: fc.nat(5),
      year: fc.constantFrom(2024, 2025),
      metric: fc.constantFrom("signed_amount", "signed_projects"),
    });
    const zh: Record<string, string> = { signed_amount: "签约金额", signed_projects: "签约项目数" };
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 12 }), (lines) => {
        const text = [
          "年份,所属地区,指标,目标值",
          ...lines.map((l, i) => {
            const s = spellings[l.region];
            return `${l.year},${s[l.spelling % s.length]},${zh[l.metric]},${i + 1}`;
          }),
        ].join("\n");
        const r = importCsvText(text, { fileName: "t.csv", kind: "targets", hierarchy: h });
        const keys = new Set(lines.map((l) => `${l.year}|${l.region}|${l.metric}`));
        expect(r.targets.length).toBe(keys.size);
        expect(new Set(r.targets.map((t) => `${t.year}|${t.region}|${t.metric}`)).size).toBe(keys.size);
        expect(r.summary.accepted + r.summary.rejected).toBe(r.summary.rows);
        expect(r.summary.rejected).toBe(lines.length - keys.size);
        // The first row of each key is the one kept.
        const firstValue = new Map<string, number>();
        lines.forEach((l, i) => {
          const k = `${l.year}|${rows[l.region].name}|${l.metric}`;
          if (!firstValue.has(k)) firstValue.set(k, i + 1);
        });
        for (const t of r.targets) expect(t.value).toBe(firstValue.get(`${t.year}|${t.region}|${t.metric}`));
      }),
      { numRuns: 100 },
    );
  });
});
