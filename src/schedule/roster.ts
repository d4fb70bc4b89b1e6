/**
 * Rostering: the designed shifts (counts per shift) assigned to named agents over the horizon,
 * as an integer program with one binary per (agent, shift): at most one shift a day; a minimum
 * rest between shifts (every pair closer than the rest is excluded by clique rows: the shifts
 * extended by the rest form an interval graph, whose maximal cliques sit at shift starts);
 * weekly paid hours within the contract (the minimum soft); at most a number of days a week;
 * availability and time off; optionally two consecutive days off a week and a cap on night
 * shifts; fairness as bands: each agent's hours within one shift of its share of the hours
 * (in proportion to contract capacity) and its unsocial (late, night, weekend) shifts at most
 * its share, rounded up. Bands rather than a max-min spread keep the LP bound tight: a fair
 * roster has zero fairness penalty, so optimality is proven as soon as one is found (a max-min
 * spread left a 30-agent week unproven after 60 s; the bands prove it in about 3 s). Shifts that cannot be filled are shortfalls, heavily penalised, not
 * infeasibility. The result is each agent's day as segments (onQueue, break, meal) that
 * partition its shifts: the format the adherence engine reads.
 *
 * @module
 */
import { DataError } from "../io/errors.ts";
import { parseInstant } from "../time/instant.ts";
import { createZone, formatInstant, weekdayOf } from "../time/zone.ts";
import type { ScheduleResult } from "./design.ts";
import { MilpBuilder } from "./milp.ts";
import type { MilpSolver, SolveOptions, SolveStatus } from "./solvers.ts";
import type { ShiftSpec } from "./spec.ts";
import { splitBreaks, type AgentBreaks } from "./verify.ts";
import { maxOf, minOf } from "../math/extent.ts";

/** An agent and its contract. */
export interface Agent {
  readonly id: string;
  /** Skills (kept for reports; this roster has a single workforce). */
  readonly skills?: readonly string[];
  /** Paid hours per week: at least (soft) and at most. */
  readonly minHoursWeek?: number;
  readonly maxHoursWeek?: number;
  /** Working days per week, at most. */
  readonly maxDaysWeek?: number;
}

/** When an agent can work: a window on a date, or (no window) not at all that date. */
export interface Availability {
  readonly agentId: string;
  /** Local date "YYYY-MM-DD". */
  readonly date: string;
  /** Local "HH:MM" window; both absent: unavailable all day. */
  readonly from?: string;
  readonly to?: string;
}

/** Options of {@link buildRoster}. */
export interface RosterOptions {
  readonly agents: readonly Agent[];
  readonly availability?: readonly Availability[];
  /** Minimum rest between the end of one shift and the start of the next, hours (default 11). */
  readonly minRestHours?: number;
  /** Require two consecutive days off in every week (default false). */
  readonly twoConsecutiveDaysOff?: boolean;
  /** Night shifts per agent per week, at most (a night shift has 3+ hours between 22:00 and 06:00). */
  readonly maxNightShiftsWeek?: number;
}

/** One segment of an agent's schedule. */
export interface Segment {
  readonly agentId: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly activity: "onQueue" | "break" | "meal";
}

/** Per agent totals. */
export interface AgentSummary {
  readonly agentId: string;
  readonly shifts: number;
  readonly days: number;
  readonly paidHours: number;
  /** Hours below the contract's weekly minimum, summed over weeks. */
  readonly hoursShort: number;
  readonly nightShifts: number;
  readonly unsocialShifts: number;
}

/** A designed shift left (partly) unfilled. */
export interface Shortfall {
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly missing: number;
}

/** Result of {@link buildRoster}. */
export interface RosterResult {
  /** As {@link SolveStatus}: without a roster (`timeLimit`, `infeasible`, `error`) all is empty. */
  readonly status: SolveStatus;
  readonly objective: number | null;
  readonly gap: number | null;
  readonly segments: Segment[];
  readonly agents: AgentSummary[];
  readonly shortfalls: Shortfall[];
  /** Why no roster was found, in words. */
  readonly explanation?: string;
}

