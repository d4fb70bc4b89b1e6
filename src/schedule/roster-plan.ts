/**
 * Working days first: before any shift is given out, each agent gets a pattern of working days
 * per week, balanced against each day's demand (the classic days-off step of tour scheduling).
 * An agent plans as many days as its fair hours need (within its contract's days and hours and
 * its availability); the days off keep two consecutive days free when the rule asks for it, and
 * each agent in turn (the most constrained first) takes the pattern whose days still lack the
 * most agents. Days an agent already works (a kept roster) are part of its pattern.
 *
 * @module
 */
import type { Random } from "../math/random.ts";
import type { RosterContext } from "./roster-model.ts";
import { bitCount, twoFree, type RosterState } from "./roster-state.ts";
import { weeklyHours } from "./roster-types.ts";

/** Agent-days planned per agent-shift wanted (a little more: some planned days find no shift). */
const PLAN_MARGIN = 1.03;

/** Weekday masks by number of days set (index: count). */
const MASKS_BY_SIZE: readonly number[][] = (() => {
  const out: number[][] = Array.from({ length: 8 }, () => []);
  for (let m = 0; m < 128; m++) out[bitCount(m)]!.push(m);
  return out;
})();

/** Per agent week, the planned working days as a 7-bit mask (bit k: the week's day k). */
export function planDays(ctx: RosterContext, state: RosterState, random: Random): Int32Array {
  const { instances, agents, allowed } = ctx;
  const { weeks, firstDay, options } = ctx.rules;
  const n = instances.length;
  const plan = new Int32Array(agents.length * weeks);
  const bitOf = (i: number): number => {
    const inst = instances[i]!;
    return 1 << (inst.day - firstDay - 7 * inst.week);
  };
  // agents still wanted per week day: demand, less what the roster already holds
  const demand = new Float64Array(weeks * 7);
  const planned = new Float64Array(weeks * 7);
  let hoursSum = 0;
  let countSum = 0;
  for (const inst of instances) {
    const slot = inst.week * 7 + (inst.day - firstDay - 7 * inst.week);
    demand[slot]! += inst.count;
    planned[slot]! += state.filled[inst.index]!;
    hoursSum += inst.count * inst.paidHours;
    countSum += inst.count;
  }
  const meanHours = countSum > 0 ? hoursSum / countSum : 8;
  const twoOff = options.twoConsecutiveDaysOff === true;
  const tie = Float64Array.from(agents, () => random());
  for (let w = 0; w < weeks; w++) {
    // per agent: the days it may work, the days it works already, the days it should plan
    const may = new Int32Array(agents.length);
    const fixed = new Int32Array(agents.length);
    const size = new Int32Array(agents.length);
    const ideal = new Float64Array(agents.length);
    const most = new Int32Array(agents.length);
    agents.forEach((agent, a) => {
      let shortest = Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        const inst = instances[i]!;
        if (inst.week !== w || allowed[a * n + i] === 0) continue;
        may[a]! |= bitOf(i);
        shortest = Math.min(shortest, inst.paidHours);
      }
      for (const i of state.shifts[a]!) if (instances[i]!.week === w) fixed[a]! |= bitOf(i);
      const contract = weeklyHours(agent);
      const wantHours = Math.max(ctx.fairTarget[a]! / weeks, contract.min ?? 0);
      let days = Math.min(agent.maxDaysWeek ?? 7, twoOff ? 5 : 7, bitCount(may[a]! | fixed[a]!));
      if (contract.max !== undefined && shortest > 0)
        days = Math.min(days, Math.floor(contract.max / shortest + 1e-9));
      most[a] = Math.max(days, bitCount(fixed[a]!));
      ideal[a] = Math.min(most[a], wantHours / meanHours);
      size[a] = Math.max(Math.floor(ideal[a] + 1e-9), bitCount(fixed[a]!));
    });
    // round the ideal days so that the agent-days planned meet the week's demand (and a little)
    let left = Math.ceil(PLAN_MARGIN * demand.slice(w * 7, w * 7 + 7).reduce((x, y) => x + y, 0));
    for (const k of size) left -= k;
    const byFraction = agents
      .map((_, a) => a)
      .sort((p, q) => ideal[q]! - size[q]! - (ideal[p]! - size[p]!) || tie[p]! - tie[q]! || p - q);
    for (let round = 0; round < 7 && left > 0; round++) {
      for (const a of byFraction) {
        if (left <= 0) break;
        if (size[a]! >= most[a]! || (round === 0 && ideal[a]! - size[a]! <= 1e-9)) continue;
        size[a]!++;
        left--;
      }
    }
    // the most constrained first: fewest days to choose from, then most days to plan
    const order = agents
      .map((_, a) => a)
      .sort(
        (p, q) =>
          bitCount(may[p]!) - size[p]! - (bitCount(may[q]!) - size[q]!) ||
          size[q]! - size[p]! ||
          tie[p]! - tie[q]! ||
          p - q,
      );
    for (const a of order) {
      let best = fixed[a]!;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (const m of MASKS_BY_SIZE[size[a]!]!) {
        if ((m & fixed[a]!) !== fixed[a]! || (m & ~(may[a]! | fixed[a])) !== 0) continue;
        if (twoOff && !twoFree(m)) continue;
        let score = 0;
        for (let k = 0; k < 7; k++) {
          if ((m & (1 << k)) === 0 || (fixed[a] & (1 << k)) !== 0) continue;
          const slot = w * 7 + k;
          score += (demand[slot]! - planned[slot]!) / Math.max(1, demand[slot]!);
        }
        if (score > bestScore) {
          bestScore = score;
          best = m;
        }
      }
      plan[a * weeks + w] = best;
      for (let k = 0; k < 7; k++)
        if ((best & (1 << k)) !== 0 && (fixed[a]! & (1 << k)) === 0) planned[w * 7 + k]!++;
    }
  }
  return plan;
}
