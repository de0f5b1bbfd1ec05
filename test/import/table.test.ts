import {
  importBytes,
  importTable,
  InMemoryMappingStore,
  type ImportOptions,
  LocalStorageMappingStore,
  mappingSourceKey,
  withRememberedMapping,
  type StorageLike,
} from "../../src/import";
import { fixture } from "./helpers";

describe("importTable (Range.values)", () => {
  test("numbers, booleans, '' for blank, serial dates; startRow gives sheet rows", () => {
    const values = [
      ["招商项目表", "", "", "", "", ""],
      ["项目名称", "所属地区", "签约金额(亿元)", "签约日期", "开工日期", "备注"],
      ["甲", "西宁市", 12.5, 45707, "", true],
      ["乙", "", 3, 45717.75, "2025-03-02", ""],
      ["", "", "", "", "", ""],
      ["丙", "海东市", "", "", 20250301, "=A1"],
      ["合计", "", 15.5, "", "", ""],
    ];
    const r = importTable(values, { fileName: "台账!Ledger", startRow: 5 });
    expect(r.records.map((x) => [x.name, x.region, x.signed_amount, x.signed_date, x.started_date, x.notes])).toEqual([
      ["甲", "西宁市", 12.5, "2025-02-19", null, "TRUE"],
      ["丙", "海东市", null, null, "2025-03-01", "=A1"],
    ]);
    expect(r.summary).toEqual({ rows: 3, accepted: 2, rejected: 1, skipped: 1 });
    // 合计 15.5 = 12.5 + 3: the rejected row's amount still counts toward the file's own arithmetic, so it matches.
    expect(r.issues.map((i) => [i.file, i.row, i.column, i.severity, i.code ?? null])).toEqual([
      ["台账!Ledger", 8, "所属地区", "error", null],
      ["台账!Ledger", 11, "项目名称", "warning", "total_row"],
    ]);
  });

  test("never throws on odd cells", () => {
    const values: unknown[][] = [
      ["项目名称", "所属地区"],
      [{ a: 1 }, [1, 2]],
      [Symbol.iterator as unknown, null],
      [NaN, Infinity],
    ];
    const r = importTable(values, { fileName: "x" });
    expect(r.summary.accepted + r.summary.rejected).toBe(r.summary.rows);
  });
});

