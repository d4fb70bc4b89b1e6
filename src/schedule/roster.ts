/**
 * Rostering: the designed shifts (counts per shift) assigned to named agents over the horizon.
 * The rules and costs are one integer program (roster-model.ts). A small roster is that model
 * solved whole, its optimum proven when the limits allow; a large one (more agent-shift pairs
 * than `ROSTER_LIMITS.exactAgentShiftPairs`) is built greedily (roster-start.ts), bounded from
 * below honestly (roster-bound.ts), improved by cheap exact moves (roster-polish.ts) and by
 * large-neighbourhood search (roster-lns.ts): the same model over some 20 agents at a time.
 * With a kept roster (`keep`), each change to it costs {@link ROSTER_CHANGE_PENALTY} and the
 * search starts from it.
 * The result is each agent's day as segments (onQueue, break, meal) that partition its shifts:
 * the format the adherence engine reads.
 *
 * Every decision of the search is deterministic (a seeded generator, work limits counted in LP
 * iterations): the same inputs give the same roster on any machine under any load, unless the
 * wall-clock time limit (a safety net) stops it first (`stoppedBy: "timeLimit"`).
 *
 * @module
 */
import { DataError } from "../io/errors.ts";
import { maxOf } from "../math/extent.ts";
import { createZone } from "../time/zone.ts";
import { availabilityWindows, rosterInstances, type Instance } from "./roster-instances.ts";
import { rosterBound } from "./roster-bound.ts";
import { keepTerms, rosterChanges, startFromKept, unavoidableAdditions } from "./roster-keep.ts";
import { improveRoster, RosterCosts, type LnsRound } from "./roster-lns.ts";
import { fairShares, rosterModel, type RosterContext } from "./roster-model.ts";
import { memberShifts, pointOf } from "./roster-point.ts";
import { polishRoster } from "./roster-polish.ts";
import { readRoster } from "./roster-read.ts";
import { hasSkills, rosterGroupSkills } from "./roster-skills.ts";
import { constructRoster } from "./roster-start.ts";
import { RosterState } from "./roster-state.ts";
import {
  ROSTER_CHANGE_PENALTY,
  ROSTER_LIMITS,
  type RosterOptions,
  type RosterResult,
} from "./roster-types.ts";
import type { ScheduleResult } from "./result.ts";
import {
  gapOf,
  PROVEN_GAP,
  type MilpSolver,
  type SolveOptions,
  type SolveResult,
} from "./solve-result.ts";
import type { ShiftSpec } from "./spec.ts";

/** What may help when a roster solve ends without a roster. */
const ROSTER_ADVICE = "fewer agents, a shorter schedule or a longer time limit";
/** Default minimum rest between shifts: 11 hours (the EU Working Time Directive's daily rest). */
const DEFAULT_REST_SECONDS = 11 * 3600;
/** Settings of the large-roster search (tests and benchmarks; the defaults suit rosters). */
export interface RosterTuning {
  /** "exact": one model whatever the size; "search": the search whatever the size. */
  readonly engine?: "exact" | "search";
  /** Seed of the search's generator (default 1). */
  readonly seed?: number;
  /** Agents freed per round (default 20). */
  readonly groupSize?: number;
  /** Work one round's solve may spend, LP iterations (default 5,000). */
  readonly roundWork?: number;
  /** Rounds in a row without improvement after which the search stops. */
  readonly maxIdleRounds?: number;
  /** Called after each round of the search (diagnostics and benchmarks). */
  readonly onRound?: (round: LnsRound) => void;
}

