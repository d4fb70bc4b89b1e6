/**
 * Points of the roster model (roster-model.ts) and what they cost: the model's point for given
 * shifts (the least slacks, the first free pair of days off), the shifts and per-member costs
 * of a point, and the cost of one agent's own rules for given shifts, as the model counts it
 * (tests check the two agree), for the search's quick moves.
 *
 * @module
 */
import {
  FAIR_HOURS_PENALTY,
  FAIR_UNSOCIAL_PENALTY,
  HOURS_SHORT_PENALTY,
  type RosterContext,
  type RosterModel,
} from "./roster-model.ts";
import { ROSTER_CHANGE_PENALTY, weeklyHours } from "./roster-types.ts";

/**
 * A complete point of the model from the members' shifts (per member, instance indices): the
 * pair columns, each shortfall the residual left, each slack its least value, the first pair
 * of days off free. Null when the shifts overfill an instance or leave no two days off (the
 * other rules are for the caller: `violation` in milp.ts checks them).
 */
export function pointOf(
  model: RosterModel,
  shifts: (k: number) => readonly number[],
): Float64Array | null {
  const { milp, colOf, short, residual, members } = model;
  const n = short.length;
  const x = new Float64Array(milp.cost.length);
  const used = new Float64Array(n);
  for (let k = 0; k < members.length; k++) {
    for (const i of shifts(k)) {
      const c = colOf[k * n + i]!;
      if (c < 0) return null;
      x[c] = 1;
      used[i]!++;
    }
  }
  for (let i = 0; i < n; i++) {
    if (short[i]! < 0) continue;
    const left = residual[i]! - used[i]!;
    if (left < 0) return null;
    x[short[i]!] = left;
  }
  for (const week of model.offPairs) {
    const free = week.find((p) => p.cols.every((c) => x[c] === 0));
    if (free === undefined) return null;
    x[free.z] = 1;
  }
  for (const { col, row, sign } of model.slacks) {
    const r = milp.rows[row]!;
    let s = 0;
    r.indices.forEach((j, q) => {
      if (j !== col) s += r.values[q]! * x[j]!;
    });
    x[col] = sign > 0 ? Math.max(0, r.lower - s) : Math.max(0, s - r.upper);
  }
  return x;
}

/** Per member, the cost of its columns at point x (its share of the objective). */
export function memberCosts(model: RosterModel, x: ArrayLike<number>): Float64Array {
  const costs = new Float64Array(model.members.length);
  const { cost } = model.milp;
  for (let j = 0; j < cost.length; j++) {
    const k = model.owner[j]!;
    if (k >= 0 && cost[j] !== 0) costs[k]! += cost[j]! * x[j]!;
  }
  return costs;
}

/** Per member, the instances it works at point x (ascending). */
export function memberShifts(model: RosterModel, x: ArrayLike<number>): number[][] {
  const n = model.short.length;
  return model.members.map((_, k) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = model.colOf[k * n + i]!;
      if (c >= 0 && Math.round(x[c]!) === 1) out.push(i);
    }
    return out;
  });
}

/**
 * The cost of agent `a`'s own rules for the given shifts, as the model counts it (its share of
 * the objective at the least slacks): hours below the weekly minimum, hours outside the fair
 * band, unsocial shifts above the share, and with a kept roster each kept shift not worked and
 * each shift worked that was not kept. Tests check it against {@link memberCosts}.
 */
export function agentCost(ctx: RosterContext, a: number, shifts: readonly number[]): number {
  const { instances, rules } = ctx;
  const agent = ctx.agents[a]!;
  const perWeek = new Float64Array(rules.weeks);
  let total = 0;
  let unsocial = 0;
  for (const i of shifts) {
    const inst = instances[i]!;
    perWeek[inst.week]! += inst.paidHours;
    total += inst.paidHours;
    if (inst.unsocial) unsocial++;
  }
  let cost = 0;
  const min = weeklyHours(agent).min;
  if (min !== undefined && min > 0)
    for (const h of perWeek) cost += HOURS_SHORT_PENALTY * Math.max(0, min - h);
  cost += FAIR_HOURS_PENALTY * Math.max(0, total - ctx.fairHigh[a]!);
  cost += FAIR_HOURS_PENALTY * Math.max(0, ctx.fairLow[a]! - total);
  cost += FAIR_UNSOCIAL_PENALTY * Math.max(0, unsocial - ctx.unsocialCap[a]!);
  const keep = ctx.keep;
  if (keep !== undefined) {
    for (const i of shifts) if (!keep.isKept[a]!.has(i)) cost += ROSTER_CHANGE_PENALTY;
    for (const shift of keep.kept[a]!)
      if (!shift.some((i) => shifts.includes(i))) cost += ROSTER_CHANGE_PENALTY;
  }
  return cost;
}
