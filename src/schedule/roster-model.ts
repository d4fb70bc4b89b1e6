/**
 * The roster's rules as an integer program, for any set of agents: one binary per (agent,
 * shift) pair; at most one shift a day; a minimum rest between shifts (every pair closer than
 * the rest is excluded by clique rows: the shifts extended by the rest form an interval graph,
 * whose maximal cliques sit at shift starts); weekly paid hours within the contract (the
 * minimum soft); at most a number of days a week; availability and time off; skills;
 * optionally two consecutive days off a week and a cap on night shifts; fairness as bands: each
 * agent's hours within one shift of its share of the hours (in proportion to contract capacity)
 * and its unsocial (late, night, weekend) shifts at most its share, rounded up. Bands rather
 * than a max-min spread keep the LP bound tight: a fair roster has zero fairness penalty.
 * Shifts that cannot be filled are shortfalls, heavily penalised. With a kept roster, every
 * change to it costs {@link ROSTER_CHANGE_PENALTY}.
 *
 * The whole roster is the model of all agents with each shift's count; a neighbourhood of the
 * search (roster-lns.ts) is the same model of a few agents with the counts the others leave
 * (residual counts). A shift nobody of the model may take (residual 0) gets no columns, so a
 * model of k agents costs O(k x shifts) to build. Every cost is >= 0.
 *
 * The model counts paid time in hours (its penalties are per hour).
 *
 * @module
 */
import { appendAll, maxOf } from "../math/extent.ts";
import { MilpBuilder, type Milp } from "./milp.ts";
import type { Instance } from "./roster-instances.ts";
import {
  ROSTER_CHANGE_PENALTY,
  weeklyHours,
  type Agent,
  type RosterOptions,
} from "./roster-types.ts";

/** Penalty per paid hour of a designed shift left unfilled (at least one hour's worth). */
export const SHORTFALL_PENALTY_PER_HOUR = 1000;
/** Penalty per hour below an agent's weekly minimum. */
export const HOURS_SHORT_PENALTY = 10;
/** Penalty per hour outside an agent's fair band. */
export const FAIR_HOURS_PENALTY = 5;
/** Penalty per unsocial shift above an agent's fair share. */
export const FAIR_UNSOCIAL_PENALTY = 5;
/** Contract capacity assumed for fairness when an agent has no weekly maximum, hours. */
const DEFAULT_CAPACITY_HOURS = 40;

/** The roster's rules besides the agents' contracts. */
export interface RosterRules {
  readonly restMs: number;
  readonly weeks: number;
  readonly firstDay: number;
  readonly options: RosterOptions;
}

/** A kept roster as model terms (roster-keep.ts builds it). */
export interface KeepTerms {
  /** Per agent: its kept shifts, each as the instances it matches that the agent may work. */
  readonly kept: readonly (readonly (readonly number[])[])[];
  /** Per agent: whether an instance belongs to one of its kept shifts. */
  readonly isKept: readonly ReadonlySet<number>[];
  /** Kept assignments no roster can keep (agent or shift gone, or no longer allowed). */
  readonly forced: number;
}

/** What every model of the roster shares: the shifts, all agents, the rules, fair shares. */
export interface RosterContext {
  readonly instances: readonly Instance[];
  readonly agents: readonly Agent[];
  readonly rules: RosterRules;
  /** allowed[a * instances + i]: agent a may work instance i (skills, availability). */
  readonly allowed: Uint8Array;
  /** Per agent: its fair hours (over the horizon), their band and the cap of unsocial shifts. */
  readonly fairTarget: Float64Array;
  readonly fairLow: Float64Array;
  readonly fairHigh: Float64Array;
  readonly unsocialCap: Int32Array;
  /** Instance indices by start (ties by index). */
  readonly byStart: Int32Array;
  readonly keep?: KeepTerms;
}

