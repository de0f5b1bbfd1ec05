import fc from "fast-check";
import { KeyIndex } from "../../src/import/key-index";

describe("KeyIndex (duplicate detection of ledger ids)", () => {
  test("agrees with a Map on random keys, through many rehashes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("QH-2025-001", "AUTO-1", "")), {
          maxLength: 3000,
        }),
        (keys) => {
          const idx = new KeyIndex();
          const map = new Map<string, number>();
          keys.forEach((k, row) => {
            const expected = map.get(k);
            if (expected === undefined) map.set(k, row);
            expect(idx.firstOrAdd(k, row)).toBe(expected ?? -1);
          });
          expect(idx.size).toBe(map.size);
        },
      ),
      { numRuns: 100 },
    );
  });

  test("100k distinct ids, then each again", () => {
    const idx = new KeyIndex();
    for (let i = 0; i < 100_000; i++) expect(idx.firstOrAdd(`P-${i}`, i + 2)).toBe(-1);
    for (let i = 0; i < 100_000; i += 997) expect(idx.firstOrAdd(`P-${i}`, 0)).toBe(i + 2);
    expect(idx.size).toBe(100_000);
  });
});
