/**
 * `brief --format json|md` keeps only BRIEFING_LEDGER_FIELDS of each ledger record (issue 14). The briefing must be
 * the one whole records give: on the seeds, on synthetic ledgers with month-only dates, funds entries whose region
 * comes from the ledger project (by id and by name), reported figures and case variants of regions, and on a
 * realistic generated ledger (dates in three forms). If the builder starts reading another field, this fails.
 */
import * as fs from "fs";
import * as path from "path";
import { buildBriefing } from "../../src/briefing/build";
import type { BriefingInput } from "../../src/briefing/types";
import { BRIEFING_LEDGER_FIELDS } from "../../src/cli/brief";
import { importBytes } from "../../src/import/bytes";
import { ledgerCsvBytes, targetsCsv } from "../../bench/ledger-data";
import { inputCsvs, syntheticInput } from "../../packages/test-support/src/synthetic-briefing";

const enc = new TextEncoder();
const SEEDS = path.join(__dirname, "..", "..", "seeds");

async function both(ledger: Uint8Array, rest: Omit<BriefingInput, "records">, period: string) {
  const whole = await importBytes(ledger, { fileName: "l.csv", kind: "ledger" });
  const some = await importBytes(ledger, { fileName: "l.csv", kind: "ledger", keep: BRIEFING_LEDGER_FIELDS });
  expect(some.records.length).toBe(whole.records.length);
  expect(Object.keys(some.records[0] ?? {})).toEqual(whole.records.length ? [...BRIEFING_LEDGER_FIELDS] : []);
  for (const options of [{ period }, { period, basis: "day" as const }, { period: period.replace(/Q\d/, "H1") }]) {
    expect(buildBriefing({ ...rest, records: some.records }, options)).toEqual(
      buildBriefing({ ...rest, records: whole.records }, options),
    );
  }
  return whole;
}

test("seeds (figures, targets, funds)", async () => {
  const read = async (f: string, kind: "funds" | "targets" | "figures") =>
    importBytes(new Uint8Array(fs.readFileSync(path.join(SEEDS, f))), { fileName: f, kind });
  const rest = {
    funds: (await read("funds.csv", "funds")).funds,
    targets: (await read("targets.csv", "targets")).targets,
    figures: (await read("figures.csv", "figures")).figures,
  };
  for (const period of ["2025Q1", "2024Q1", "2023Q4"])
    await both(new Uint8Array(fs.readFileSync(path.join(SEEDS, "projects.csv"))), rest, period);
});

test.each([1, 2, 3, 4])("synthetic ledger, seed %i: funds by id and by name, figures, case variants", async (seed) => {
  const input = syntheticInput({
    records: 800,
    funds: 300,
    seed,
    regions: ["城东区", "城西区", "ABC区", "abc区", "高新区"],
  });
  // Funds entries naming their project by name (not id) and without region: found through the ledger.
  const funds = input.funds.map((e, i) =>
    i % 4 === 0 ? { ...e, region: null, project: input.records[i % input.records.length].name } : e,
  );
  const csv = inputCsvs({ ...input, funds });
  const read = async (text: string, kind: "funds" | "targets" | "figures") =>
    importBytes(enc.encode(text), { fileName: `${kind}.csv`, kind });
  const rest = {
    funds: (await read(csv.funds, "funds")).funds,
    targets: (await read(csv.targets, "targets")).targets,
    figures: (await read(csv.figures, "figures")).figures,
  };
  expect(rest.funds.some((e) => !e.region)).toBe(true);
  await both(enc.encode(csv.ledger), rest, "2025Q2");
});

test("realistic generated ledger: 40 regions, dates in three forms, 万元", async () => {
  const targets = (await importBytes(enc.encode(targetsCsv(2025)), { fileName: "t.csv", kind: "targets" })).targets;
  const whole = await both(ledgerCsvBytes(5000, 3), { targets, funds: [], figures: [] }, "2025Q3");
  expect(new Set(whole.records.map((r) => r.region)).size).toBe(40);
});

test("seeds with the regions hierarchy: the report card by level is the same from kept fields as from whole records", async () => {
  const { loadDivisions } = await import("../../src/core/divisions");
  const { buildHierarchy } = await import("../../src/core/region-hierarchy");
  const bytes = (f: string) => new Uint8Array(fs.readFileSync(path.join(SEEDS, f)));
  const divisions = await loadDivisions();
  const table = await importBytes(bytes("regions.csv"), { fileName: "regions.csv", kind: "regions", divisions });
  const hierarchy = buildHierarchy(divisions, table.regions ?? []).hierarchy;
  const read = async (f: string, kind: "funds" | "targets" | "figures") =>
    importBytes(bytes(f), { fileName: f, kind, hierarchy });
  const rest = {
    funds: (await read("funds.csv", "funds")).funds,
    targets: (await read("targets.csv", "targets")).targets,
    figures: (await read("figures.csv", "figures")).figures,
  };
  const whole = await importBytes(bytes("projects.csv"), { fileName: "projects.csv", kind: "ledger", hierarchy });
  const some = await importBytes(bytes("projects.csv"), {
    fileName: "projects.csv",
    kind: "ledger",
    hierarchy,
    keep: BRIEFING_LEDGER_FIELDS,
  });
  for (const period of ["2025Q1", "2024Q1", "2024Q4"]) {
    const a = buildBriefing({ ...rest, records: some.records }, { period, hierarchy });
    const b = buildBriefing({ ...rest, records: whole.records }, { period, hierarchy });
    expect(a.level).toBeTruthy(); // a card by level, not the flat fallback
    expect(a).toEqual(b);
    // Projects signed and started in the period reach the total, as whole records give them.
    expect(a.tables.find((t) => t.metric === "signed_projects")?.total.actual ?? 0).toBe(
      b.tables.find((t) => t.metric === "signed_projects")?.total.actual ?? 0,
    );
  }
});
