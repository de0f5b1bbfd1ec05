import { importBytes, importCsvText, detectEncoding } from "../../src/import";
import { encodeGbk, fixture, utf8 } from "./helpers";

const GBK_TEXT =
  '项目编号,项目名称,所属地区,签约金额（万元）,投资方,项目阶段\nG-1,钠电产业园,西宁开发区,25000,深圳融捷,在谈\nG-2,盐湖产业园中园,海西州,"1,000",青海企业,竣工投产\n';

describe("CSV encodings", () => {
  test("GBK-encoded CSV is detected and decoded (no U+FFFD)", async () => {
    const bytes = encodeGbk(GBK_TEXT);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(detectEncoding(bytes)).toBe("gb18030");
    const r = await importBytes(bytes, { fileName: "gbk.csv" });
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.id, x.name, x.region, x.signed_amount, x.investor, x.stage])).toEqual([
      ["G-1", "钠电产业园", "西宁开发区", 2.5, "深圳融捷", "在谈"],
      ["G-2", "盐湖产业园中园", "海西州", 0.1, "青海企业", "投产"],
    ]);
  });

  test("GBK whose first Chinese byte comes after 64 KiB of ASCII restarts as GB18030", async () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `p${i},r${i},${"x".repeat(20)}`).join("\n");
    const bytes = new Uint8Array([
      ...utf8("name,region,notes\n" + filler + "\n"),
      ...encodeGbk("中文项目,西宁市,备注\n"),
    ]);
    const r = await importBytes(bytes, { fileName: "late-gbk.csv", chunkSize: 4096 });
    expect(r.summary).toEqual({ rows: 3001, accepted: 3001, rejected: 0, skipped: 0 });
    expect(r.records[3000].name).toBe("中文项目");
  });

  test("explicit encoding option gbk", async () => {
    const r = await importBytes(encodeGbk(GBK_TEXT), { fileName: "x.csv", encoding: "gbk" });
    expect(r.records[0].name).toBe("钠电产业园");
  });

  test("UTF-8 with BOM and CRLF, quoted multi-line cell; row numbers are records", async () => {
    const r = await importBytes(fixture("ledger-bom.csv"), { fileName: "ledger-bom.csv" });
    expect(r.headers[0]).toBe("项目名称");
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.name, x.signed_amount, x.signed_date])).toEqual([
      ["钒电池项目", 20, "2025-03-05"],
      ["多行\r\n名称项目", 1.5, "2025-03"],
    ]);
  });

  test("UTF-16LE with BOM (Excel 'Unicode text')", async () => {
    const text = "\ufeff项目名称\t所属地区\t签约金额(亿元)\r\n甲\t西宁市\t1\r\n";
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const r = await importBytes(bytes, { fileName: "u16.txt" });
    expect(r.records).toHaveLength(1);
    expect(r.records[0].signed_amount).toBe(1);
  });
});

describe("CSV delimiters", () => {
  test("semicolon, with a quoted semicolon in a cell", async () => {
    const r = await importBytes(fixture("ledger-semicolon.csv"), { fileName: "ledger-semicolon.csv" });
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.id, x.name, x.signed_amount, x.signed_date, x.stage])).toEqual([
      ["A-1", "锂电池材料项目", 12.5, "2025-02-19", "签约"],
      ["A-2", "光伏组件;二期", 3, "2025-03-01", "开工"],
    ]);
  });

  test("tab-delimited with a 万元 header and thousands separators", async () => {
    const r = await importBytes(fixture("ledger-tab.tsv"), { fileName: "ledger-tab.tsv" });
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.id, x.signed_amount, x.signed_date, x.stage])).toEqual([
      ["B-1", 3.5, "2025-02-19", "投产"],
      ["B-2", 0.12, "2025-02", "在谈"],
    ]);
  });

  test("pipe delimiter and a title row above the header", async () => {
    const r = importCsvText("某某区招商台账（2025）\n\n项目名称|所属地区|签约金额\n甲|西宁市|1\n", {
      fileName: "p.csv",
    });
    expect(r.records).toHaveLength(1);
    expect(r.issues).toEqual([]);
  });
});

