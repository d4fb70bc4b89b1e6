/**
 * `staffcast schedule`: shifts with breaks covering a requirement CSV, and
 * `staffcast roster`: those shifts assigned to named agents.
 */
import type { Command } from "commander";
import { InvalidArgumentError, Option } from "commander";
import { csvCell, parseCsv, requireColumns } from "../io/csv.ts";
import { DataError, EXIT, inFile, IssueList, StaffcastError, UsageError } from "../io/errors.ts";
import { inputName, readText, writeTextAtomic, type Streams } from "../io/files.ts";
import { readJson } from "../io/json.ts";
import { identifierProblem } from "../io/identifiers.ts";
import { parseNumberCell } from "../io/interval-table.ts";
import {
  buildRoster,
  buildShiftModel,
  parseScheduleJson,
  parseShiftSpec,
  solveShiftModel,
  solverNamed,
  type Agent,
  type Availability,
  type RequirementPoint,
  type ScheduleResult,
  type Segment,
  type ShiftSpec,
} from "../schedule/index.ts";
import { inferSpacing } from "../time/duration.ts";
import { formatInstantUtc, parseInstant } from "../time/instant.ts";
import { inRange, rangeText, STAFFING_LIMITS } from "../erlang/limits.ts";
import { createZone, formatInstant, parseDay, type Zone } from "../time/zone.ts";
import { count, inside, positiveSecondsUpToADay } from "./flags.ts";
import { style, table, warn } from "./format.ts";

function solverFlag(text: string): string {
  if (text !== "highs" && text !== "js") throw new InvalidArgumentError("expected highs or js.");
  return text;
}

/** A relative gap for people, two significant digits: 2.7e-6 -> "0.00027 %", 0 -> "0 %". */
function gapText(gap: number): string {
  return gap === 0 ? "0 %" : `${Number((100 * gap).toPrecision(2))} %`;
}

/** `--gap`: the relative gap at which the solver may stop. */
function gapOption(): Option {
  return new Option("--gap <f>", "relative gap at which the solver may stop")
    .argParser(gapFlag)
    .default(1e-4, "1e-4");
}

function gapFlag(text: string): number {
  const v = Number(text);
  if (!(v >= 0 && v < 1) || text.trim() === "")
    throw new InvalidArgumentError("expected a fraction in [0, 1).");
  return v;
}

/** Rows further apart than this make the schedule warn: most likely a date typed wrong. */
const SUSPICIOUS_GAP_MS = 28 * 86_400_000;

/**
 * Requirements: `start[,queue],<column>`, summed over queues per interval (0 to 100,000 agents
 * a row). Gaps of four weeks or more between rows are reported on stderr.
 */
async function readRequirements(
  path: string,
  column: string,
  streams: Streams,
): Promise<RequirementPoint[]> {
  const file = inputName(path);
  const t = parseCsv(await readText(path, streams), file);
  const issues = new IssueList();
  const [iStart, iValue] = requireColumns(t, file, ["start", column]) as [number, number];
  const sum = new Map<number, number>();
  const lineOf = new Map<number, number>();
  for (let r = 0; r < t.length; r++) {
    const start = parseInstant(t.cell(r, iStart));
    const value = parseNumberCell(t.cell(r, iValue));
    const at = (c: number, field: string, message: string) => ({
      file,
      line: t.line(r),
      column: c + 1,
      field,
      message,
      value: t.cell(r, c),
    });
    if (typeof start === "string") issues.add(at(iStart, "start", start));
    if (value === undefined || !inRange(value, STAFFING_LIMITS.agents))
      issues.add(at(iValue, column, `expected a number ${rangeText(STAFFING_LIMITS.agents)}`));
    if (typeof start === "number" && value !== undefined) {
      sum.set(start, (sum.get(start) ?? 0) + value);
      if (!lineOf.has(start)) lineOf.set(start, t.line(r));
    }
  }
  issues.throwIfAny(file);
  if (sum.size === 0) throw new DataError([{ file, message: "no requirement rows" }]);
  const starts = [...sum.keys()].sort((a, b) => a - b);
  const grid = inferSpacing(starts);
  if (grid.ok && grid.offGrid.length > 0) {
    for (const t of grid.offGrid)
      issues.add({
        file,
        line: lineOf.get(t)!,
        column: iStart + 1,
        field: "start",
        message: `off the grid of the other rows (every ${grid.spacingMs / 60_000} min): is its time a typo?`,
        value: formatInstantUtc(t),
      });
    issues.throwIfAny(file);
  }
  for (let k = 1; k < starts.length; k++) {
    const gap = starts[k]! - starts[k - 1]!;
    if (gap < SUSPICIOUS_GAP_MS) continue;
    warn(
      streams.stderr,
      `${file}: no rows for ${Math.round(gap / 86_400_000)} days between line ` +
        `${lineOf.get(starts[k - 1]!)!} (${formatInstantUtc(starts[k - 1]!)}) and line ` +
        `${lineOf.get(starts[k]!)!} (${formatInstantUtc(starts[k]!)}): is a date wrong?`,
    );
  }
  return [...sum].map(([startMs, required]) => ({ startMs, required }));
}

