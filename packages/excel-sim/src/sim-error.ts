/**
 * The errors the simulated Excel host throws: SimError, shaped as Office.js's OfficeExtension.Error (code, message,
 * debugInfo), and the NotModelled refusal for what Microsoft does not document.
 */

/**
 * Where Excel's behaviour is not documented, the simulated host refuses rather than guessing (a test double answers
 * to Excel, not to our code). The product must avoid these cases; a test that reaches one fails loudly.
 */
export function notModelled(what: string): SimError {
  return new SimError(
    "NotModelled",
    `not modelled: ${what}. Excel's behaviour here is not documented, so the simulated host refuses instead of guessing.`,
  );
}

export class SimError extends Error {
  code: string;
  debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}