describe("units, numbers and dates", () => {
  test("万元 and 亿元 headers give the same records", async () => {
    const a = await importBytes(fixture("ledger-wanyuan.csv"), { fileName: "w.csv" });
    const b = await importBytes(fixture("ledger-yiyuan.csv"), { fileName: "y.csv" });
    expect(a.issues).toEqual([]);
    expect(b.issues).toEqual([]);
    expect(a.records).toEqual(b.records);
    expect(a.records[2].signed_amount).toBe(0.12505);
  });

  test("units written in cells; approximate amounts are imported with a warning", async () => {
    const r = await importBytes(fixture("ledger-cell-units.csv"), { fileName: "u.csv" });
    expect(r.records.map((x) => [x.signed_amount, x.planned_investment])).toEqual([
      [0.35, 1.2],
      [2, 8],
      [207, 30],
    ]);
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
    const approx = r.issues.filter((i) => i.message.includes("约数"));
    expect(approx.map((i) => [i.row, i.column])).toEqual([
      [4, "签约金额"],
      [4, "计划总投资"],
    ]);
  });

  test("full-width digits, brackets and spaces (NFKC)", async () => {
    const r = await importBytes(fixture("ledger-fullwidth.csv"), { fileName: "f.csv" });
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.name, x.region, x.signed_amount, x.signed_date, x.investor_type])).toEqual([
      ["全角项目", "西宁市", 1.2345, "2025-02-19", "世界500强"],
      ["Ｆｕｌｌ项目", "海东市", 0.35, "2025-03-01", "央企"],
    ]);
  });

  test("blank cells, bad optional cells (warnings, field null) and missing required cells (errors)", async () => {
    const r = await importBytes(fixture("ledger-blank-cells.csv"), { fileName: "blank.csv" });
    expect(r.summary).toEqual({ rows: 5, accepted: 3, rejected: 2, skipped: 0 });
    const byRow = (row: number) => r.issues.filter((i) => i.row === row).map((i) => [i.column, i.severity]);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual([["项目名称", "error"]]);
    expect(byRow(4)).toEqual([["所属地区", "error"]]);
    expect(byRow(5)).toEqual([
      ["签约金额(亿元)", "warning"],
      ["签约日期", "warning"],
      ["开工日期", "warning"],
      ["项目阶段", "warning"],
      ["企业类型", "warning"],
    ]);
    expect(byRow(6)).toEqual([]);
    const c1 = r.records.find((x) => x.id === "C-1")!;
    expect(c1).toMatchObject({ park: null, signed_amount: null, signed_date: null, stage: null, notes: null });
    const c4 = r.records.find((x) => x.id === "C-4")!;
    expect(c4).toMatchObject({
      signed_amount: null,
      signed_date: null,
      started_date: null,
      stage: null,
      investor_type: null,
      notes: "坏的可选单元格",
    });
    const c5 = r.records.find((x) => x.id === "C-5")!;
    expect(c5).toMatchObject({ park: "—", signed_amount: null, signed_date: null, started_date: null });
    for (const i of r.issues) {
      expect(i.file).toBe("blank.csv");
      expect(i.message).toMatch(/[\u4e00-\u9fff]/);
      expect(i.message_en).toMatch(/[A-Za-z]/);
    }
    // The message says what to do.
    expect(r.issues.find((i) => i.row === 5 && i.column === "签约日期")!.message).toContain("请写成 2025-02-19");
  });

  test("negative amounts are refused with a message", () => {
    const r = importCsvText("项目名称,所属地区,签约金额(亿元),计划总投资(亿元)\n甲,西宁市,-5,(3)\n", {
      fileName: "n.csv",
    });
    expect(r.records[0]).toMatchObject({ signed_amount: null, planned_investment: null });
    expect(r.issues.map((i) => [i.column, i.severity, /负/.test(i.message), /negative/.test(i.message_en)])).toEqual([
      ["签约金额(亿元)", "warning", true, true],
      ["计划总投资(亿元)", "warning", true, true],
    ]);
  });

  test("date forms", () => {
    const rows = [
      "2025-02-19",
      "2025/2/19",
      "2025.02.19",
      "2025年2月19日",
      "2025年2月",
      "20250219",
      "2025-2",
      "2025-02-19 08:30:00",
    ];
    const csv = "项目名称,所属地区,签约日期\n" + rows.map((d, i) => `p${i},r,${d}`).join("\n");
    const r = importCsvText(csv, { fileName: "d.csv" });
    expect(r.records.map((x) => x.signed_date)).toEqual([
      "2025-02-19",
      "2025-02-19",
      "2025-02-19",
      "2025-02-19",
      "2025-02",
      "2025-02-19",
      "2025-02",
      "2025-02-19",
    ]);
    expect(r.issues).toEqual([]);
  });
});

describe("formula-like text is data", () => {
  test("=, +, -, @ and tab/CR/LF before them are kept verbatim", async () => {
    const r = await importBytes(fixture("ledger-injection.csv"), { fileName: "inj.csv" });
    expect(r.issues).toEqual([]);
    expect(r.records.map((x) => [x.name, x.investor, x.notes])).toEqual([
      ["=1+1", "+cmd", "-2+3"],
      ["@SUM(1)", "\t=1", '=HYPERLINK("http://x")'],
      ["\r\n=2+2", "-", "+"],
      ["\r@A1", null, null],
    ]);
  });
});

