/**
 * A column mapping chosen in the Data panel is remembered per source on this computer (src/import's
 * LocalStorageMappingStore): the next read of the same file maps the same way without asking.
 */
const memory = new Map<string, string>();
(globalThis as { localStorage?: unknown }).localStorage = {
  getItem: (k: string) => memory.get(k) ?? null,
  setItem: (k: string, v: string) => void memory.set(k, v),
  removeItem: (k: string) => void memory.delete(k),
};

// Loaded after localStorage exists (the store picks its storage up when the module is evaluated).
const { noWorkbookServices } = require("../../src/taskpane/no-workbook");
const { createBackends } = require("../../src/taskpane/backends");

afterAll(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

test("the mapping chosen for a file applies again the next time the same file is read", async () => {
  const services = noWorkbookServices(createBackends());
  const bytes = new TextEncoder().encode("编号,项目,区县\nX-1,示范项目,西宁开发区\n");
  const file = { type: "file", name: "自制台账.csv", bytes };
  await expect(services.read(file, { kind: "ledger" })).rejects.toThrow();
  const mapping = { 编号: "id", 项目: "name", 区县: "region" };
  const [first] = await services.read(file, { kind: "ledger", mapping });
  expect(first.records).toHaveLength(1);
  expect([...memory.keys()].some((k) => k.includes("自制台账.csv"))).toBe(true);
  const [again] = await services.read(file, { kind: "ledger" }); // no mapping given: the remembered one
  expect(again.records).toEqual([expect.objectContaining({ id: "X-1", name: "示范项目", region: "西宁开发区" })]);
  // another file is not affected
  await expect(services.read({ ...file, name: "别的台账.csv" }, { kind: "ledger" })).rejects.toThrow();
});
