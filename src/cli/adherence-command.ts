/**
 * `staffcast adherence` (historical, per agent and day) and `staffcast adherence watch` (real
 * time: NDJSON events on stdin, NDJSON alerts on stdout).
 */
import type { Command } from "commander";
import { Option } from "commander";
import {
  computeAdherence,
  createAdherenceMonitor,
  parseRules,
  type AdherenceMonitor,
  type AdherenceReport,
  type AdherenceRules,
  type ApprovedSpan,
  type MonitorAlert,
  type ScheduleSegment,
  type StateEvent,
} from "../adherence/index.ts";
import { csvCell, csvNumber, parseCsv, requireColumns, type CsvTable } from "../io/csv.ts";
import { DataError, inFile, IssueList, UsageError, type DataIssue } from "../io/errors.ts";
import { readJson } from "../io/json.ts";
import { inputName, readText, writeTextAtomic, type Streams } from "../io/files.ts";
import { identifierProblem } from "../io/identifiers.ts";
import { DEFAULT_MAX_LINE_BYTES, readLines, type LineRead } from "../io/lines.ts";
import { parseInstant } from "../time/instant.ts";
import { formatInstant, type Zone } from "../time/zone.ts";
import { positiveSecondsUpToADay, secondsUpToADay } from "./flags.ts";
import { zoneFlag } from "./time-flags.ts";
import { pct, table, warn } from "./format.ts";

/**
 * The `agent_id,start,end` cells of record `r` (columns `[iId, iStart, iEnd]`), each bad cell
 * reported through `bad`; times undefined where they do not parse.
 */
function spanOf(
  t: CsvTable,
  r: number,
  [iId, iStart, iEnd]: readonly number[],
  bad: (column: number, field: string, message: string) => void,
): { agentId: string; startMs: number | undefined; endMs: number | undefined } {
  const agentId = t.cell(r, iId!);
  if (agentId === "") bad(iId!, "agent_id", "expected an id");
  else {
    const problem = identifierProblem(agentId);
    if (problem !== undefined) bad(iId!, "agent_id", problem);
  }
  const start = parseInstant(t.cell(r, iStart!));
  if (typeof start === "string") bad(iStart!, "start", start);
  const end = parseInstant(t.cell(r, iEnd!));
  if (typeof end === "string") bad(iEnd!, "end", end);
  return {
    agentId,
    startMs: typeof start === "number" ? start : undefined,
    endMs: typeof end === "number" ? end : undefined,
  };
}

/** Schedule segments `agent_id,start,end,activity`, with each row's line for later errors. */
async function readSchedule(
  path: string,
  streams: Streams,
): Promise<{
  segments: ScheduleSegment[];
  lines: Int32Array;
  file: string;
  column: Map<string, number>;
}> {
  const file = inputName(path);
  const t = parseCsv(await readText(path, streams), file);
  const cols = requireColumns(t, file, ["agent_id", "start", "end", "activity"]);
  const [iId, iStart, iEnd, iAct] = cols as [number, number, number, number];
  const issues = new IssueList();
  const segments: ScheduleSegment[] = [];
  const lines = new Int32Array(t.length);
  for (let r = 0; r < t.length; r++) {
    const bad = (c: number, field: string, message: string): void => {
      issues.add({ file, line: t.line(r), column: c + 1, field, message, value: t.cell(r, c) });
    };
    const { agentId, startMs, endMs } = spanOf(t, r, cols, bad);
    const activity = t.cell(r, iAct);
    if (activity === "") bad(iAct, "activity", "expected an activity code");
    else {
      const problem = identifierProblem(activity);
      if (problem !== undefined) bad(iAct, "activity", problem);
    }
    lines[segments.length] = t.line(r);
    segments.push({ agentId, startMs: startMs ?? 0, endMs: endMs ?? 0, activity });
  }
  issues.throwIfAny(file);
  return {
    segments,
    lines,
    file,
    column: new Map([
      ["agent_id", iId + 1],
      ["start", iStart + 1],
      ["end", iEnd + 1],
      ["activity", iAct + 1],
    ]),
  };
}