/**
 * Limits of the roster model: one binary per (agent, designed shift) pair, a million of them at
 * most (about 1 GB while the model is built and solved).
 */
export const ROSTER_LIMITS = { agentShiftPairs: 1_000_000 } as const;

/** What may help when a roster solve ends without a roster. */
const ROSTER_ADVICE = "fewer agents, a shorter schedule or a longer time limit";

const SHORTFALL_PENALTY_PER_HOUR = 1000;
const HOURS_SHORT_PENALTY = 10;
const FAIR_HOURS_PENALTY = 5; // per hour outside an agent's fair band
const FAIR_UNSOCIAL_PENALTY = 5; // per unsocial shift above the fair share

interface Instance {
  readonly index: number; // into result.shifts
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly day: number;
  readonly week: number;
  readonly paidHours: number;
  readonly night: boolean;
  readonly unsocial: boolean;
  readonly breaks: AgentBreaks[];
}

function ms(text: string): number {
  const t = parseInstant(text);
  if (typeof t === "string") throw new RangeError(`bad instant "${text}": ${t}`);
  return t;
}

/**
 * Assigns the designed shifts to agents.
 *
 * @param schedule - a shift design result (its shifts and breaks)
 * @param spec - the shift file it was designed with (templates: paid breaks, time zone)
 * @example
 * const roster = await buildRoster(schedule, spec, { agents }, highsSolver, { timeLimitSeconds: 60, relativeGap: 1e-4 });
 */
