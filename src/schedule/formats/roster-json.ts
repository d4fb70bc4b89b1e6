/**
 * The roster JSON of `staffcast roster --json`: `{ status, objective, bound, gap, stoppedBy,
 * work, agents: [{ agentId, shifts, days, paidSeconds, belowMinimumSeconds, nightShifts,
 * unsocialShifts }], shortfalls: [{ name, group?, start, end, missing }], changes?: [{ agentId,
 * start, end, action, group? }], changeCount?, segments?: [{ agentId, start, end, activity,
 * group? }], explanation? }`, times in the roster's time zone, durations in seconds, numbers
 * unrounded; `group` (the skill group of the shift) only when the schedule has groups;
 * `changes` and `changeCount` against a kept roster (`keep`).
 *
 * @module
 */
import { createZone, formatInstant } from "../../time/zone.ts";
import type { RosterResult } from "../roster-types.ts";

/** Options of {@link formatRosterJson}. */
export interface RosterJsonOptions {
  /** Include the segments (default true; the CLI leaves them out when it writes the CSV). */
  readonly segments?: boolean;
  /**
   * Include `changes` and `changeCount` (default: when there are changes; the CLI includes them
   * whenever it was given a roster to keep, none included).
   */
  readonly changes?: boolean;
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
  const changes = options.changes ?? roster.changes.length > 0;
  return `${JSON.stringify({
    status: roster.status,
    objective: roster.objective,
    bound: roster.bound,
    gap: roster.gap,
    stoppedBy: roster.stoppedBy,
    work: roster.work,
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
    ...(changes
      ? {
          changes: roster.changes.map((c) => ({
            agentId: c.agentId,
            start: at(c.startMs),
            end: at(c.endMs),
            action: c.action,
            ...(c.group === undefined ? {} : { group: c.group }),
          })),
          changeCount: roster.changeCount,
        }
      : {}),
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
