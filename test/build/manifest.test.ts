/**
 * The manifest's structure, checked locally because `office-addin-manifest validate` needs an online service.
 * Parsed with fast-xml-parser; every check is one a real host enforces (ids, resids, https, Runtimes placement,
 * the CustomFunctions extension point, requirement sets, locales).
 */
import { readFileSync } from "fs";
import path from "path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

const { rewriteManifestUrls } = require("../../scripts/manifest-urls.cjs");

const xml = readFileSync(path.join(__dirname, "../../manifest.xml"), "utf8");
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  isArray: (name) =>
    ["Url", "Image", "String", "Override", "Set", "Runtime", "ExtensionPoint", "Control", "Group", "Host"].includes(
      name,
    ),
});
const doc = parser.parse(xml).OfficeApp;
const vo = doc.VersionOverrides;
const host = vo.Hosts.Host[0];
const resources = vo.Resources;

/** Every resource id defined, by kind. */
const defined = {
  Urls: new Set<string>(resources.Urls.Url.map((u: any) => u["@id"])),
  Images: new Set<string>(resources.Images.Image.map((u: any) => u["@id"])),
  Short: new Set<string>(resources.ShortStrings.String.map((u: any) => u["@id"])),
  Long: new Set<string>(resources.LongStrings.String.map((u: any) => u["@id"])),
};

/** Collect every resid="…" attribute under a node. */
function resids(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => resids(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "@resid") out.push(String(v));
      else resids(v, out);
    }
  }
  return out;
}

