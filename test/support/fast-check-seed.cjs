/**
 * Property tests explore new random cases on every local run; a failure prints its seed and path to replay it.
 * Under CI (CI=true, as .ci/run sets) they replay one fixed seed so that whether a commit lands does not depend on
 * the dice; FC_SEED=<n> replays any seed locally (docs/testing.md).
 */
const fc = require("fast-check");

const seed = process.env.FC_SEED ?? (process.env.CI ? "20261128" : undefined);
if (seed !== undefined) {
  if (!/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer, not ${seed}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
}
