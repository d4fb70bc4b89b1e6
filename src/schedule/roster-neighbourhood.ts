/**
 * Which agents a round of the roster search frees. In turn: agents who may work an unfilled
 * shift (half off that day, half working that day, so that shifts can move along); agents whose
 * rules cost, each with partners who have to spare what it lacks (unsocial shifts below their
 * share for one above its share, hours above their floor for one below its floor, hours below
 * their ceiling for one above it); and random groups. Every draw comes from the seeded
 * generator, so the same roster and round give the same agents.
 *
 * @module
 */
import type { Random } from "../math/random.ts";
import type { RosterCosts } from "./roster-lns.ts";
import type { RosterContext } from "./roster-model.ts";
import type { RosterState } from "./roster-state.ts";
import { weeklyHours } from "./roster-types.ts";

/** An agent's cost below this is none. */
const NO_COST = 1e-6;

/** Shuffles a copy of `xs` (Fisher-Yates with the seeded generator). */
function shuffled<T>(xs: readonly T[], random: Random): T[] {
  const out = [...xs];
  for (let k = out.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [out[k], out[j]] = [out[j]!, out[k]!];
  }
  return out;
}

/** Where an agent stands against its soft rules: what it lacks and what it has to spare. */
interface Standing {
  /** Unsocial shifts above its share (> 0) or below it (< 0). */
  readonly unsocial: number;
  /** Hours above the floor of its band and minimum (< 0: below). */
  readonly aboveFloor: number;
  /** Hours below the ceiling of its band (< 0: above). */
  readonly belowCeiling: number;
}

function standing(ctx: RosterContext, state: RosterState, a: number): Standing {
  let unsocial = 0;
  for (const i of state.shifts[a]!) if (ctx.instances[i]!.unsocial) unsocial++;
  const hours = state.hoursOf(a);
  const floor = Math.max(ctx.fairLow[a]!, (weeklyHours(ctx.agents[a]!).min ?? 0) * ctx.rules.weeks);
  return {
    unsocial: unsocial - ctx.unsocialCap[a]!,
    aboveFloor: hours - floor,
    belowCeiling: ctx.fairHigh[a]! - hours,
  };
}

/** Chooses the agents round `round` frees (agent indices, ascending). */
export function chooseMembers(
  ctx: RosterContext,
  state: RosterState,
  costs: RosterCosts,
  round: number,
  size: number,
  random: Random,
): number[] {
  const { instances, agents, allowed } = ctx;
  const n = instances.length;
  const everyone = agents.map((_, a) => a);
  const chosen = new Set<number>();
  const take = (pool: readonly number[], upTo: number): void => {
    for (const a of pool) {
      if (chosen.size >= upTo) return;
      chosen.add(a);
    }
  };
  const open = instances.filter((i) => state.filled[i.index]! < i.count);
  const costly = everyone.filter((a) => costs.excess(a) > NO_COST);
  const kind = round % 4;
  if (kind === 0 && open.length > 0) {
    // an unfilled shift: agents who may work it, half off that day, half working it
    const u = open[Math.floor(round / 4) % open.length]!;
    const off: number[] = [];
    const on: number[] = [];
    for (let a = 0; a < agents.length; a++) {
      if (allowed[a * n + u.index] === 0) continue;
      const works = state.shifts[a]!.some((i) => instances[i]!.day === u.day);
      (works ? on : off).push(a);
    }
    take(shuffled(off, random), Math.ceil(size / 2));
    take(shuffled(on, random), size);
  } else if (kind !== 3 && costly.length > 0) {
    // agents whose rules cost, in turn, and partners with what they lack to spare
    const focus = Math.max(1, Math.floor(size / 10));
    const from = (round * focus) % costly.length;
    take([...costly.slice(from), ...costly.slice(0, from)], Math.min(focus, costly.length));
    const lacks = [...chosen].map((a) => standing(ctx, state, a));
    const wants = {
      room: lacks.some((s) => s.unsocial > 0),
      hours: lacks.some((s) => s.aboveFloor < 0),
      fewer: lacks.some((s) => s.belowCeiling < 0),
    };
    // the days where help is wanted: the focus agents' unsocial shifts, their days off
    const days = new Set<number>();
    [...chosen].forEach((a, k) => {
      const worked = new Set(state.shifts[a]!.map((i) => instances[i]!.day));
      if (lacks[k]!.unsocial > 0)
        for (const i of state.shifts[a]!) if (instances[i]!.unsocial) days.add(instances[i]!.day);
      if (lacks[k]!.aboveFloor < 0)
        for (const inst of instances) if (!worked.has(inst.day)) days.add(inst.day);
    });
    const partners = everyone.filter((a) => {
      if (chosen.has(a)) return false;
      const s = standing(ctx, state, a);
      return (
        (wants.room && s.unsocial < 0) ||
        (wants.hours && s.aboveFloor > 0) ||
        (wants.fewer && s.belowCeiling > 0)
      );
    });
    // partners working those days first (in a social shift, when unsocial ones are to go)
    const near = (a: number): boolean =>
      state.shifts[a]!.some(
        (i) => days.has(instances[i]!.day) && !(wants.room && instances[i]!.unsocial),
      );
    const mixed = shuffled(partners, random);
    take([...mixed.filter(near), ...mixed.filter((a) => !near(a))], size);
  }
  take(shuffled(everyone, random), size);
  return [...chosen].sort((p, q) => p - q);
}
