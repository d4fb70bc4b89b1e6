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
  readScheduleJson,
  rosterGroupSkills,
  routingScheduleGroups,
  shiftGroupOptions,
  solverNamed,
  type Agent,
  type RosterResult,
  type ScheduleResult,
} from "../schedule/index.ts";
import { readRoutingFile } from "../erlang/index.ts";
import { count, inside } from "./flags.ts";
import { table, warn } from "./format.ts";
import { addSolverOptions, gapOrUnknown, noResult, type SolverFlags } from "./solver-flags.ts";

interface RosterFlags extends SolverFlags, DialectFlags {
  schedule: string;
  agents: string;
  availability?: string;
  minRest: number;
  twoDaysOff?: boolean;
  maxNightShifts?: number;
  routing?: string;
  out?: string;
  json?: boolean;
}

import { addDialectFlags, readOptionsFor, type DialectFlags } from "./dialect-flags.ts";
import type { ReadOptions } from "../io/read-input.ts";
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
    );
  addSolverOptions(cmd)
    .option("--out <csv>", "segments CSV: agent_id,start,end,activity (- for stdout)")
    .option("--json", "print the result JSON (segments, agents, shortfalls)");
  addDialectFlags(cmd, ROSTER_INPUTS)
    .addHelpText(
      "after",
      `
Examples:
  $ staffcast roster --schedule schedule.json --agents agents.csv --out segments.csv
  $ staffcast roster --schedule schedule.json --agents agents.csv --availability off.csv --two-days-off --json`,
    )
    .action(async (flags: RosterFlags) => {
      await runRoster(flags, streams);
    });
}

/** The CSV inputs of `roster`, the primary first (for the dialect flags). */
const ROSTER_INPUTS = ["agents", "availability"];

async function runRoster(flags: RosterFlags, streams: Streams): Promise<void> {
  if (flags.out === "-" && flags.json === true) {
    throw new UsageError("--out - and --json would both write to stdout");
  }
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
      },
      solverNamed(flags.solver),
      { timeLimitSeconds: flags.timeLimit, relativeGap: flags.gap },
    );
  } catch (error) {
    if (error instanceof RangeError) throw new DataError([{ file, message: error.message }]);
    throw error;
  }
  const segmentsText = formatRosterCsv(result.segments, result.timeZone, {
    group: schedule.shifts.some((s) => s.group !== undefined),
  });
  if (flags.out !== undefined) await writeTextAtomic(flags.out, segmentsText, streams);
  if (flags.json === true) {
    streams.stdout.write(formatRosterJson(result, { segments: flags.out === undefined }));
  } else {
    // Segments to stdout keep it a clean CSV: the summary then goes to stderr.
    const toStdout = flags.out === undefined || flags.out === "-";
    if (flags.out === undefined) streams.stdout.write(segmentsText);
    writeRosterSummary(result, toStdout ? streams.stderr : streams.stdout);
  }
  if (result.status !== "optimal" && result.status !== "feasible") {
    throw new StaffcastError(noResult("roster", result.status, result.explanation), EXIT.failure);
  }
}

/** What the skill rule cannot do with these inputs, in words. */
function skillWarnings(
  schedule: ScheduleResult,
  agents: readonly Agent[],
  given: Readonly<Record<string, readonly string[]>> | undefined,
): string[] {
  const skills = rosterGroupSkills(schedule, given);
  const groups = [
    ...new Set(schedule.shifts.flatMap((s) => (s.group === undefined ? [] : [s.group]))),
  ];
  const unknown = groups.filter((g) => !Object.hasOwn(skills, g));
  const warnings: string[] = [];
  if (unknown.length > 0)
    warnings.push(
      `the queues of group ${unknown.join(", ")} are unknown (neither in the schedule's groups nor in --routing): any agent may work its shifts`,
    );
  if (unknown.length < groups.length && agents.every((a) => (a.skills ?? []).length === 0))
    warnings.push("no agent has skills: every shift of a group with queues is left unfilled");
  return warnings;
}

function writeRosterSummary(result: RosterResult, out: { write(s: string): unknown }): void {
  const hours = (seconds: number): string => (seconds / 3600).toFixed(1);
  const rows = [["agent", "shifts", "days", "paid h", "h short", "nights", "unsocial"]];
  for (const a of result.agents) {
    rows.push([
      a.agentId,
      String(a.shifts),
      String(a.days),
      hours(a.paidSeconds),
      hours(a.belowMinimumSeconds),
      String(a.nightShifts),
      String(a.unsocialShifts),
    ]);
  }
  const missing = result.shortfalls.reduce((s, f) => s + f.missing, 0);
  out.write(
    `Roster: ${result.status}${result.objective === null ? "" : `, gap ${gapOrUnknown(result.gap)}`}; ${missing} agent-shifts unfilled\n${table(
      rows,
      rows[0]!.map((_, i) => i > 0),
    )}\n`,
  );
}
