/**
 * `staffcast schedule`: shifts with breaks covering a requirement CSV at least cost.
 */
import type { Command } from "commander";
import { readRoutingFile } from "../erlang/index.ts";
import { DataError, EXIT, StaffcastError } from "../io/errors.ts";
import { inputName, writeTextAtomic, type Streams } from "../io/files.ts";
import {
  buildShiftModel,
  formatScheduleJson,
  readRequirementPointsCsv,
  readShiftFile,
  requirementGroups,
  routingScheduleGroups,
  shiftGroupOptions,
  solveShiftModel,
  solverNamed,
  templateGroupProblems,
  type ScheduleResult,
} from "../schedule/index.ts";
import { inferSpacing } from "../time/duration.ts";
import { createZone, formatInstant } from "../time/zone.ts";
import { style, table, warn } from "./format.ts";
import {
  addSolverOptions,
  gapOrUnknown,
  noResult,
  stoppedByText,
  timeLimitWarning,
  type SolverFlags,
} from "./solver-flags.ts";
import { solveProgress } from "./solve-progress.ts";

interface ScheduleFlags extends SolverFlags, DialectFlags {
  tz?: string;
  requirements: string;
  shifts: string;
  column: string;
  routing?: string;
  out?: string;
  json?: boolean;
}

import { addDialectFlags, readOptionsFor, type DialectFlags } from "./dialect-flags.ts";
import { zoneFlag } from "./time-flags.ts";
/** Shifts listed in the summary for people, at most. */
const LISTED_SHIFTS = 40;

/** Registers `schedule`. */
export function registerSchedule(program: Command, streams: Streams): void {
  const cmd = program
    .command("schedule")
    .summary("shifts with breaks and lunches covering a requirement curve at least cost")
    .description(
      "Chooses how many agents work which shift (template, day, start, length) and when each " +
        "takes its breaks, so that the requirement is covered at least cost: shift cost per " +
        "paid hour + penalties per agent-interval short or over + a cost per distinct shift " +
        "used. Integer programming with HiGHS (or javascript-lp-solver with --solver js). The " +
        "queues' rows are summed per interval (per interval and group with a group column; " +
        "with --routing a group may cover another whose queues its skills include).",
    )
    .requiredOption("--requirements <csv>", "requirements: start[,queue],agents (- for stdin)")
    .requiredOption(
      "--shifts <json>",
      "shift file: intervalMinutes, timeZone, coverage, templates, breaks",
    )
    .option("--column <name>", "requirement column, e.g. fractional_scheduled_agents", "agents")
    .option(
      "--routing <json>",
      "routing model: the skills (queues) and costPerHour of the requirements' groups",
    );
  addSolverOptions(cmd)
    .option("--out <json>", "write the result JSON here")
    .option("--json", "print the result JSON");
  addDialectFlags(cmd, ["requirements"])
    .option("--tz <zone>", "IANA zone of clock times read with --local-times (default UTC)")
    .addHelpText(
      "after",
      `
JSON: { status, objective, gap, stoppedBy, work, shifts: [{ name, start, end, count, breaks:
[{ kind, start, end, count }] }], coverage: [{ start, required, scheduled }] } plus the shift file as given
("shiftFile", read by staffcast roster). With a group column: shifts[].group, groupCoverage:
[{ start, group, required, scheduled, covered }], transfers: [{ start, from, to, agents }], and
with --routing groups: { <name>: { queues, costPerHour } }. status: optimal (gap <= 1e-6), feasible (a solution,
larger gap), timeLimit, infeasible or error (the solver failed): exit 1, the explanation on stderr.
stoppedBy: gap (the solve ran to its end), workLimit (--work-limit: the same result on every run)
or timeLimit (--time-limit, the safety net: a warning says the result may differ between runs).

Examples:
  $ staffcast schedule --requirements requirements.csv --shifts shifts.json --out schedule.json
  $ staffcast schedule --requirements requirements.csv --column fractional_scheduled_agents --shifts shifts.json --json`,
    )
    .action(async (flags: ScheduleFlags) => {
      await runSchedule(flags, streams);
    });
}

