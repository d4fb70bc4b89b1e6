/**
 * The designed shifts as the roster sees them (one instance per scheduled shift: its local day
 * and week, paid hours, whether it is a night or unsocial shift, and its agents' breaks), and
 * when each agent is available.
 *
 * @module
 */
import { minOf } from "../math/extent.ts";
import { parseClockTime } from "../time/clock.ts";
import { parseDay, weekdayOf, type Zone } from "../time/zone.ts";
import type { ScheduleResult } from "./result.ts";
import type { Availability } from "./roster-types.ts";
import type { ShiftSpec } from "./spec.ts";
import { localInstant } from "./shifts.ts";
import { splitBreaks, type AgentBreaks } from "./verify.ts";

const DAY_MS = 86_400_000;
/** A night shift works at least this many minutes between 22:00 and 06:00 (3 hours). */
const NIGHT_MINUTES = 180;
/** A shift ending at or after 20:00 (or the next day) is a late, unsocial one. */
const LATE_END_MINUTE = 20 * 60;

/** A designed shift in the roster model. */
export interface Instance {
  /** Index into the schedule's shifts. */
  readonly index: number;
  readonly name: string;
  /** The skill group it serves (only when the schedule has groups). */
  readonly group?: string;
  /** Start and end (unwrapped), UTC epoch milliseconds. */
  readonly start: number;
  readonly end: number;
  readonly count: number;
  /** Local day of the start, and week counted from the schedule's first day. */
  readonly day: number;
  readonly week: number;
  readonly paidSeconds: number;
  /** Paid hours: the unit of the model's hour rows and penalties. */
  readonly paidHours: number;
  readonly night: boolean;
  readonly unsocial: boolean;
  /** Per agent placed on it (by rank), its breaks in order. */
  readonly breaks: AgentBreaks[];
}

/** Minutes of [start, end) between 22:00 and 06:00 local time, counted in quarter hours. */
function nightMinutes(zone: Zone, start: number, end: number): number {
  let n = 0;
  for (let t = start; t < end; t += 60_000 * 15) {
    const m = zone.clockMinutes(t);
    if (m >= 22 * 60 || m < 6 * 60) n += 15;
  }
  return n;
}

/**
 * The schedule's shifts as roster instances.
 *
 * @throws RangeError when the schedule names a template the shift file lacks, or its break
 *   slots do not fit the template
 */
export function rosterInstances(
  schedule: ScheduleResult,
  spec: ShiftSpec,
  zone: Zone,
): { instances: Instance[]; firstDay: number } {
  const templates = new Map(spec.shifts.map((t) => [t.name, t]));
  const firstDay = minOf(schedule.shifts, (s) => zone.dayOf(s.startMs));
  const instances = schedule.shifts.map((s, index): Instance => {
    const t = templates.get(s.name);
    if (t === undefined)
      throw new RangeError(`the schedule names template "${s.name}", which the shift file lacks`);
    const start = s.startMs;
    const givenEnd = s.endMs;
    // A cyclic schedule wraps a shift past the horizon's end to its start: unwrap it (shifts
    // last at most a day), and its breaks after the wrap with it.
    const end =
      givenEnd > start
        ? givenEnd
        : start + ((((givenEnd - start) % DAY_MS) + DAY_MS) % DAY_MS || DAY_MS);
    const shiftBy = end - givenEnd;
    const day = zone.dayOf(start);
    const night = nightMinutes(zone, start, end) >= NIGHT_MINUTES;
    const lateEnd = zone.clockMinutes(end - 1) >= LATE_END_MINUTE || zone.dayOf(end - 1) !== day;
    const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
    return {
      index,
      name: s.name,
      ...(s.group === undefined ? {} : { group: s.group }),
      start,
      end,
      count: s.count,
      day,
      week: Math.floor((day - firstDay) / 7),
      paidSeconds: s.paidSeconds,
      paidHours: s.paidSeconds / 3600,
      night,
      unsocial: night || lateEnd || weekend,
      breaks: splitBreaks(s, t, zone).map((agent) =>
        agent.map((br) =>
          br.start < start ? { ...br, start: br.start + shiftBy, end: br.end + shiftBy } : br,
        ),
      ),
    };
  });
  return { instances, firstDay };
}

/**
 * Availability per agent and local day (key `agent|day`): a window of instants, or null for a
 * day off.
 *
 * @throws RangeError for a date or time that does not parse
 */
export function availabilityWindows(
  availability: readonly Availability[],
  zone: Zone,
): Map<string, { from: number; to: number } | null> {
  const windows = new Map<string, { from: number; to: number } | null>();
  for (const a of availability) {
    const day = parseDay(a.date);
    if (typeof day === "string")
      throw new RangeError(`availability of ${a.agentId}: date ${a.date}: ${day}`);
    if (a.from === undefined && a.to === undefined) {
      windows.set(`${a.agentId}|${day}`, null);
      continue;
    }
    const minute = (text: string | undefined, fallback: number): number => {
      if (text === undefined) return fallback;
      const m = parseClockTime(text, { allowEndOfDay: true });
      if (typeof m === "string")
        throw new RangeError(`availability of ${a.agentId} on ${a.date}: ${text}: ${m}`);
      return m;
    };
    // local clock times, on days when the clock changes too (a time in the spring gap, which
    // no clock shows, is taken an hour after local midnight's offset would put it)
    const dayStart = zone.dayStart(day);
    const at = (m: number): number => {
      const t = localInstant(zone, day, m);
      return Number.isNaN(t) ? dayStart + m * 60_000 : t;
    };
    windows.set(`${a.agentId}|${day}`, { from: at(minute(a.from, 0)), to: at(minute(a.to, 1440)) });
  }
  return windows;
}
