/** Public surface of the domain core (pure TypeScript, no Office). */
export * from "./model";
export * from "./dates";
export * from "./period";
export * from "./metrics";
export * from "./format";
export * from "./columns";
export * from "./a1";
export * from "./exact-sum";
export * from "./regions";
