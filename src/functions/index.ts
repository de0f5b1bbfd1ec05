/**
 * Entry of the custom functions. Outside Excel (the offline preview in a plain browser) there is no
 * CustomFunctions runtime; a no-op `associate` keeps the page working, and the preview registers the same
 * functions in its own formula engine instead.
 */
const g = globalThis as { CustomFunctions?: { associate?: (...args: unknown[]) => void } };
if (!g.CustomFunctions) g.CustomFunctions = { associate: () => undefined };

export * from "./functions";
