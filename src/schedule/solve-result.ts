/**
 * What every MILP solver of the package shares: the status, limits and outcome of a solve, the
 * solver interface, and the check that a model can be handed to a solver at all.
 *
 * @module
 */
import type { Milp } from "./milp.ts";

/**
 * What a solve proved: `optimal`, `feasible` (a solution, gap not proven), `timeLimit` (no
 * solution in time), `infeasible` (proven) or `error` (the solver failed).
 */
export type SolveStatus = "optimal" | "feasible" | "timeLimit" | "infeasible" | "error";

/**
 * Why a solve stopped: `gap` (it ran to its end: the requested gap proven, optimality,
 * infeasibility), `workLimit` (the deterministic work limit: the same inputs stop at the same
 * point on any machine under any load) or `timeLimit` (the wall clock, a safety net: the result
 * may differ between runs).
 */
export type StopReason = "gap" | "workLimit" | "timeLimit";

/** Progress of a solve, for people: the incumbent, the bound and their gap. */
export interface SolveProgress {
  /** Objective of the best solution so far (NaN before the first). */
  readonly incumbent: number;
  /** Best proven lower bound (NaN while unknown). */
  readonly bound: number;
  /** Relative gap of the two (NaN while either is unknown). */
  readonly gap: number;
  /** Work done so far, in work units (LP iterations). */
  readonly work: number;
}

/** Limits of a solve. */
export interface SolveOptions {
  /**
   * Seconds (> 0): the wall-clock safety net. A solve stopped by it says so
   * (`stoppedBy: "timeLimit"`) and may differ between runs.
   */
  readonly timeLimitSeconds: number;
  /** Relative gap at which the search may stop, e.g. 1e-4. */
  readonly relativeGap: number;
  /**
   * Deterministic work limit in work units: simplex iterations of the LPs the solver solves
   * (HiGHS: `mip_total_lp_iterations` of a MIP, `simplex_iteration_count` of an LP), at least 1.
   * Absent: no work limit (the time limit alone stops a long solve). The JavaScript solver
   * cannot count its work and ignores it.
   */
  readonly workLimit?: number;
  /** A start solution (one value per column), tried first when the solver takes one. */
  readonly start?: ArrayLike<number>;
  /** Called as a MIP solve makes progress (only from solvers that report it). */
  readonly onProgress?: (progress: SolveProgress) => void;
}

/** Outcome of a solve. */
export interface SolveResult {
  /**
   * `optimal`: proven, relative gap <= 1e-6; `feasible`: a solution whose proven gap is larger
   * (the requested gap was reached, or the time limit hit); `timeLimit`: no solution in time;
   * `infeasible`: proven infeasible; `error`: the solver failed (an internal failure such as
   * HiGHS's `Aborted()`, an exception, a worker thread that died: see `message`).
   */
  readonly status: SolveStatus;
  /** Objective of the solution (NaN without one). */
  readonly objective: number;
  /** Best proven lower bound (NaN when unknown). */
  readonly bound: number;
  /** (objective - bound) / max(1, |objective|), 0 when proven optimal, NaN without a solution. */
  readonly gap: number;
  /** Variable values (empty without a solution). */
  readonly values: Float64Array;
  /** For `error`: what failed, in words, e.g. "HiGHS: Aborted()". */
  readonly message?: string;
  /** What stopped the solve (see {@link StopReason}). */
  readonly stoppedBy: StopReason;
  /** Work done, in work units (LP iterations; 0 when the solver cannot count it). */
  readonly work: number;
}

/** A MILP solver. */
export interface MilpSolver {
  readonly name: string;
  solve(model: Milp, options: SolveOptions): Promise<SolveResult>;
}

/** A gap at most this small counts as proven optimal (`optimal`, gap reported 0). */
export const PROVEN_GAP = 1e-6;

/**
 * Largest magnitude of a cost, a coefficient or a finite bound that a model may carry. Solvers
 * take 1e20 and beyond for infinity and lose all precision long before: a value of 1e308 made
 * HiGHS reject the model or abort.
 */
