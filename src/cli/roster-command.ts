/**
 * `staffcast roster`: the shifts of a schedule assigned to named agents.
 */
import type { Command } from "commander";
import { DataError, EXIT, StaffcastError, UsageError } from "../io/errors.ts";
import { inputName, writeTextAtomic, type Streams } from "../io/files.ts";
import {
  buildRoster,
  formatRosterCsv,
  formatRosterJson,
  readAgentsCsv,
  readAvailabilityCsv,
  readRosterAssignmentsCsv,
  readScheduleJson,
  routingScheduleGroups,
  shiftGroupOptions,
  solverNamed,
  type RosterResult,
} from "../schedule/index.ts";
import { readRoutingFile } from "../erlang/index.ts";
import type { ReadOptions } from "../io/read-input.ts";
import { addDialectFlags, readOptionsFor, type DialectFlags } from "./dialect-flags.ts";
import { count, inside } from "./flags.ts";
import { warn } from "./format.ts";
import { skillWarnings, stdinOnce } from "./roster-inputs.ts";
import { solveProgress } from "./solve-progress.ts";
import { writeRosterSummary } from "./roster-summary.ts";
import { addSolverOptions, noResult, timeLimitWarning, type SolverFlags } from "./solver-flags.ts";

/** The flags of `roster`. */
type RosterFlags = Omit<SolverFlags, "workLimit"> &
  DialectFlags & {
    /** Absent: the roster's default for its size (defaultRosterWorkLimit). */
    workLimit?: number;
    schedule: string;
    agents: string;
    availability?: string;
    minRest: number;
    twoDaysOff?: boolean;
    maxNightShifts?: number;
    routing?: string;
    keep?: string;
    out?: string;
    json?: boolean;
  };
/** Registers `roster`. */
export function registerRoster(program: Command, streams: Streams): void {
  const cmd = program
    .command("roster")
    .summary("assign a schedule's shifts to named agents")
    .description(
      "Assigns the shifts of a schedule (staffcast schedule --out) to agents: at most one shift " +
        "a day, a minimum rest between shifts, weekly hours within contract, days off, " +
        "availability, fairness (hours, and late, night and weekend shifts, near each agent's share), " +
        "skills (a shift of a skill group only for agents with all its queues). Shifts " +
        "that cannot be filled are reported as shortfalls.",
    )
    .requiredOption("--schedule <json>", "a schedule from staffcast schedule --out")
    .requiredOption(
      "--agents <csv>",
      "agents: agent_id[,skills][,min_hours_week][,max_hours_week][,max_days_week]",
    )
    .option(
      "--availability <csv>",
      "agent_id,date[,available_from,available_to] (no window: not available that date)",
    )
    .option(
      "--min-rest <hours>",
      "minimum rest between shifts (0 to 48)",
      inside({ min: 0, max: 48 }),
      11,
    )
    .option("--two-days-off", "two consecutive days off every week")
    .option("--max-night-shifts <n>", "night shifts per agent per week, at most", count(7))
    .option(
      "--routing <json>",
      "routing model: the queues of each skill group (over the schedule's groups)",
    )
    .option(
      "--keep <csv>",
      "a roster to change as little as possible (the segments CSV of roster --out)",
    );
  // the safety net: 600 s, above what the default work limit takes for 2,000 agents (245 s)
  addSolverOptions(
    cmd,
    {
      describe:
        "80 per agent-shift, at least 150,000; a roster of at most 4,000 agent-shift pairs: 1,000 per agent-shift, at least 100,000",
    },
    600,
  )
    .option("--out <csv>", "segments CSV: agent_id,start,end,activity (- for stdout)")
    .option(
      "--json",
      "print the result JSON (agents, shortfalls, changes with --keep, segments without --out)",
    );
  addDialectFlags(cmd, ROSTER_INPUTS)
    .addHelpText(
      "after",
      `
Examples:
  $ staffcast roster --schedule schedule.json --agents agents.csv --out segments.csv
  $ staffcast roster --schedule schedule.json --agents agents.csv --availability off.csv --two-days-off --json
  $ staffcast roster --schedule schedule.json --agents agents.csv --keep segments.csv --out new.csv`,
    )
    .action(async (flags: RosterFlags) => {
      await runRoster(flags, streams);
    });
}

