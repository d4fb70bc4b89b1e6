/**
 * An honest lower bound of a large roster's objective, cheap enough to compute beside the
 * search. Agents with the same contract, fair band and allowed shifts are identical to the
 * model: they are merged into types. Two relaxations of the roster model, both valid because
 * every cost is >= 0:
 *
 * 1. Each agent's own rules alone (no fill rows, no kept roster): the least cost of one agent
 *    of each type, solved exactly (or its proven bound when the solve stops early). No roster
 *    can cost an agent less, so the sum over agents bounds the agents' share of the objective.
 * 2. The LP relaxation of the whole model with the types merged (each type one member whose
 *    rows scale with its number of agents: for identical agents the LP loses nothing by
 *    merging), strengthened by a row per type saying its agents cost at least their own least
 *    cost. It also sees what the agents cannot do together (shifts left unfilled). An LP
 *    counts only when solved to its end; one stopped by the work or time limit proves nothing.
 *
 * The bound is the larger of the two, plus the changes a kept roster forces. The kept roster's
 * other terms are left out (they only add cost).
 *
 * @module
 */
import { rosterModel, type RosterContext } from "./roster-model.ts";
import { ROSTER_CHANGE_PENALTY, weeklyHours } from "./roster-types.ts";
import { unavoidableAdditions } from "./roster-keep.ts";
import type { MilpSolver } from "./solve-result.ts";

/** Relative allowance for the LP solver's optimality tolerance. */
const LP_TOLERANCE = 1e-6;

/** Types whose own least cost is solved for, at most (those of most agents). */
const MAX_OWN_TYPES = 200;
/** Type-shift pairs of the merged LP, at most (beyond, no LP: its time would not pay). */
const MAX_LP_PAIRS = 200_000;

/** A lower bound and the work it took. */
export interface RosterBound {
  readonly bound: number;
  /** Per agent, its own least cost (0 where not solved for): a floor of its share. */
  readonly agentFloor: Float64Array;
  readonly work: number;
  /** Whether the wall clock stopped a solve (the bound may differ between runs). */
  readonly timedOut: boolean;
}

/** The agents as types: one member per type, and how many agents it stands for. */
export function agentTypes(ctx: RosterContext): {
  members: number[];
  weights: number[];
  typeOf: Int32Array;
} {
  const n = ctx.instances.length;
  const index = new Map<string, number>();
  const members: number[] = [];
  const weights: number[] = [];
  const typeOf = new Int32Array(ctx.agents.length);
  ctx.agents.forEach((agent, a) => {
    const { min, max } = weeklyHours(agent);
    const key = [
      min,
      max,
      agent.maxDaysWeek,
      ctx.fairLow[a],
      ctx.fairHigh[a],
      ctx.unsocialCap[a],
      ctx.allowed.subarray(a * n, (a + 1) * n).join(""),
    ].join("|");
    const k = index.get(key);
    if (k === undefined) {
      typeOf[a] = members.length;
      index.set(key, members.length);
      members.push(a);
      weights.push(1);
    } else {
      typeOf[a] = k;
      weights[k]!++;
    }
  });
  return { members, weights, typeOf };
}

/**
 * The bound, with at most `workLimit` LP iterations (spread over the solves) before the wall
 * clock's `deadlineMs`.
 */
export async function rosterBound(
  ctx: RosterContext,
  solver: MilpSolver,
  workLimit: number,
  deadlineMs: number,
): Promise<RosterBound> {
  // changes no roster avoids: kept shifts it cannot keep (removals), and the agent-shifts
  // beyond the kept ones at each shift time (additions, or shortfalls that cost more); the
  // removals add to any bound, the additions to the agents' own costs only (the LP's may
  // already count a shortfall in their place)
  const forced = ROSTER_CHANGE_PENALTY * (ctx.keep?.forced ?? 0);
  const additions = ROSTER_CHANGE_PENALTY * unavoidableAdditions(ctx);
  const { members, weights, typeOf } = agentTypes(ctx);
  const counts = ctx.instances.map((i) => i.count);
  let work = 0;
  let timedOut = false;
  const seconds = (): number => Math.max(0.001, (deadlineMs - performance.now()) / 1000);
  // 1. each type's own least cost
  // (the types of most agents, when there are many: the others count 0, still a bound)
  const solved = new Set(
    members
      .map((_, k) => k)
      .sort((p, q) => weights[q]! - weights[p]! || p - q)
      .slice(0, MAX_OWN_TYPES),
  );
  const perType = Math.max(1, Math.floor(workLimit / (2 * solved.size)));
  const own: number[] = [];
  for (const [k, a] of members.entries()) {
    if (!solved.has(k)) {
      own.push(0);
      continue;
    }
    const model = rosterModel(ctx, [a], counts, { fill: false, keep: false });
    const solution = await solver.solve(model.milp, {
      timeLimitSeconds: seconds(),
      relativeGap: 1e-9,
      workLimit: perType,
    });
    work += solution.work;
    if (solution.stoppedBy === "timeLimit") timedOut = true;
    own.push(Number.isFinite(solution.bound) ? Math.max(0, solution.bound) : 0);
  }
  const ownTotal = own.reduce((s, c, k) => s + c * weights[k]!, 0);
  const agentFloor = Float64Array.from(typeOf, (k) => own[k]!);
  if (members.length * ctx.instances.length > MAX_LP_PAIRS)
    return { bound: ownTotal + forced + additions, agentFloor, work, timedOut };
  // 2. the LP of the merged model, each type at least its own least cost
  const model = rosterModel(ctx, members, counts, { weights, keep: false });
  const milp = model.milp;
  const lp = { ...milp, integer: milp.integer.map(() => false), rows: [...milp.rows] };
  members.forEach((_, k) => {
    const indices: number[] = [];
    const values: number[] = [];
    model.owner.forEach((o, j) => {
      if (o === k && milp.cost[j] !== 0) {
        indices.push(j);
        values.push(milp.cost[j]!);
      }
    });
    if (indices.length > 0 && own[k]! > 0)
      lp.rows.push({
        indices,
        values,
        lower: own[k]! * weights[k]!,
        upper: Number.POSITIVE_INFINITY,
        name: `own${k}`,
      });
  });
  const lpLimit = Math.max(1, workLimit - work);
  const started = performance.now();
  const limit = seconds();
  const solution = await solver.solve(lp, {
    timeLimitSeconds: limit,
    relativeGap: 1e-9,
    workLimit: lpLimit,
  });
  work += solution.work;
  const elapsed = (performance.now() - started) / 1000;
  // an LP stopped by its iteration or time limit is no bound (its objective is not optimal)
  const finished = solution.status === "optimal" && solution.work < lpLimit && elapsed < limit;
  if (!finished && elapsed >= limit) timedOut = true;
  // less the solver's tolerance: its optimum may sit a hair above the true one
  const lpBound = finished
    ? Math.max(0, solution.objective - LP_TOLERANCE * Math.max(1, Math.abs(solution.objective)))
    : 0;
  return {
    bound: Math.max(ownTotal + additions, lpBound) + forced,
    agentFloor,
    work,
    timedOut,
  };
}
