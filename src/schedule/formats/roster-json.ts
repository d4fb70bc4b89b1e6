/**
 * The roster JSON of `staffcast roster --json`: `{ status, objective, gap, agents: [{ agentId,
 * shifts, days, paidSeconds, belowMinimumSeconds, nightShifts, unsocialShifts }], shortfalls:
 * [{ name, group?, start, end, missing }], segments?: [{ agentId, start, end, activity, group?
 * }], explanation? }`, times in the roster's time zone, durations in seconds; `group` (the
 * skill group of the shift) only when the schedule has groups.
 *
 * @module
 */
import { createZone, formatInstant } from "../../time/zone.ts";
import type { RosterResult } from "../roster-types.ts";

/** Options of {@link formatRosterJson}. */
export interface RosterJsonOptions {
  /** Include the segments (default true; the CLI leaves them out when it writes the CSV). */
  readonly segments?: boolean;
}

/**
 * The roster JSON of a result, one line and a newline.
 *
 * @example
 * process.stdout.write(formatRosterJson(roster, { segments: false }));
 */
export function formatRosterJson(roster: RosterResult, options: RosterJsonOptions = {}): string {
  const zone = createZone(roster.timeZone);
  const at = (ms: number): string => formatInstant(ms, zone);
  return `${JSON.stringify({
    status: roster.status,
    objective: roster.objective,
    gap: roster.gap,
    agents: roster.agents.map((a) => ({
      agentId: a.agentId,
      shifts: a.shifts,
      days: a.days,
      paidSeconds: a.paidSeconds,
      belowMinimumSeconds: a.belowMinimumSeconds,
      nightShifts: a.nightShifts,
      unsocialShifts: a.unsocialShifts,
    })),
    shortfalls: roster.shortfalls.map((f) => ({
      name: f.name,
      ...(f.group === undefined ? {} : { group: f.group }),
      start: at(f.startMs),
      end: at(f.endMs),
      missing: f.missing,
    })),
    ...(options.segments === false
      ? {}
      : {
          segments: roster.segments.map((s) => ({
            agentId: s.agentId,
            start: at(s.startMs),
            end: at(s.endMs),
            activity: s.activity,
            ...(s.group === undefined ? {} : { group: s.group }),
          })),
        }),
    ...(roster.explanation === undefined ? {} : { explanation: roster.explanation }),
  })}\n`;
}
