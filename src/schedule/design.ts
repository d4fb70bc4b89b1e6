/**
 * Shift design, solved and read back: how many agents to put on which shift (template, day,
 * start, length) so that the requirement curve is covered at least cost, with breaks placed
 * implicitly (the model: model.ts). Without a schedule, the result says why in words.
 *
 * @module
 */
import { plural } from "../io/text.ts";
import { formatInstant } from "../time/zone.ts";
import { buildShiftModel, type ShiftModel } from "./model.ts";
import { own } from "./groups.ts";
import type {
  BreakSlot,
  GroupCoveragePoint,
  GroupTransfer,
  ScheduledShift,
  ScheduleGroup,
  ScheduleResult,
} from "./result.ts";
import type { MilpSolver, SolveOptions, SolveResult, StopReason } from "./solve-result.ts";
import { solveByParts } from "./solvers.ts";

/** Options of {@link solveShiftModel}. */
export interface ShiftSolveOptions extends SolveOptions {
  /**
   * When the work began (performance.now()): the time limit (the wall-clock safety net) counts
   * from there. Nothing deterministic does: the work limit counts the solver's work alone.
   */
  readonly startedAtMs?: number;
}

/** Least work left (LP iterations) for the soft-coverage retry that explains an infeasibility. */
const MIN_EXPLAIN_WORK = 1000;
/** Least time left (seconds) for that retry when there is no work limit. */
const MIN_EXPLAIN_SECONDS = 0.5;

/**
 * Solves a shift model and reads the schedule out of the solution. Under hard coverage, an
 * infeasible model is solved again with soft coverage to say where the templates fall short:
 * in what is left of the work limit when there is one (the same words on every run), else of
 * the time limit.
 *
 * @example
 * const result = await solveShiftModel(buildShiftModel(requirements, spec), highsSolver, { timeLimitSeconds: 60, relativeGap: 1e-4 });
 */
export async function solveShiftModel(
  built: ShiftModel,
  solver: MilpSolver,
  options: ShiftSolveOptions,
): Promise<ScheduleResult> {
  const empty = {
    objective: Number.NaN,
    bound: Number.NaN,
    gap: Number.NaN,
    values: new Float64Array(),
    work: 0,
  };
  const workLimit = usableWorkLimit(options.workLimit);
  if (built.impossible !== undefined) {
    return {
      ...readSchedule(built, { status: "infeasible", stoppedBy: "gap", ...empty }),
      explanation: `hard coverage is impossible: ${built.impossible}`,
    };
  }
  // Building the model counts in the time limit (the safety net), never in the work limit.
  const spent =
    options.startedAtMs === undefined ? 0 : (performance.now() - options.startedAtMs) / 1000;
  if (spent >= options.timeLimitSeconds) {
    return {
      ...readSchedule(built, { status: "timeLimit", stoppedBy: "timeLimit", ...empty }),
      explanation: `building the model took ${spent.toFixed(1)} s of the ${options.timeLimitSeconds} s time limit`,
    };
  }
  const limits: SolveOptions = {
    timeLimitSeconds: options.timeLimitSeconds - spent,
    relativeGap: options.relativeGap,
    ...(workLimit === undefined ? {} : { workLimit }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  };
  const solveStarted = performance.now();
  const solution = await solveByParts(solver, built.model, limits);
  const result = readSchedule(built, solution);
  if (solution.status === "timeLimit") {
    return { ...result, explanation: noScheduleInTime(options, solution.stoppedBy) };
  }
  if (solution.status !== "infeasible" || built.spec.coverage !== "hard") return result;
  // ... within what is left of the work limit (or, without one, of the time limit); nothing
  // left: the plain explanation
  const timeLeft = limits.timeLimitSeconds - (performance.now() - solveStarted) / 1000;
  const workLeft = workLimit === undefined ? undefined : workLimit - solution.work;
  if (workLeft === undefined ? !(timeLeft > MIN_EXPLAIN_SECONDS) : workLeft < MIN_EXPLAIN_WORK)
    return result;
  const relaxed = await softShortfall(built, solver, {
    relativeGap: limits.relativeGap,
    // the safety net: whatever time is left (a retry cut by it says so in stoppedBy)
    timeLimitSeconds: Math.max(timeLeft, 1e-3),
    ...(workLeft === undefined ? {} : { workLimit: workLeft }),
  });
  const short = relaxed.short;
  return {
    ...result,
    work: solution.work + relaxed.work,
    // cut short by the clock, the explanation may differ between runs: say so
    ...(relaxed.stoppedBy === "timeLimit" ? { stoppedBy: "timeLimit" as const } : {}),
    explanation:
      short === undefined || short.length === 0
        ? result.explanation!
        : `no schedule meets hard coverage within the templates' limits (minCount, maxCount, break windows); at best it falls short ${short.slice(0, 10).join(", ")}`,
  };
}

/** A work limit to hand on: a whole number >= 1, or none (absent or infinite). */
function usableWorkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined || limit === Number.POSITIVE_INFINITY) return undefined;
  if (!(limit >= 1)) throw new RangeError(`a work limit must be at least 1, got ${limit}`);
  return Math.floor(limit);
}