/** The CSV inputs of `roster`, the primary first (for the dialect flags). */
const ROSTER_INPUTS = ["agents", "availability", "keep"];

async function runRoster(flags: RosterFlags, streams: Streams): Promise<void> {
  if (flags.out === "-" && flags.json === true) {
    throw new UsageError("--out - and --json would both write to stdout");
  }
  stdinOnce(flags);
  const stdin = { stdin: streams.stdin };
  const file = inputName(flags.schedule);
  const schedule = await readScheduleJson(flags.schedule, { ...stdin, needs: ["shiftFile"] });
  for (const w of schedule.warnings) warn(streams.stderr, w);
  const csv = (input: string): ReadOptions =>
    readOptionsFor(flags, input, ROSTER_INPUTS, "UTC", streams.stdin);
  const { rows: agents } = await readAgentsCsv(flags.agents, csv("agents"));
  const availability =
    flags.availability === undefined
      ? []
      : (
          await readAvailabilityCsv(flags.availability, {
            ...csv("availability"),
            agents: new Set(agents.map((a) => a.id)),
          })
        ).rows;
  const groupSkills =
    flags.routing === undefined
      ? undefined
      : shiftGroupOptions(routingScheduleGroups(await readRoutingFile(flags.routing, streams)))
          .groupSkills;
  for (const w of skillWarnings(schedule, agents, groupSkills)) warn(streams.stderr, w);
  const keep =
    flags.keep === undefined ? undefined : await readRosterAssignmentsCsv(flags.keep, csv("keep"));
  const showProgress = streams.stderr.isTTY === true && flags.json !== true;
  const progress = solveProgress(streams.stderr, showProgress, "roster", flags.workLimit);
  let result: RosterResult;
  try {
    result = await buildRoster(
      schedule,
      schedule.spec!, // needs: ["shiftFile"]: there is one, validated
      {
        agents,
        availability,
        minRestSeconds: flags.minRest * 3600,
        ...(flags.twoDaysOff === true ? { twoConsecutiveDaysOff: true } : {}),
        ...(flags.maxNightShifts === undefined ? {} : { maxNightShiftsWeek: flags.maxNightShifts }),
        ...(groupSkills === undefined ? {} : { groupSkills }),
        ...(keep === undefined ? {} : { keep }),
      },
      solverNamed(flags.solver),
      {
        timeLimitSeconds: flags.timeLimit,
        relativeGap: flags.gap,
        ...(flags.workLimit === undefined ? {} : { workLimit: flags.workLimit }),
        ...(progress.onProgress === undefined ? {} : { onProgress: progress.onProgress }),
      },
    );
  } catch (error) {
    if (error instanceof RangeError) throw new DataError([{ file, message: error.message }]);
    throw error;
  } finally {
    progress.clear();
  }
  // a roster the wall clock stopped may differ between runs (without one, the error says why)
  if (result.stoppedBy === "timeLimit" && result.objective !== null)
    warn(streams.stderr, timeLimitWarning("roster", { ...flags, workLimit: result.workLimit }));
  const segmentsText = formatRosterCsv(result.segments, result.timeZone, {
    group: schedule.shifts.some((s) => s.group !== undefined),
  });
  if (flags.out !== undefined) await writeTextAtomic(flags.out, segmentsText, streams);
  if (flags.json === true) {
    streams.stdout.write(
      formatRosterJson(result, {
        segments: flags.out === undefined,
        changes: keep !== undefined,
      }),
    );
  } else {
    // Segments to stdout keep it a clean CSV: the summary then goes to stderr.
    const toStdout = flags.out === undefined || flags.out === "-";
    if (flags.out === undefined) streams.stdout.write(segmentsText);
    writeRosterSummary(result, toStdout ? streams.stderr : streams.stdout, {
      keep: keep !== undefined,
    });
  }
  if (result.status !== "optimal" && result.status !== "feasible") {
    throw new StaffcastError(
      noResult("roster", result.status, result.explanation, result.stoppedBy),
      EXIT.failure,
    );
  }
}
