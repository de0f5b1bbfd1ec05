/** Cancelling a write: the error a cancelled write throws, and the check made between its syncs. */
import { cancelledError } from "../core/errors";

export function abortError(): Error {
  return cancelledError();
}

export function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}
