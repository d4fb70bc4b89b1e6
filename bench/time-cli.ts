/**
 * Times the built CLI as a user runs it: a fresh process per run, wall time of the best run,
 * and the peak resident memory when GNU time is installed (Debian package "time").
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Best wall time of `runs` runs of `node dist/cli.js <args>`, and the peak RSS (MB) if known. */
export function timeCli(args: readonly string[], runs = 3): { bestMs: number; peakMb?: number } {
  const gnuTime = existsSync("/usr/bin/time");
  let bestMs = Number.POSITIVE_INFINITY;
  let peakKb = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const child = gnuTime
      ? spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, "dist/cli.js", ...args], {
          encoding: "utf8",
        })
      : spawnSync(process.execPath, ["dist/cli.js", ...args], { encoding: "utf8" });
    const ms = performance.now() - start;
    if (child.status !== 0) throw new Error(`CLI failed: ${child.stderr}`);
    bestMs = Math.min(bestMs, ms);
    if (gnuTime) peakKb = Math.max(peakKb, Number(child.stderr.trim().split("\n").pop()));
  }
  return gnuTime ? { bestMs, peakMb: peakKb / 1024 } : { bestMs };
}
