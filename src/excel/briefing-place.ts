/**
 * Where the briefing sheet goes. A sheet is rewritten only when the add-in wrote it and it holds nothing else: the
 * writer remembers, by Worksheet.id, the range and charts it wrote on each briefing sheet (the `invest.briefings`
 * setting), and rewrites such a sheet in place: the area cleared (Range.clear "All": "Clears everything in the
 * range"), its charts deleted, the sheet itself kept, so formulas elsewhere that point at it keep working (a deleted
 * sheet's references become #REF!). What the user added on the sheet outside that area (a note beside the tables, a
 * chart of theirs) stays where it is. A sheet whose cells the new briefing needs beyond the old area hold something of
 * the user's, that is protected, or that the add-in did not write (nothing remembered) is left alone: the briefing goes
 * to "成绩单 2025Q1 2" (or the next free or own name), and the writer says so.
 */
import { AppError } from "../core/errors";
export interface BriefingArea {
  /** The cells written ("A1:L48"). */
  address: string;
  /** The charts' linked data, right of the tables, when charts were written. */
  chartData?: string;
  /** Names of the charts written. */
  charts: string[];
}

interface BriefingMemory {
  v: 1;
  sheets: Record<string, BriefingArea & { name: string }>;
}

export const BRIEFINGS_SETTING = "invest.briefings";

export interface BriefingPlace {
  sheet: Excel.Worksheet;
  sheetName: string;
  /** The sheet's id (known once the sheet exists). */
  id: string;
  key: string;
  memory: BriefingMemory;
  warnings: { message: string; message_en: string }[];
}

function parseMemory(v: unknown): BriefingMemory {
  const m = v as Partial<BriefingMemory> | null;
  if (!m || m.v !== 1 || !m.sheets || typeof m.sheets !== "object") return { v: 1, sheets: {} };
  const out: BriefingMemory = { v: 1, sheets: {} };
  for (const [id, a] of Object.entries(m.sheets)) {
    if (a && typeof a.address === "string" && typeof a.name === "string" && Array.isArray(a.charts)) out.sheets[id] = a;
  }
  return out;
}

/** Cells of an "A1:L48" address (sheet part dropped): rows and columns, 0-based. */
function rect(address: string): { r0: number; c0: number; r1: number; c1: number } {
  const local = address
    .slice(address.lastIndexOf("!") + 1)
    .replace(/\$/g, "")
    .toUpperCase();
  const [p, q] = local.split(":");
  const cell = (x: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(x)!;
    let c = 0;
    for (const ch of m[1]) c = c * 26 + (ch.charCodeAt(0) - 64);
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  const a = cell(p);
  const b = cell(q ?? p);
  return { r0: a.r, c0: a.c, r1: b.r, c1: b.c };
}

/** The boxes of an area: the table block and, beside it, the chart data. */
function boxes(area: BriefingArea) {
  return [rect(area.address), ...(area.chartData ? [rect(area.chartData)] : [])];
}

/** A1 address of a box. */
function a1Of(b: { r0: number; c0: number; r1: number; c1: number }): string {
  const col = (c: number) => {
    let s = "";
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  return `${col(b.c0)}${b.r0 + 1}:${col(b.c1)}${b.r1 + 1}`;
}

/**
 * The sheet to write the briefing to: `wanted` when it is free or ours alone (then cleared), else the first of
 * "wanted 2", "wanted 3" … that is. Queues what it changes; syncs to look.
 */
export async function claimBriefingSheet(
  ctx: Excel.RequestContext,
  wanted: string,
  key = BRIEFINGS_SETTING,
  next?: BriefingArea,
): Promise<BriefingPlace> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name, items/id");
  const item = ctx.workbook.settings.getItemOrNullObject(key);
  item.load("value");
  await ctx.sync();
  // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
  const memory = parseMemory(item.isNullObject ? null : item.value);
  const ids = new Set(sheets.items.map((s) => String(s.id)));
  for (const id of Object.keys(memory.sheets)) if (!ids.has(id)) delete memory.sheets[id];
  const byName = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s]));
  const warnings: BriefingPlace["warnings"] = [];
  for (let k = 1; k < 100; k++) {
    const name = k === 1 ? wanted : `${wanted.slice(0, 31 - String(k).length - 1)} ${k}`;
    const existing = byName.get(name.toLowerCase());
    if (existing) {
      const mine = memory.sheets[String(existing.id)];
      if (!mine) continue;
      const ws = sheets.getItem(name);
      ws.load("protection/protected");
      ws.charts.load("items/name");
      // The cells the new briefing takes (formulas: a constant reads as itself, so any content shows).
      const old = boxes(mine);
      const needed = (next ? boxes(next) : old).map((b) => ({ b, r: ws.getRange(a1Of(b)) }));
      for (const n of needed) n.r.load("formulas");
      await ctx.sync();
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
      if (ws.protection.protected) continue;
      // A cell the new briefing needs outside what we wrote last time, holding anything: the user's; never written over.
      const taken = needed.some(({ b, r }) =>
        (r.formulas as unknown[][]).some((row, i) =>
          row.some((v, j) => {
            const rr = b.r0 + i;
            const cc = b.c0 + j;
            if (old.some((o) => rr >= o.r0 && rr <= o.r1 && cc >= o.c0 && cc <= o.c1)) return false;
            return v !== "" && v !== null && v !== undefined;
          }),
        ),
      );
      if (taken) continue;
      // Ours: clear what we wrote and write again on the same sheet; the user's own content and charts stay.
      ws.getRange(mine.address).clear("All");
      if (mine.chartData) ws.getRange(mine.chartData).clear("All");
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- the rule knows only a context named `context`; ctx.sync() above has run
      for (const c of ws.charts.items) if (mine.charts.includes(c.name)) c.delete();
      if (k > 1) warn(warnings, wanted, name);
      return { sheet: ws, sheetName: existing.name, id: String(existing.id), key, memory, warnings };
    }
    const ws = sheets.add(name);
    ws.load("id");
    await ctx.sync();
    if (k > 1) warn(warnings, wanted, name);
    return { sheet: ws, sheetName: name, id: String(ws.id), key, memory, warnings };
  }
  throw new AppError("NO_FREE_SHEET_NAME", `找不到可用的工作表名称（${wanted} …）`, `No free sheet name (${wanted} …)`);
}

function warn(warnings: BriefingPlace["warnings"], wanted: string, name: string): void {
  warnings.push({
    message: `工作表“${wanted}”中成绩单需要的单元格里有不是加载项写入的内容（或它受保护，或不是加载项建立的），为免覆盖，成绩单写入了工作表“${name}”。`,
    message_en: `The sheet "${wanted}" holds content the add-in did not write where the report card goes (or is protected, or was not created by the add-in); to leave it untouched the report card was written to the sheet "${name}".`,
  });
}

/** Queue the memory of what was written on the sheet (synced with the writer's last sync). */
export function rememberBriefingSheet(ctx: Excel.RequestContext, place: BriefingPlace, area: BriefingArea): void {
  place.memory.sheets[place.id] = { name: place.sheetName, ...area };
  ctx.workbook.settings.add(place.key, place.memory);
}