/** Places the library's row-located schedule issues at their file, line and column. */
function locate(
  error: unknown,
  where: { file: string; lines: Int32Array; column: Map<string, number> },
): never {
  if (error instanceof DataError) {
    throw new DataError(
      error.issues.map((i): DataIssue => {
        const column = i.field === undefined ? undefined : where.column.get(i.field);
        return {
          ...i,
          file: where.file,
          ...(i.row === undefined ? {} : { line: where.lines[i.row]! }),
          ...(column === undefined ? {} : { column }),
        };
      }),
    );
  }
  throw error;
}

async function readRules(path: string | undefined, streams: Streams): Promise<AdherenceRules> {
  if (path === undefined) return parseRules({});
  const raw = await readJson(path, streams);
  return inFile(inputName(path), () => parseRules(raw));
}

/** One event from NDJSON fields or CSV cells; a message when it is bad. */
function eventOf(
  fields: {
    agent_id?: unknown;
    time?: unknown;
    state?: unknown;
    reason?: unknown;
    event_id?: unknown;
  },
  line: number,
): StateEvent | { field: string; message: string; value?: string } {
  const text = (v: unknown): string | undefined =>
    typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
  const agentId = text(fields.agent_id);
  if (agentId === undefined || agentId === "")
    return { field: "agent_id", message: "expected an id" };
  const problem = identifierProblem(agentId);
  if (problem !== undefined) return { field: "agent_id", message: problem, value: agentId };
  const timeText = text(fields.time);
  if (timeText === undefined) return { field: "time", message: "missing" };
  const time = parseInstant(timeText);
  if (typeof time === "string") return { field: "time", message: time, value: timeText };
  const state = text(fields.state);
  if (state === undefined || state === "") return { field: "state", message: "expected a state" };
  const reason = text(fields.reason);
  const eventId = text(fields.event_id);
  return {
    agentId,
    timeMs: time,
    state,
    line,
    ...(reason === undefined || reason === "" ? {} : { reason }),
    ...(eventId === undefined || eventId === "" ? {} : { eventId }),
  };
}

/** Events from CSV or NDJSON (by extension, else by the first character). */
async function readEvents(path: string, streams: Streams): Promise<StateEvent[]> {
  const file = inputName(path);
  const text = await readText(path, streams);
  const ndjson =
    /\.(ndjson|jsonl)$/i.test(path) ||
    (!/\.csv$/i.test(path) && /^\s*\{/.test(text.slice(0, 1000)));
  const issues = new IssueList();
  const events: StateEvent[] = [];
  if (ndjson) {
    let line = 0;
    let pos = 0;
    while (pos < text.length) {
      let end = text.indexOf("\n", pos);
      if (end < 0) end = text.length;
      line++;
      const raw = text.slice(pos, end).trim();
      pos = end + 1;
      if (raw === "") continue;
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch (error) {
        issues.add({ file, line, message: `not valid JSON: ${(error as Error).message}` });
        continue;
      }
      if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
        issues.add({ file, line, message: "expected a JSON object" });
        continue;
      }
      const e = eventOf(obj, line);
      if ("field" in e) issues.add({ file, line, ...e });
      else events.push(e);
    }
  } else {
    const t = parseCsv(text, file);
    const [iId, iTime, iState] = requireColumns(t, file, ["agent_id", "time", "state"]) as [
      number,
      number,
      number,
    ];
    const iReason = t.column("reason");
    const iEvent = t.column("event_id");
    const col = new Map([
      ["agent_id", iId],
      ["time", iTime],
      ["state", iState],
    ]);
    for (let r = 0; r < t.length; r++) {
      const e = eventOf(
        {
          agent_id: t.cell(r, iId),
          time: t.cell(r, iTime),
          state: t.cell(r, iState),
          ...(iReason < 0 ? {} : { reason: t.cell(r, iReason) }),
          ...(iEvent < 0 ? {} : { event_id: t.cell(r, iEvent) }),
        },
        t.line(r),
      );
      if ("field" in e) issues.add({ file, line: t.line(r), column: col.get(e.field)! + 1, ...e });
      else events.push(e);
    }
  }
  issues.throwIfAny(file);
  return events;
}

