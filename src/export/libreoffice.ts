/**
 * Recalculate a workbook with LibreOffice Calc headless and read back every sheet as CSV (Node only: tests,
 * benchmarks and the command line; never bundled into the add-in).
 *
 * exceljs labels its files as written by Microsoft Excel, so LibreOffice would trust the cached formula results
 * and recalculate nothing. A private LibreOffice profile sets "recalculate OOXML files on load: always"
 * (Formula/Load/OOXMLRecalcMode = 0), so every number read back was computed by LibreOffice itself.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The soffice executable, or null when LibreOffice is not installed. */
export function findSoffice(): string | null {
  const candidates = [
    process.env.SOFFICE,
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  ];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const p = path.join(dir, "soffice");
    if (dir && fs.existsSync(p)) return p;
  }
  return null;
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A LibreOffice user profile that recalculates on load (created once per process). */
let profileDir: string | null = null;
function recalcProfile(): string {
  if (profileDir && fs.existsSync(profileDir)) return profileDir;
  profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "lo-recalc-profile-"));
  const dir = profileDir;
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(profileDir, "user"), { recursive: true });
  fs.writeFileSync(path.join(profileDir, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  return profileDir;
}

/** CSV filter: comma, double quotes, UTF-8, raw (not formatted-as-shown) values, every sheet to its own file. */
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

export interface RecalcResult {
  /** Sheet name → rows of cells as text. */
  sheets: Map<string, string[][]>;
  ms: number;
}

/** Convert `xlsxPath` with LibreOffice (recalculating every formula) and parse each sheet's CSV. */
export async function recalculateWithLibreOffice(xlsxPath: string, timeoutMs = 120_000): Promise<RecalcResult> {
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "lo-recalc-out-"));
  const profile = recalcProfile();
  const t0 = Date.now();
  await new Promise<void>((resolve, reject) => {
    execFile(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        CSV_FILTER,
        "--outdir",
        outDir,
        xlsxPath,
      ],
      { timeout: timeoutMs },
      (err, _stdout, stderr) => (err ? reject(new Error(`soffice failed: ${err.message}\n${stderr}`)) : resolve()),
    );
  });
  const ms = Date.now() - t0;
  const base = path.basename(xlsxPath).replace(/\.xlsx$/i, "");
  const sheets = new Map<string, string[][]>();
  for (const file of fs.readdirSync(outDir)) {
    if (!file.startsWith(`${base}-`) || !file.endsWith(".csv")) continue;
    const sheet = file.slice(base.length + 1, -4);
    sheets.set(sheet, parseCsv(fs.readFileSync(path.join(outDir, file), "utf8")));
  }
  fs.rmSync(outDir, { recursive: true, force: true });
  if (sheets.size === 0) throw new Error(`LibreOffice wrote no CSV for ${xlsxPath}`);
  return { sheets, ms };
}

/** Minimal RFC 4180 CSV parser (quotes, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV cell as LibreOffice writes it, back to a number: "87.19%" → 0.8719, "" → null, text → the text. */
export function csvNumber(cell: string | undefined): number | string | null {
  if (cell === undefined || cell === "") return null;
  const pct = /^(-?[\d.]+(?:E[-+]?\d+)?)%$/i.exec(cell);
  if (pct) return Number(pct[1]) / 100;
  const n = Number(cell);
  return Number.isFinite(n) && /^-?[\d.]+(?:E[-+]?\d+)?$/i.test(cell) ? n : cell;
}