describe("manifest.xml", () => {
  test("is well-formed XML", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  test("has a GUID id, a 4-part version, zh-CN default locale and en-US overrides", () => {
    expect(doc.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(doc.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(doc.DefaultLocale).toBe("zh-CN");
    for (const el of [doc.DisplayName, doc.Description]) {
      expect(el["@DefaultValue"]).toMatch(/[\u4e00-\u9fff]/);
      expect(el.Override.find((o: any) => o["@Locale"] === "en-US")?.["@Value"]).toMatch(/[A-Za-z]/);
    }
    expect(doc.DisplayName["@DefaultValue"].length).toBeLessThanOrEqual(125);
  });

  test("asks for least permissions and targets Excel with the shared runtime", () => {
    expect(doc.Permissions).toBe("ReadWriteDocument");
    expect(doc.Hosts.Host[0]["@Name"]).toBe("Workbook");
    const sets = doc.Requirements.Sets.Set;
    expect(sets).toEqual(
      expect.arrayContaining([expect.objectContaining({ "@Name": "SharedRuntime", "@MinVersion": "1.1" })]),
    );
  });

  test("has one long-lived Runtime, inside the Host, whose resid is used by the task pane, functions page and function file", () => {
    expect(host["@type"]).toBe("Workbook");
    const runtimes = host.Runtimes.Runtime;
    expect(runtimes).toHaveLength(1);
    const rid = runtimes[0]["@resid"];
    expect(runtimes[0]["@lifetime"]).toBe("long");
    expect(defined.Urls.has(rid)).toBe(true);
    const cf = host.AllFormFactors.ExtensionPoint.find((e: any) => e["@type"] === "CustomFunctions");
    expect(cf.Page.SourceLocation["@resid"]).toBe(rid);
    expect(host.DesktopFormFactor.FunctionFile["@resid"]).toBe(rid);
    const button = host.DesktopFormFactor.ExtensionPoint[0].OfficeTab.Group[0].Control[0];
    expect(button.Action["@type"]).toBe("ShowTaskpane");
    expect(button.Action.SourceLocation["@resid"]).toBe(rid);
    // Runtimes sit directly under <Host>, before the form factors (schema order).
    const hostXml = xml.slice(xml.indexOf('<Host xsi:type="Workbook">'));
    expect(hostXml.indexOf("<Runtimes>")).toBeLessThan(hostXml.indexOf("<AllFormFactors>"));
  });

  test("declares the CustomFunctions extension point with script, metadata and the INVEST namespace", () => {
    const cf = host.AllFormFactors.ExtensionPoint.find((e: any) => e["@type"] === "CustomFunctions");
    expect(cf).toBeDefined();
    for (const id of [cf.Script.SourceLocation["@resid"], cf.Metadata.SourceLocation["@resid"]])
      expect(defined.Urls.has(id)).toBe(true);
    const ns = resources.ShortStrings.String.find((s: any) => s["@id"] === cf.Namespace["@resid"]);
    expect(ns["@DefaultValue"]).toBe("INVEST");
    const meta = resources.Urls.Url.find((u: any) => u["@id"] === cf.Metadata.SourceLocation["@resid"]);
    expect(meta["@DefaultValue"]).toMatch(/functions\.json$/);
    expect(meta.Override.find((o: any) => o["@Locale"] === "en-US")["@Value"]).toMatch(/functions\.en-US\.json$/);
  });

  test("defines every resid it uses, and uses every resource it defines", () => {
    const used = new Set(resids(vo.Hosts));
    const all = new Set([...defined.Urls, ...defined.Images, ...defined.Short, ...defined.Long]);
    for (const id of used) expect(all).toContain(id);
    for (const id of all) expect(used).toContain(id);
    // resids are limited to 32 characters
    for (const id of all) expect(id.length).toBeLessThanOrEqual(32);
  });

  test("every URL is https, and icons exist in assets/ at 16, 32, 64 and 80 px", () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
    for (const size of [16, 32, 64, 80]) {
      const png = readFileSync(path.join(__dirname, `../../assets/icon-${size}.png`));
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
      expect(png.readUInt32BE(20)).toBe(size);
    }
  });

  test("no action names a TaskpaneId on a host with a long-lived (shared) runtime", () => {
    // docs/develop/configure-your-add-in-to-use-a-shared-runtime.md, "Good practice: avoid multiple task panes": "In
    // the ancestor <Host> element that has a descendant <Runtime> element that is set to a long lifetime, none of the
    // descendant <Action> elements should have a <TaskpaneID> child element."
    for (const h of vo.Hosts.Host) {
      if (!h.Runtimes?.Runtime?.some((r: any) => r["@lifetime"] === "long")) continue;
      const actions: any[] = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === "object") {
          for (const [k, v] of Object.entries(node)) {
            if (k === "Action") actions.push(...(Array.isArray(v) ? v : [v]));
            walk(v);
          }
        }
      };
      walk(h);
      expect(actions.length).toBeGreaterThan(0);
      for (const a of actions) expect(Object.keys(a).map((k) => k.toLowerCase())).not.toContain("taskpaneid");
    }
    expect(xml).not.toMatch(/<TaskpaneId>/i);
  });

  test("English texts for every English locale Office ships (en-US, en-GB), one Override each, all the same", () => {
    // docs/develop/localization.md: "If you need to localize for more than one area within a language family, such as
    // de-de and de-at, we recommend that you use separate Override elements for each area"; Office's English display
    // languages are en-US and en-GB (Microsoft 365 language list).
    const ENGLISH = ["en-US", "en-GB"];
    const withOverrides: any[] = [
      doc.DisplayName,
      doc.Description,
      ...resources.Urls.Url,
      ...resources.ShortStrings.String,
      ...resources.LongStrings.String,
    ].filter((e) => e.Override);
    expect(withOverrides.length).toBeGreaterThanOrEqual(9);
    for (const el of withOverrides) {
      const locales = el.Override.map((o: any) => o["@Locale"]);
      expect(new Set(locales).size).toBe(locales.length); // a single override per locale
      const english = el.Override.filter((o: any) => /^en-/i.test(o["@Locale"]));
      expect(english.map((o: any) => o["@Locale"]).sort()).toEqual([...ENGLISH].sort());
      expect(new Set(english.map((o: any) => o["@Value"])).size).toBe(1);
      if (!String(el["@DefaultValue"]).startsWith("https:"))
        expect(english[0]["@Value"]).not.toMatch(/[\u4e00-\u9fff]/);
    }
    const meta = resources.Urls.Url.find((u: any) => u["@id"] === "Functions.Metadata.Url");
    for (const loc of ENGLISH)
      expect(meta.Override.find((o: any) => o["@Locale"] === loc)["@Value"]).toMatch(/\/functions\.en-US\.json$/);
  });

  test("the production rewrite replaces every dev URL, not only the first", () => {
    const out: string = rewriteManifestUrls(xml, "https://zs.example.gov.cn/addin/");
    expect(out).not.toMatch(/localhost/);
    expect(out).toContain("<AppDomain>https://zs.example.gov.cn</AppDomain>");
    expect(out).toContain('DefaultValue="https://zs.example.gov.cn/addin/taskpane.html"');
    expect(out.match(/zs\.example\.gov\.cn/g)!.length).toBe(xml.match(/localhost:3000/g)!.length);
  });
});
