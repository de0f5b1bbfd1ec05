/**
 * The API contract (issue 11): every Office.js member src/ uses — listed by the TypeScript type checker — has an entry
 * in test/contract/office-api-contract.ts whose requirement set agrees with @types/office-js, whose quoted
 * documentation is really in the member's doc comment, and whose pinning test exists; and the requirement sets the
 * add-in checks at start-up (src/excel/requirements.ts) or declares in manifest.xml cover every member it uses.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import { XMLParser } from "fast-xml-parser";
import { REQUIRED_SETS } from "../../src/excel/requirements";
import { OFFICE_API_CONTRACT } from "./office-api-contract";
import { compareVersions, parseApiSet, ROOT, usedOfficeMembers } from "./office-api-members";

const used = usedOfficeMembers();
const contract = OFFICE_API_CONTRACT;
const norm = (s: string) => s.replace(/\s+/g, " ").trim();

/** Families of requirement sets that belong to Excel (others in a doc comment, e.g. Mailbox, are Outlook's). */
const EXCEL_FAMILIES = new Set([
  "ExcelApi",
  "ExcelApiOnline",
  "SharedRuntime",
  "CustomFunctionsRuntime",
  "RibbonApi",
  "DialogApi",
  "AddinCommands",
]);

/**
 * Sets the manifest's elements imply (learn.microsoft.com, reference/requirement-sets): add-in commands in
 * <VersionOverrides> need AddinCommands 1.1; the CustomFunctions extension point needs CustomFunctionsRuntime 1.1.
 */
const IMPLIED_BY_MANIFEST: Record<string, string> = { AddinCommands: "1.1", CustomFunctionsRuntime: "1.1" };

function manifestSets(): Record<string, string> {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (n) => n === "Set" }).parse(
    readFileSync(path.join(ROOT, "manifest.xml"), "utf8"),
  );
  const out: Record<string, string> = { ...IMPLIED_BY_MANIFEST };
  for (const s of doc.OfficeApp.Requirements?.Sets?.Set ?? []) {
    const v = s["@MinVersion"] ?? doc.OfficeApp.Requirements.Sets["@DefaultMinVersion"];
    if (!out[s["@Name"]] || compareVersions(v, out[s["@Name"]]) > 0) out[s["@Name"]] = v;
  }
  return out;
}

test("the type checker finds the Office API members src/ uses (sanity: the ones the writer cannot do without)", () => {
  for (const m of [
    "Excel.Worksheet.delete",
    "Excel.Table.getDataBodyRange",
    "Excel.TableRowCollection.add",
    "Excel.Range.copyFrom",
    "OfficeExtension.ClientRequestContext.sync",
    "Office.Addin.showAsTaskpane",
  ]) {
    expect(used.has(m)).toBe(true);
  }
  expect(used.size).toBeGreaterThan(100);
});

test("every Office API member src/ uses has an entry in the contract, and every entry is used", () => {
  const missing = [...used.keys()]
    .filter((m) => !(m in contract))
    .map((m) => `${m} (${used.get(m)!.files.join(", ")})`);
  expect({ missing }).toEqual({ missing: [] });
  const stale = Object.keys(contract).filter((m) => !used.has(m));
  expect({ stale }).toEqual({ stale: [] });
});

test("each entry's requirement set agrees with the doc comment; its quote is in the doc comment; its pinning test exists", () => {
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(contract)) {
    const member = used.get(name);
    if (!member) continue;
    const doc = norm(member.doc);
    const declared = member.apiSet
      .map(parseApiSet)
      .filter((x): x is { name: string; version: string } => !!x && EXCEL_FAMILIES.has(x.name));
    const mine = entry.set === "Common" ? null : parseApiSet(entry.set);
    if (entry.set !== "Common" && !mine)
      problems.push(`${name}: set "${entry.set}" is not "<Family> <version>" or "Common"`);
    for (const d of declared) {
      // The contract may ask for more than the member's first version (a parameter added later), never less.
      if (mine && mine.name === d.name && compareVersions(mine.version, d.version) < 0)
        problems.push(`${name}: ${entry.set} is below the documented ${d.name} ${d.version}`);
      if (!mine || (mine.name !== d.name && !entry.note))
        problems.push(`${name}: documented ${d.name} ${d.version}, contract says ${entry.set}`);
    }
    if (!declared.length && member.apiSet.length && !entry.note)
      problems.push(`${name}: the doc comment names ${member.apiSet.join("; ")}: explain the contract's set in a note`);
    if (!doc.includes(norm(entry.doc)) && !norm(entry.note ?? "").includes(norm(entry.doc)))
      problems.push(`${name}: quote not in its doc comment: "${entry.doc}"`);
    const prose = norm(doc.replace(/@remarks[\s\S]*$/, "").replace(/\[Api set:[^\]]*\]/g, ""));
    if (prose && !entry.doc) problems.push(`${name}: its doc comment says something; quote what the code relies on`);
    const [file, title] = entry.pinnedBy.split(" › ");
    const full = path.join(ROOT, file);
    if (!title || !existsSync(full) || !readFileSync(full, "utf8").includes(title))
      problems.push(`${name}: pinning test not found: ${entry.pinnedBy}`);
  }
  expect(problems).toEqual([]);
});

test("the requirement sets checked at start-up or declared in the manifest cover every member used", () => {
  const covered: Record<string, string> = manifestSets();
  for (const s of REQUIRED_SETS)
    if (!covered[s.name] || compareVersions(s.version, covered[s.name]) > 0) covered[s.name] = s.version;
  const highest: Record<string, { version: string; member: string }> = {};
  for (const [name, entry] of Object.entries(contract)) {
    const s = entry.set === "Common" ? null : parseApiSet(entry.set);
    if (!s) continue;
    if (!highest[s.name] || compareVersions(s.version, highest[s.name].version) > 0)
      highest[s.name] = { version: s.version, member: name };
  }
  const uncovered = Object.entries(highest)
    .filter(([family, h]) => !covered[family] || compareVersions(h.version, covered[family]) > 0)
    .map(([family, h]) => `${family} ${h.version} (${h.member}) > ${covered[family] ?? "nothing"}`);
  expect(uncovered).toEqual([]);
  // What the writer checks at start-up is exactly the highest ExcelApi it uses: no more (it would lock out hosts
  // for nothing), no less.
  expect(REQUIRED_SETS.find((s) => s.name === "ExcelApi")?.version).toBe(highest.ExcelApi.version);
});
