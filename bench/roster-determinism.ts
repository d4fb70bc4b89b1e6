/**
 * The determinism check of the roster benchmark (`npm run bench:roster -- --determinism`): the
 * 450-agent week designed and rostered twice in child processes, the first on an idle machine,
 * the second pinned to one core (`taskset -c 0`) beside two busy loops pinned to the same core;
 * each writes its schedule JSON, roster CSV and roster JSON, and the files must be the same
 * bytes. Both the design and the roster get a 600 s safety net (the busy run goes at a third of
 * a core's speed, so the default 60 s would stop it): they stop on their gap or work limits. A
 * run the wall clock stopped (`stoppedBy: "timeLimit"`) may differ: the check says so.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const say = (s: string): void => {
  console.log(s);
};

/** The files each run writes and the check compares. */
const FILES = ["schedule.json", "roster.csv", "roster.json"];

/**
 * Runs the check.
 *
 * @param child - runs bench/roster.ts with extra arguments (and a command prefix) in a child
 *   process, returning its RESULT figures
 * @param secondSeed - a seed for the second run only (default: the same week): the check then
 *   must fail, which shows that it can
 * @returns whether the two runs wrote the same bytes
 */
export function runDeterminism(
  child: (extra: readonly string[], prefix?: readonly string[]) => Record<string, unknown>,
  secondSeed?: number,
): boolean {
  const hasTaskset = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  const dirs = [0, 1].map((k) => mkdtempSync(join(tmpdir(), `staffcast-roster-run${k}-`)));
  const hogs: ReturnType<typeof spawn>[] = [];
  try {
    const run = (dir: string): string[] => [
      "--case",
      "450",
      "--design-time-limit",
      "600",
      "--time-limit",
      "600",
      "--out",
      dir,
    ];
    const first = child(run(dirs[0]!));
    say(`run 1 (idle): ${describe(first)}`);
    const pin = hasTaskset ? ["taskset", "-c", "0"] : [];
    const hog = [...pin, process.execPath, "-e", "for(;;){}"];
    for (let k = 0; k < 2; k++) hogs.push(spawn(hog[0]!, hog.slice(1), { stdio: "ignore" }));
    const second = child(
      [...run(dirs[1]!), ...(secondSeed === undefined ? [] : ["--seed", String(secondSeed)])],
      pin,
    );
    say(
      `run 2 (${hasTaskset ? "one core, beside two busy loops on it" : "beside two busy loops (no taskset)"}): ${describe(second)}`,
    );
    let same = true;
    for (const f of FILES) {
      const a = readFileSync(join(dirs[0]!, f));
      const b = readFileSync(join(dirs[1]!, f));
      const equal = a.equals(b);
      same &&= equal;
      say(`  ${f}: ${equal ? "identical" : "DIFFERENT"} (${a.length} and ${b.length} bytes)`);
    }
    const clock = [first, second].some(
      (r) => (r["roster"] as Record<string, unknown>)["stoppedBy"] === "timeLimit",
    );
    if (clock) say("  (a run was stopped by the wall clock: its result may differ between runs)");
    say(same ? "deterministic: yes" : "deterministic: NO");
    return same;
  } finally {
    for (const hog of hogs) if (hog.pid !== undefined) process.kill(hog.pid);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

function describe(r: Record<string, unknown>): string {
  const o = r["roster"] as Record<string, unknown>;
  const d = r["design"] as Record<string, unknown>;
  return (
    `design ${Number(d["seconds"]).toFixed(1)} s (${String(d["status"])}), roster ${Number(o["seconds"]).toFixed(1)} s, ` +
    `${String(o["status"])}, stopped by ${String(o["stoppedBy"])}, work ${String(o["work"])}, ` +
    `objective ${String(o["objective"])}, ${String(o["unfilled"])} unfilled, ${String(r["problems"])} problems`
  );
}
