/**
 * Roster benchmark (issue 15), through the built package (`staffcast/schedule`), HiGHS, on weeks
 * from the seeded generator (bench/roster-gen.ts: a TV-shopping centre, Europe/Berlin, 15-minute
 * intervals, early/middle/late/night and part-time shifts with two breaks and a meal):
 *
 * 1. 450 agents (about 1,900 agent-shifts): design the week, roster it (goal: under 60 s at a
 *    proven gap of 1 % or less, every shift filled when capacity allows);
 * 2. 2,000 agents (about 8,500 agent-shifts): the same (goal: under 5 minutes);
 * 3. design at scale: a week with breaks for 500+ agent-shifts a day (1,000 agents), goal within
 *    0.1 % proven in under 60 s.
 *
 * Every roster is re-checked by `verifyRoster` (an independent check from its segments: it must
 * find no problem). Each case runs in a child process of its own (its peak memory is its own).
 *
 * Run: `npm run bench:roster [-- options]`:
 *   --agents 450,2000   the roster cases (default both)
 *   --seed <n>          the generator's seed (default 1)
 *   --time-limit <s>    the roster's wall-clock safety net (default 60 for 450 agents, 300 for 2,000)
 *   --work-limit <n>    the roster's work limit (LP iterations), when given
 *   --gap <f>           the roster's relative gap (default 0.01)
 *   --design-time-limit <s>  the roster cases' design time limit (default 60; the determinism
 *                       check's 600: a design stopped by the clock may differ)
 *   --design <agents>   the design-at-scale case (default 1000; 0: skip it)
 *   --design-step <m>   its templates' start step, minutes (default 15; the roster weeks' is 30)
 *   --cli               also time `staffcast schedule` and `staffcast roster` on the 450-agent files
 *   --determinism       only the determinism check (bench/roster-determinism.ts); with
 *                       --second-seed <n> its second run rosters another week, and it must fail
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildRoster,
  buildShiftModel,
  formatRosterCsv,
  formatRosterJson,
  formatScheduleJson,
  highsSolver,
  splitMilp,
  verifyRoster,
  verifySchedule,
  type ScheduleResult,
} from "staffcast/schedule";
import { runDeterminism } from "./roster-determinism.ts";
import { designWeek, generateWeek, writeWeekFiles, type GeneratedWeek } from "./roster-gen.ts";
import { timeCli } from "./time-cli.ts";

const say = (s: string): void => {
  console.log(s);
};

/** The flags, parsed (`--name value` pairs and bare switches). */
function flags(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, "");
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      out.set(name, next);
      i++;
    } else out.set(name, "");
  }
  return out;
}

const args = flags(process.argv.slice(2));
const seed = Number(args.get("seed") ?? 1);
const num = (name: string): number | undefined =>
  args.has(name) ? Number(args.get(name)) : undefined;

/** Upper bounds of what the agents can work against what the week needs. */
export function capacity(
  week: GeneratedWeek,
  schedule: ScheduleResult,
): { shifts: number; hours: number; demandShifts: number; demandHours: number } {
  const used = schedule.shifts.filter((s) => s.count > 0);
  const paid = used.map((s) => s.paidSeconds / 3600);
  const shortest = paid.reduce((m, h) => Math.min(m, h), Number.POSITIVE_INFINITY);
  const longest = paid.reduce((m, h) => Math.max(m, h), 0);
  const daysOff = new Map<string, number>();
  for (const a of week.availability)
    if (a.from === undefined && a.to === undefined)
      daysOff.set(a.agentId, (daysOff.get(a.agentId) ?? 0) + 1);
  let shifts = 0;
  let hours = 0;
  for (const a of week.agents) {
    const days = Math.min(a.maxDaysWeek ?? 7, 5, week.params.days - (daysOff.get(a.id) ?? 0));
    const maxHours = Math.min((a.maxSecondsWeek ?? Infinity) / 3600, days * longest);
    shifts += Math.min(days, Math.floor(maxHours / shortest + 1e-9));
    hours += maxHours;
  }
  return {
    shifts,
    hours,
    demandShifts: used.reduce((s, x) => s + x.count, 0),
    demandHours: used.reduce((s, x) => s + (x.count * x.paidSeconds) / 3600, 0),
  };
}