async function readApproved(path: string, streams: Streams): Promise<ApprovedSpan[]> {
  const file = inputName(path);
  const t = parseCsv(await readText(path, streams), file);
  const cols = requireColumns(t, file, ["agent_id", "start", "end"]);
  const iEnd = cols[2]!;
  const iReason = t.column("reason");
  const issues = new IssueList();
  const out: ApprovedSpan[] = [];
  for (let r = 0; r < t.length; r++) {
    const bad = (c: number, field: string, message: string): void => {
      issues.add({ file, line: t.line(r), column: c + 1, field, message, value: t.cell(r, c) });
    };
    const { agentId, startMs, endMs } = spanOf(t, r, cols, bad);
    if (startMs === undefined || endMs === undefined) continue;
    if (endMs <= startMs) bad(iEnd, "end", "the end is not after the start");
    const reason = iReason >= 0 ? t.cell(r, iReason) : "";
    out.push({ agentId, startMs, endMs, ...(reason === "" ? {} : { reason }) });
  }
  issues.throwIfAny(file);
  return out;
}

interface AdherenceFlags {
  schedule?: string;
  events?: string;
  rules?: string;
  threshold: number;
  startTolerance: number;
  endTolerance: number;
  approved?: string;
  countOutsideWork?: boolean;
  tz?: string;
  out?: string;
  json?: boolean;
}

interface WatchFlags {
  schedule: string;
  rules?: string;
  alarmAfter: number;
  lateness: number;
  clock: "events" | "wall";
  tz?: string;
}

/** Registers `adherence` and `adherence watch`. */
export function registerAdherence(program: Command, streams: Streams): void {
  const adherence = program
    .command("adherence")
    .enablePositionalOptions()
    .summary("adherence and conformance per agent and day, from agent state events")
    .description(
      "Compares what agents did (state events: agent_id,time,state[,reason][,event_id], CSV " +
        "or NDJSON) with the schedule (agent_id,start,end,activity, as staffcast roster writes " +
        "it). Per agent and day: seconds in, out of and neutral to adherence, adherence = in / " +
        "(scheduled - neutral), conformance = working seconds / scheduled onQueue seconds, and " +
        "the exceptions. `staffcast adherence watch` does it in real time.",
    )
    // required, but checked by the action: commander would demand them of `watch` too
    .option("--schedule <csv>", "schedule segments: agent_id,start,end,activity (required)")
    .option("--events <file>", "state events, CSV or NDJSON, - for stdin (required)")
    .option("--rules <json>", "rules file: activities, states, workingStates, rules")
    .option("--threshold <s>", "exceptions shorter than this count as in", secondsUpToADay, 0)
    .option("--start-tolerance <s>", "grace after each activity starts", secondsUpToADay, 0)
    .option("--end-tolerance <s>", "grace before each activity ends", secondsUpToADay, 0)
    .option("--approved <csv>", "supervisor-approved spans (neutral): agent_id,start,end[,reason]")
    .option("--count-outside-work", "working outside scheduled time is out of adherence")
    .option("--tz <zone>", "IANA zone of agent-day dates and output times (default UTC)")
    .option("--out <csv>", "one row per agent-day (- for stdout)")
    .option("--json", "print the result JSON")
    .addHelpText(
      "after",
      `
JSON: { agents: [{ agentId, date, scheduledSeconds, inSeconds, outSeconds, neutralSeconds,
adherence, conformance, exceptions: [{ start, end, activity, state, seconds }] }],
totals: { scheduledSeconds, inSeconds, outSeconds, adherence }, warnings: [{ code, message,
agentId?, line? }] } (fractions 0..1; null where undefined).
CSV: agent_id,date,scheduled_s,in_s,out_s,neutral_s,adherence,conformance,exceptions

Examples:
  $ staffcast adherence --schedule segments.csv --events states.csv --json
  $ staffcast adherence --schedule segments.csv --events states.ndjson --threshold 60 --tz Europe/Berlin --out adherence.csv
  $ tail -f states.ndjson | staffcast adherence watch --schedule segments.csv --clock wall`,
    )
    .action(async (flags: AdherenceFlags) => {
      await runAdherence(flags, streams);
    });

  adherence
    .command("watch")
    .summary("real-time adherence: NDJSON events on stdin, NDJSON alerts on stdout")
    .description(
      "Reads state events as NDJSON lines on stdin ({ agent_id, time, state, reason?, " +
        "event_id? }; CSV is refused) and writes alerts as NDJSON lines on stdout: { type: " +
        "outOfAdherence | backInAdherence | outOfAdherenceEnded | warning, agentId, at, since, " +
        "activity, state, seconds, reason? }. An agent out of adherence for --alarm-after " +
        "seconds raises outOfAdherence, and backInAdherence when back while still scheduled; " +
        "when the schedule ends while the agent is still out, outOfAdherenceEnded (reason: " +
        "scheduleEnded). Schedule boundaries are re-evaluated without waiting for events. With " +
        "--clock wall, what ended before the start raises no alerts, and an agent scheduled at " +
        "the start is out of adherence at the earliest since the start. An event " +
        "more than --lateness ahead of the clock (a device with a wrong clock) is not applied " +
        "and is reported as a futureEvent warning; with --clock events, events of two agents " +
        "after a quiet period confirm the jump (clockJump warning).",
    )
    .requiredOption("--schedule <csv>", "schedule segments: agent_id,start,end,activity")
    .option("--rules <json>", "rules file")
    .option(
      "--alarm-after <s>",
      "seconds out of adherence before an alert",
      positiveSecondsUpToADay,
      300,
    )
    .option(
      "--lateness <s>",
      "events up to this far behind the clock drive alerts; events further ahead wait or are dropped",
      secondsUpToADay,
      900,
    )
    .addOption(
      new Option(
        "--clock <kind>",
        "events: time is the latest event time (replays, busy feeds); wall: the machine clock, checked every second",
      )
        .choices(["events", "wall"])
        .default("events"),
    )
    .option("--tz <zone>", "IANA zone of output times (default UTC)")
    .addHelpText(
      "after",
      `
Examples:
  $ tail -f states.ndjson | staffcast adherence watch --schedule segments.csv --clock wall
  $ staffcast adherence watch --schedule segments.csv --alarm-after 120 < yesterday.ndjson`,
    )
    .action(async (flags: WatchFlags) => {
      await runWatch(flags, streams);
    });
}

