/** Cancelling a write: the error a cancelled write throws, and the check made between its syncs. */

export function abortError(): Error {
  const e = new Error("已取消 / Cancelled");
  e.name = "AbortError";
  return e;
}

export function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}
