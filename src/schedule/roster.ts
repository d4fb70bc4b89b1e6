/**
 * Rostering: the designed shifts (counts per shift) assigned to named agents over the horizon,
 * as an integer program with one binary per (agent, shift): at most one shift a day; a minimum
 * rest between shifts (every pair closer than the rest is excluded by clique rows: the shifts
 * extended by the rest form an interval graph, whose maximal cliques sit at shift starts);
 * weekly paid hours within the contract (the minimum soft); at most a number of days a week;
 * availability and time off; skills (a shift of a skill group only for agents with all its
 * queues, roster-skills.ts); optionally two consecutive days off a week and a cap on night
 * shifts; fairness as bands: each agent's hours within one shift of its share of the hours
 * (in proportion to contract capacity) and its unsocial (late, night, weekend) shifts at most
 * its share, rounded up. Bands rather than a max-min spread keep the LP bound tight: a fair
 * roster has zero fairness penalty, so optimality is proven as soon as one is found (a max-min
 * spread left a 30-agent week unproven after 60 s; the bands prove it in about 3 s). Shifts
 * that cannot be filled are shortfalls, heavily penalised, not infeasibility. The result is
 * each agent's day as segments (onQueue, break, meal) that partition its shifts: the format
 * the adherence engine reads.
 *
 * The model counts paid time in hours (its penalties are per hour); the API and the result in
 * seconds.
 *
 * @module
 */
import { DataError } from "../io/errors.ts";
import { maxOf } from "../math/extent.ts";
import { createZone } from "../time/zone.ts";
import { MilpBuilder } from "./milp.ts";
import type { ScheduleResult } from "./result.ts";
import { availabilityWindows, rosterInstances, type Instance } from "./roster-instances.ts";
import { hasSkills, rosterGroupSkills } from "./roster-skills.ts";
import {
  ROSTER_LIMITS,
  weeklyHours,
  type Agent,
  type AgentSummary,
  type RosterOptions,
  type RosterResult,
  type Segment,
  type Shortfall,
} from "./roster-types.ts";
import type { MilpSolver, SolveOptions, SolveResult } from "./solve-result.ts";
import type { ShiftSpec } from "./spec.ts";

/** What may help when a roster solve ends without a roster. */
const ROSTER_ADVICE = "fewer agents, a shorter schedule or a longer time limit";

/** Default minimum rest between shifts: 11 hours (the EU Working Time Directive's daily rest). */
const DEFAULT_REST_SECONDS = 11 * 3600;
/** Penalty per paid hour of a designed shift left unfilled (at least one hour's worth). */
const SHORTFALL_PENALTY_PER_HOUR = 1000;
/** Penalty per hour below an agent's weekly minimum. */
const HOURS_SHORT_PENALTY = 10;
/** Penalty per hour outside an agent's fair band. */
const FAIR_HOURS_PENALTY = 5;
/** Penalty per unsocial shift above an agent's fair share. */
const FAIR_UNSOCIAL_PENALTY = 5;
/** Contract capacity assumed for fairness when an agent has no weekly maximum, hours. */
const DEFAULT_CAPACITY_HOURS = 40;

/** The roster model and the columns to read its solution from. */
interface RosterModel {
  readonly builder: MilpBuilder;
  /** agent|instance -> column of its binary. */
  readonly y: Map<string, number>;
  /** Per instance, the column of its shortfall. */
  readonly short: number[];
}

