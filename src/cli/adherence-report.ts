/**
 * The action of `staffcast adherence`: reads the schedule, events, rules and approved spans,
 * computes adherence per agent and day, and writes the CSV (--out), the JSON (--json) or a
 * table for people.
 */
import {
  computeAdherence,
  defaultAdherenceRules,
  formatAdherenceCsv,
  formatAdherenceJson,
  readAdherenceScheduleCsv,
  readApprovedSpansCsv,
  readRulesJson,
  readStateEvents,
  type AdherenceReport,
  type VendorEventFormat,
} from "../adherence/index.ts";
import { DataError, UsageError } from "../io/errors.ts";
import { writeTextAtomic, type Streams } from "../io/files.ts";
import { locateRows } from "../io/table-read.ts";
import { checkEventsFile } from "./events-format.ts";
import { pct, table, warn } from "./format.ts";
import { zoneFlag } from "./time-flags.ts";
import type { ReadOptions } from "../io/read-input.ts";
import { readOptionsFor, type DialectFlags } from "./dialect-flags.ts";

/** The flags of `staffcast adherence`. */
export interface AdherenceFlags extends DialectFlags {
  schedule?: string;
  events?: string;
  eventsFormat?: VendorEventFormat;
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

/** The CSV inputs of `adherence`, the primary first (for the dialect flags). */
export const ADHERENCE_INPUTS = ["events", "schedule", "approved"];

/** Runs `staffcast adherence`. */
export async function runAdherence(flags: AdherenceFlags, streams: Streams): Promise<void> {
  for (const [value, name] of [
    [flags.schedule, "--schedule <csv>"],
    [flags.events, "--events <file>"],
  ] as const) {
    if (value === undefined) throw new UsageError(`required option '${name}' not specified`);
  }
  checkEventsFile(flags.events!, flags.eventsFormat);
  const zone = zoneFlag(flags.tz, streams.stderr);
  const rules =
    flags.rules === undefined
      ? defaultAdherenceRules()
      : (await readRulesJson(flags.rules, streams)).rules;
  const read = (input: string): ReadOptions =>
    readOptionsFor(flags, input, ADHERENCE_INPUTS, zone.name, streams.stdin);
  const schedule = await readAdherenceScheduleCsv(flags.schedule!, read("schedule"));
  const events = await readStateEvents(flags.events!, {
    ...read("events"),
    ...(flags.eventsFormat === undefined ? {} : { format: flags.eventsFormat }),
  });
  const approved =
    flags.approved === undefined
      ? []
      : (await readApprovedSpansCsv(flags.approved, read("approved"))).rows;
  let report: AdherenceReport;
  try {
    report = computeAdherence(schedule.rows, events.rows, {
      rules,
      thresholdSeconds: flags.threshold,
      startToleranceSeconds: flags.startTolerance,
      endToleranceSeconds: flags.endTolerance,
      countOutsideWork: flags.countOutsideWork === true,
      approved,
      timeZone: zone.name,
    });
  } catch (error) {
    throw error instanceof DataError ? locateRows(error, schedule) : error;
  }
  if (flags.out !== undefined)
    await writeTextAtomic(flags.out, formatAdherenceCsv(report), streams);
  if (flags.json === true) {
    streams.stdout.write(formatAdherenceJson(report, zone));
    return;
  }
  for (const w of report.warnings) {
    const where = w.line === undefined ? "" : `${events.file}:${w.line}: `;
    warn(streams.stderr, `${where}${w.message}`);
  }
  if (flags.out !== "-") writeHuman(report, streams);
}

/** The table for people: hours to two decimals, rates as percentages, a total row. */
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