/**
 * Assigns the designed shifts to agents.
 *
 * @param schedule - a shift design result (its shifts and breaks)
 * @param spec - the shift file it was designed with (templates: paid breaks, time zone)
 * @param limits - the solve's limits: `workLimit` (LP iterations over every solve of the
 *   roster; absent: {@link defaultRosterWorkLimit}) and the time limit (a safety net: a roster
 *   it stops says `stoppedBy: "timeLimit"` and may differ between runs); the search stops
 *   earlier when its objective reaches its lower bound within `relativeGap`, or after rounds
 *   that find nothing; progress is reported after each round of the search
 * @param tuning - the engine and the search's settings (tests and benchmarks)
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
  tuning: RosterTuning = {},
): Promise<RosterResult> {
  const started = performance.now();
  const zone = createZone(spec.timeZone);
  const restSeconds =
    options.minRestSeconds ??
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the hours of 0.1 callers
    (options.minRestHours === undefined ? DEFAULT_REST_SECONDS : options.minRestHours * 3600);
  const { instances, firstDay } = rosterInstances(schedule, spec, zone);
  const weeks = maxOf(instances, (i) => i.week + 1, 1);
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
  const ctx = rosterContext(
    schedule,
    options,
    instances,
    {
      restMs: restSeconds * 1000,
      weeks,
      firstDay,
      options,
    },
    zone,
  );
  const exact =
    tuning.engine === "exact" ||
    (tuning.engine !== "search" && pairs <= ROSTER_LIMITS.exactAgentShiftPairs);
  const demand = instances.reduce((sum, i) => sum + i.count, 0);
  const workLimit = limits.workLimit ?? defaultRosterWorkLimit(demand, exact ? "exact" : "search");
  const withLimit = { ...limits, workLimit };
  const base = { timeZone: zone.name, workLimit };
  const outcome = exact
    ? await exactRoster(ctx, solver, withLimit)
    : await searchRoster(ctx, solver, withLimit, tuning, started);
  if (outcome.shifts === null) {
    const { status } = outcome.solution;
    return {
      status,
      objective: null,
      bound: null,
      gap: null,
      stoppedBy: outcome.solution.stoppedBy,
      work: outcome.solution.work,
      ...base,
      segments: [],
      agents: [],
      shortfalls: [],
      changes: [],
      changeCount: 0,
      explanation:
        status === "timeLimit"
          ? `the solver found none in ${limits.timeLimitSeconds} s; ${ROSTER_ADVICE} may help`
          : status === "infeasible"
            ? "the agents' rules leave no roster (check the contracts' hours and days)"
            : `the solver stopped with an internal failure (${outcome.solution.message ?? "no details"}); ${ROSTER_ADVICE} may help`,
    };
  }
  const changes =
    options.keep === undefined
      ? []
      : rosterChanges(options.keep, outcome.shifts, instances, agents);
  return {
    ...outcome.summary,
    ...base,
    changes,
    changeCount: changes.length,
    ...readRoster(outcome.shifts, instances, agents, weeks),
  };
}

/** How an engine ended: a roster (per agent, its instances) and its figures, or no roster. */
type Outcome =
  | { readonly shifts: null; readonly solution: SolveResult }
  | {
      readonly shifts: number[][];
      readonly summary: Pick<
        RosterResult,
        "status" | "objective" | "bound" | "gap" | "stoppedBy" | "work"
      >;
    };

/** The model's context: who may work what, fair shares, the kept roster's terms. */
export function rosterContext(
  schedule: ScheduleResult,
  options: RosterOptions,
  instances: readonly Instance[],
  rules: RosterContext["rules"],
  zone: ReturnType<typeof createZone>,
): RosterContext {
  const windows = availabilityWindows(options.availability ?? [], zone);
  const skills = rosterGroupSkills(schedule, options.groupSkills);
  const agents = options.agents;
  const n = instances.length;
  const allowed = new Uint8Array(agents.length * n);
  agents.forEach((agent, a) => {
    for (const inst of instances) {
      if (!hasSkills(agent, inst.group, skills)) continue;
      const w = windows.get(`${agent.id}|${inst.day}`);
      if (w === null || (w !== undefined && !(inst.start >= w.from && inst.end <= w.to))) continue;
      allowed[a * n + inst.index] = 1;
    }
  });
  const byStart = Int32Array.from(
    instances
      .map((i) => i.index)
      .sort((p, q) => instances[p]!.start - instances[q]!.start || p - q),
  );
  return {
    instances,
    agents,
    rules,
    allowed,
    byStart,
    ...fairShares(instances, agents, rules.weeks),
    ...(options.keep === undefined
      ? {}
      : { keep: keepTerms(options.keep, instances, agents, allowed) }),
  };
}

/** The forced changes of a kept roster, as cost. */
function forcedCost(ctx: RosterContext): number {
  return ROSTER_CHANGE_PENALTY * (ctx.keep?.forced ?? 0);
}

/** A solve's limits with the work limit settled (the caller's, or the roster's default). */
type LimitedSolve = SolveOptions & { readonly workLimit: number };

