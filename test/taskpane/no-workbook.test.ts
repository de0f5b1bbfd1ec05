/** Outside Excel (the task pane page in a plain browser): sources can be read, nothing is written. */
import { noWorkbookServices } from "../../src/taskpane/no-workbook";
import { createBackends } from "../../src/taskpane/backends";

const services = noWorkbookServices(createBackends());

test("reads the sample data and files; refuses every write with a message", async () => {
  expect(services.host).toBeNull();
  const samples = await services.read({ type: "sample" }, {});
  expect(samples.map((r) => r.kind).sort()).toEqual(["figures", "funds", "ledger", "regions", "targets"]);
  const [csv] = await services.read(
    {
      type: "file",
      name: "t.csv",
      bytes: new TextEncoder().encode("年份,所属地区,指标,目标值\n2025,西宁开发区,签约金额,281\n"),
    },
    { kind: "targets" },
  );
  expect(csv.targets).toEqual([
    expect.objectContaining({ year: 2025, region: "西宁开发区", metric: "signed_amount", value: 281 }),
  ]);
  await expect(services.write(csv, { type: "sample" }, {})).rejects.toThrow(/未连接 Excel/);
  await expect(services.read({ type: "table", name: "Ledger" }, {})).rejects.toThrow(/未连接 Excel/);
  await expect(services.insertFormula("=1")).rejects.toThrow(
    expect.objectContaining({ code: "NO_WORKBOOK", zh: "未连接 Excel 工作簿", en: "No Excel workbook connected" }),
  );
  expect(await services.listTables()).toEqual([]);
  expect(await services.listSources()).toEqual([]);
  expect(await services.saveWorkbookSettings({ tolerance: 5 })).toBe(false);
});
