/**
 * A large exact move for one agent: keep its working days, but on each of them either keep its
 * shift or swap it with another agent's shift that day (the other agent taking this one's). The
 * best such week is found by dynamic programming over the agent's days: the rest between
 * consecutive shifts, the night cap and the weekly hours are the state, and each day's swap is
 * priced by what it costs the other agent. It undoes what day-by-day choices lock in: a late
 * shift leaves only late shifts the next day (the rest), so an agent can be stuck on unsocial
 * shifts all week although other agents could take some of them, one swap on each of several
 * days at once. Every swap is checked against every hard rule again when made (roster-state.ts)
 * and the whole move kept only when the objective falls.
 *
 * @module
 */
import type { RosterCosts } from "./roster-lns.ts";
import type { RosterContext } from "./roster-model.ts";
import { agentCost } from "./roster-point.ts";
import type { RosterState } from "./roster-state.ts";
import { weeklyHours } from "./roster-types.ts";

/** A fall in cost smaller than this is no improvement. */
const EPSILON = 1e-9;

/** A day's choice: a shift for the agent, and the agent who takes its old shift (-1: none). */
interface Option {
  readonly shift: number;
  readonly partner: number;
  /** What the swap costs the partner. */
  readonly delta: number;
}

/** A partial week in the dynamic program. */
interface Path {
  readonly value: number;
  readonly option: Option;
  readonly previous: Path | null;
  readonly unsocial: number;
  readonly nights: number;
  readonly weekHours: number;
  /** Paid hours of the weeks before this shift's, in order. */
  readonly closed: string;
}

/**
 * Tries to lower the objective by re-choosing agent `a`'s shift on each of its days, each new
 * shift swapped with its holder's.
 *
 * @returns whether the roster changed
 */
export function resequence(
  ctx: RosterContext,
  state: RosterState,
  costs: RosterCosts,
  a: number,
): boolean {
  const { instances, allowed, rules } = ctx;
  const n = instances.length;
  const mine = [...state.shifts[a]!].sort((p, q) => instances[p]!.start - instances[q]!.start);
  if (mine.length === 0) return false;
  const maxHours = weeklyHours(ctx.agents[a]!).max ?? Number.POSITIVE_INFINITY;
  const nightCap = rules.options.maxNightShiftsWeek ?? Number.POSITIVE_INFINITY;
  // each day: keep the shift, or take another shift of that day from its cheapest holder
  const options = mine.map((own): Option[] => {
    const day = instances[own]!.day;
    const out: Option[] = [{ shift: own, partner: -1, delta: 0 }];
    for (let t = 0; t < n; t++) {
      const inst = instances[t]!;
      if (inst.day !== day || t === own || allowed[a * n + t] === 0) continue;
      let best: Option | null = null;
      for (const b of [...state.holders[t]!]) {
        if (b === a || allowed[b * n + own] === 0) continue;
        state.remove(b, t);
        const ok = state.canAdd(b, own);
        let delta = 0;
        if (ok) {
          state.add(b, own);
          delta = agentCost(ctx, b, state.shifts[b]!) - costs.agent[b]!;
          state.remove(b, own);
        }
        state.add(b, t);
        if (ok && (best === null || delta < best.delta)) best = { shift: t, partner: b, delta };
        // a partner the swap costs nothing is as good as any (the first, in a fixed order)
        if (best !== null && best.delta <= EPSILON) break;
      }
      if (best !== null) out.push(best);
    }
    return out;
  });
  // the dynamic program over the days: per state, the cheapest path
  let layer = new Map<string, Path>();
  options[0]!.forEach((option) => {
    const path = extend(null, option);
    if (path !== null) layer.set(keyOf(path), path);
  });
  for (let k = 1; k < mine.length; k++) {
    const next = new Map<string, Path>();
    for (const path of layer.values()) {
      for (const option of options[k]!) {
        const grown = extend(path, option);
        if (grown === null) continue;
        const key = keyOf(grown);
        const old = next.get(key);
        if (old === undefined || grown.value < old.value - EPSILON) next.set(key, grown);
      }
    }
    layer = next;
  }
  // the best week, its own cost counted on its shifts
  let best: { path: Path; total: number } | null = null;
  for (const path of layer.values()) {
    const total = path.value + agentCost(ctx, a, shiftsOf(path));
    if (best === null || total < best.total - EPSILON) best = { path, total };
  }
  if (best === null || best.total >= costs.agent[a]! - EPSILON) return false;
  return apply(ctx, state, costs, a, best.path);

  function extend(previous: Path | null, option: Option): Path | null {
    const inst = instances[option.shift]!;
    const prior = previous === null ? null : instances[previous.option.shift]!;
    if (prior !== null) {
      if (inst.start < prior.end + rules.restMs && prior.start < inst.end + rules.restMs)
        return null;
    }
    const sameWeek = prior !== null && prior.week === inst.week;
    const nights = (sameWeek ? previous!.nights : 0) + (inst.night ? 1 : 0);
    const weekHours = (sameWeek ? previous!.weekHours : 0) + inst.paidHours;
    if (nights > nightCap || weekHours > maxHours + 1e-9) return null;
    return {
      value: (previous?.value ?? 0) + option.delta,
      option,
      previous,
      unsocial: (previous?.unsocial ?? 0) + (inst.unsocial ? 1 : 0),
      nights,
      weekHours,
      closed:
        previous === null
          ? ""
          : sameWeek
            ? previous.closed
            : `${previous.closed}${previous.weekHours},`,
    };
  }
}

/** The state of a path that its future depends on (and its cost: hours, unsocial shifts). */
function keyOf(path: Path): string {
  return `${path.option.shift}|${path.unsocial}|${path.nights}|${path.weekHours}|${path.closed}`;
}

/** The agent's shifts along a path. */
function shiftsOf(path: Path): number[] {
  const out: number[] = [];
  for (let p: Path | null = path; p !== null; p = p.previous) out.push(p.option.shift);
  return out;
}

/** Makes a path's swaps; undoes them all unless every rule holds and the objective falls. */
function apply(
  ctx: RosterContext,
  state: RosterState,
  costs: RosterCosts,
  a: number,
  path: Path,
): boolean {
  const swaps: Option[] = [];
  for (let p: Path | null = path; p !== null; p = p.previous)
    if (p.option.partner >= 0) swaps.push(p.option);
  const involved = [a, ...new Set(swaps.map((s) => s.partner))];
  const before = involved.reduce((s, x) => s + costs.agent[x]!, 0);
  const saved = involved.map((x) => [...state.shifts[x]!]);
  const own = (s: Option): number =>
    state.shifts[a]!.find((i) => ctx.instances[i]!.day === ctx.instances[s.shift]!.day)!;
  let ok = true;
  for (const s of swaps) {
    const old = own(s);
    state.remove(a, old);
    state.remove(s.partner, s.shift);
    if (!state.canAdd(s.partner, old)) {
      state.add(a, old);
      state.add(s.partner, s.shift);
      ok = false;
      break;
    }
    state.add(s.partner, old);
    state.add(a, s.shift);
  }
  ok &&= state.shifts[a]!.every((i) => {
    state.remove(a, i);
    const fine = state.canAdd(a, i);
    state.add(a, i);
    return fine;
  });
  const after = involved.reduce((s, x) => s + agentCost(ctx, x, state.shifts[x]!), 0);
  if (ok && after < before - EPSILON) {
    for (const x of involved) costs.update(x);
    return true;
  }
  involved.forEach((x, k) => {
    state.replace(x, saved[k]!);
  });
  return false;
}