export const MILP_VALUE_LIMIT = 1e9;

/** Whether `v` is a number a model may carry (finite, within {@link MILP_VALUE_LIMIT}). */
function usable(v: number): boolean {
  return Number.isFinite(v) && Math.abs(v) <= MILP_VALUE_LIMIT;
}

/**
 * Checks that a model can be handed to a solver: consistent lengths, column indices in range,
 * costs and coefficients finite and at most {@link MILP_VALUE_LIMIT} in magnitude, bounds too
 * unless infinite (lower bounds may be -Infinity, upper bounds +Infinity). Contradictory bounds
 * are left to the solver: they make a model infeasible, not unsolvable.
 *
 * @throws RangeError naming the first value that is out of range
 * @example
 * checkMilp(model); // throws RangeError("the cost of x3 is 1e+308: ...") for a cost of 1e308
 */
export function checkMilp(model: Milp): void {
  const n = model.cost.length;
  const rule = "costs, coefficients and finite bounds must be at most 1e9 in magnitude";
  const fail = (what: string, v: number): never => {
    throw new RangeError(`${what} is ${v}: ${rule}`);
  };
  if (model.lower.length !== n || model.upper.length !== n || model.integer.length !== n) {
    throw new RangeError(
      `the model has ${n} costs but ${model.lower.length} lower bounds, ${model.upper.length} upper bounds and ${model.integer.length} integrality flags`,
    );
  }
  const name = (j: number): string => model.names[j] ?? `x${j}`;
  for (let j = 0; j < n; j++) {
    if (!usable(model.cost[j]!)) fail(`the cost of ${name(j)}`, model.cost[j]!);
    const lo = model.lower[j]!;
    const hi = model.upper[j]!;
    if (lo !== Number.NEGATIVE_INFINITY && !usable(lo)) fail(`the lower bound of ${name(j)}`, lo);
    if (hi !== Number.POSITIVE_INFINITY && !usable(hi)) fail(`the upper bound of ${name(j)}`, hi);
  }
  for (const row of model.rows) {
    if (row.lower !== Number.NEGATIVE_INFINITY && !usable(row.lower))
      fail(`the lower bound of row ${row.name}`, row.lower);
    if (row.upper !== Number.POSITIVE_INFINITY && !usable(row.upper))
      fail(`the upper bound of row ${row.name}`, row.upper);
    if (row.values.length !== row.indices.length)
      throw new RangeError(
        `row ${row.name} has ${row.indices.length} column indices but ${row.values.length} coefficients`,
      );
    row.indices.forEach((j, k) => {
      if (!(Number.isInteger(j) && j >= 0 && j < n))
        throw new RangeError(`row ${row.name} names column ${j}, outside 0 to ${n - 1}`);
      const v = row.values[k]!;
      if (!usable(v)) fail(`the coefficient of ${name(j)} in row ${row.name}`, v);
    });
  }
}

/**
 * The result of a solve that found no solution (`message` says why, for errors). Stopped by the
 * time limit for `timeLimit`, else by its end (`gap`), unless `stop` says otherwise.
 */
export function noSolution(
  status: SolveStatus,
  message?: string,
  bound = Number.NaN,
  stop: { stoppedBy?: StopReason; work?: number } = {},
): SolveResult {
  return {
    status,
    objective: Number.NaN,
    bound,
    gap: Number.NaN,
    values: new Float64Array(),
    ...(message === undefined ? {} : { message }),
    stoppedBy: stop.stoppedBy ?? (status === "timeLimit" ? "timeLimit" : "gap"),
    work: stop.work ?? 0,
  };
}

/** The relative gap of an objective to a bound, NaN when either is unknown. */
export function gapOf(objective: number, bound: number): number {
  if (!Number.isFinite(objective) || !Number.isFinite(bound)) return Number.NaN;
  return Math.max(0, objective - bound) / Math.max(1, Math.abs(objective));
}
