/** The Excel namespace of the Office runtime, found on globalThis when the writer runs (absent outside Office). */

export function excel(): typeof Excel {
  const x = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!x || typeof x.run !== "function") throw new Error("Excel 不可用 / Excel is not available");
  return x;
}