/** The whole roster as one model, solved under the caller's limits. */
async function exactRoster(
  ctx: RosterContext,
  solver: MilpSolver,
  limits: LimitedSolve,
): Promise<Outcome> {
  const members = ctx.agents.map((_, a) => a);
  const model = rosterModel(
    ctx,
    members,
    ctx.instances.map((i) => i.count),
  );
  const constant = forcedCost(ctx);
  // the solver starts from the greedy roster (from the kept one, with a kept roster), polished
  const state = new RosterState(ctx);
  startFromKept(ctx, state);
  constructRoster(ctx, state, 1);
  polishRoster(ctx, state, new RosterCosts(ctx, state), POLISH_PASSES);
  const start = pointOf(model, (k) => state.shifts[k]!);
  const progress = limits.onProgress;
  const solution = await solver.solve(model.milp, {
    ...limits,
    ...(start === null ? {} : { start }),
    ...(progress === undefined || constant === 0
      ? {}
      : {
          onProgress: (p) => {
            progress({ ...p, incumbent: p.incumbent + constant, bound: p.bound + constant });
          },
        }),
  });
  if (solution.status !== "optimal" && solution.status !== "feasible")
    return { shifts: null, solution };
  const objective = solution.objective + constant;
  const bound = Number.isFinite(solution.bound) ? solution.bound + constant : null;
  const gap = constant === 0 || bound === null ? solution.gap : gapOf(objective, bound);
  return {
    shifts: memberShifts(model, solution.values),
    summary: {
      status: gap <= PROVEN_GAP ? "optimal" : solution.status,
      objective,
      bound,
      gap,
      stoppedBy: solution.stoppedBy,
      work: solution.work,
    },
  };
}

/** Default work of one round's solve, LP iterations. */
const ROUND_WORK = 5_000;
/** Share of the work limit the lower bound may take. */
const BOUND_SHARE = 0.2;
/** Sweeps of cheap moves before the search's solves, at most. */
const POLISH_PASSES = 5;
/** Default agents freed per round. */
const GROUP_SIZE = 20;

/** A large roster: built greedily, improved by large-neighbourhood search. */
async function searchRoster(
  ctx: RosterContext,
  solver: MilpSolver,
  limits: LimitedSolve,
  tuning: RosterTuning,
  started: number,
): Promise<Outcome> {
  const seed = tuning.seed ?? 1;
  const state = new RosterState(ctx);
  startFromKept(ctx, state);
  constructRoster(ctx, state, seed);
  const costs = new RosterCosts(ctx, state);
  const groupSize = tuning.groupSize ?? GROUP_SIZE;
  const { workLimit } = limits;
  const deadlineMs = started + limits.timeLimitSeconds * 1000;
  // the bound (and each agent's floor, for the moves) unless nothing can beat the roster
  let bound = forcedCost(ctx) + ROSTER_CHANGE_PENALTY * unavoidableAdditions(ctx);
  let boundWork = 0;
  let timedOut = false;
  if (gapOf(costs.total(), bound) > Math.max(limits.relativeGap, PROVEN_GAP)) {
    const found = await rosterBound(ctx, solver, BOUND_SHARE * workLimit, deadlineMs);
    bound = found.bound;
    boundWork = found.work;
    timedOut = found.timedOut;
    costs.floor.set(found.agentFloor);
  }
  polishRoster(ctx, state, costs, POLISH_PASSES);
  limits.onProgress?.({
    incumbent: costs.total(),
    bound,
    gap: gapOf(costs.total(), bound),
    work: boundWork,
  });
  const outcome = await improveRoster(ctx, state, costs, solver, {
    workLimit: Math.max(0, workLimit - boundWork),
    roundWork: tuning.roundWork ?? ROUND_WORK,
    groupSize,
    maxIdleRounds:
      tuning.maxIdleRounds ?? Math.max(30, 3 * Math.ceil(ctx.agents.length / groupSize)),
    bound,
    relativeGap: limits.relativeGap,
    deadlineMs,
    seed,
    workBefore: boundWork,
    ...(limits.onProgress === undefined ? {} : { onProgress: limits.onProgress }),
    ...(tuning.onRound === undefined ? {} : { onRound: tuning.onRound }),
  });
  const gap = gapOf(outcome.objective, bound);
  return {
    shifts: state.shifts,
    summary: {
      status: gap <= PROVEN_GAP ? "optimal" : "feasible",
      objective: outcome.objective,
      bound,
      gap: gap <= PROVEN_GAP ? 0 : gap,
      stoppedBy: timedOut ? "timeLimit" : outcome.stoppedBy,
      work: boundWork + outcome.work,
    },
  };
}

/**
 * The default work limit of a roster, in LP iterations (HiGHS's simplex iterations, summed over
 * every solve of the roster). The search: 80 per agent-shift to fill, at least 150,000
 * (measured on one core: 450 agents, 1,896 agent-shifts, about 150,000 iterations in 50 s; a
 * 100-agent week reaches its proven optimum in 97,000, a 150-agent one within 5 % in 150,000).
 * The exact model: 1,000 per agent-shift, at least 100,000 (a 30-agent week proves its optimum
 * in about 7,000).
 */
export function defaultRosterWorkLimit(agentShifts: number, engine: "exact" | "search"): number {
  return engine === "exact"
    ? 1000 * Math.max(100, agentShifts)
    : Math.max(150_000, 80 * agentShifts);
}
