/**
 * The per-agent rules of a roster, re-checked from the shifts an agent works (rebuilt from its
 * segments by verify-roster.ts): one shift a local day, the minimum rest, weekly paid hours,
 * days and night shifts, two consecutive days off, availability and skills; and the agent's
 * totals recomputed for its summary. Written apart from the roster model on purpose: the
 * definitions are re-derived here (night: 3 hours or more between 22:00 and 06:00 local time,
 * counted minute by minute; unsocial: night, working past 20:00 or past midnight, or starting
 * on a Saturday or Sunday; weeks: 7 local days from the schedule's first day).
 *
 * @module
 */
import { parseClockTime } from "../time/clock.ts";
import { formatDay, formatInstant, parseDay, type Zone } from "../time/zone.ts";
import type { Agent, AgentSummary, Availability } from "./roster-types.ts";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A shift an agent works, as its segments show it. */
export interface WorkedShift {
  readonly start: number;
  readonly end: number;
  readonly group?: string;
  readonly paidSeconds: number;
}

/** What the rules need to know besides the agent and its shifts. */
export interface RuleContext {
  readonly zone: Zone;
  /** The schedule's first local day (day number) and its number of weeks. */
  readonly firstDay: number;
  readonly weeks: number;
  readonly restMs: number;
  readonly maxNightShiftsWeek?: number;
  readonly twoConsecutiveDaysOff: boolean;
  /** Availability by `agent|day`: a window of instants, or null (not available that day). */
  readonly windows: ReadonlyMap<string, { from: number; to: number; text: string } | null>;
  /** The queues of each skill group (groups absent here take any agent). */
  readonly skills: ReadonlyMap<string, readonly string[]>;
}

/** Minutes of [start, end) between 22:00 and 06:00 local time, minute by minute. */
function nightMinutes(zone: Zone, start: number, end: number): number {
  let n = 0;
  for (let t = start; t < end; t += MINUTE_MS) {
    const m = zone.clockMinutes(t);
    if (m >= 22 * 60 || m < 6 * 60) n++;
  }
  return n;
}

/** Whether a shift is a night shift: 3 hours or more between 22:00 and 06:00 local time. */
export function isNightShift(zone: Zone, start: number, end: number): boolean {
  return nightMinutes(zone, start, end) >= 180;
}

/**
 * Whether a shift is unsocial: a night shift, one that works past 20:00 local time or past
 * midnight, or one that starts on a Saturday or Sunday.
 */
export function isUnsocialShift(zone: Zone, start: number, end: number): boolean {
  const day = zone.dayOf(start);
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return (
    weekday === 0 ||
    weekday === 6 ||
    zone.dayOf(end) > day ||
    zone.clockMinutes(end) > 20 * 60 ||
    isNightShift(zone, start, end)
  );
}

/** The instant of local clock minute `minute` (0 to 1440) of local day `day`. */
function localInstant(zone: Zone, day: number, minute: number): number {
  if (minute >= 1440) return zone.dayStart(day + 1);
  const midnight = zone.dayStart(day);
  const naive = midnight + minute * MINUTE_MS;
  return naive - (zone.offsetMinutes(naive) - zone.offsetMinutes(midnight)) * MINUTE_MS;
}

/**
 * Availability as windows of instants by `agent|day` (the last record of a day counts), and the
 * records that do not parse, in words.
 */
export function availabilityByDay(
  availability: readonly Availability[],
  zone: Zone,
): {
  windows: Map<string, { from: number; to: number; text: string } | null>;
  problems: string[];
} {
  const windows = new Map<string, { from: number; to: number; text: string } | null>();
  const problems: string[] = [];
  for (const a of availability) {
    const day = parseDay(a.date);
    if (typeof day === "string") {
      problems.push(`availability of ${a.agentId}: date ${a.date}: ${day}`);
      continue;
    }
    if (a.from === undefined && a.to === undefined) {
      windows.set(`${a.agentId}|${day}`, null);
      continue;
    }
    const from = parseClockTime(a.from ?? "00:00");
    const to = parseClockTime(a.to ?? "24:00", { allowEndOfDay: true });
    if (typeof from === "string" || typeof to === "string") {
      problems.push(`availability of ${a.agentId} on ${a.date}: ${a.from ?? ""}-${a.to ?? ""}`);
      continue;
    }
    windows.set(`${a.agentId}|${day}`, {
      from: localInstant(zone, day, from),
      to: localInstant(zone, day, to),
      text: `${a.from ?? "00:00"}-${a.to ?? "24:00"}`,
    });
  }
  return { windows, problems };
}