function iso(ms: number, zone: Zone): string {
  return formatInstant(ms, zone);
}

async function runAdherence(flags: AdherenceFlags, streams: Streams): Promise<void> {
  for (const [value, name] of [
    [flags.schedule, "--schedule <csv>"],
    [flags.events, "--events <file>"],
  ] as const) {
    if (value === undefined) throw new UsageError(`required option '${name}' not specified`);
  }
  const zone = zoneFlag(flags.tz, streams.stderr);
  const rules = await readRules(flags.rules, streams);
  const schedule = await readSchedule(flags.schedule!, streams);
  const events = await readEvents(flags.events!, streams);
  const approved = flags.approved === undefined ? [] : await readApproved(flags.approved, streams);
  let report: AdherenceReport;
  try {
    report = computeAdherence(schedule.segments, events, {
      rules,
      thresholdSeconds: flags.threshold,
      startToleranceSeconds: flags.startTolerance,
      endToleranceSeconds: flags.endTolerance,
      countOutsideWork: flags.countOutsideWork === true,
      approved,
      timeZone: zone.name,
    });
  } catch (error) {
    locate(error, schedule);
  }
  const eventsFile = inputName(flags.events!);
  const warnings = report.warnings.map((w) => ({
    ...w,
    ...(w.line === undefined ? {} : { file: eventsFile }),
  }));
  if (flags.out !== undefined) {
    const rows = [
      "agent_id,date,scheduled_s,in_s,out_s,neutral_s,adherence,conformance,exceptions",
      ...report.agents.map((d) =>
        [
          csvCell(d.agentId),
          d.date,
          csvNumber(d.scheduledSeconds),
          csvNumber(d.inSeconds),
          csvNumber(d.outSeconds),
          csvNumber(d.neutralSeconds),
          csvNumber(d.adherence),
          csvNumber(d.conformance),
          String(d.exceptions.length),
        ].join(","),
      ),
    ];
    await writeTextAtomic(flags.out, `${rows.join("\n")}\n`, streams);
  }
  if (flags.json === true) {
    const json = {
      agents: report.agents.map((d) => ({
        agentId: d.agentId,
        date: d.date,
        scheduledSeconds: d.scheduledSeconds,
        inSeconds: d.inSeconds,
        outSeconds: d.outSeconds,
        neutralSeconds: d.neutralSeconds,
        adherence: d.adherence,
        conformance: d.conformance,
        exceptions: d.exceptions.map((x) => ({
          start: iso(x.startMs, zone),
          end: iso(x.endMs, zone),
          activity: x.activity,
          state: x.state,
          seconds: x.seconds,
        })),
      })),
      totals: {
        scheduledSeconds: report.totals.scheduledSeconds,
        inSeconds: report.totals.inSeconds,
        outSeconds: report.totals.outSeconds,
        adherence: report.totals.adherence,
      },
      warnings: report.warnings,
    };
    streams.stdout.write(`${JSON.stringify(json)}\n`);
  } else {
    for (const w of warnings) {
      const where = w.line === undefined ? "" : `${eventsFile}:${w.line}: `;
      warn(streams.stderr, `${where}${w.message}`);
    }
    if (flags.out !== "-") writeHuman(report, streams);
  }
}