/**
 * Where an infeasible hard-coverage model falls short at best: the same problem with soft
 * coverage (a shortage costing a million per agent-interval), its short spans in words
 * (undefined when that solve finds nothing either), with the work it took and what stopped it.
 */
async function softShortfall(
  built: ShiftModel,
  solver: MilpSolver,
  limits: SolveOptions,
): Promise<{ short?: string[]; work: number; stoppedBy: StopReason }> {
  const points =
    built.groups.length === 0
      ? built.starts.map((startMs, i) => ({ startMs, required: built.required[i]! }))
      : built.groups.flatMap((group, g) =>
          built.starts.map((startMs, i) => ({
            startMs,
            required: built.groupRequired[g]![i]!,
            group,
          })),
        );
  const soft = buildShiftModel(
    points,
    { ...built.spec, coverage: "soft", underPenalty: 1e6 },
    built.groupOptions,
  );
  const relaxed = await solveByParts(solver, soft.model, limits);
  if (relaxed.status !== "optimal" && relaxed.status !== "feasible")
    return { work: relaxed.work, stoppedBy: relaxed.stoppedBy };
  const stepMs = built.intervalMinutes * 60_000;
  const count = soft.starts.length;
  const short: string[] = [];
  for (let i = 0; i < soft.starts.length;) {
    const missing = (k: number): number =>
      soft.groupRequired.reduce(
        (sum, _, g) => sum + relaxed.values[soft.under[g * count + k]!]!,
        0,
      );
    if (missing(i) < 1e-6) {
      i++;
      continue;
    }
    let j = i;
    let most = missing(i);
    while (j + 1 < soft.starts.length && missing(j + 1) >= 1e-6)
      most = Math.max(most, missing(++j));
    short.push(
      `${formatInstant(soft.starts[i]!, built.zone)} to ${formatInstant(soft.starts[j]! + stepMs, built.zone)} (up to ${plural(Math.ceil(most - 1e-9), "agent")} short)`,
    );
    i = j + 1;
  }
  return { short, work: relaxed.work, stoppedBy: relaxed.stoppedBy };
}

/** What may help when a solve ends without a schedule. */
const ADVICE = "a shorter horizon, a coarser interval, fewer shift starts or a longer time limit";

/**
 * Explanation of `timeLimit`: no schedule within the limit that stopped the solve (`limits`:
 * the limits given, when known).
 */
function noScheduleInTime(
  limits?: { readonly timeLimitSeconds: number; readonly workLimit?: number },
  stoppedBy?: StopReason,
): string {
  const limit =
    limits === undefined
      ? "the time it had"
      : stoppedBy === "workLimit" && limits.workLimit !== undefined
        ? plural(limits.workLimit, "LP iteration")
        : `${limits.timeLimitSeconds} s`;
  const advice =
    stoppedBy === "workLimit"
      ? ADVICE.replace("a longer time limit", "a larger work limit")
      : ADVICE;
  return `the solver found none in ${limit}; ${advice} may help`;
}

/** Explanation of `error`: the solver failed (`message`: what failed, from the solver). */
function solverFailure(message: string | undefined): string {
  return `the solver stopped with an internal failure (${message ?? "no details"}); ${ADVICE} may help`;
}

/**
 * The schedule of a solution (coverage recomputed from the shifts and breaks it names). Without
 * a solution, the schedule is empty and `explanation` says why: `infeasible` (no schedule meets
 * hard coverage), `timeLimit` (none found in time) or `error` (the solver failed).
 *
 * @example
 * const schedule = readSchedule(built, await highsSolver.solve(built.model, limits));
 */