/**
 * Checks one agent's shifts (sorted by start) against the rules and recomputes its totals.
 *
 * @returns the problems, in words, and the summary the shifts give
 */
export function checkAgentRules(
  agent: Agent,
  shifts: readonly WorkedShift[],
  ctx: RuleContext,
): { problems: string[]; summary: AgentSummary } {
  const { zone } = ctx;
  const problems: string[] = [];
  const at = (ms: number): string => formatInstant(ms, zone);
  const id = agent.id;
  const perWeek = Array.from({ length: ctx.weeks }, () => ({ paid: 0, days: 0, nights: 0 }));
  const worked = new Set<number>();
  let paidSeconds = 0;
  let nightShifts = 0;
  let unsocialShifts = 0;
  shifts.forEach((s, k) => {
    const day = zone.dayOf(s.start);
    const date = formatDay(day);
    if (worked.has(day)) problems.push(`${id}: more than one shift on ${date}`);
    const previous = shifts[k - 1];
    if (previous !== undefined && s.start - previous.end < ctx.restMs)
      problems.push(
        `${id}: ${(s.start - previous.end) / 3_600_000} h rest between the shift ending ${at(previous.end)} ` +
          `and the one starting ${at(s.start)}, less than ${ctx.restMs / 3_600_000} h`,
      );
    const night = isNightShift(zone, s.start, s.end);
    paidSeconds += s.paidSeconds;
    if (night) nightShifts++;
    if (isUnsocialShift(zone, s.start, s.end)) unsocialShifts++;
    const w = Math.floor((day - ctx.firstDay) / 7);
    const week = perWeek[w];
    if (week === undefined)
      problems.push(`${id}: a shift on ${date}, outside the schedule's weeks`);
    else {
      week.paid += s.paidSeconds;
      if (!worked.has(day)) week.days++;
      if (night) week.nights++;
    }
    worked.add(day);
    const window = ctx.windows.get(`${id}|${day}`);
    if (window === null) problems.push(`${id}: works on ${date}, a day it is not available`);
    else if (window !== undefined && (s.start < window.from || s.end > window.to))
      problems.push(
        `${id}: works ${at(s.start)} to ${at(s.end)}, outside its availability on ${date} (${window.text})`,
      );
    const queues = s.group === undefined ? undefined : ctx.skills.get(s.group);
    const lacking = (queues ?? []).filter((q) => !(agent.skills ?? []).includes(q));
    if (lacking.length > 0)
      problems.push(
        `${id}: works for group ${s.group!} on ${date} without its skills ${lacking.join(", ")}`,
      );
  });
  /* eslint-disable @typescript-eslint/no-deprecated -- the hours of 0.1 callers, as the roster reads them */
  const maxSeconds =
    agent.maxSecondsWeek ??
    (agent.maxHoursWeek === undefined ? undefined : agent.maxHoursWeek * 3600);
  const minSeconds =
    agent.minSecondsWeek ??
    (agent.minHoursWeek === undefined ? undefined : agent.minHoursWeek * 3600);
  /* eslint-enable @typescript-eslint/no-deprecated */
  let belowMinimumSeconds = 0;
  perWeek.forEach((week, w) => {
    const from = ctx.firstDay + 7 * w;
    const name = `week ${w + 1} (from ${formatDay(from)})`;
    if (maxSeconds !== undefined && week.paid > maxSeconds + 1e-6)
      problems.push(
        `${id}: ${week.paid / 3600} paid hours in ${name}, more than ${maxSeconds / 3600}`,
      );
    if (minSeconds !== undefined) belowMinimumSeconds += Math.max(0, minSeconds - week.paid);
    if (agent.maxDaysWeek !== undefined && week.days > agent.maxDaysWeek)
      problems.push(`${id}: works ${week.days} days in ${name}, more than ${agent.maxDaysWeek}`);
    if (ctx.maxNightShiftsWeek !== undefined && week.nights > ctx.maxNightShiftsWeek)
      problems.push(
        `${id}: ${week.nights} night shifts in ${name}, more than ${ctx.maxNightShiftsWeek}`,
      );
    if (ctx.twoConsecutiveDaysOff) {
      const free = (d: number): boolean => !worked.has(d);
      let found = false;
      for (let d = from; d < from + 6 && !found; d++) found = free(d) && free(d + 1);
      if (!found) problems.push(`${id}: no two consecutive days off in ${name}`);
    }
  });
  return {
    problems,
    summary: {
      agentId: id,
      shifts: shifts.length,
      days: worked.size,
      paidSeconds,
      belowMinimumSeconds,
      nightShifts,
      unsocialShifts,
    },
  };
}
