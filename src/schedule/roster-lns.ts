/**
 * Large-neighbourhood search over a roster: round after round, some 20 agents are freed and
 * their shifts re-solved by the roster model of just them (roster-model.ts) with the counts the
 * other agents leave, started from their current shifts, under a work limit; the new shifts are
 * kept when the objective is no worse, and after an improving round the cheap moves
 * (roster-polish.ts) run again. Which agents (roster-neighbourhood.ts): in turn, those who
 * could take an unfilled shift, those whose rules cost with partners who have to spare what
 * they lack, and random groups, all drawn from a seeded generator; a round frees more agents
 * while rounds find nothing. The search stops when the objective reaches the bound (within the
 * relative gap: `gap`), when its work (LP iterations, summed over rounds) reaches the limit or
 * it has gone a number of rounds without improvement (its deterministic budget: `workLimit`),
 * or on the wall clock (the safety net: `timeLimit`).
 *
 * @module
 */
import { createRandom } from "../math/random.ts";
import { objectiveOf, violation } from "./milp.ts";
import { rosterModel, shortfallCost, type RosterContext } from "./roster-model.ts";
import { agentCost, memberShifts, pointOf } from "./roster-point.ts";
import { chooseMembers } from "./roster-neighbourhood.ts";
import { polishRoster } from "./roster-polish.ts";
import type { RosterState } from "./roster-state.ts";
import { ROSTER_CHANGE_PENALTY } from "./roster-types.ts";
import {
  gapOf,
  PROVEN_GAP,
  type MilpSolver,
  type SolveProgress,
  type StopReason,
} from "./solve-result.ts";

/** Agents a round frees beyond the group size per {@link GROWTH_ROUNDS} idle rounds. */
const GROWTH = 4;
/** Idle rounds after which a round frees {@link GROWTH} more agents. */
const GROWTH_ROUNDS = 8;
/** Agents whose rules cost polished after an improving round besides its own, at most. */
const POLISH_OTHERS = 300;
/** An objective lower by less than this is no improvement (the least penalty is far larger). */
const IMPROVEMENT = 1e-6;

/** Limits and settings of the search. */
export interface LnsSettings {
  /** Work (LP iterations) the search may spend over all its rounds. */
  readonly workLimit: number;
  /** Work one round's solve may spend. */
  readonly roundWork: number;
  /** Agents freed per round. */
  readonly groupSize: number;
  /** Rounds in a row without improvement after which the search stops. */
  readonly maxIdleRounds: number;
  /** A valid lower bound of the objective. */
  readonly bound: number;
  readonly relativeGap: number;
  /** The wall-clock safety net: performance.now() at which the search stops. */
  readonly deadlineMs: number;
  readonly seed: number;
  /** Work spent before the search (reported in progress). */
  readonly workBefore: number;
  readonly onProgress?: (progress: SolveProgress) => void;
  /** Called after each round (diagnostics and benchmarks). */
  readonly onRound?: (round: LnsRound) => void;
}

/** What one round of the search did. */
export interface LnsRound {
  readonly round: number;
  /** Agents freed, and columns of their model. */
  readonly members: number;
  readonly columns: number;
  /** The freed agents' share of the objective before and after the round. */
  readonly before: number;
  readonly after: number;
  /** The roster's objective after the round, and the work the round's solve took. */
  readonly objective: number;
  readonly work: number;
}

/** How a search ended. */
export interface LnsOutcome {
  readonly objective: number;
  readonly work: number;
  readonly rounds: number;
  readonly stoppedBy: StopReason;
}

/** The objective of a roster, kept up to date as its agents' shifts change. */
export class RosterCosts {
  /** Per agent, the cost of its own rules (hours, fairness, changes). */
  readonly agent: Float64Array;
  /**
   * Per agent, a cost no roster can take it below (its own least cost, roster-bound.ts; 0
   * until known): an agent at it has nothing to gain from moves of its own.
   */
  readonly floor: Float64Array;

  constructor(
    private readonly ctx: RosterContext,
    private readonly state: RosterState,
  ) {
    this.agent = Float64Array.from(ctx.agents, (_, a) => agentCost(ctx, a, state.shifts[a]!));
    this.floor = new Float64Array(ctx.agents.length);
  }

  /** What agent `a` costs above its floor. */
  excess(a: number): number {
    return this.agent[a]! - this.floor[a]!;
  }

  /** Recomputes the cost of agent `a` from its current shifts. */
  update(a: number): void {
    this.agent[a] = agentCost(this.ctx, a, this.state.shifts[a]!);
  }