/** A model of some agents (members) and the columns to read its solution from. */
export interface RosterModel {
  readonly milp: Milp;
  /** Agent indices of the members, in model order. */
  readonly members: readonly number[];
  /** Column of member k's pair with instance i at k * instances + i, -1 for none. */
  readonly colOf: Int32Array;
  /** Per instance, its shortfall column (-1: no residual, no row). */
  readonly short: Int32Array;
  readonly residual: ArrayLike<number>;
  /** Per column, the member it belongs to (-1: a shortfall). */
  readonly owner: Int32Array;
  /** Slack columns (each in one row, coefficient `sign`): the least value meets the row. */
  readonly slacks: readonly { col: number; row: number; sign: 1 | -1 }[];
  /** Two days off: per member week, the pair binaries and the columns of each pair's days. */
  readonly offPairs: readonly { z: number; cols: number[] }[][];
}

/** Penalty of one unfilled agent on instance `inst`. */
export function shortfallCost(inst: Instance): number {
  return SHORTFALL_PENALTY_PER_HOUR * Math.max(1, inst.paidHours);
}

/**
 * The fair bands of every agent: hours within the longest shift of its capacity share of all
 * hours, unsocial shifts at most its share, rounded up.
 */
export function fairShares(
  instances: readonly Instance[],
  agents: readonly Agent[],
  weeks: number,
): {
  fairTarget: Float64Array;
  fairLow: Float64Array;
  fairHigh: Float64Array;
  unsocialCap: Int32Array;
} {
  const capacity = (a: Agent): number => {
    const max = weeklyHours(a).max;
    return (max !== undefined && max > 0 ? max : DEFAULT_CAPACITY_HOURS) * weeks;
  };
  const totalCapacity = agents.reduce((sum, a) => sum + capacity(a), 0);
  const totalHours = instances.reduce((sum, i) => sum + i.count * i.paidHours, 0);
  const totalUnsocial = instances.reduce((sum, i) => sum + (i.unsocial ? i.count : 0), 0);
  const longest = maxOf(instances, (i) => i.paidHours, 0);
  const fairTarget = new Float64Array(agents.length);
  const fairLow = new Float64Array(agents.length);
  const fairHigh = new Float64Array(agents.length);
  const unsocialCap = new Int32Array(agents.length);
  agents.forEach((agent, a) => {
    const share = capacity(agent) / totalCapacity;
    const target = Math.min(capacity(agent), totalHours * share);
    fairTarget[a] = target;
    fairHigh[a] = target + longest;
    fairLow[a] = Math.max(0, target - longest);
    unsocialCap[a] = Math.ceil(totalUnsocial * share - 1e-9);
  });
  return { fairTarget, fairLow, fairHigh, unsocialCap };
}

/** Variants of the model, for bounds (roster-bound.ts). */
export interface ModelVariant {
  /**
   * Per member, how many identical agents it stands for (default 1): its rows' bounds and its
   * pair columns' upper bounds scale with it (the LP relaxation of identical agents, merged).
   */
  readonly weights?: ArrayLike<number>;
  /** Without the fill rows and shortfalls: each member's own rules alone (default true). */
  readonly fill?: boolean;
  /** With the kept roster's terms (default true). */
  readonly keep?: boolean;
}

/**
 * Builds the model of `members` (agent indices) with `residual` agents wanted per instance
 * (variables and rows in a fixed order: the same inputs give the same model).
 */
