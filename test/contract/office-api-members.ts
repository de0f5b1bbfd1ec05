/**
 * Every Office.js API member that src/ uses, found by the TypeScript type checker (not by grep): each property access
 * whose symbol is declared in @types/office-js or @types/custom-functions-runtime, named by its fully qualified name
 * ("Excel.Range.copyFrom", "OfficeExtension.ClientRequestContext.sync"), with the requirement set and the doc comment
 * of its declaration(s).
 */
import path from "path";
import ts from "typescript";

export const ROOT = path.join(__dirname, "../..");

export interface UsedMember {
  name: string;
  /** Files of src/ that use it (relative to the repository). */
  files: string[];
  /** "[Api set: …]" text of the declaration's doc comment(s), e.g. "ExcelApi 1.13"; empty when none is given. */
  apiSet: string[];
  /** The doc comment(s), whitespace collapsed. */
  doc: string;
}

const OFFICE_TYPES = /[\\/]@types[\\/](office-js|custom-functions-runtime)[\\/]/;

function program(): ts.Program {
  const configPath = path.join(ROOT, "tsconfig.json");
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT);
  const files = parsed.fileNames.filter((f) => path.relative(ROOT, f).split(path.sep)[0] === "src");
  return ts.createProgram(files, { ...parsed.options, noEmit: true });
}

function docOf(decl: ts.Declaration): string {
  const sf = decl.getSourceFile();
  const ranges = ts.getLeadingCommentRanges(sf.text, decl.getFullStart()) ?? [];
  return ranges
    .map((r) => sf.text.slice(r.pos, r.end))
    .join(" ")
    .replace(/^\s*\/\*\*|\*\/\s*$/g, "")
    .replace(/\n\s*\*/g, "\n")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The member's name from where it is declared: enclosing namespaces, then the class, interface or enum, then the
 * member ("Excel.Range.copyFrom", "Office.actions", "Office.Actions.associate"). A member of an anonymous type is
 * named after the declaration it belongs to ("Office.onReady(info).host").
 */
function memberName(checker: ts.TypeChecker, sym: ts.Symbol, decl: ts.Declaration): string {
  const parts: string[] = [sym.name];
  let n: ts.Node | undefined = decl.parent;
  while (n && !ts.isSourceFile(n)) {
    if (ts.isTypeLiteralNode(n)) {
      let f: ts.Node | undefined = n.parent;
      const param = ts.isParameter(f) ? f.name.getText() : "…";
      while (f && !(ts.isFunctionDeclaration(f) || ts.isMethodSignature(f) || ts.isMethodDeclaration(f))) f = f.parent;
      if (f) parts.unshift(`${(f as ts.FunctionDeclaration).name?.getText() ?? "?"}(${param})`);
      n = f?.parent;
      continue;
    }
    if (
      (ts.isModuleDeclaration(n) ||
        ts.isClassDeclaration(n) ||
        ts.isInterfaceDeclaration(n) ||
        ts.isEnumDeclaration(n)) &&
      n.name
    )
      parts.unshift(n.name.getText());
    n = n.parent;
  }
  void checker;
  return parts.join(".");
}

let cache: Map<string, UsedMember> | null = null;

export function usedOfficeMembers(): Map<string, UsedMember> {
  if (cache) return cache;
  const prog = program();
  const checker = prog.getTypeChecker();
  const out = new Map<string, UsedMember & { fileSet: Set<string> }>();
  for (const sf of prog.getSourceFiles()) {
    const rel = path.relative(ROOT, sf.fileName);
    if (rel.split(path.sep)[0] !== "src") continue;
    const visit = (node: ts.Node) => {
      if (ts.isPropertyAccessExpression(node)) {
        let sym = checker.getSymbolAtLocation(node.name);
        if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
        const decls = sym?.declarations?.filter((d) => OFFICE_TYPES.test(d.getSourceFile().fileName)) ?? [];
        if (sym && decls.length && !(sym.flags & (ts.SymbolFlags.Module | ts.SymbolFlags.Namespace))) {
          const name = memberName(checker, sym, decls[0]);
          let entry = out.get(name);
          if (!entry) {
            const docs = decls.map(docOf);
            // "[Api set: ExcelApi 1.13]" (Excel) or "**Requirement set**: {@link … | SharedRuntime 1.1}" (Common API).
            const apiSet = [
              ...new Set(
                docs.flatMap((d) => [
                  ...[...d.matchAll(/\[Api set: ([^\]]+)\]/g)].map((m) => m[1].trim()),
                  ...[...d.matchAll(/Requirement set\*\*: \{@link [^|}]*\|\s*([^}]+)\}/g)].map((m) => m[1].trim()),
                ]),
              ),
            ];
            entry = { name, files: [], fileSet: new Set(), apiSet, doc: docs.join(" ") };
            out.set(name, entry);
          }
          entry.fileSet.add(rel.split(path.sep).join("/"));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  cache = new Map(
    [...out]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, { name: v.name, files: [...v.fileSet].sort(), apiSet: v.apiSet, doc: v.doc }]),
  );
  return cache;
}

/** The requirement set families and versions an "[Api set: …]" text names ("ExcelApi 1.1 for…; 1.4 allows…" → ExcelApi 1.1). */
export function parseApiSet(text: string): { name: string; version: string } | null {
  const m = /^([A-Za-z]+)\s+(\d+\.\d+)/.exec(text.trim());
  return m ? { name: m[1], version: m[2] } : null;
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
