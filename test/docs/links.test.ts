/**
 * README.md is the front door and docs/ holds the reference (issue 15): every relative link and #anchor in them,
 * BENCHMARKS.md and seeds/README.md resolves, and README.md stays under 10 KB.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { brokenLinks, githubSlug, headingAnchors, markdownLinks } from "./markdown-links";

const root = path.resolve(__dirname, "../..");
const docsDir = path.join(root, "docs");
const documents = [
  "README.md",
  "BENCHMARKS.md",
  "seeds/README.md",
  ...fs
    .readdirSync(docsDir)
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

describe("the project's Markdown links", () => {
  test.each(documents)("%s: every relative link and anchor resolves", (doc) => {
    expect(brokenLinks(path.join(root, doc), root)).toEqual([]);
  });

  test("README.md is under 10 KB (10,240 bytes)", () => {
    expect(fs.statSync(path.join(root, "README.md")).size).toBeLessThan(10240);
  });

  test("README.md links to every page in docs/", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const linked = new Set(markdownLinks(readme).map((l) => l.target.split("#")[0]));
    const pages = fs
      .readdirSync(docsDir)
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`);
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
  });
});

describe("GitHub's heading anchors", () => {
  test.each([
    ["Two commands · 两条命令", "two-commands--两条命令"],
    ["PERIOD_SUM / PERIOD_COUNT in detail", "period_sum--period_count-in-detail"],
    ["Load it into Excel · 在 Excel 中加载", "load-it-into-excel--在-excel-中加载"],
    ["Office.js: CDN (default), self-hosted!", "officejs-cdn-default-self-hosted"],
    ["地区与层级（省、市、县）", "地区与层级省市县"],
  ])("%s → #%s", (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });

  test("repeated headings get -1, -2; code spans and emphasis count by their text; fenced code is not a heading", () => {
    const md = "# Command line\n## Command line\n```\n# Command line\n```\n### Command line\n## `brief` **options**\n";
    expect([...headingAnchors(md)]).toEqual(["command-line", "command-line-1", "command-line-2", "brief-options"]);
  });
});

describe("the checker finds what is broken", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "links-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a missing file, a missing anchor and a repeat counted wrongly are reported with file and line; good links are not", () => {
    fs.writeFileSync(path.join(dir, "other.md"), "# Rules · 规则\n## Rules · 规则\n");
    fs.writeFileSync(
      path.join(dir, "a.md"),
      [
        "# Top",
        "[ok](other.md#rules--规则) [ok repeat](other.md#rules--规则-1) [self](#top) [web](https://example.com/x.md)",
        "[gone](missing.md) ![gone](img/none.png)",
        "[bad anchor](other.md#rules) [bad repeat](other.md#rules--规则-2) [bad self](#bottom)",
        "`[in code](nowhere.md)`",
        "```",
        "[in a fence](nowhere.md)",
        "```",
      ].join("\n"),
    );
    expect(brokenLinks(path.join(dir, "a.md"), dir)).toEqual([
      "a.md:3 missing.md: no such file",
      "a.md:3 img/none.png: no such file",
      "a.md:4 other.md#rules: no heading with anchor #rules in other.md",
      "a.md:4 other.md#rules--规则-2: no heading with anchor #rules--规则-2 in other.md",
      "a.md:4 #bottom: no heading with anchor #bottom in a.md",
    ]);
  });
});
