/**
 * Runs before any other preview module: the functions module gets CustomFunctions.associate calls appended at
 * build time, and outside Excel there is no CustomFunctions runtime. A no-op associate (the same as
 * src/functions/index.ts sets for the task pane page) lets the simulated host import the functions and register
 * them in its formula engine instead. No Error/ErrorCode: the functions then return plain {code, message} errors,
 * which the simulated host turns into formula errors.
 */
const g = globalThis as { CustomFunctions?: { associate?: (...args: unknown[]) => void } };
if (!g.CustomFunctions) g.CustomFunctions = { associate: () => undefined };

export {};
