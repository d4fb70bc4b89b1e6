/**
 * The outputs of `staffcast adherence`: the per agent-day CSV and the result JSON, numbers
 * unrounded (rates as fractions 0..1, empty in CSV and null in JSON where undefined).
 *
 * @module
 */
import { csvCell, csvNumber } from "../../io/csv.ts";
import { createZone, formatInstant, type Zone } from "../../time/zone.ts";
import type { AdherenceReport } from "../compute.ts";

/** The columns of {@link formatAdherenceCsv}, in order. */
export const ADHERENCE_CSV_COLUMNS = [
  "agent_id",
  "date",
  "scheduled_s",
  "in_s",
  "out_s",
  "neutral_s",
  "adherence",
  "conformance",
  "exceptions",
] as const;

/**
 * One CSV row per agent-day: {@link ADHERENCE_CSV_COLUMNS}, seconds and rates unrounded,
 * `exceptions` the number of exceptions.
 *
 * @example
 * formatAdherenceCsv(computeAdherence(schedule, events));
 * // => "agent_id,date,scheduled_s,in_s,out_s,neutral_s,adherence,conformance,exceptions\nana,2025-01-06,3600,2700,900,0,0.75,4.75,1\n"
 */
export function formatAdherenceCsv(report: AdherenceReport): string {
  const rows = [
    ADHERENCE_CSV_COLUMNS.join(","),
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
  return `${rows.join("\n")}\n`;
}

/**
 * The result JSON (one line): `{ agents: [{ agentId, date, scheduledSeconds, inSeconds,
 * outSeconds, neutralSeconds, adherence, conformance, exceptions: [{ start, end, activity,
 * state, seconds }] }], totals: { scheduledSeconds, inSeconds, outSeconds, adherence },
 * warnings }`, the exceptions' instants ISO 8601 in `zone`.
 *
 * @param zone - the zone of the instants written (default UTC)
 * @throws RangeError for a zone name that is not known
 * @example
 * const json = JSON.parse(formatAdherenceJson(report, "Europe/Berlin"));
 * json.agents[0].exceptions[0].start; // => "2025-01-06T10:00:00+01:00"
 */
export function formatAdherenceJson(report: AdherenceReport, zone: Zone | string = "UTC"): string {
  const z = typeof zone === "string" ? createZone(zone) : zone;
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
        start: formatInstant(x.startMs, z),
        end: formatInstant(x.endMs, z),
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
  return `${JSON.stringify(json)}\n`;
}