/** The shift file: JSON, validated (problems named by field). */
export async function readSpec(
  path: string,
  streams: Streams,
  interval?: number,
): Promise<{ spec: ShiftSpec; raw: unknown }> {
  const raw = await readJson(path, streams);
  return { spec: inFile(inputName(path), () => parseShiftSpec(raw, interval)), raw };
}

interface ScheduleFlags {
  requirements: string;
  shifts: string;
  column: string;
  solver: string;
  timeLimit: number;
  gap: number;
  out?: string;
  json?: boolean;
}

/** Registers `schedule` and `roster`. */
export function registerSchedule(program: Command, streams: Streams): void {
  program
    .command("schedule")
    .summary("shifts with breaks and lunches covering a requirement curve at least cost")
    .description(
      "Chooses how many agents work which shift (template, day, start, length) and when each " +
        "takes its breaks, so that the requirement is covered at least cost: shift cost per " +
        "paid hour + penalties per agent-interval short or over + a cost per distinct shift " +
        "used. Integer programming with HiGHS (or javascript-lp-solver with --solver js). The " +
        "queues' rows are summed per interval.",
    )
    .requiredOption("--requirements <csv>", "requirements: start[,queue],agents (- for stdin)")
    .requiredOption(
      "--shifts <json>",
      "shift file: interval, timeZone, coverage, templates, breaks",
    )
    .option("--column <name>", "requirement column, e.g. fractional_scheduled_agents", "agents")
    .option("--solver <name>", "highs or js", solverFlag, "highs")
    .option(
      "--time-limit <s>",
      "time limit of the solve, seconds (at most 86400)",
      positiveSecondsUpToADay,
      60,
    )
    .addOption(gapOption())
    .option("--out <json>", "write the result JSON here")
    .option("--json", "print the result JSON")
    .addHelpText(
      "after",
      `
JSON: { status, objective, gap, shifts: [{ name, start, end, count, breaks: [{ kind, start, end,
count }] }], coverage: [{ start, required, scheduled }] } plus the shift file as given
("shiftFile", read by staffcast roster). status: optimal (gap <= 1e-6), feasible (a solution,
larger gap), timeLimit, infeasible or error (the solver failed): exit 1, the explanation on stderr.

Examples:
  $ staffcast schedule --requirements requirements.csv --shifts shifts.json --out schedule.json
  $ staffcast schedule --requirements requirements.csv --column fractional_scheduled_agents --shifts shifts.json --json`,
    )
    .action(async (flags: ScheduleFlags) => {
      await runSchedule(flags, streams);
    });

  program
    .command("roster")
    .summary("assign a schedule's shifts to named agents")
    .description(
      "Assigns the shifts of a schedule (staffcast schedule --out) to agents: at most one shift " +
        "a day, a minimum rest between shifts, weekly hours within contract, days off, " +
        "availability, fairness (hours, and late, night and weekend shifts, near each agent's share). Shifts " +
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
    .option("--solver <name>", "highs or js", solverFlag, "highs")
    .option(
      "--time-limit <s>",
      "time limit of the solve, seconds (at most 86400)",
      positiveSecondsUpToADay,
      60,
    )
    .addOption(gapOption())
    .option("--out <csv>", "segments CSV: agent_id,start,end,activity (- for stdout)")
    .option("--json", "print the result JSON (segments, agents, shortfalls)")
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

async function runSchedule(flags: ScheduleFlags, streams: Streams): Promise<void> {
  const requirements = await readRequirements(flags.requirements, flags.column, streams);
  const grid = inferSpacing(requirements.map((r) => r.startMs));
  const spacing = grid.ok ? grid.spacingMs / 60_000 : undefined;
  const { spec, raw } = await readSpec(flags.shifts, streams, spacing);
  const started = performance.now();
  const built = buildShiftModel(requirements, spec);
  const result = await solveShiftModel(built, solverNamed(flags.solver), {
    timeLimitSeconds: flags.timeLimit,
    relativeGap: flags.gap,
    startedAtMs: started,
  });
  const json = `${JSON.stringify({ ...result, shiftFile: raw })}\n`;
  if (flags.out !== undefined) await writeTextAtomic(flags.out, json, streams);
  if (flags.json === true) streams.stdout.write(json);
  else writeScheduleSummary(result, streams);
  if (result.status !== "optimal" && result.status !== "feasible") {
    throw new StaffcastError(noResult("schedule", result.status, result.explanation), EXIT.failure);
  }
}

/**
 * The message of a solve that ended without a schedule or roster (exit 1), worded so that it
 * reads after "error: ", e.g. "no schedule within the time limit: the solver found none in 5 s;
 * ...", "no schedule: the solver stopped with an internal failure (HiGHS: Aborted()); ..." or
 * "infeasible: hard coverage is impossible: ...".
 */
function noResult(
  what: "schedule" | "roster",
  status: "timeLimit" | "infeasible" | "error",
  explanation: string | undefined,
): string {
  if (status === "infeasible") return `infeasible: ${explanation ?? `no ${what} exists`}`;
  if (status === "timeLimit")
    return `no ${what} within the time limit${explanation === undefined ? "" : `: ${explanation}`}`;
  return `no ${what}: ${explanation ?? "the solver failed"}`;
}

/** A gap for people, or "unknown" when no bound was proven (NaN, null in JSON). */
function gapOrUnknown(gap: number | null): string {
  return gap === null || !Number.isFinite(gap) ? "unknown" : gapText(gap);
}

function writeScheduleSummary(result: ScheduleResult, streams: Streams): void {
  const out = streams.stdout as { write(s: string): unknown; isTTY?: boolean };
  if (result.objective === null) return;
  const agents = result.shifts.reduce((a, s) => a + s.count, 0);
  let under = 0;
  let over = 0;
  let need = 0;
  for (const c of result.coverage) {
    under += Math.max(0, c.required - c.scheduled);
    over += Math.max(0, c.scheduled - c.required);
    need += c.required;
  }
  const lines = [
    style("bold", `Schedule: ${result.status}`, out) +
      `, objective ${result.objective.toFixed(2)}, gap ${gapOrUnknown(result.gap)}`,
    `  ${agents} agent-shifts on ${result.shifts.length} distinct shifts`,
    `  short ${under.toFixed(1)} and over ${over.toFixed(1)} agent-intervals (required ${need.toFixed(1)})`,
    "",
  ];
  const rows = [["shift", "start", "end", "agents"]];
  for (const s of result.shifts.slice(0, 40)) rows.push([s.name, s.start, s.end, String(s.count)]);
  lines.push(table(rows, [false, false, false, true]));
  if (result.shifts.length > 40) lines.push(`  ... and ${result.shifts.length - 40} more`);
  streams.stdout.write(`${lines.join("\n")}\n`);
}

interface RosterFlags {
  schedule: string;
  agents: string;
  availability?: string;
  minRest: number;
  twoDaysOff?: boolean;
  maxNightShifts?: number;
  solver: string;
  timeLimit: number;
  gap: number;
  out?: string;
  json?: boolean;
}

/** Agents: agent_id[,skills][,min_hours_week][,max_hours_week][,max_days_week]. */
export async function readAgents(path: string, streams: Streams): Promise<Agent[]> {
  const file = inputName(path);
  const t = parseCsv(await readText(path, streams), file);
  const issues = new IssueList();
  const [iId] = requireColumns(t, file, ["agent_id"]) as [number];
  const cols = {
    skills: t.column("skills"),
    min: t.column("min_hours_week"),
    max: t.column("max_hours_week"),
    days: t.column("max_days_week"),
  };
  const seen = new Set<string>();
  const agents: Agent[] = [];
  for (let r = 0; r < t.length; r++) {
    const id = t.cell(r, iId);
    const bad = (c: number, field: string, message: string): void => {
      issues.add({ file, line: t.line(r), column: c + 1, field, message, value: t.cell(r, c) });
    };
    if (id === "") bad(iId, "agent_id", "expected an id");
    else if (seen.has(id)) bad(iId, "agent_id", "duplicate agent");
    else {
      const problem = identifierProblem(id);
      if (problem !== undefined) bad(iId, "agent_id", problem);
    }
    seen.add(id);
    const num = (c: number, field: string, integer: boolean): number | undefined => {
      if (c < 0 || t.cell(r, c) === "") return undefined;
      const v = parseNumberCell(t.cell(r, c));
      if (v === undefined || v < 0 || (integer && !Number.isInteger(v))) {
        bad(c, field, integer ? "expected a whole number >= 0" : "expected a number >= 0");
        return undefined;
      }
      return v;
    };
    const min = num(cols.min, "min_hours_week", false);
    const max = num(cols.max, "max_hours_week", false);
    const days = num(cols.days, "max_days_week", true);
    if (min !== undefined && max !== undefined && min > max)
      bad(cols.min, "min_hours_week", "exceeds max_hours_week");
    if (days !== undefined && days > 7) bad(cols.days, "max_days_week", "at most 7");
    for (const [c, field, v] of [
      [cols.min, "min_hours_week", min],
      [cols.max, "max_hours_week", max],
    ] as const)
      if (v !== undefined && v > 168) bad(c, field, "at most 168 (the hours of a week)");
    const skills =
      cols.skills >= 0 && t.cell(r, cols.skills) !== ""
        ? t.cell(r, cols.skills).split(/[;|]/)
        : undefined;
    for (const skill of skills ?? []) {
      const problem = identifierProblem(skill);
      if (problem !== undefined) bad(cols.skills, "skills", `"${skill}" ${problem}`);
    }
    agents.push({
      id,
      ...(skills === undefined ? {} : { skills }),
      ...(min === undefined ? {} : { minHoursWeek: min }),
      ...(max === undefined ? {} : { maxHoursWeek: max }),
      ...(days === undefined ? {} : { maxDaysWeek: days }),
    });
  }
  issues.throwIfAny(file);
  return agents;
}

/** Availability: agent_id,date[,available_from,available_to]. */
export async function readAvailability(
  path: string,
  streams: Streams,
  agents: ReadonlySet<string>,
): Promise<Availability[]> {
  const file = inputName(path);
  const t = parseCsv(await readText(path, streams), file);
  const issues = new IssueList();
  const [iId, iDate] = requireColumns(t, file, ["agent_id", "date"]) as [number, number];
  const [iFrom, iTo] = [t.column("available_from"), t.column("available_to")];
  const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  const out: Availability[] = [];
  for (let r = 0; r < t.length; r++) {
    const bad = (c: number, field: string, message: string): void => {
      issues.add({ file, line: t.line(r), column: c + 1, field, message, value: t.cell(r, c) });
    };
    const id = t.cell(r, iId);
    if (!agents.has(id)) bad(iId, "agent_id", "not in the agents file");
    const date = t.cell(r, iDate);
    const day = parseDay(date);
    if (typeof day === "string") bad(iDate, "date", day);
    const from = iFrom >= 0 ? t.cell(r, iFrom) : "";
    const to = iTo >= 0 ? t.cell(r, iTo) : "";
    if (from !== "" && !HHMM.test(from)) bad(iFrom, "available_from", "expected a time HH:MM");
    if (to !== "" && !HHMM.test(to)) bad(iTo, "available_to", "expected a time HH:MM");
    if (from !== "" && to !== "" && to <= from)
      bad(iTo, "available_to", "must be after available_from");
    out.push({
      agentId: id,
      date,
      ...(from === "" ? {} : { from }),
      ...(to === "" ? {} : { to }),
    });
  }
  issues.throwIfAny(file);
  return out;
}

async function runRoster(flags: RosterFlags, streams: Streams): Promise<void> {
  if (flags.out === "-" && flags.json === true) {
    throw new UsageError("--out - and --json would both write to stdout");
  }
  const raw = await readJson(flags.schedule, streams);
  const file = inputName(flags.schedule);
  const schedule = inFile(file, () => parseScheduleJson(raw, { needs: ["shiftFile"] }));
  let spec: ShiftSpec;
  try {
    spec = parseShiftSpec(schedule.shiftFile);
  } catch (error) {
    if (error instanceof DataError)
      throw new DataError(
        error.issues.map((i) => ({ ...i, file, field: `shiftFile.${i.field ?? ""}` })),
      );
    throw error;
  }
  const agents = await readAgents(flags.agents, streams);
  const availability =
    flags.availability === undefined
      ? []
      : await readAvailability(flags.availability, streams, new Set(agents.map((a) => a.id)));
  let result;
  try {
    result = await buildRoster(
      schedule,
      spec,
      {
        agents,
        availability,
        minRestHours: flags.minRest,
        ...(flags.twoDaysOff === true ? { twoConsecutiveDaysOff: true } : {}),
        ...(flags.maxNightShifts === undefined ? {} : { maxNightShiftsWeek: flags.maxNightShifts }),
      },
      solverNamed(flags.solver),
      { timeLimitSeconds: flags.timeLimit, relativeGap: flags.gap },
    );
  } catch (error) {
    if (error instanceof RangeError) throw new DataError([{ file, message: error.message }]);
    throw error;
  }
  const zone = createZone(spec.timeZone);
  const segmentsText = segmentsCsv(result.segments, zone);
  if (flags.out !== undefined) await writeTextAtomic(flags.out, segmentsText, streams);
  if (flags.json === true) {
    streams.stdout.write(
      `${JSON.stringify({
        status: result.status,
        objective: result.objective,
        gap: result.gap,
        // durations in seconds, as every output of staffcast
        agents: result.agents.map((a) => ({
          agentId: a.agentId,
          shifts: a.shifts,
          days: a.days,
          paidSeconds: a.paidHours * 3600,
          belowMinimumSeconds: a.hoursShort * 3600,
          nightShifts: a.nightShifts,
          unsocialShifts: a.unsocialShifts,
        })),
        shortfalls: result.shortfalls,
        ...(flags.out === undefined
          ? {
              segments: result.segments.map((s) => ({
                agentId: s.agentId,
                start: formatInstant(s.startMs, zone),
                end: formatInstant(s.endMs, zone),
                activity: s.activity,
              })),
            }
          : {}),
        ...(result.explanation === undefined ? {} : { explanation: result.explanation }),
      })}\n`,
    );
  } else {
    // Segments to stdout keep it a clean CSV: the summary then goes to stderr.
    const toStdout = flags.out === undefined || flags.out === "-";
    if (flags.out === undefined) streams.stdout.write(segmentsText);
    const summary = toStdout ? streams.stderr : streams.stdout;
    const rows = [["agent", "shifts", "days", "paid h", "h short", "nights", "unsocial"]];
    for (const a of result.agents) {
      rows.push([
        a.agentId,
        String(a.shifts),
        String(a.days),
        a.paidHours.toFixed(1),
        a.hoursShort.toFixed(1),
        String(a.nightShifts),
        String(a.unsocialShifts),
      ]);
    }
    const missing = result.shortfalls.reduce((s, f) => s + f.missing, 0);
    summary.write(
      `Roster: ${result.status}${result.objective === null ? "" : `, gap ${gapOrUnknown(result.gap)}`}; ${missing} agent-shifts unfilled\n${table(
        rows,
        rows[0]!.map((_, i) => i > 0),
      )}\n`,
    );
  }
  if (result.status !== "optimal" && result.status !== "feasible") {
    throw new StaffcastError(noResult("roster", result.status, result.explanation), EXIT.failure);
  }
}

/**
 * Roster segments as CSV, `agent_id,start,end,activity`: what the adherence engine reads
 * (`staffcast roster` and `staffcast plan` write it).
 */
export function segmentsCsv(segments: readonly Segment[], zone: Zone): string {
  const lines = ["agent_id,start,end,activity"];
  for (const s of segments) {
    lines.push(
      `${csvCell(s.agentId)},${formatInstant(s.startMs, zone)},${formatInstant(s.endMs, zone)},${s.activity}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
