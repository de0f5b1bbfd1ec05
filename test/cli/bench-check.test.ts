/**
 * The CLI bench's correctness check (bench/cli-check.ts) on the bench's own generated ledger: `brief --format json`
 * run as the bench runs it (BRIEF_CARD_ARGS) and the plain streaming baseline (bench/baselines/plain-groupby.cjs)
 * give the same table, compared by each county's identity; and the check still refuses what differs. Before the
 * check asked for 县区 and compared by identity it stopped the bench: brief reported 8 市州 against 40 counties, and
 * at 县区 it named 城中区 西宁市城中区.
 */
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { briefCommand } from "../../src/cli/brief";
import { BRIEF_CARD_ARGS, byIdentity, fromBriefing, sameGroups, type Groups } from "../../bench/cli-check";
import { targetsCsv, writeLedgerCsv } from "../../bench/ledger-data";

const ROOT = path.join(__dirname, "..", "..");
let dir: string;
let ledger: string;
let targets: string;
let plain: Groups;

async function brief(extra: readonly string[]) {
  let out = "";
  const code = await briefCommand(
    ["--ledger", ledger, "--targets", targets, "--period", "2025Q2", ...extra, "--format", "json"],
    { stdout: (t) => (out += t), stderr: () => undefined },
  );
  expect(code).toBe(0);
  return JSON.parse(out);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-check-"));
  ledger = path.join(dir, "ledger.csv");
  targets = path.join(dir, "targets.csv");
  writeLedgerCsv(ledger, 2000);
  fs.writeFileSync(targets, targetsCsv(2025));
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, "bench", "baselines", "plain-groupby.cjs"), ledger, "2025", "6"],
    {
      encoding: "utf8",
    },
  );
  expect(run.status).toBe(0);
  plain = JSON.parse(run.stdout);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("brief at the bench's level agrees with the plain script, county by county, and 合计 is their sum", async () => {
  const briefing = fromBriefing(await brief(BRIEF_CARD_ARGS));
  const baseline = byIdentity(plain.groups, "plain");
  expect(Object.keys(briefing.groups)).toHaveLength(40);
  expect(briefing.groups).toHaveProperty(["西宁市›城中区"]); // brief's 西宁市城中区, the ledger's 城中区
  expect(() => sameGroups(briefing.groups, baseline, "brief vs plain", briefing.total)).not.toThrow();
});

test("brief's default card (one row per 市州) is refused, not compared", async () => {
  const json = await brief([]);
  expect(() => fromBriefing(json)).toThrow(/a card for 青海省 by 市州, not 青海省 by 县区/);
});

test("a county missing, misplaced or with another figure fails the check", async () => {
  const briefing = fromBriefing(await brief(BRIEF_CARD_ARGS));
  const baseline = byIdentity(plain.groups, "plain");
  const check =
    (b: Groups["groups"], total = briefing.total) =>
    () =>
      sameGroups(briefing.groups, b, "x", total);

  const { ["西宁市›城东区"]: dropped, ...missing } = baseline;
  expect(dropped).toBeDefined();
  expect(check(missing)).toThrow(/regions differ \(40 vs 39/);

  const misplaced = { ...missing, "海东市›城东区": dropped };
  expect(check(misplaced)).toThrow(/only in the first: 西宁市›城东区; only in the second: 海东市›城东区/);

  const other = structuredClone(baseline);
  other["海西州›格尔木市"].amount[1] += 0.0001;
  expect(check(other)).toThrow(/海西州›格尔木市 amount\[1\]/);

  const total = structuredClone(briefing.total);
  total.signed[0] += 1;
  expect(check(baseline, total)).toThrow(/合计 signed\[0\]/);

  expect(() => byIdentity({ ...plain.groups, 柳州市城中区: dropped }, "plain")).toThrow(/not one of the bench/);
});
