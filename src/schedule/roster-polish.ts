/**
 * Cheap exact moves beside the search's solves: for every agent whose rules cost (hours below
 * the minimum, outside the fair band, too many unsocial shifts, changes to a kept roster), try
 * on each day to swap its shift with another agent's shift that day, to hand its shift to an
 * agent off that day, or to take a shift from an agent working that day; to exchange a shift
 * with an agent who works a day this one is off (and is off this one's day); and to re-choose
 * its whole week at once (roster-resequence.ts). Open shifts go to any agent who may take them.
 * A move is made when every hard rule still holds (roster-state.ts) and the objective falls.
 * Only moves that lower the focus agent's own cost are tried (a move that helps only the other
 * agent is found when that agent is the focus), which keeps a sweep cheap. Agents and days are
 * taken in a fixed order: the same roster gives the same moves.
 *
 * @module
 */
import type { RosterCosts } from "./roster-lns.ts";
import type { RosterContext } from "./roster-model.ts";
import { agentCost } from "./roster-point.ts";
import { resequence } from "./roster-resequence.ts";
import type { RosterState } from "./roster-state.ts";

/** A fall in cost smaller than this is no improvement. */
const EPSILON = 1e-9;

/**
 * Improves `state` in place, `passes` sweeps at most over the agents of `focus` (default all).
 *
 * @returns the number of moves made
 */
export function polishRoster(
  ctx: RosterContext,
  state: RosterState,
  costs: RosterCosts,
  passes: number,
  focus?: readonly number[],
): number {
  const { instances, agents, allowed } = ctx;
  const n = instances.length;
  let moves = 0;
  const fillOpen = (): void => {
    for (const inst of instances) {
      for (let a = 0; a < agents.length && state.filled[inst.index]! < inst.count; a++) {
        if (!state.canAdd(a, inst.index)) continue;
        state.add(a, inst.index);
        costs.update(a);
        moves++;
      }
    }
  };
  /** What a change of its shifts would do to agent a's own cost. */
  const gain = (a: number, out: number | undefined, into: number | undefined): number => {
    const shifts = state.shifts[a]!.filter((i) => i !== out);
    if (into !== undefined) shifts.push(into);
    return agentCost(ctx, a, shifts) - costs.agent[a]!;
  };
  /** Tries a change of a's and b's shifts (remove, then add); keeps it when it pays. */
  const attempt = (
    a: number,
    b: number,
    change: { aOut?: number; aIn?: number; bOut?: number; bIn?: number },
  ): boolean => {
    const before = costs.agent[a]! + costs.agent[b]!;
    if (change.aOut !== undefined) state.remove(a, change.aOut);
    if (change.bOut !== undefined) state.remove(b, change.bOut);
    const ok =
      (change.aIn === undefined || state.canAdd(a, change.aIn)) &&
      (change.bIn === undefined || state.canAdd(b, change.bIn));
    if (ok) {
      if (change.aIn !== undefined) state.add(a, change.aIn);
      if (change.bIn !== undefined) state.add(b, change.bIn);
      const after = agentCost(ctx, a, state.shifts[a]!) + agentCost(ctx, b, state.shifts[b]!);
      if (after < before - EPSILON) {
        costs.update(a);
        costs.update(b);
        moves++;
        return true;
      }
      if (change.aIn !== undefined) state.remove(a, change.aIn);
      if (change.bIn !== undefined) state.remove(b, change.bIn);
    }
    if (change.aOut !== undefined) state.add(a, change.aOut);
    if (change.bOut !== undefined) state.add(b, change.bOut);
    return false;
  };
  const onDay = new Map<number, number[]>();
  for (const inst of instances) {
    const list = onDay.get(inst.day);
    if (list === undefined) onDay.set(inst.day, [inst.index]);
    else list.push(inst.index);
  }
  const days = [...onDay.keys()].sort((p, q) => p - q);
  const shiftOn = (a: number, day: number): number | undefined =>
    state.shifts[a]!.find((i) => instances[i]!.day === day);
  /** Moves within one day: swap, hand over, take. */
  const sameDay = (a: number, day: number): boolean => {
    const mine = shiftOn(a, day);
    for (const t of onDay.get(day)!) {
      if (t === mine || allowed[a * n + t] === 0 || gain(a, mine, t) >= -EPSILON) continue;
      for (const b of [...state.holders[t]!]) {
        if (b === a || (mine !== undefined && allowed[b * n + mine] === 0)) continue;
        const change =
          mine === undefined ? { aIn: t, bOut: t } : { aOut: mine, aIn: t, bOut: t, bIn: mine };
        if (attempt(a, b, change)) return true;
      }
    }
    if (mine === undefined || gain(a, mine, undefined) >= -EPSILON) return false;
    for (let b = 0; b < agents.length; b++) {
      if (b === a || allowed[b * n + mine] === 0 || shiftOn(b, day) !== undefined) continue;
      if (attempt(a, b, { aOut: mine, bIn: mine })) return true;
    }
    return false;
  };
  /** Exchanges: a shift of a for one of b on a day a is off, b being off a's day. */
  const exchange = (a: number): boolean => {
    for (const mine of [...state.shifts[a]!]) {
      const d1 = instances[mine]!.day;
      for (const d2 of days) {
        if (d2 === d1 || shiftOn(a, d2) !== undefined) continue;
        for (const t of onDay.get(d2)!) {
          if (allowed[a * n + t] === 0 || gain(a, mine, t) >= -EPSILON) continue;
          for (const b of [...state.holders[t]!]) {
            if (allowed[b * n + mine] === 0 || shiftOn(b, d1) !== undefined) continue;
            if (attempt(a, b, { aOut: mine, aIn: t, bOut: t, bIn: mine })) return true;
          }
        }
      }
    }
    return false;
  };
  const order = focus ?? agents.map((_, a) => a);
  for (let pass = 0; pass < passes; pass++) {
    const start = moves;
    fillOpen();
    for (const a of order) {
      for (const day of days) {
        if (costs.excess(a) <= EPSILON) break;
        sameDay(a, day);
      }
      while (costs.excess(a) > EPSILON && exchange(a));
      if (costs.excess(a) > EPSILON && resequence(ctx, state, costs, a)) moves++;
    }
    if (moves === start) break;
  }
  return moves;
}
