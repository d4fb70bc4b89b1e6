/**
 * A first roster for large rosters, built without a solver. Working days are planned first
 * (roster-plan.ts); then day by day, in time order, the day's open shifts go to the agents
 * planned that day: the scarcest shifts first, each to the candidates who need it most. Need:
 * how far an agent is below its fair hours for the planned days it has left, less what a shift
 * costs it: hours it could then no longer reach (a short shift for an agent who needs long
 * ones), tomorrow's shifts it blocks by the rest (when it works tomorrow), and unsocial shifts
 * beyond its share, counting the one tomorrow when this shift leaves no social shift open to it
 * then (a late shift locks in another). A shift still open is filled along an augmenting path
 * (an agent moves to it from another shift of the day, whose place a free agent takes, and so
 * on), so the day's shifts get as many of the free agents as the rules allow. Then agents not
 * planned that day may help, when their days off still work out. Every hard rule is checked
 * (roster-state.ts); what stays open or costs, the moves and the search repair.
 *
 * @module
 */
import { createRandom } from "../math/random.ts";
import type { RosterContext } from "./roster-model.ts";
import { planDays } from "./roster-plan.ts";
import { bitCount, twoFree, type RosterState } from "./roster-state.ts";
import { weeklyHours } from "./roster-types.ts";

/** Priority taken off an agent for an unsocial shift beyond its fair share. */
const UNSOCIAL_DEMOTION = 1e6;
/** Priority taken per hour an agent could no longer reach of its least hours. */
const SHORT_HOURS = 10;
/** Priority per unsocial shift an agent may still take (given for unsocial shifts, taken for others). */
const UNSOCIAL_ROOM = 1;
/** Priority taken off an agent working tomorrow per share of tomorrow's demand a shift blocks. */
const LOOKAHEAD = 4;

/**
 * Fills the roster's open shifts (on top of what `state` already holds).
 *
 * @param seed - breaks ties between equally needy agents (seeded: the same roster every run)
 */