describe("duplicates", () => {
  test("duplicate ids: error on the later rows naming the first; the first is kept", async () => {
    const r = await importBytes(fixture("ledger-duplicates.csv"), { fileName: "dup.csv" });
    expect(r.records.map((x) => x.id)).toEqual(["D-1", "D-2"]);
    expect(r.summary).toEqual({ rows: 4, accepted: 2, rejected: 2, skipped: 0 });
    expect(r.issues.map((i) => [i.row, i.column, i.severity])).toEqual([
      [4, "项目编号", "error"],
      [5, "项目编号", "error"],
    ]);
    expect(r.issues[0].message).toContain("第 2 行");
    expect(r.issues[1].message_en).toContain("row 2");
  });

  test("derived ids: same name+region+date is a duplicate, a different date is not", async () => {
    const r = await importBytes(fixture("ledger-noid-duplicates.csv"), { fileName: "nd.csv" });
    expect(r.records).toHaveLength(2);
    expect(r.records[0].id).toMatch(/^AUTO-[0-9A-F]{8}$/);
    expect(r.records[0].id).not.toBe(r.records[1].id);
    expect(r.issues.map((i) => [i.row, i.severity])).toEqual([[3, "error"]]);
    expect(r.issues[0].message).toContain("第 2 行");
  });
});

describe("title rows, unit line, totals, notes", () => {
  test("合计/小计 rows are excluded and checked; 单位：万元 applies; notes are skipped with a warning", async () => {
    const r = await importBytes(fixture("ledger-total.csv"), { fileName: "t.csv" });
    expect(r.records.map((x) => [x.name, x.signed_amount, x.planned_investment])).toEqual([
      ["甲项目", 0.1, 0.2],
      ["乙项目", 0.05, null],
      ["丙项目", 0.025, 0.01],
    ]);
    // The 小计, the 合计 and the note are skipped, each with a warning at its row.
    expect(r.summary).toEqual({ rows: 3, accepted: 3, rejected: 0, skipped: 3 });
    // 小计 1500 matches; 合计 签约金额 1800 ≠ 1750 → total_mismatch, 计划总投资 2100 = 2100 said to match.
    const totals = r.issues.filter((i) => i.row === 8);
    expect(totals.map((i) => [i.column, i.severity, i.code])).toEqual([["序号", "warning", "total_mismatch"]]);
    expect(totals[0].message).toContain("1800万元");
    expect(totals[0].message).toContain("1750万元");
    expect(totals[0].message).toContain("「计划总投资」2100万元 与明细行之和一致");
    expect(r.issues.filter((i) => i.row === 6).map((i) => [i.code, i.message])).toEqual([
      ["total_row", expect.stringContaining("第 6 行是小计行")],
    ]);
    expect(r.issues.find((i) => i.row === 9)!.message).toContain("说明");
  });
});

describe("columns", () => {
  test("unknown columns are kept in headers and extras, reported once", async () => {
    const csv = "项目名称,所属地区,联系人手机,签约金额\n甲,西宁市,138,1\n乙,海东市,139,2\n";
    const r = importCsvText(csv, { fileName: "u.csv" });
    expect(r.headers).toEqual(["项目名称", "所属地区", "联系人手机", "签约金额"]);
    expect(r.mapping["联系人手机"]).toBeNull();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ row: 1, column: "联系人手机", severity: "warning" });
    expect(r.extras).toEqual([
      { kind: "ledger", index: 0, row: 2, values: { 联系人手机: "138" } },
      { kind: "ledger", index: 1, row: 3, values: { 联系人手机: "139" } },
    ]);
  });

  test("data under a column with no title is reported, not dropped silently", () => {
    const r = importCsvText("项目名称,所属地区\n甲,西宁市,多出来的\n", { fileName: "x.csv" });
    expect(r.records).toHaveLength(1);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].message).toContain("C 列");
  });

  test("a header aliases table: each alias maps to its field", () => {
    const aliases: Array<[string, string]> = [
      ["项目", "name"],
      ["name", "name"],
      ["地区", "region"],
      ["区域", "region"],
      ["县区", "region"],
      ["region", "region"],
      ["签约额", "signed_amount"],
      ["合同金额", "signed_amount"],
      ["总投资", "planned_investment"],
      ["签约企业", "investor"],
      ["企业名称", "investor"],
      ["来源地", "investor_origin"],
      ["阶段", "stage"],
      ["进展", "stage"],
      ["签约时间", "signed_date"],
      ["开工时间", "started_date"],
      ["Signed amount (100m CNY)", "signed_amount"],
      ["签约金额【万元】", "signed_amount"],
      ["* 项目名称：", "name"],
      ["签约金额/万元", "signed_amount"],
    ];
    for (const [alias, field] of aliases) {
      const other = field === "name" ? "所属地区" : field === "region" ? "项目名称" : "项目名称,所属地区";
      const r = importCsvText(`${other},${alias}\n`, { fileName: "a.csv", kind: "ledger" });
      expect([alias, r.mapping[alias]]).toEqual([alias, field]);
    }
  });

  test("a missing required column is an ImportError that lists headers and missing fields", async () => {
    await expect(
      importBytes(utf8("项目名称,签约金额\n甲,1\n"), { fileName: "m.csv", kind: "ledger" }),
    ).rejects.toMatchObject({
      code: "MISSING_COLUMNS",
      details: { headers: ["项目名称", "签约金额"], missing: ["region"] },
    });
  });

  test("no header at all is an ImportError", async () => {
    await expect(importBytes(utf8("a,b,c\n1,2,3\n"), { fileName: "n.csv" })).rejects.toMatchObject({
      code: "NO_HEADER",
    });
    await expect(importBytes(utf8(""), { fileName: "e.csv" })).rejects.toMatchObject({ code: "EMPTY" });
    await expect(importBytes(utf8("\n\n  \n"), { fileName: "e.csv" })).rejects.toMatchObject({ code: "EMPTY" });
  });
});