async function runSchedule(flags: ScheduleFlags, streams: Streams): Promise<void> {
  const requirements = await readRequirementPointsCsv(flags.requirements, {
    column: flags.column,
    ...readOptionsFor(
      flags,
      "requirements",
      ["requirements"],
      zoneFlag(flags.tz).name,
      streams.stdin,
    ),
  });
  for (const w of requirements.warnings) warn(streams.stderr, w);
  const grid = inferSpacing(requirements.points.map((r) => r.startMs));
  const shiftFile = await readShiftFile(flags.shifts, {
    stdin: streams.stdin,
    ...(grid.ok ? { intervalMinutes: grid.spacingMs / 60_000 } : {}),
  });
  for (const w of shiftFile.warnings) warn(streams.stderr, w);
  const groups = requirementGroups(requirements.points);
  const problems = templateGroupProblems(shiftFile.spec, groups);
  if (problems.length > 0)
    throw new DataError(problems.map((i) => ({ file: shiftFile.file, ...i })));
  const options =
    flags.routing === undefined
      ? {}
      : shiftGroupOptions(
          routingScheduleGroups(
            await readRoutingFile(flags.routing, streams),
            groups,
            inputName(flags.routing),
          ),
        );
  const started = performance.now();
  const built = buildShiftModel(requirements.points, shiftFile.spec, options);
  const line = solveProgress(
    streams.stderr,
    streams.stderr.isTTY === true && flags.json !== true,
    "schedule",
    flags.solver === "js" ? undefined : flags.workLimit,
  );
  let result: ScheduleResult;
  try {
    result = await solveShiftModel(built, solverNamed(flags.solver), {
      timeLimitSeconds: flags.timeLimit,
      relativeGap: flags.gap,
      workLimit: flags.workLimit,
      startedAtMs: started,
      ...(line.onProgress === undefined ? {} : { onProgress: line.onProgress }),
    });
  } finally {
    line.clear();
  }
  const json = formatScheduleJson(result, shiftFile.raw);
  if (flags.out !== undefined) await writeTextAtomic(flags.out, json, streams);
  if (flags.json === true) streams.stdout.write(json);
  else writeScheduleSummary(result, flags, streams);
  if (result.status === "optimal" || result.status === "feasible") {
    // a schedule the wall clock stopped may differ between runs (without one, the error says it)
    if (result.stoppedBy === "timeLimit") warn(streams.stderr, timeLimitWarning("schedule", flags));
  } else {
    throw new StaffcastError(
      noResult("schedule", result.status, result.explanation, result.stoppedBy),
      EXIT.failure,
    );
  }
}

function writeScheduleSummary(
  result: ScheduleResult,
  flags: ScheduleFlags,
  streams: Streams,
): void {
  const out = streams.stdout as { write(s: string): unknown; isTTY?: boolean };
  if (result.objective === null) return;
  const zone = createZone(result.timeZone);
  const agents = result.shifts.reduce((a, s) => a + s.count, 0);
  let under = 0;
  let over = 0;
  let need = 0;
  const byGroup = new Map<string, { under: number; over: number; transfersIn: number }>();
  const points =
    result.groupCoverage ??
    result.coverage.map((c) => ({ ...c, covered: c.scheduled, group: undefined }));
  for (const c of points) {
    const short = Math.max(0, c.required - c.covered);
    const excess = Math.max(0, c.covered - c.required);
    under += short;
    over += excess;
    need += c.required;
    if (c.group === undefined) continue;
    const g = byGroup.get(c.group) ?? { under: 0, over: 0, transfersIn: 0 };
    g.under += short;
    g.over += excess;
    g.transfersIn += Math.max(0, c.covered - c.scheduled);
    byGroup.set(c.group, g);
  }
  const lines = [
    style("bold", `Schedule: ${result.status}`, out) +
      `, objective ${result.objective.toFixed(2)}, gap ${gapOrUnknown(result.gap)}` +
      (result.stoppedBy === undefined
        ? ""
        : `, ${stoppedByText(result.stoppedBy, result.work ?? 0, flags)}`),
    `  ${agents} agent-shifts on ${result.shifts.length} distinct shifts`,
    `  short ${under.toFixed(1)} and over ${over.toFixed(1)} agent-intervals (required ${need.toFixed(1)})`,
    ...[...byGroup].map(
      ([name, g]) =>
        `  group ${name}: short ${g.under.toFixed(1)}, over ${g.over.toFixed(1)}, covered by other groups ${g.transfersIn.toFixed(1)}`,
    ),
    "",
  ];
  const grouped = result.groupCoverage !== undefined;
  const rows = [
    grouped ? ["shift", "group", "start", "end", "agents"] : ["shift", "start", "end", "agents"],
  ];
  for (const s of result.shifts.slice(0, LISTED_SHIFTS))
    rows.push([
      s.name,
      ...(grouped ? [s.group ?? ""] : []),
      formatInstant(s.startMs, zone),
      formatInstant(s.endMs, zone),
      String(s.count),
    ]);
  lines.push(
    table(rows, grouped ? [false, false, false, false, true] : [false, false, false, true]),
  );
  if (result.shifts.length > LISTED_SHIFTS)
    lines.push(`  ... and ${result.shifts.length - LISTED_SHIFTS} more`);
  streams.stdout.write(`${lines.join("\n")}\n`);
}