export function rosterModel(
  ctx: RosterContext,
  members: readonly number[],
  residual: ArrayLike<number>,
  variant: ModelVariant = {},
): RosterModel {
  const { instances, agents, allowed, byStart } = ctx;
  const n = instances.length;
  const b = new MilpBuilder();
  const owner: number[] = [];
  const colOf = new Int32Array(members.length * n).fill(-1);
  const slacks: { col: number; row: number; sign: 1 | -1 }[] = [];
  const addVar = (k: number, spec: Parameters<MilpBuilder["addVar"]>[0]): number => {
    owner.push(k);
    return b.addVar(spec);
  };
  const soft = (
    k: number,
    cost: number,
    name: string,
    cols: number[],
    vals: number[],
    bounds: { lower?: number; upper?: number },
  ): void => {
    const sign = bounds.lower === undefined ? -1 : 1;
    const col = addVar(k, { cost, name });
    const row = b.addRow([...cols, col], [...vals, sign], { ...bounds, name });
    slacks.push({ col, row, sign });
  };
  const keep = variant.keep === false ? undefined : ctx.keep;
  const weight = (k: number): number => variant.weights?.[k] ?? 1;
  members.forEach((a, k) => {
    const agent = agents[a]!;
    const kept = keep?.isKept[a];
    for (let i = 0; i < n; i++) {
      if (allowed[a * n + i] === 0 || !(residual[i]! > 0)) continue;
      const cost = keep === undefined || kept!.has(i) ? 0 : ROSTER_CHANGE_PENALTY;
      colOf[k * n + i] = addVar(k, {
        integer: true,
        upper: weight(k),
        ...(cost > 0 ? { cost } : {}),
        name: `y_${agent.id}_${i}`,
      });
    }
  });
  // Fill each shift up to its residual count; the rest is a shortfall.
  const short = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const inst = instances[i]!;
    const count = residual[i]!;
    if (!(count > 0) || variant.fill === false) continue;
    const s = addVar(-1, { cost: shortfallCost(inst), upper: count, name: `short${i}` });
    short[i] = s;
    const cols: number[] = [];
    for (let k = 0; k < members.length; k++) {
      const c = colOf[k * n + i]!;
      if (c >= 0) cols.push(c);
    }
    cols.push(s);
    b.addRow(
      cols,
      cols.map(() => 1),
      { lower: count, upper: count, name: `fill${i}` },
    );
  }
  const { restMs, weeks, firstDay, options } = ctx.rules;
  const offPairs: { z: number; cols: number[] }[][] = [];
  members.forEach((a, k) => {
    const agent = agents[a]!;
    const id = agent.id;
    const m = weight(k);
    const col = (i: number): number => colOf[k * n + i]!;
    const mine: number[] = [];
    for (let i = 0; i < n; i++) if (col(i) >= 0) mine.push(i);
    // one shift a day
    const work = new Map<number, number[]>();
    for (const i of mine) {
      const d = instances[i]!.day;
      const list = work.get(d);
      if (list === undefined) work.set(d, [col(i)]);
      else list.push(col(i));
    }
    for (const [d, cols] of [...work].sort((p, q) => p[0] - q[0]))
      if (cols.length > 1)
        b.addRow(
          cols,
          cols.map(() => 1),
          { upper: m, name: `day_${id}_${d}` },
        );
    addRest(b, id, instances, byStart, (i) => col(i), restMs, m);
    // weekly hours, days, nights, two days off
    const contract = weeklyHours(agent);
    for (let w = 0; w < weeks; w++) {
      const week = mine.filter((i) => instances[i]!.week === w);
      const cols = week.map(col);
      const hours = week.map((i) => instances[i]!.paidHours);
      if (contract.max !== undefined)
        b.addRow(cols, hours, { upper: m * contract.max, name: `maxh_${id}_${w}` });
      if (contract.min !== undefined && contract.min > 0)
        soft(k, HOURS_SHORT_PENALTY, `minh_${id}_${w}`, cols, hours, { lower: m * contract.min });
      if (agent.maxDaysWeek !== undefined)
        b.addRow(
          cols,
          cols.map(() => 1),
          { upper: m * agent.maxDaysWeek, name: `maxd_${id}_${w}` },
        );
      if (options.maxNightShiftsWeek !== undefined) {
        const nights = week.filter((i) => instances[i]!.night).map(col);
        if (nights.length > 0)
          b.addRow(
            nights,
            nights.map(() => 1),
            {
              upper: m * options.maxNightShiftsWeek,
              name: `night_${id}_${w}`,
            },
          );
      }
      if (options.twoConsecutiveDaysOff === true)
        offPairs.push(
          addTwoDaysOff(b, (spec) => addVar(k, spec), id, work, firstDay + 7 * w, w, m),
        );
    }
    // fairness: hours within the band, unsocial shifts at most the share
    const cols = mine.map(col);
    const hours = mine.map((i) => instances[i]!.paidHours);
    soft(k, FAIR_HOURS_PENALTY, `fairhi_${id}`, cols, hours, { upper: m * ctx.fairHigh[a]! });
    soft(k, FAIR_HOURS_PENALTY, `fairlo_${id}`, cols, hours, { lower: m * ctx.fairLow[a]! });
    const un = mine.filter((i) => instances[i]!.unsocial).map(col);
    if (un.length > 0)
      soft(
        k,
        FAIR_UNSOCIAL_PENALTY,
        `fairuns_${id}`,
        un,
        un.map(() => 1),
        {
          upper: m * ctx.unsocialCap[a]!,
        },
      );
    // a kept shift not worked is a change
    for (const [s, shift] of (keep?.kept[a] ?? []).entries()) {
      const kc = shift.map(col).filter((c) => c >= 0);
      soft(
        k,
        ROSTER_CHANGE_PENALTY,
        `keep_${id}_${s}`,
        kc,
        kc.map(() => 1),
        { lower: 1 },
      );
    }
  });
  return {
    milp: b.build(),
    members,
    colOf,
    short,
    residual,
    owner: Int32Array.from(owner),
    slacks,
    offPairs,
  };
}