  /** The objective: agents' costs, unfilled shifts and forced changes. */
  total(): number {
    let sum = 0;
    for (const c of this.agent) sum += c;
    const { instances } = this.ctx;
    for (const inst of instances)
      sum += shortfallCost(inst) * (inst.count - this.state.filled[inst.index]!);
    return sum + ROSTER_CHANGE_PENALTY * (this.ctx.keep?.forced ?? 0);
  }
}

/**
 * Improves `state` in place by large-neighbourhood search.
 *
 * @returns the objective reached, the work spent and what stopped the search
 */
export async function improveRoster(
  ctx: RosterContext,
  state: RosterState,
  costs: RosterCosts,
  solver: MilpSolver,
  settings: LnsSettings,
): Promise<LnsOutcome> {
  const random = createRandom(settings.seed, 2);
  const n = ctx.instances.length;
  let objective = costs.total();
  let work = 0;
  let rounds = 0;
  let idle = 0;
  let polishTurn = 0;
  const report = (): void =>
    settings.onProgress?.({
      incumbent: objective,
      bound: settings.bound,
      gap: gapOf(objective, settings.bound),
      work: settings.workBefore + work,
    });
  report();
  // more agents a round while rounds find nothing (a larger neighbourhood), back after a find
  const size = (): number =>
    Math.min(settings.groupSize + GROWTH * Math.floor(idle / GROWTH_ROUNDS), ctx.agents.length);
  for (;;) {
    if (gapOf(objective, settings.bound) <= Math.max(settings.relativeGap, PROVEN_GAP))
      return { objective, work, rounds, stoppedBy: "gap" };
    if (work >= settings.workLimit || idle >= settings.maxIdleRounds)
      return { objective, work, rounds, stoppedBy: "workLimit" };
    const secondsLeft = (settings.deadlineMs - performance.now()) / 1000;
    if (secondsLeft <= 0) return { objective, work, rounds, stoppedBy: "timeLimit" };
    const members = chooseMembers(ctx, state, costs, rounds, size(), random);
    rounds++;
    const residual = new Float64Array(n);
    for (let i = 0; i < n; i++) residual[i] = ctx.instances[i]!.count - state.filled[i]!;
    for (const a of members) for (const i of state.shifts[a]!) residual[i]!++;
    const model = rosterModel(ctx, members, residual);
    const start = pointOf(model, (k) => state.shifts[members[k]!]!);
    if (start === null) throw new Error("roster search: a roster that breaks the two days off");
    const before = objectiveOf(model.milp, start);
    if (before <= IMPROVEMENT) {
      idle++;
      continue;
    }
    const solution = await solver.solve(model.milp, {
      timeLimitSeconds: secondsLeft,
      relativeGap: PROVEN_GAP,
      workLimit: Math.max(1, Math.min(settings.roundWork, settings.workLimit - work)),
      start,
    });
    work += solution.work;
    let improved = false;
    let after = before;
    if (solution.status === "optimal" || solution.status === "feasible") {
      const shifts = memberShifts(model, solution.values);
      const x = pointOf(model, (k) => shifts[k]!);
      if (x !== null && violation(model.milp, x) === null) {
        const value = objectiveOf(model.milp, x);
        if (value <= before + IMPROVEMENT) {
          after = value;
          members.forEach((a, k) => {
            state.replace(a, shifts[k]!);
            costs.update(a);
          });
          improved = after < before - IMPROVEMENT;
          objective = costs.total();
        }
      }
    }
    // cheap moves for the round's agents and, in turn, some of those whose rules cost
    if (improved) {
      const costly = ctx.agents.map((_, a) => a).filter((a) => costs.excess(a) > IMPROVEMENT);
      const from = costly.length === 0 ? 0 : (polishTurn * POLISH_OTHERS) % costly.length;
      polishTurn++;
      const others = [...costly.slice(from), ...costly.slice(0, from)].slice(0, POLISH_OTHERS);
      const focus = [...new Set([...members, ...others])].sort((p, q) => p - q);
      if (polishRoster(ctx, state, costs, 1, focus) > 0) objective = costs.total();
    }
    idle = improved ? 0 : idle + 1;
    settings.onRound?.({
      round: rounds,
      members: members.length,
      columns: model.milp.cost.length,
      before,
      after,
      objective,
      work: solution.work,
    });
    report();
    if (solution.stoppedBy === "timeLimit")
      return { objective, work, rounds, stoppedBy: "timeLimit" };
  }
}
