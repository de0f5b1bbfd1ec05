/**
 * Relative links and #anchors in the project's Markdown, checked the way GitHub renders them: a link must name a file
 * or folder that exists, and an anchor must name a heading of the target (or the same) document. Slugs follow GitHub
 * (github-slugger): lower case, punctuation other than '-' and '_' removed, each space a '-', CJK kept, a repeated
 * slug suffixed -1, -2 …
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The slug GitHub gives a heading's text. */
export function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The heading as GitHub renders it to text: code spans, emphasis markers, link targets and HTML tags dropped. */
function headingText(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/`/g, "")
    .replace(/(\*\*|__|\*)/g, "")
    .trim();
}

/** The Markdown outside fenced code blocks, one entry per line (fenced lines become empty). */
function proseLines(markdown: string): string[] {
  let fence: string | null = null;
  return markdown.split(/\r?\n/).map((line) => {
    const m = /^\s{0,3}(```+|~~~+)/.exec(line);
    if (m) {
      if (fence === null) fence = m[1][0];
      else if (m[1][0] === fence) fence = null;
      return "";
    }
    return fence === null ? line : "";
  });
}

/** Every anchor the document's headings define, with GitHub's -1, -2 suffixes for repeats. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const m = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = githubSlug(headingText(m[1]));
    const n = seen.get(base);
    seen.set(base, (n ?? -1) + 1);
    anchors.add(n === undefined ? base : `${base}-${n + 1}`);
  }
  return anchors;
}

export interface Link {
  line: number;
  target: string;
}

/** Inline links and images `[text](target)` and reference definitions `[x]: target`, outside code. */
export function markdownLinks(markdown: string): Link[] {
  const links: Link[] = [];
  proseLines(markdown).forEach((raw, i) => {
    const line = raw.replace(/`[^`]*`/g, "");
    for (const m of line.matchAll(/\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line: i + 1, target: m[1].replace(/^<|>$/g, "") });
    }
    const def = /^\s{0,3}\[[^\]]+\]:\s*(\S+)/.exec(line);
    if (def) links.push({ line: i + 1, target: def[1] });
  });
  return links;
}

/** Problems with the relative links of one Markdown file, as "file:line target: what is wrong". */
export function brokenLinks(file: string, root: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const where = (l: Link) => `${path.relative(root, file)}:${l.line} ${l.target}`;
  const problems: string[] = [];
  for (const link of markdownLinks(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link.target)) continue; // https:, mailto: … are not checked offline
    const hash = link.target.indexOf("#");
    const filePart = decodeURIComponent(hash < 0 ? link.target : link.target.slice(0, hash));
    const anchor = hash < 0 ? null : decodeURIComponent(link.target.slice(hash + 1));
    const target = filePart === "" ? file : path.resolve(path.dirname(file), filePart);
    if (!fs.existsSync(target)) {
      problems.push(`${where(link)}: no such file`);
      continue;
    }
    if (anchor !== null && /\.md$/i.test(target)) {
      if (!headingAnchors(fs.readFileSync(target, "utf8")).has(anchor)) {
        problems.push(`${where(link)}: no heading with anchor #${anchor} in ${path.relative(root, target)}`);
      }
    }
  }
  return problems;
}