export async function buildRoster(
  schedule: ScheduleResult,
  spec: ShiftSpec,
  options: RosterOptions,
  solver: MilpSolver,
  limits: SolveOptions,
): Promise<RosterResult> {
  const zone = createZone(spec.timeZone);
  const templates = new Map(spec.shifts.map((t) => [t.name, t]));
  const restMs = (options.minRestHours ?? 11) * 3_600_000;
  const nightMinutes = (start: number, end: number): number => {
    let n = 0;
    for (let t = start; t < end; t += 60_000 * 15) {
      const m = zone.clockMinutes(t);
      if (m >= 22 * 60 || m < 6 * 60) n += 15;
    }
    return n;
  };
  const firstDay = minOf(schedule.shifts, (s) => zone.dayOf(ms(s.start)));
  const instances: Instance[] = schedule.shifts.map((s, index) => {
    const t = templates.get(s.name);
    if (t === undefined)
      throw new RangeError(`the schedule names template "${s.name}", which the shift file lacks`);
    const start = ms(s.start);
    const givenEnd = ms(s.end);
    // A cyclic schedule wraps a shift past the horizon's end to its start: unwrap it (shifts
    // last at most a day), and its breaks after the wrap with it.
    const day0 = 86_400_000;
    const end =
      givenEnd > start ? givenEnd : start + ((((givenEnd - start) % day0) + day0) % day0 || day0);
    const shiftBy = end - givenEnd;
    const unpaid = t.breaks.reduce((a, b) => a + (b.paid ? 0 : b.minutes), 0);
    const day = zone.dayOf(start);
    const night = nightMinutes(start, end) >= 180;
    const lateEnd = zone.clockMinutes(end - 1) >= 20 * 60 || zone.dayOf(end - 1) !== day;
    const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
    return {
      index,
      name: s.name,
      start,
      end,
      count: s.count,
      day,
      week: Math.floor((day - firstDay) / 7),
      paidHours: ((end - start) / 60_000 - unpaid) / 60,
      night,
      unsocial: night || lateEnd || weekend,
      breaks: splitBreaks(s, t).map((agent) =>
        agent.map((br) =>
          br.start < start ? { ...br, start: br.start + shiftBy, end: br.end + shiftBy } : br,
        ),
      ),
    };
  });
  const weeks = maxOf(instances, (i) => i.week + 1, 1);

  // Availability per agent and day.
  const windows = new Map<string, { from: number; to: number } | null>();
  for (const a of options.availability ?? []) {
    const day = Math.floor(Date.parse(`${a.date}T00:00:00Z`) / 86_400_000);
    if (a.from === undefined && a.to === undefined) {
      windows.set(`${a.agentId}|${day}`, null);
    } else {
      const hm = (s: string | undefined, fallback: number): number =>
        s === undefined ? fallback : Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
      const dayStart = zone.dayStart(day);
      windows.set(`${a.agentId}|${day}`, {
        from: dayStart + hm(a.from, 0) * 60_000,
        to: dayStart + hm(a.to, 1440) * 60_000,
      });
    }
  }
  const allowed = (agent: Agent, inst: Instance): boolean => {
    const w = windows.get(`${agent.id}|${inst.day}`);
    if (w === undefined) return true;
    if (w === null) return false;
    return inst.start >= w.from && inst.end <= w.to;
  };

  const agents = options.agents;
  const pairs = agents.length * instances.length;
  if (pairs > ROSTER_LIMITS.agentShiftPairs) {
    throw new DataError([
      {
        message:
          `roster too large: ${agents.length} agents x ${instances.length} designed shifts = ` +
          `${pairs.toLocaleString("en-US")} agent-shift pairs, more than ` +
          `${ROSTER_LIMITS.agentShiftPairs.toLocaleString("en-US")}: roster fewer agents or a shorter period at a time`,
      },
    ]);
  }
  const b = new MilpBuilder();
  const y = new Map<string, number>(); // agent|instance -> column
  for (const agent of agents) {
    for (const inst of instances) {
      if (!allowed(agent, inst)) continue;
      y.set(
        `${agent.id}|${inst.index}`,
        b.addVar({ integer: true, upper: 1, name: `y_${agent.id}_${inst.index}` }),
      );
    }
  }
  // Fill each shift up to its count; the rest is a shortfall.
  const short: number[] = [];
  for (const inst of instances) {
    const s = b.addVar({
      cost: SHORTFALL_PENALTY_PER_HOUR * Math.max(1, inst.paidHours),
      upper: inst.count,
      name: `short${inst.index}`,
    });
    short.push(s);
    const cols = agents.flatMap((a) => {
      const c = y.get(`${a.id}|${inst.index}`);
      return c === undefined ? [] : [c];
    });
    b.addRow([...cols, s], [...cols.map(() => 1), 1], {
      lower: inst.count,
      upper: inst.count,
      name: `fill${inst.index}`,
    });
  }
  const days = [...new Set(instances.map((i) => i.day))].sort((p, q) => p - q);
  const hoursOf = new Map<string, { cols: number[]; hours: number[] }>();
  const unsocialOf = new Map<string, number[]>();
  for (const agent of agents) {
    const mine = instances.filter((i) => y.has(`${agent.id}|${i.index}`));
    const col = (i: Instance): number => y.get(`${agent.id}|${i.index}`)!;
    // one shift a day
    const work = new Map<number, number[]>();
    for (const d of days) {
      const cols = mine.filter((i) => i.day === d).map(col);
      if (cols.length > 1)
        b.addRow(
          cols,
          cols.map(() => 1),
          { upper: 1, name: `day_${agent.id}_${d}` },
        );
      work.set(d, cols);
    }
    // rest: shifts extended by the rest overlap at some start (a sweep over the starts)
    const byStart = [...mine].sort((p, q) => p.start - q.start);
    let active: Instance[] = [];
    let next = 0;
    for (let k = 0; k < byStart.length; k++) {
      const t = byStart[k]!.start;
      if (k > 0 && byStart[k - 1]!.start === t) continue;
      while (next < byStart.length && byStart[next]!.start <= t) active.push(byStart[next++]!);
      active = active.filter((i) => t < i.end + restMs);
      if (active.length > 1) {
        const clique = active.map(col);
        b.addRow(
          clique,
          clique.map(() => 1),
          { upper: 1, name: `rest_${agent.id}_${t}` },
        );
      }
    }
    // weekly hours, days, nights, two days off
    let hoursTotal: number[] = [];
    let hoursValues: number[] = [];
    for (let w = 0; w < weeks; w++) {
      const week = mine.filter((i) => i.week === w);
      const cols = week.map(col);
      const hours = week.map((i) => i.paidHours);
      hoursTotal = hoursTotal.concat(cols);
      hoursValues = hoursValues.concat(hours);
      if (agent.maxHoursWeek !== undefined) {
        b.addRow(cols, hours, { upper: agent.maxHoursWeek, name: `maxh_${agent.id}_${w}` });
      }
      if (agent.minHoursWeek !== undefined && agent.minHoursWeek > 0) {
        const gap = b.addVar({ cost: HOURS_SHORT_PENALTY, name: `hshort_${agent.id}_${w}` });
        b.addRow([...cols, gap], [...hours, 1], {
          lower: agent.minHoursWeek,
          name: `minh_${agent.id}_${w}`,
        });
      }
      if (agent.maxDaysWeek !== undefined) {
        b.addRow(
          cols,
          cols.map(() => 1),
          { upper: agent.maxDaysWeek, name: `maxd_${agent.id}_${w}` },
        );
      }
      if (options.maxNightShiftsWeek !== undefined) {
        const nights = week.filter((i) => i.night).map(col);
        if (nights.length > 0) {
          b.addRow(
            nights,
            nights.map(() => 1),
            { upper: options.maxNightShiftsWeek, name: `night_${agent.id}_${w}` },
          );
        }
      }
      if (options.twoConsecutiveDaysOff === true) {
        const weekDays = Array.from({ length: 7 }, (_, k) => firstDay + 7 * w + k);
        const pairs = weekDays.slice(0, -1).map((d, k) => {
          const z = b.addVar({ integer: true, upper: 1, name: `off_${agent.id}_${d}` });
          for (const dd of [d, weekDays[k + 1]!]) {
            const cols2 = work.get(dd) ?? [];
            if (cols2.length > 0)
              b.addRow([z, ...cols2], [1, ...cols2.map(() => 1)], {
                upper: 1,
                name: `offd_${agent.id}_${dd}_${d}`,
              });
          }
          return z;
        });
        b.addRow(
          pairs,
          pairs.map(() => 1),
          { lower: 1, name: `twooff_${agent.id}_${w}` },
        );
      }
    }
    hoursOf.set(agent.id, { cols: hoursTotal, hours: hoursValues });
    unsocialOf.set(agent.id, mine.filter((i) => i.unsocial).map(col));
  }
  // Fairness: every agent within one shift of its fair share of the hours (shared in proportion
  // to contract capacity) and at most its fair share of unsocial shifts, rounded up; deviations
  // are penalised per hour and per shift. A band rather than a max-min spread: when a fair
  // roster exists the penalty is zero, which the LP bound proves at once.
  const capacity = (a: Agent): number =>
    (a.maxHoursWeek !== undefined && a.maxHoursWeek > 0 ? a.maxHoursWeek : 40) * weeks;
  const totalCapacity = agents.reduce((sum, a) => sum + capacity(a), 0);
  const totalHours = instances.reduce((sum, i) => sum + i.count * i.paidHours, 0);
  const totalUnsocial = instances.reduce((sum, i) => sum + (i.unsocial ? i.count : 0), 0);
  const longest = maxOf(instances, (i) => i.paidHours, 0);
  for (const agent of agents) {
    const share = capacity(agent) / totalCapacity;
    const { cols, hours } = hoursOf.get(agent.id)!;
    const target = Math.min(capacity(agent), totalHours * share);
    const over = b.addVar({ cost: FAIR_HOURS_PENALTY, name: `hover_${agent.id}` });
    const under = b.addVar({ cost: FAIR_HOURS_PENALTY, name: `hunder_${agent.id}` });
    b.addRow([...cols, over], [...hours, -1], {
      upper: target + longest,
      name: `fairhi_${agent.id}`,
    });
    b.addRow([...cols, under], [...hours, 1], {
      lower: Math.max(0, target - longest),
      name: `fairlo_${agent.id}`,
    });
    const un = unsocialOf.get(agent.id)!;
    if (un.length > 0) {
      const extra = b.addVar({ cost: FAIR_UNSOCIAL_PENALTY, name: `uover_${agent.id}` });
      b.addRow([...un, extra], [...un.map(() => 1), -1], {
        upper: Math.ceil(totalUnsocial * share - 1e-9),
        name: `fairuns_${agent.id}`,
      });
    }
  }

  const solution = await solver.solve(b.build(), limits);
  if (solution.status !== "optimal" && solution.status !== "feasible") {
    return {
      status: solution.status,
      objective: null,
      gap: null,
      segments: [],
      agents: [],
      shortfalls: [],
      explanation:
        solution.status === "timeLimit"
          ? `the solver found none in ${limits.timeLimitSeconds} s; ${ROSTER_ADVICE} may help`
          : solution.status === "infeasible"
            ? "the agents' rules leave no roster (check the contracts' hours and days)"
            : `the solver stopped with an internal failure (${solution.message ?? "no details"}); ${ROSTER_ADVICE} may help`,
    };
  }
  const value = (j: number): number => Math.round(solution.values[j]!);
  const segments: Segment[] = [];
  const summaries: AgentSummary[] = [];
  const used = instances.map(() => 0); // agents placed on each shift so far (break slot rank)
  agents.forEach((agent) => {
    let shifts = 0;
    let hours = 0;
    let nights = 0;
    let unsocial = 0;
    const workDays = new Set<number>();
    for (const inst of instances) {
      const c = y.get(`${agent.id}|${inst.index}`);
      if (c === undefined || value(c) !== 1) continue;
      shifts++;
      hours += inst.paidHours;
      if (inst.night) nights++;
      if (inst.unsocial) unsocial++;
      workDays.add(inst.day);
      const breaks = inst.breaks[used[inst.index]!++] ?? [];
      let cursor = inst.start;
      for (const br of breaks) {
        if (br.start > cursor)
          segments.push({
            agentId: agent.id,
            startMs: cursor,
            endMs: br.start,
            activity: "onQueue",
          });
        segments.push({ agentId: agent.id, startMs: br.start, endMs: br.end, activity: br.kind });
        cursor = br.end;
      }
      if (inst.end > cursor)
        segments.push({ agentId: agent.id, startMs: cursor, endMs: inst.end, activity: "onQueue" });
    }
    let hoursShortTotal = 0;
    if (agent.minHoursWeek !== undefined) {
      for (let w = 0; w < weeks; w++) {
        const h = instances
          .filter((i) => i.week === w && value(y.get(`${agent.id}|${i.index}`) ?? -1) === 1)
          .reduce((s, i) => s + i.paidHours, 0);
        hoursShortTotal += Math.max(0, agent.minHoursWeek - h);
      }
    }
    summaries.push({
      agentId: agent.id,
      shifts,
      days: workDays.size,
      paidHours: hours,
      hoursShort: hoursShortTotal,
      nightShifts: nights,
      unsocialShifts: unsocial,
    });
  });
  const shortfalls: Shortfall[] = [];
  instances.forEach((inst, k) => {
    const missing = value(short[k]!);
    if (missing > 0) {
      shortfalls.push({
        name: inst.name,
        start: formatInstant(inst.start, zone),
        end: formatInstant(inst.end, zone),
        missing,
      });
    }
  });
  segments.sort((p, q) =>
    p.agentId < q.agentId ? -1 : p.agentId > q.agentId ? 1 : p.startMs - q.startMs,
  );
  return {
    status: solution.status,
    objective: solution.objective,
    gap: solution.gap,
    segments,
    agents: summaries,
    shortfalls,
  };
}