export function constructRoster(ctx: RosterContext, state: RosterState, seed: number): void {
  const { instances, agents } = ctx;
  const n = instances.length;
  const { weeks, firstDay, restMs, options } = ctx.rules;
  const random = createRandom(seed, 1);
  const plan = planDays(ctx, state, random);
  const tie = Float64Array.from(agents, () => random());
  const want = Float64Array.from(agents, (agent, a) =>
    Math.max(ctx.fairTarget[a]!, (weeklyHours(agent).min ?? 0) * weeks),
  );
  const hours = Float64Array.from(agents, (_, a) => state.hoursOf(a));
  // the hours below which the agent's rules cost: its weekly minimum, its fair band's floor
  const least = Float64Array.from(agents, (agent, a) =>
    Math.max(ctx.fairLow[a]!, (weeklyHours(agent).min ?? 0) * weeks),
  );
  const longest = instances.reduce((m, i) => Math.max(m, i.paidHours), 0);
  const unsocial = Int32Array.from(agents, (_, a) =>
    state.shifts[a]!.reduce((s, i) => s + (instances[i]!.unsocial ? 1 : 0), 0),
  );
  const days = [...new Set(instances.map((i) => i.day))].sort((p, q) => p - q);
  const onDay = new Map<number, number[]>(days.map((d) => [d, []]));
  for (const inst of instances) onDay.get(inst.day)!.push(inst.index);
  // days whose every shift is unsocial (weekends)
  const unsocialDay = new Map(
    days.map((d) => [d, onDay.get(d)!.every((i) => instances[i]!.unsocial)]),
  );
  const weekOf = (day: number): number => Math.floor((day - firstDay) / 7);
  const bitOf = (day: number): number => 1 << (day - firstDay - 7 * weekOf(day));
  const planned = (a: number, day: number): boolean =>
    weekOf(day) < weeks && (plan[a * weeks + weekOf(day)]! & bitOf(day)) !== 0;
  const works = (a: number, day: number): boolean =>
    (state.workedDays(a, weekOf(day)) & bitOf(day)) !== 0;
  const open = (i: number): number => instances[i]!.count - state.filled[i]!;

  for (const day of days) {
    const today = onDay.get(day)!;
    const w = weekOf(day);
    // tomorrow's demand a shift of today blocks (its end plus the rest runs into their start)
    const tomorrow = onDay.get(day + 1) ?? [];
    const tomorrowCount = tomorrow.reduce((s, j) => s + instances[j]!.count, 0);
    const blocked = new Map(
      today.map((i) => {
        const end = instances[i]!.end + restMs;
        const n = tomorrow.reduce(
          (s, j) => s + (instances[j]!.start < end ? instances[j]!.count : 0),
          0,
        );
        return [i, tomorrowCount > 0 ? n / tomorrowCount : 0];
      }),
    );
    const daysLeft = (a: number): number => {
      let n = 0;
      for (const d of days) if (d >= day && planned(a, d) && !works(a, d)) n++;
      return Math.max(1, n);
    };
    // unsocial shifts an agent may still take: its share, less those its planned days bring
    const room = (a: number): number => {
      let n = ctx.unsocialCap[a]! - unsocial[a]!;
      for (const d of days)
        if (d > day && planned(a, d) && !works(a, d) && unsocialDay.get(d)!) n--;
      return n;
    };
    // whether an agent working tomorrow could still take a social shift then after shift i
    const socialAfter = (a: number, i: number): boolean => {
      const free = instances[i]!.end + restMs;
      return tomorrow.some(
        (j) =>
          !instances[j]!.unsocial && instances[j]!.start >= free && ctx.allowed[a * n + j] === 1,
      );
    };
    const score = (a: number, i: number): number => {
      const inst = instances[i]!;
      // unsocial shifts this one commits the agent to: itself, and tomorrow's when it leaves
      // no social shift open then
      const commits =
        (inst.unsocial ? 1 : 0) +
        (planned(a, day + 1) && !unsocialDay.get(day + 1) && !socialAfter(a, i) ? 1 : 0);
      const r = room(a) - commits + (inst.unsocial ? 1 : 0);
      // hours the agent could reach with this shift and full shifts on its other planned days
      const reach = hours[a]! + inst.paidHours + (daysLeft(a) - 1) * longest;
      return (
        (want[a]! - hours[a]!) / daysLeft(a) -
        SHORT_HOURS * Math.max(0, least[a]! - reach) -
        (planned(a, day + 1) ? LOOKAHEAD * blocked.get(i)! : 0) +
        (commits > 0 ? (r <= 0 ? -UNSOCIAL_DEMOTION : UNSOCIAL_ROOM * r) : -UNSOCIAL_ROOM * r)
      );
    };
    // who works each of today's shifts
    const holders = new Map(today.map((i) => [i, new Set<number>()]));
    for (let a = 0; a < agents.length; a++)
      for (const i of state.shifts[a]!) holders.get(i)?.add(a);
    const give = (a: number, i: number): void => {
      state.add(a, i);
      holders.get(i)!.add(a);
      hours[a]! += instances[i]!.paidHours;
      if (instances[i]!.unsocial) unsocial[a]!++;
    };
    const take = (a: number, i: number): void => {
      state.remove(a, i);
      holders.get(i)!.delete(a);
      hours[a]! -= instances[i]!.paidHours;
      if (instances[i]!.unsocial) unsocial[a]!--;
    };
    const fill = (pool: number[]): void => {
      const free = new Set(pool);
      // greedy: the scarcest shifts first, each to its best candidates
      const scarcity = new Map(
        today.map((i) => {
          let c = 0;
          for (const a of free) if (state.canAdd(a, i)) c++;
          return [i, c / Math.max(1, open(i))];
        }),
      );
      const order = today
        .filter((i) => open(i) > 0)
        .sort((p, q) => scarcity.get(p)! - scarcity.get(q)! || p - q);
      for (const i of order) {
        const ranked = [...free]
          .filter((a) => state.canAdd(a, i))
          .map((a) => ({ a, s: score(a, i) }))
          .sort((p, q) => q.s - p.s || tie[p.a]! - tie[q.a]! || p.a - q.a);
        for (const { a } of ranked.slice(0, open(i))) {
          give(a, i);
          free.delete(a);
        }
      }
      // augmenting paths for what is still open
      for (const i of today) {
        while (open(i) > 0 && free.size > 0) {
          const a = augment(i, free);
          if (a === null) break;
          free.delete(a);
        }
      }
    };
    /**
     * Fills instance `root` along a shortest chain of moves within the day, ending with a free
     * agent taking the last vacated shift; returns that agent, or null when there is no chain.
     */
    const augment = (root: number, free: ReadonlySet<number>): number | null => {
      const parent = new Map<number, { to: number; agent: number }>();
      const queue = [root];
      const seen = new Set([root]);
      for (let q = 0; q < queue.length; q++) {
        const x = queue[q]!;
        let best = -1;
        let bestScore = Number.NEGATIVE_INFINITY;
        for (const f of free) {
          if (!state.canAdd(f, x)) continue;
          const s = score(f, x);
          if (s > bestScore || (s === bestScore && tie[f]! < tie[best]!)) {
            best = f;
            bestScore = s;
          }
        }
        if (best >= 0) {
          // shift the chain: each mover leaves its shift for the one it was found for
          let y = x;
          let incoming = best;
          for (;;) {
            const p = parent.get(y);
            if (p === undefined) break;
            take(p.agent, y);
            give(incoming, y);
            incoming = p.agent;
            y = p.to;
          }
          give(incoming, y);
          return best;
        }
        for (const j of today) {
          if (seen.has(j)) continue;
          for (const a of holders.get(j)!) {
            state.remove(a, j);
            const can = state.canAdd(a, x);
            state.add(a, j);
            if (can) {
              parent.set(j, { to: x, agent: a });
              seen.add(j);
              queue.push(j);
              break;
            }
          }
        }
      }
      return null;
    };
    const idle = (a: number): boolean => !works(a, day);
    fill(agents.map((_, a) => a).filter((a) => planned(a, day) && idle(a)));
    if (today.every((i) => open(i) === 0)) continue;
    // agents not planned today, when their week still works out (dropping a later planned day)
    const helpers: number[] = [];
    const before = new Map<number, number>();
    for (let a = 0; a < agents.length; a++) {
      if (!idle(a) || planned(a, day) || !today.some((i) => state.canAdd(a, i))) continue;
      const maxDays = agents[a]!.maxDaysWeek ?? 7;
      const fits = (m: number): boolean =>
        bitCount(m) <= maxDays && (options.twoConsecutiveDaysOff !== true || twoFree(m));
      const worked = state.workedDays(a, w);
      const p = plan[a * weeks + w]!;
      before.set(a, p);
      if (fits(p | worked | bitOf(day))) {
        plan[a * weeks + w] = p | bitOf(day);
        helpers.push(a);
        continue;
      }
      for (let k = 6; k >= 0; k--) {
        const later = 1 << k;
        if (later <= bitOf(day) || (p & later) === 0 || (worked & later) !== 0) continue;
        if (fits((p & ~later) | worked | bitOf(day))) {
          plan[a * weeks + w] = (p & ~later) | bitOf(day);
          helpers.push(a);
          break;
        }
      }
    }
    fill(helpers);
    for (const a of helpers) if (idle(a)) plan[a * weeks + w] = before.get(a)!;
  }
}
