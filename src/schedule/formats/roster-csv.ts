/**
 * The roster as CSV, `agent_id,start,end,activity[,group]`: each agent's shifts as segments
 * (onQueue, break, meal), times in a zone's local ISO-8601, and with skill groups the group of
 * each segment's shift. `staffcast roster --out` and `staffcast plan`
 * (roster.csv) write it; it is the schedule the adherence engine reads.
 *
 * @module
 */
import { csvCell } from "../../io/csv.ts";
import { createZone, formatInstant, type Zone } from "../../time/zone.ts";
import type { Segment } from "../roster-types.ts";

/** Lines per yielded chunk: small strings die young instead of being promoted and traced. */
const LINES_PER_CHUNK = 1024;

/** Options of {@link rosterCsvChunks}. */
export interface RosterCsvOptions {
  /** Write the `group` column (default: when a segment has a group). */
  readonly group?: boolean;
}

/**
 * The roster CSV in chunks of text (a large roster is never one huge string).
 *
 * @param zone - the clock of the times (a zone or its IANA name), e.g. the roster's `timeZone`
 * @example
 * for (const chunk of rosterCsvChunks(roster.segments, roster.timeZone)) stream.write(chunk);
 */
export function* rosterCsvChunks(
  segments: readonly Segment[],
  zone: Zone | string,
  options: RosterCsvOptions = {},
): Generator<string> {
  const z = typeof zone === "string" ? createZone(zone) : zone;
  const group = options.group ?? segments.some((s) => s.group !== undefined);
  const lines = [group ? "agent_id,start,end,activity,group" : "agent_id,start,end,activity"];
  for (const s of segments) {
    lines.push(
      `${csvCell(s.agentId)},${formatInstant(s.startMs, z)},${formatInstant(s.endMs, z)},${s.activity}` +
        (group ? `,${csvCell(s.group ?? "")}` : ""),
    );
    if (lines.length >= LINES_PER_CHUNK) {
      yield `${lines.join("\n")}\n`;
      lines.length = 0;
    }
  }
  if (lines.length > 0) yield `${lines.join("\n")}\n`;
}

/**
 * The roster CSV as one text; see {@link rosterCsvChunks}.
 *
 * @example
 * formatRosterCsv([{ agentId: "ana", startMs: Date.UTC(2025, 0, 6, 8), endMs: Date.UTC(2025, 0, 6, 12), activity: "onQueue" }], "UTC");
 * // => "agent_id,start,end,activity\nana,2025-01-06T08:00:00Z,2025-01-06T12:00:00Z,onQueue\n"
 */
export function formatRosterCsv(
  segments: readonly Segment[],
  zone: Zone | string,
  options: RosterCsvOptions = {},
): string {
  return [...rosterCsvChunks(segments, zone, options)].join("");
}

/**
 * The roster CSV as one text: {@link formatRosterCsv} under its name in staffcast 0.1 (when it
 * lived in the CLI), kept for its callers.
 *
 * @example
 * segmentsCsv(roster.segments, "UTC") === formatRosterCsv(roster.segments, "UTC"); // => true
 */
export const segmentsCsv = formatRosterCsv;
