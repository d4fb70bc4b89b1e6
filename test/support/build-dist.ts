/**
 * Vitest global setup: brings dist/ up to date with src/ before any test runs, so that the
 * tests that spawn the executable, load worker threads or import the package by name always
 * run the current source (never a stale build). tsc builds incrementally (its build info sits
 * in dist/), so an unchanged tree costs a second or two.
 *
 * tsc emits JavaScript even when the source has type errors; those are `npm run typecheck`'s
 * to report, so they are shown here but do not stop the tests (which then run the current,
 * emitted code). Anything else that stops the build stops the run.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export default function setup(): void {
  const run = spawnSync(
    process.execPath,
    ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"],
    { encoding: "utf8" },
  );
  if (run.status === 0) return;
  // exit 2: diagnostics, output emitted; anything else (or no output at all) is a failure
  if (run.status === 2 && existsSync("dist/cli.js")) {
    process.stderr.write(`build-dist: type errors (dist/ emitted anyway):\n${run.stdout}`);
    return;
  }
  throw new Error(`building dist/ failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
}