function writeHuman(report: AdherenceReport, streams: Streams): void {
  const h = (s: number): string => (s / 3600).toFixed(2);
  const rate = (v: number | null): string => (v === null ? "-" : pct(v));
  const rows = [
    [
      "agent",
      "date",
      "sched h",
      "in h",
      "out h",
      "neutral h",
      "adherence",
      "conformance",
      "exceptions",
    ],
  ];
  for (const d of report.agents) {
    rows.push([
      d.agentId,
      d.date,
      h(d.scheduledSeconds),
      h(d.inSeconds),
      h(d.outSeconds),
      h(d.neutralSeconds),
      rate(d.adherence),
      rate(d.conformance),
      String(d.exceptions.length),
    ]);
  }
  const t = report.totals;
  rows.push([
    "total",
    "",
    h(t.scheduledSeconds),
    h(t.inSeconds),
    h(t.outSeconds),
    h(t.neutralSeconds),
    rate(t.adherence),
    "",
    String(report.agents.reduce((a, d) => a + d.exceptions.length, 0)),
  ]);
  streams.stdout.write(
    `${table(
      rows,
      rows[0]!.map((_, i) => i >= 2),
    )}\n`,
  );
}

function alertJson(a: MonitorAlert, zone: Zone): string {
  return JSON.stringify({
    type: a.type,
    ...(a.agentId === undefined ? {} : { agentId: a.agentId }),
    at: iso(a.atMs, zone),
    ...(a.sinceMs === undefined ? {} : { since: iso(a.sinceMs, zone) }),
    ...(a.activity === undefined ? {} : { activity: a.activity }),
    ...(a.state === undefined ? {} : { state: a.state }),
    ...(a.seconds === undefined ? {} : { seconds: a.seconds }),
    ...(a.reason === undefined ? {} : { reason: a.reason }),
    ...(a.code === undefined ? {} : { code: a.code }),
    ...(a.message === undefined ? {} : { message: a.message }),
    ...(a.line === undefined ? {} : { line: a.line }),
  });
}

/**
 * `adherence watch`: NDJSON events from stdin into the monitor, its alerts to stdout as NDJSON.
 * Stdin is read a line at a time, and not further while stdout is not draining (a stalled
 * consumer stops the reading instead of piling alerts up in memory). At the end of stdin the
 * monitor is closed: events from the future it still holds are reported (`futureEvent`).
 *
 * @throws DataError when the first non-empty line is CSV, not NDJSON (see {@link refuseCsv})
 */