/**
 * Assigns the designed shifts to agents.
 *
 * @param schedule - a shift design result (its shifts and breaks)
 * @param spec - the shift file it was designed with (templates: paid breaks, time zone)
 * @throws DataError when the roster would have more than {@link ROSTER_LIMITS} agent-shift
 *   pairs; RangeError when the schedule does not fit the spec (a template it lacks, break
 *   slots that do not add up) or an availability does not parse
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
  const restSeconds =
    options.minRestSeconds ??
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the hours of 0.1 callers
    (options.minRestHours === undefined ? DEFAULT_REST_SECONDS : options.minRestHours * 3600);
  const { instances, firstDay } = rosterInstances(schedule, spec, zone);
  const weeks = maxOf(instances, (i) => i.week + 1, 1);
  const windows = availabilityWindows(options.availability ?? [], zone);
  const skills = rosterGroupSkills(schedule, options.groupSkills);
  const allowed = (agent: Agent, inst: Instance): boolean => {
    if (!hasSkills(agent, inst.group, skills)) return false;
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
  const model = rosterModel(instances, agents, allowed, {
    restMs: restSeconds * 1000,
    weeks,
    firstDay,
    options,
  });
  const solution = await solver.solve(model.builder.build(), limits);
  if (solution.status !== "optimal" && solution.status !== "feasible") {
    return {
      status: solution.status,
      objective: null,
      bound: null,
      gap: null,
      stoppedBy: solution.stoppedBy,
      work: solution.work,
      timeZone: zone.name,
      segments: [],
      agents: [],
      shortfalls: [],
      changes: [],
      changeCount: 0,
      explanation:
        solution.status === "timeLimit"
          ? `the solver found none in ${limits.timeLimitSeconds} s; ${ROSTER_ADVICE} may help`
          : solution.status === "infeasible"
            ? "the agents' rules leave no roster (check the contracts' hours and days)"
            : `the solver stopped with an internal failure (${solution.message ?? "no details"}); ${ROSTER_ADVICE} may help`,
    };
  }
  return {
    status: solution.status,
    objective: solution.objective,
    bound: Number.isFinite(solution.bound) ? solution.bound : null,
    gap: solution.gap,
    stoppedBy: solution.stoppedBy,
    work: solution.work,
    timeZone: zone.name,
    changes: [],
    changeCount: 0,
    ...readRoster(solution, model, instances, agents, weeks),
  };
}

/** Builds the roster model (variables and rows in a fixed order: the solution is stable). */
function rosterModel(
  instances: readonly Instance[],
  agents: readonly Agent[],
  allowed: (agent: Agent, inst: Instance) => boolean,
  rules: {
    readonly restMs: number;
    readonly weeks: number;
    readonly firstDay: number;
    readonly options: RosterOptions;
  },
): RosterModel {
  const { restMs, weeks, firstDay, options } = rules;
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
    addRest(b, agent, mine, col, restMs);
    // weekly hours, days, nights, two days off
    const contract = weeklyHours(agent);
    let hoursTotal: number[] = [];
    let hoursValues: number[] = [];
    for (let w = 0; w < weeks; w++) {
      const week = mine.filter((i) => i.week === w);
      const cols = week.map(col);
      const hours = week.map((i) => i.paidHours);
      hoursTotal = hoursTotal.concat(cols);
      hoursValues = hoursValues.concat(hours);
      if (contract.max !== undefined) {
        b.addRow(cols, hours, { upper: contract.max, name: `maxh_${agent.id}_${w}` });
      }
      if (contract.min !== undefined && contract.min > 0) {
        const gap = b.addVar({ cost: HOURS_SHORT_PENALTY, name: `hshort_${agent.id}_${w}` });
        b.addRow([...cols, gap], [...hours, 1], {
          lower: contract.min,
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
      if (options.twoConsecutiveDaysOff === true)
        addTwoDaysOff(b, agent, work, firstDay + 7 * w, w);
    }
    hoursOf.set(agent.id, { cols: hoursTotal, hours: hoursValues });
    unsocialOf.set(agent.id, mine.filter((i) => i.unsocial).map(col));
  }
  addFairness(b, instances, agents, weeks, hoursOf, unsocialOf);
  return { builder: b, y, short };
}

/**
 * Rest: shifts extended by the rest that overlap at some start (a sweep over the starts) form
 * a clique, at most one of which the agent works.
 */
function addRest(
  b: MilpBuilder,
  agent: Agent,
  mine: readonly Instance[],
  col: (i: Instance) => number,
  restMs: number,
): void {
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
}

/**
 * Two consecutive days off in week `week` (from day `weekStart`): a binary per pair of days,
 * one of them set.
 */
function addTwoDaysOff(
  b: MilpBuilder,
  agent: Agent,
  work: ReadonlyMap<number, readonly number[]>,
  weekStart: number,
  week: number,
): void {
  const weekDays = Array.from({ length: 7 }, (_, k) => weekStart + k);
  const pairs = weekDays.slice(0, -1).map((d, k) => {
    const z = b.addVar({ integer: true, upper: 1, name: `off_${agent.id}_${d}` });
    for (const dd of [d, weekDays[k + 1]!]) {
      const cols = work.get(dd) ?? [];
      if (cols.length > 0)
        b.addRow([z, ...cols], [1, ...cols.map(() => 1)], {
          upper: 1,
          name: `offd_${agent.id}_${dd}_${d}`,
        });
    }
    return z;
  });
  b.addRow(
    pairs,
    pairs.map(() => 1),
    { lower: 1, name: `twooff_${agent.id}_${week}` },
  );
}

/**
 * Fairness: every agent within one shift of its fair share of the hours (shared in proportion
 * to contract capacity) and at most its fair share of unsocial shifts, rounded up; deviations
 * are penalised per hour and per shift. A band rather than a max-min spread: when a fair
 * roster exists the penalty is zero, which the LP bound proves at once.
 */
function addFairness(
  b: MilpBuilder,
  instances: readonly Instance[],
  agents: readonly Agent[],
  weeks: number,
  hoursOf: ReadonlyMap<string, { cols: number[]; hours: number[] }>,
  unsocialOf: ReadonlyMap<string, number[]>,
): void {
  const capacity = (a: Agent): number => {
    const max = weeklyHours(a).max;
    return (max !== undefined && max > 0 ? max : DEFAULT_CAPACITY_HOURS) * weeks;
  };
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
}

/** The roster of a solution: segments, per agent totals and shortfalls. */
function readRoster(
  solution: SolveResult,
  model: RosterModel,
  instances: readonly Instance[],
  agents: readonly Agent[],
  weeks: number,
): Pick<RosterResult, "segments" | "agents" | "shortfalls"> {
  const { y, short } = model;
  const value = (j: number): number => Math.round(solution.values[j]!);
  const works = (agent: Agent, inst: Instance): boolean =>
    value(y.get(`${agent.id}|${inst.index}`) ?? -1) === 1;
  const segments: Segment[] = [];
  const summaries: AgentSummary[] = [];
  const used = instances.map(() => 0); // agents placed on each shift so far (break slot rank)
  for (const agent of agents) {
    let shifts = 0;
    let paidSeconds = 0;
    let nights = 0;
    let unsocial = 0;
    const workDays = new Set<number>();
    for (const inst of instances) {
      if (!works(agent, inst)) continue;
      shifts++;
      paidSeconds += inst.paidSeconds;
      if (inst.night) nights++;
      if (inst.unsocial) unsocial++;
      workDays.add(inst.day);
      const breaks = inst.breaks[used[inst.index]!++] ?? [];
      let cursor = inst.start;
      const group = inst.group === undefined ? {} : { group: inst.group };
      const add = (startMs: number, endMs: number, activity: Segment["activity"]): void => {
        segments.push({ agentId: agent.id, startMs, endMs, activity, ...group });
      };
      for (const br of breaks) {
        if (br.start > cursor) add(cursor, br.start, "onQueue");
        add(br.start, br.end, br.kind);
        cursor = br.end;
      }
      if (inst.end > cursor) add(cursor, inst.end, "onQueue");
    }
    const minHours = weeklyHours(agent).min;
    let belowMinimumSeconds = 0;
    if (minHours !== undefined) {
      const minSeconds = agent.minSecondsWeek ?? minHours * 3600;
      for (let w = 0; w < weeks; w++) {
        const paid = instances
          .filter((i) => i.week === w && works(agent, i))
          .reduce((s, i) => s + i.paidSeconds, 0);
        belowMinimumSeconds += Math.max(0, minSeconds - paid);
      }
    }
    summaries.push({
      agentId: agent.id,
      shifts,
      days: workDays.size,
      paidSeconds,
      belowMinimumSeconds,
      nightShifts: nights,
      unsocialShifts: unsocial,
    });
  }
  const shortfalls: Shortfall[] = [];
  instances.forEach((inst, k) => {
    const missing = value(short[k]!);
    if (missing > 0)
      shortfalls.push({
        name: inst.name,
        startMs: inst.start,
        endMs: inst.end,
        missing,
        ...(inst.group === undefined ? {} : { group: inst.group }),
      });
  });
  segments.sort((p, q) =>
    p.agentId < q.agentId ? -1 : p.agentId > q.agentId ? 1 : p.startMs - q.startMs,
  );
  return { segments, agents: summaries, shortfalls };
}