export function readSchedule(built: ShiftModel, solution: SolveResult): ScheduleResult {
  const { starts, required, intervalMinutes } = built;
  const stepMs = intervalMinutes * 60_000;
  const count = starts.length;
  const timeZone = built.zone.name;
  // Instants by interval index; past the horizon's end a cyclic schedule wraps to its start.
  const at = (index: number): number =>
    starts[0]! + (built.spec.cyclic ? index % count : index) * stepMs;
  if (solution.status !== "optimal" && solution.status !== "feasible") {
    return {
      status: solution.status,
      objective: null,
      gap: null,
      stoppedBy: solution.stoppedBy,
      work: solution.work,
      timeZone,
      shifts: [],
      coverage: starts.map((t, i) => ({ startMs: t, required: required[i]!, scheduled: 0 })),
      ...groupParts(built, undefined),
      explanation:
        solution.status === "infeasible"
          ? "no schedule meets hard coverage within the templates' limits (minCount, maxCount, break windows)"
          : solution.status === "timeLimit"
            ? noScheduleInTime()
            : solverFailure(solution.message),
    };
  }
  const v = (j: number): number => Math.round(solution.values[j]!);
  const scheduled = new Array<number>(count).fill(0);
  const laneIndex = new Map(built.groups.map((g, k) => [g, k]));
  const ownWorking = built.groupRequired.map(() => new Array<number>(count).fill(0));
  const shifts: ScheduledShift[] = [];
  built.shifts.forEach((s, i) => {
    const n = v(built.x[i]!);
    if (n <= 0) return;
    const mine = ownWorking[s.group === undefined ? 0 : laneIndex.get(s.group)!]!;
    for (let q = 0; q < s.length; q++) {
      scheduled[(s.first + q) % count]! += n;
      mine[(s.first + q) % count]! += n;
    }
    const breaks: BreakSlot[] = [];
    s.windows.forEach((window, k) => {
      const rule = s.template.breaks[k]!;
      const dur = rule.durationMinutes / intervalMinutes;
      window.forEach((w, q) => {
        const m = v(built.b[i]![k]![q]!);
        if (m <= 0) return;
        for (let d = 0; d < dur; d++) {
          scheduled[(s.first + w + d) % count]! -= m;
          mine[(s.first + w + d) % count]! -= m;
        }
        breaks.push({
          kind: rule.kind,
          startMs: at(s.first + w),
          endMs: at(s.first + w + dur),
          count: m,
        });
      });
    });
    shifts.push({
      name: s.template.name,
      startMs: at(s.first),
      endMs: at(s.first + s.length),
      count: n,
      paidSeconds: s.paidSeconds,
      ...(s.group === undefined ? {} : { group: s.group }),
      breaks,
    });
  });
  return {
    status: solution.status,
    objective: solution.objective,
    gap: solution.gap,
    stoppedBy: solution.stoppedBy,
    work: solution.work,
    timeZone,
    shifts,
    coverage: starts.map((t, i) => ({
      startMs: t,
      required: required[i]!,
      scheduled: scheduled[i]!,
    })),
    ...groupParts(built, { values: solution.values, own: ownWorking }),
  };
}

/** Transfers are continuous: rounded to this (solver noise gone, output deterministic). */
const TRANSFER_ROUNDING = 1e6;

/**
 * The group parts of a schedule (nothing without groups): coverage per (interval, group), the
 * transfers, and the groups' skills when given. Without a solution, nothing is scheduled.
 */
function groupParts(
  built: ShiftModel,
  solved: { values: Float64Array; own: readonly number[][] } | undefined,
): Pick<ScheduleResult, "groupCoverage" | "transfers" | "groups"> {
  const { groups, starts } = built;
  if (groups.length === 0) return {};
  const transfers: GroupTransfer[] = [];
  const net = groups.map(() => starts.map(() => 0));
  const index = new Map(groups.map((g, k) => [g, k]));
  starts.forEach((startMs, t) => {
    for (const tr of built.transfers) {
      const raw = solved === undefined ? 0 : solved.values[tr.columns[t]!]!;
      const agents = Math.round(raw * TRANSFER_ROUNDING) / TRANSFER_ROUNDING;
      if (!(agents > 0)) continue;
      transfers.push({ startMs, from: tr.from, to: tr.to, agents });
      net[index.get(tr.to)!]![t]! += agents;
      net[index.get(tr.from)!]![t]! -= agents;
    }
  });
  const groupCoverage = starts.flatMap((startMs, t) =>
    groups.map((group, g): GroupCoveragePoint => {
      const scheduled = solved === undefined ? 0 : solved.own[g]![t]!;
      return {
        startMs,
        group,
        required: built.groupRequired[g]![t]!,
        scheduled,
        covered: Math.round((scheduled + net[g]![t]!) * TRANSFER_ROUNDING) / TRANSFER_ROUNDING,
      };
    }),
  );
  const skills = built.groupOptions.groupSkills;
  const named = groups.filter((g) => own(skills, g) !== undefined);
  return {
    groupCoverage,
    transfers,
    ...(named.length === 0
      ? {}
      : {
          groups: Object.fromEntries(
            named.map((g): [string, ScheduleGroup] => [
              g,
              {
                queues: [...own(skills, g)!],
                costPerHour: own(built.groupOptions.groupCostPerHour, g) ?? 1,
              },
            ]),
          ),
        }),
  };
}
