/**
 * Vitest global setup: brings dist/ up to date with src/ before any test runs, so that the
 * tests that spawn the executable, load worker threads or import the package by name always
 * run the current source (never a stale build). tsc builds incrementally (its build info sits
 * in dist/), so an unchanged tree costs a second or two.
 */
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
    stdio: "inherit",
  });
}