/**
 * Rest: shifts extended by the rest that overlap at some start (a sweep over the starts) form
 * a clique, at most one of which the agent works. Only maximal cliques that span more than one
 * day are rows: a smaller clique is implied by a larger one, a one-day clique by the day's row.
 */
function addRest(
  b: MilpBuilder,
  id: string,
  instances: readonly Instance[],
  byStart: Int32Array,
  col: (i: number) => number,
  restMs: number,
  m: number,
): void {
  const mine: Instance[] = [];
  for (const i of byStart) if (col(i) >= 0) mine.push(instances[i]!);
  let active: Instance[] = [];
  let next = 0;
  for (let k = 0; k < mine.length; k++) {
    const t = mine[k]!.start;
    if (k > 0 && mine[k - 1]!.start === t) continue;
    while (next < mine.length && mine[next]!.start <= t) active.push(mine[next++]!);
    active = active.filter((i) => t < i.end + restMs);
    const following = next < mine.length ? mine[next]!.start : Number.POSITIVE_INFINITY;
    const maximal = active.some((i) => i.end + restMs <= following) || next >= mine.length;
    const days = new Set(active.map((i) => i.day));
    if (active.length > 1 && maximal && days.size > 1) {
      const clique = active.map((i) => col(i.index));
      b.addRow(
        clique,
        clique.map(() => 1),
        { upper: m, name: `rest_${id}_${t}` },
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
  addVar: (spec: Parameters<MilpBuilder["addVar"]>[0]) => number,
  id: string,
  work: ReadonlyMap<number, readonly number[]>,
  weekStart: number,
  week: number,
  m: number,
): { z: number; cols: number[] }[] {
  const weekDays = Array.from({ length: 7 }, (_, k) => weekStart + k);
  const pairs = weekDays.slice(0, -1).map((d, k) => {
    const z = addVar({ integer: true, upper: m, name: `off_${id}_${d}` });
    const both: number[] = [];
    for (const dd of [d, weekDays[k + 1]!]) {
      const cols = work.get(dd) ?? [];
      appendAll(both, cols);
      if (cols.length > 0)
        b.addRow([z, ...cols], [1, ...cols.map(() => 1)], {
          upper: m,
          name: `offd_${id}_${dd}_${d}`,
        });
    }
    return { z, cols: both };
  });
  b.addRow(
    pairs.map((p) => p.z),
    pairs.map(() => 1),
    { lower: m, name: `twooff_${id}_${week}` },
  );
  return pairs;
}