/** One roster case in this process: generate, design, roster, verify; a JSON line of figures. */
async function rosterCase(agents: number, out: string | undefined): Promise<void> {
  const week = generateWeek({ seed, agents });
  const design = await designWeek(week, { timeLimitSeconds: num("design-time-limit") ?? 60 });
  const cap = capacity(week, design.schedule);
  const timeLimitSeconds = num("time-limit") ?? (agents <= 500 ? 60 : 300);
  const workLimit = num("work-limit");
  const started = performance.now();
  const roster = await buildRoster(design.schedule, week.spec, week.roster, highsSolver, {
    timeLimitSeconds,
    relativeGap: num("gap") ?? 0.01,
    ...(workLimit === undefined ? {} : { workLimit }),
  });
  const rosterSeconds = (performance.now() - started) / 1000;
  const verifyStarted = performance.now();
  const problems = verifyRoster(roster, design.schedule, week.spec, week.roster);
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  if (out !== undefined) {
    await writeFile(
      join(out, "schedule.json"),
      formatScheduleJson(design.schedule, week.shiftFile),
    );
    await writeFile(join(out, "roster.csv"), formatRosterCsv(roster.segments, roster.timeZone));
    await writeFile(join(out, "roster.json"), formatRosterJson(roster));
  }
  say(
    `RESULT ${JSON.stringify({
      agents,
      requirementPoints: week.requirements.length,
      availability: week.availability.length,
      design: {
        seconds: design.seconds,
        status: design.schedule.status,
        gap: design.schedule.gap,
        instances: design.instances,
        agentShifts: design.agentShifts,
      },
      capacity: cap,
      roster: {
        seconds: rosterSeconds,
        timeLimitSeconds,
        workLimit: workLimit ?? null,
        status: roster.status,
        objective: roster.objective,
        bound: roster.bound,
        gap: roster.gap,
        stoppedBy: roster.stoppedBy,
        work: roster.work,
        unfilled: roster.shortfalls.reduce((s, f) => s + f.missing, 0),
        belowMinimumHours: roster.agents.reduce((s, a) => s + a.belowMinimumSeconds, 0) / 3600,
      },
      verifySeconds,
      problems: problems.length,
      firstProblems: problems.slice(0, 5),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    })}`,
  );
}

/** The design-at-scale case in this process: a JSON line of figures. */
async function designCase(agents: number): Promise<void> {
  const week = generateWeek({ seed, agents, startStepMinutes: num("design-step") ?? 15 });
  const built = buildShiftModel(week.requirements, week.spec);
  const parts = splitMilp(built.model).filter((p) => p.model.integer.some(Boolean)).length;
  const design = await designWeek(week, { relativeGap: 1e-3, timeLimitSeconds: 60 });
  const problems = verifySchedule(design.schedule, built);
  say(
    `RESULT ${JSON.stringify({
      agents,
      startStep: week.params.startStepMinutes,
      variables: built.model.cost.length,
      rows: built.model.rows.length,
      parts,
      peak: week.requirements.reduce((m, r) => Math.max(m, r.required), 0),
      seconds: design.seconds,
      status: design.schedule.status,
      gap: design.schedule.gap,
      instances: design.instances,
      agentShiftsPerDay: design.agentShifts / week.params.days,
      problems: problems.length,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    })}`,
  );
}

