/**
 * `npm run cli -- …` runs in the package root whatever directory the user typed it in, so a relative path (an input
 * file, --out, brief's default output file) would be read or written there. npm passes the user's directory as
 * INIT_CWD: run from it, as the user meant.
 */
export function runFromCallersDirectory(env: NodeJS.ProcessEnv = process.env): void {
  if (env.npm_lifecycle_event === "cli" && env.INIT_CWD && env.INIT_CWD !== process.cwd()) process.chdir(env.INIT_CWD);
}