async function runWatch(flags: WatchFlags, streams: Streams): Promise<void> {
  const zone = zoneFlag(flags.tz, streams.stderr);
  const rules = await readRules(flags.rules, streams);
  const schedule = await readSchedule(flags.schedule, streams);
  let monitor;
  try {
    monitor = createAdherenceMonitor({
      schedule: schedule.segments,
      rules,
      alarmAfterSeconds: flags.alarmAfter,
      allowedLatenessSeconds: flags.lateness,
      timeZone: zone.name,
      ...(flags.clock === "wall" ? { clock: () => Date.now() } : {}),
    });
  } catch (error) {
    locate(error, schedule);
  }
  const { stdout } = streams;
  /** While stdout's buffer is full (a write returned false): settles on its "drain". */
  let full: Promise<void> | undefined;
  const write = (alerts: readonly MonitorAlert[]): void => {
    for (const a of alerts) {
      const taken = stdout.write(`${alertJson(a, zone)}\n`);
      if (taken === false && full === undefined && stdout.once !== undefined) {
        full = new Promise<void>((resolve) => {
          stdout.once?.("drain", () => {
            full = undefined;
            resolve();
          });
        });
      }
    }
  };
  const timer =
    flags.clock === "wall"
      ? setInterval(() => {
          write(monitor.advance());
        }, 1000)
      : undefined;
  try {
    /** The first non-empty line has been seen (and was not CSV). */
    let started = false;
    for await (const read of readLines(streams.stdin)) {
      if (!started && (read.tooLong || read.text.trim() !== "")) {
        started = true;
        refuseCsv(read);
      }
      write(lineAlerts(read, monitor));
      // the next line is pulled only once stdout has taken what this one wrote
      if (full !== undefined) await full;
    }
    write(monitor.close());
  } finally {
    if (timer !== undefined) clearInterval(timer);
  }
}

/**
 * Refuses a CSV feed: `adherence watch` reads NDJSON, and CSV would give a `badEvent` warning a
 * line. A first non-empty line that does not start with `{`, is not JSON and holds a comma (a
 * header such as `agent_id,time,state`, or a first CSV record) is CSV.
 *
 * @param read - the first non-empty line of the input
 * @throws DataError naming `<stdin>` and the line, with a hint
 */
function refuseCsv(read: LineRead): void {
  if (read.tooLong) return;
  const text = read.text.trim();
  if (text.startsWith("{") || !text.includes(",")) return;
  try {
    JSON.parse(text);
    return; // JSON, if not an object: a bad line like any other
  } catch {
    // not JSON: CSV
  }
  throw new DataError([
    {
      file: "<stdin>",
      line: read.line,
      message:
        "this looks like CSV, not NDJSON: adherence watch reads NDJSON events, one JSON object " +
        'a line ({"agent_id":...,"time":...,"state":...}); for a CSV file use staffcast ' +
        "adherence --events <file>",
      value: text,
    },
  ]);
}

/** The alerts of one line of `adherence watch`'s input: the monitor's, or a bad line's. */
function lineAlerts(read: LineRead, monitor: AdherenceMonitor): MonitorAlert[] {
  const { line } = read;
  if (read.tooLong)
    return [
      badLine(
        line,
        `longer than ${DEFAULT_MAX_LINE_BYTES / 1_048_576} MiB: skipped`,
        monitor.now(),
      ),
    ];
  const text = read.text.trim();
  if (text === "") return [];
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (error) {
    return [badLine(line, `not valid JSON: ${(error as Error).message}`, monitor.now())];
  }
  if (typeof obj !== "object" || obj === null || Array.isArray(obj))
    return [badLine(line, "expected a JSON object", monitor.now())];
  const e = eventOf(obj, line);
  if ("field" in e) return [badLine(line, `${e.field}: ${e.message}`, monitor.now())];
  return monitor.ingest(e);
}

function badLine(line: number, message: string, now: number): MonitorAlert {
  return {
    type: "warning",
    code: "badEvent",
    atMs: Number.isFinite(now) ? now : Date.now(),
    message: `line ${line}: ${message}`,
    line,
  };
}