/** Runs this script with `extra` in a child process; its RESULT line, parsed. */
export function child(
  extra: readonly string[],
  prefix: readonly string[] = [],
): Record<string, unknown> {
  const passOn = [
    "seed",
    "time-limit",
    "work-limit",
    "gap",
    "design-step",
    "design-time-limit",
  ].flatMap((f) => (args.has(f) ? [`--${f}`, args.get(f)!] : []));
  const command = [
    ...prefix,
    process.execPath,
    ...process.execArgv,
    "bench/roster.ts",
    ...passOn,
    ...extra,
  ];
  const run = spawnSync(command[0]!, command.slice(1), { encoding: "utf8", maxBuffer: 1 << 26 });
  const line = run.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (run.status !== 0 || line === undefined)
    throw new Error(`${extra.join(" ")} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  return JSON.parse(line.slice("RESULT ".length)) as Record<string, unknown>;
}

const pct = (g: unknown): string =>
  typeof g === "number" && Number.isFinite(g) ? `${(100 * g).toFixed(3)} %` : "unknown";

/** The figures of a roster case, for people. */
function sayRoster(r: Record<string, unknown>): void {
  const d = r["design"] as Record<string, number | string>;
  const c = r["capacity"] as Record<string, number>;
  const o = r["roster"] as Record<string, number | string | null>;
  say(`\n${String(r["agents"])} agents (seed ${seed}):`);
  say(
    `  design: ${d["instances"]} designed shifts, ${d["agentShifts"]} agent-shifts; ${d["status"]}, ` +
      `gap ${pct(d["gap"])}, ${Number(d["seconds"]).toFixed(1)} s`,
  );
  say(
    `  capacity (upper bound): ${c["shifts"]} agent-shifts, ${c["hours"]!.toFixed(0)} paid h; ` +
      `demand ${c["demandShifts"]} agent-shifts, ${c["demandHours"]!.toFixed(0)} paid h ` +
      `(${((100 * c["demandShifts"]!) / c["shifts"]!).toFixed(0)} % / ${((100 * c["demandHours"]!) / c["hours"]!).toFixed(0)} %)`,
  );
  say(
    `  roster: ${o["status"]}, ${Number(o["seconds"]).toFixed(1)} s (time limit ${o["timeLimitSeconds"]} s` +
      `${o["workLimit"] === null ? "" : `, work limit ${o["workLimit"]}`}), stopped by ${o["stoppedBy"]}, ` +
      `work ${o["work"]}; objective ${o["objective"]}, bound ${o["bound"]}, gap ${pct(o["gap"])}; ` +
      `${o["unfilled"]} agent-shifts unfilled, ${Number(o["belowMinimumHours"]).toFixed(1)} h below contract minimums`,
  );
  const problems = r["problems"] as number;
  say(
    `  verified: ${problems === 0 ? "no problem" : `${problems} problems, e.g. ${(r["firstProblems"] as string[]).join("; ")}`} ` +
      `(${Number(r["verifySeconds"]).toFixed(2)} s); peak RSS ${Number(r["maxRssMb"]).toFixed(0)} MB`,
  );
}

if (args.has("case")) {
  await rosterCase(Number(args.get("case")), args.get("out"));
} else if (args.has("design-case")) {
  await designCase(Number(args.get("design-case")));
} else {
  say(
    `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}; node ${process.version}`,
  );
  if (args.has("determinism")) {
    process.exitCode = runDeterminism(child, num("second-seed")) ? 0 : 1;
  } else {
    const cases = (args.get("agents") ?? "450,2000")
      .split(",")
      .filter((s) => s !== "")
      .map(Number);
    for (const n of cases) sayRoster(child(["--case", String(n)]));
    const scale = num("design") ?? 1000;
    if (scale > 0) {
      const r = child(["--design-case", String(scale)]);
      say(
        `\ndesign at scale, ${String(r["agents"])} agents' week, starts every ${String(r["startStep"])} min (${Number(r["agentShiftsPerDay"]).toFixed(0)} agent-shifts a day, ` +
          `peak ${String(r["peak"])} agents; ${String(r["variables"])} variables, ${String(r["rows"])} rows, ` +
          `${String(r["parts"])} independent parts): ${String(r["status"])}, gap ${pct(r["gap"])}, ` +
          `${Number(r["seconds"]).toFixed(1)} s (goal: within 0.1 % in under 60 s); ` +
          `verified: ${r["problems"] === 0 ? "yes" : `${String(r["problems"])} problems`}; peak RSS ${Number(r["maxRssMb"]).toFixed(0)} MB`,
      );
    }
    if (args.has("cli")) await timeTheCli();
  }
}

/** Times `staffcast schedule` and `staffcast roster` on the 450-agent week's files. */
async function timeTheCli(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "staffcast-bench-roster-"));
  try {
    const files = await writeWeekFiles(generateWeek({ seed, agents: 450 }), dir);
    const schedule = join(dir, "schedule.json");
    const design = timeCli(
      [
        "schedule",
        "--requirements",
        files.requirements,
        "--shifts",
        files.shifts,
        "--gap",
        "0.001",
        "--out",
        schedule,
      ],
      1,
    );
    const roster = timeCli(
      [
        "roster",
        "--schedule",
        schedule,
        "--agents",
        files.agents,
        "--availability",
        files.availability,
        "--two-days-off",
        "--max-night-shifts",
        "3",
        "--gap",
        String(num("gap") ?? 0.01),
        "--time-limit",
        String(num("time-limit") ?? 60),
        "--out",
        join(dir, "roster.csv"),
        "--json",
      ],
      1,
    );
    const mb = (m: number | undefined): string =>
      m === undefined ? "" : `, peak ${m.toFixed(0)} MB`;
    say(
      `\nCLI on the 450-agent files: schedule ${(design.bestMs / 1000).toFixed(1)} s${mb(design.peakMb)}; ` +
        `roster ${(roster.bestMs / 1000).toFixed(1)} s${mb(roster.peakMb)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