describe("column mapping override", () => {
  test("without a mapping the custom headers are not a ledger; with one they are", async () => {
    const bytes = fixture("ledger-custom-headers.csv");
    // The error offers the likeliest header row for a mapping.
    await expect(importBytes(bytes, { fileName: "c.csv" })).rejects.toMatchObject({
      code: "NO_HEADER",
      details: { headers: ["工程", "片区", "合同额（万元）", "谈判进度", "自定义备注"], headerRow: 1 },
    });
    const mapping = {
      工程: "name",
      片区: "region",
      "合同额（万元）": "signed_amount",
      谈判进度: "项目阶段",
      自定义备注: null,
    };
    const r = await importBytes(bytes, { fileName: "c.csv", mapping });
    expect(r.kind).toBe("ledger");
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.name, x.region, x.signed_amount, x.stage])).toEqual([
      ["甲工程", "城东区", 0.5, "签约"],
      ["乙工程", "城西区", 0.01, "在谈"],
    ]);
    expect(r.mapping).toEqual({
      工程: "name",
      片区: "region",
      "合同额（万元）": "signed_amount",
      谈判进度: "stage",
      自定义备注: null,
    });
    expect(r.extras).toEqual([{ kind: "ledger", index: 0, row: 2, values: { 自定义备注: "保留" } }]);
  });

  test("a mapping can override an alias and name a bad field (warning)", async () => {
    const csv = new TextEncoder().encode("项目名称,所属地区,签约金额,备注\n甲,西宁市,1,x\n");
    const r = await importBytes(csv, {
      fileName: "o.csv",
      mapping: { 签约金额: "planned_investment", 备注: "nonsense" },
    });
    expect(r.records[0]).toMatchObject({ signed_amount: null, planned_investment: 1, notes: null });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ column: "备注", severity: "warning" });
  });

  test("remembered per source through a MappingStore", async () => {
    const store = new InMemoryMappingStore();
    const bytes = fixture("ledger-custom-headers.csv");
    const mapping = { 工程: "name", 片区: "region" };
    const first = await withRememberedMapping(store, { fileName: "C:\\data\\Custom.csv", mapping });
    await importBytes(bytes, first);
    const again = await withRememberedMapping<ImportOptions>(store, { fileName: "/other/dir/custom.csv" });
    expect(again.mapping).toEqual(mapping);
    const r = await importBytes(bytes, again);
    expect(r.records).toHaveLength(2);
    const other = await withRememberedMapping<ImportOptions>(store, { fileName: "another.csv" });
    expect(other.mapping).toBeUndefined();
  });

  test("source keys: URLs without query, files by base name, sheets apart", () => {
    expect(mappingSourceKey("https://Data.Example.com/a/b.csv?token=1#x")).toBe("url:https://data.example.com/a/b.csv");
    expect(mappingSourceKey("C:\\x\\台账.CSV")).toBe("file:台账.csv");
    expect(mappingSourceKey("book.xlsx", "台账")).toBe("file:book.xlsx!台账");
  });

  test("LocalStorageMappingStore: round trip, corrupt entries, full storage", async () => {
    const data = new Map<string, string>();
    const storage: StorageLike = {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    };
    const store = new LocalStorageMappingStore(storage);
    await store.set("file:a.csv", { 工程: "name", x: null });
    expect(await store.get("file:a.csv")).toEqual({ 工程: "name", x: null });
    data.set("invest-report:mapping:file:b.csv", "{not json");
    expect(await store.get("file:b.csv")).toBeNull();
    data.set("invest-report:mapping:file:c.csv", JSON.stringify({ a: 1, b: "name" }));
    expect(await store.get("file:c.csv")).toEqual({ b: "name" });
    await store.delete("file:a.csv");
    expect(await store.get("file:a.csv")).toBeNull();
    const full = new LocalStorageMappingStore({
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    });
    await expect(full.set("k", {})).resolves.toBeUndefined();
    const none = new LocalStorageMappingStore(undefined);
    expect(await none.get("k")).toBeNull();
  });
});

describe("canonical sheets read back (what the sheet writer writes)", () => {
  const { SHEETS } = require("../../src/core/columns") as typeof import("../../src/core/columns");
  const { loadSeeds } = require("../../src/import") as typeof import("../../src/import");
  const { toExcelSerial, parseIsoDate } = require("../../src/core/dates") as typeof import("../../src/core/dates");

  test.each(["ledger", "targets", "figures"] as const)(
    "%s: canonical titles, values as Range.values gives them, dates as serials",
    (kind) => {
      const seeds = loadSeeds()[kind];
      const rows = (kind === "ledger"
        ? seeds.records
        : kind === "targets"
          ? seeds.targets
          : seeds.figures) as unknown as Array<Record<string, unknown>>;
      const spec = SHEETS[kind];
      const values: unknown[][] = [spec.columns.map((c) => c.title)];
      for (const r of rows) {
        values.push(
          spec.columns.map((c) => {
            const v = r[c.field];
            if (v === null || v === undefined) return "";
            if (c.type === "date" && typeof v === "string" && parseIsoDate(v)) return toExcelSerial(parseIsoDate(v)!);
            return v;
          }),
        );
      }
      const back = importTable(values, { fileName: `${spec.sheet}!${spec.table}`, kind });
      expect(back.issues).toEqual([]);
      const got = kind === "ledger" ? back.records : kind === "targets" ? back.targets : back.figures;
      expect(got).toEqual(rows);
    },
  );

  test("funds: canonical titles with TRUE/FALSE", () => {
    const spec = SHEETS.funds;
    const values = [
      spec.columns.map((c) => c.title),
      ["QH-1", "西宁市", 45717, 1.5, true, "月报"],
      ["QH-2", "", "2025-03", 0.2, false, ""],
    ];
    const r = importTable(values, { fileName: "到位资金!Funds" });
    expect(r.kind).toBe("funds");
    expect(r.issues).toEqual([]);
    expect(r.funds).toEqual([
      { project: "QH-1", region: "西宁市", date: "2025-03-01", amount: 1.5, out_of_province: true, source: "月报" },
      { project: "QH-2", region: null, date: "2025-03", amount: 0.2, out_of_province: false, source: null },
    ]);
  });
});