describe("more layouts", () => {
  test("a header repeated on every page is skipped with a warning, not imported as a project", () => {
    const r = importCsvText("项目名称,所属地区,签约金额\n甲,西宁市,1\n项目名称,所属地区,签约金额\n乙,海东市,2\n", {
      fileName: "p.csv",
    });
    expect(r.records.map((x) => x.name)).toEqual(["甲", "乙"]);
    expect(r.summary.rows).toBe(2);
    expect(r.issues.map((i) => [i.row, i.severity])).toEqual([[3, "warning"]]);
  });

  test("Excel's sep= line, quoted header cells and a duplicated column title", () => {
    const r = importCsvText('sep=;\n"项目名称";"所属地区";"签约金额";"签约金额"\n甲;西宁市;1;2\n', {
      fileName: "s.csv",
    });
    expect(r.records[0]).toMatchObject({ name: "甲", signed_amount: 1 });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ row: 2, column: "签约金额", severity: "warning" });
    expect(r.extras).toEqual([{ kind: "ledger", index: 0, row: 3, values: { 签约金额: "2" } }]);
  });

  test("a header further down than 50 non-blank rows is not searched for", () => {
    const text = Array.from({ length: 55 }, (_, i) => `说明第${i}行`).join("\n") + "\n项目名称,所属地区\n甲,西宁市\n";
    expect(() => importCsvText(text, { fileName: "late.csv" })).toThrow(expect.objectContaining({ code: "NO_HEADER" }));
  });
});

describe("streaming", () => {
  test("small chunks give the same result as one piece; progress rises to 1", async () => {
    const bytes = fixture("ledger-total.csv");
    const whole = await importBytes(bytes, { fileName: "t.csv" });
    const seen: number[] = [];
    const chunked = await importBytes(bytes, { fileName: "t.csv", chunkSize: 1024, onProgress: (f) => seen.push(f) });
    expect(chunked).toEqual(whole);
    const big = utf8(
      "项目名称,所属地区,签约金额\n" +
        Array.from({ length: 5000 }, (_, i) => `"项目""${i}""\n第二行",西宁市,${i}`).join("\n"),
    );
    const progress: number[] = [];
    const r = await importBytes(big, { fileName: "big.csv", chunkSize: 1024, onProgress: (f) => progress.push(f) });
    expect(r.summary.accepted).toBe(5000);
    expect(r.records[4999].name).toBe('项目"4999"\n第二行');
    expect(progress.length).toBeGreaterThan(10);
    expect(progress[progress.length - 1]).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
  });

  test("AbortSignal cancels with an AbortError", async () => {
    const big = utf8("项目名称,所属地区\n" + "甲,西宁市\n".repeat(50000));
    const ctl = new AbortController();
    const p = importBytes(big, {
      fileName: "big.csv",
      chunkSize: 4096,
      signal: ctl.signal,
      onProgress: (f) => f > 0.2 && ctl.abort(),
    });
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
  });

  test("an unmatched quote is reported", () => {
    const r = importCsvText('项目名称,所属地区\n"甲,西宁市\n乙,海东市\n', { fileName: "q.csv" });
    expect(r.issues.some((i) => /引号/.test(i.message) && /quote/.test(i.message_en))).toBe(true);
    expect(r.summary.accepted + r.summary.rejected).toBe(r.summary.rows);
  });
});
