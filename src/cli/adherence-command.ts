/**
 * `staffcast adherence` (historical, per agent and day) and `staffcast adherence watch` (real
 * time: NDJSON events on stdin, NDJSON alerts on stdout): their flags and help. The actions are
 * in adherence-report.ts and adherence-watch.ts.
 */
import type { Command } from "commander";
import { Option } from "commander";
import type { Streams } from "../io/files.ts";
import { ADHERENCE_INPUTS, runAdherence, type AdherenceFlags } from "./adherence-report.ts";
import { runWatch, type WatchFlags } from "./adherence-watch.ts";
import { eventsFormatOption } from "./events-format.ts";
import { positiveSecondsUpToADay, secondsUpToADay } from "./flags.ts";

import { addDialectFlags } from "./dialect-flags.ts";
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
    .addOption(eventsFormatOption("--events"))
    .option("--rules <json>", "rules file: activities, states, workingStates, rules")
    .option("--threshold <s>", "exceptions shorter than this count as in", secondsUpToADay, 0)
    .option("--start-tolerance <s>", "grace after each activity starts", secondsUpToADay, 0)
    .option("--end-tolerance <s>", "grace before each activity ends", secondsUpToADay, 0)
    .option("--approved <csv>", "supervisor-approved spans (neutral): agent_id,start,end[,reason]")
    .option("--count-outside-work", "working outside scheduled time is out of adherence")
    .option("--tz <zone>", "IANA zone of agent-day dates and output times (default UTC)")
    .option("--out <csv>", "one row per agent-day (- for stdout)")
    .option("--json", "print the result JSON");
  addDialectFlags(adherence, ADHERENCE_INPUTS)
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
  $ staffcast adherence --schedule segments.csv --events agent-events.ndjson --events-format amazon-connect
  $ tail -f states.ndjson | staffcast adherence watch --schedule segments.csv --clock wall`,
    )
    .action(async (flags: AdherenceFlags) => {
      await runAdherence(flags, streams);
    });

  const watch = adherence
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
    .addOption(eventsFormatOption("stdin's events"))
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
    .option("--tz <zone>", "IANA zone of output times (default UTC)");
  addDialectFlags(watch, ["schedule"])
    .addHelpText(
      "after",
      `
Examples:
  $ tail -f states.ndjson | staffcast adherence watch --schedule segments.csv --clock wall
  $ staffcast adherence watch --schedule segments.csv --alarm-after 120 < yesterday.ndjson
  $ staffcast adherence watch --schedule segments.csv --events-format genesys-cloud < notifications.ndjson`,
    )
    .action(async (flags: WatchFlags) => {
      await runWatch(flags, streams);
    });
}
