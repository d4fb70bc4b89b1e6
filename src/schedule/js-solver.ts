/**
 * javascript-lp-solver (pure JavaScript) as a MILP solver, for small models, run on a worker
 * thread that keeps its time limit.
 *
 * @module
 */
import type { Model as JsModel, SolveResult as JsResult } from "javascript-lp-solver";
import { runJsSolver, type JsRun } from "./js-worker.ts";
import type { Milp } from "./milp.ts";
import {
  checkMilp,
  gapOf,
  noSolution,
  PROVEN_GAP,
  type MilpSolver,
  type SolveResult,
} from "./solve-result.ts";

/** Converts a Milp into javascript-lp-solver's object model (bounds become rows). */
function jsModel(model: Milp, relax: boolean): JsModel {
  const constraints: JsModel["constraints"] = {};
  const variables: JsModel["variables"] = {};
  const ints: Record<string, 1> = {};
  const name = (j: number): string => `v${j}`;
  for (let j = 0; j < model.cost.length; j++) {
    variables[name(j)] = { cost: model.cost[j]! };
    if (model.integer[j] && !relax) ints[name(j)] = 1;
    const lo = model.lower[j]!;
    const hi = model.upper[j]!;
    if (lo !== 0 || Number.isFinite(hi)) {
      const c: { min?: number; max?: number } = {};
      if (lo !== 0) c.min = lo;
      if (Number.isFinite(hi)) c.max = hi;
      constraints[`b${j}`] = c;
      variables[name(j)]![`b${j}`] = 1;
    }
    if (lo < 0)
      throw new RangeError("javascript-lp-solver backend: negative lower bounds are not supported");
  }
  model.rows.forEach((row, i) => {
    const c: { min?: number; max?: number } = {};
    if (Number.isFinite(row.lower)) c.min = row.lower;
    if (Number.isFinite(row.upper)) c.max = row.upper;
    constraints[`r${i}`] = c;
    row.indices.forEach((j, k) => {
      variables[name(j)]![`r${i}`] = row.values[k]!;
    });
  });
  return {
    optimize: "cost",
    opType: "min",
    constraints,
    variables,
    ints,
    options: { tolerance: 0 },
  };
}

/**
 * javascript-lp-solver (pure JavaScript): for small models. It is synchronous and overruns its
 * own timeout inside long LP solves, so it runs on a worker thread that is terminated when the
 * time limit passes (`runJsSolver`): the limit holds, give or take the thread's start.
 * It reports no optimality status and may return a fractional point when its time runs out, so
 * its answers are checked: a point that is not integral counts as no solution; the LP
 * relaxation gives the bound, and a run that ended before its time with an integral point is
 * taken as optimal (its branch and bound is exhaustive). Stopped by the limit, it reports
 * `feasible` with its gap when it had handed back an integral point, `timeLimit` otherwise.
 */
export const jsSolver: MilpSolver = {
  name: "js",
  async solve(model, options) {
    checkMilp(model);
    let relaxed: JsModel;
    let integer: JsModel | null;
    try {
      relaxed = jsModel(model, true);
      integer = model.integer.some(Boolean) ? jsModel(model, false) : null;
    } catch (error) {
      return noSolution("error", error instanceof Error ? error.message : String(error));
    }
    return readJsRun(model, await runJsSolver(relaxed, integer, options.timeLimitSeconds));
  },
};

/** The solve result of a worker's run of javascript-lp-solver. */
function readJsRun(model: Milp, run: JsRun): SolveResult {
  if (run.failure !== undefined) return noSolution("error", `javascript-lp-solver: ${run.failure}`);
  if (run.relaxed === undefined) return noSolution("timeLimit");
  if (!run.relaxed.feasible) return noSolution("infeasible");
  const bound = run.relaxed.result;
  const anyInteger = model.integer.some(Boolean);
  const result: JsResult | undefined = anyInteger ? run.integer : run.relaxed;
  if (result === undefined) return noSolution("timeLimit", undefined, bound);
  // The integer solve stopped on its own timeout (or may have): its answer is not proven.
  const finished =
    !anyInteger || (run.integerSeconds ?? 0) < (run.integerTimeoutSeconds ?? 0) * 0.95;
  const values = new Float64Array(model.cost.length);
  for (let j = 0; j < values.length; j++) {
    const v = result[`v${j}`];
    values[j] = typeof v === "number" ? v : 0;
  }
  const integral = model.integer.every(
    (isInt, j) => !isInt || Math.abs(values[j]! - Math.round(values[j]!)) <= 1e-6,
  );
  if (!result.feasible || !integral) {
    if (!finished) return noSolution("timeLimit", undefined, bound);
    return result.feasible
      ? noSolution("error", "javascript-lp-solver: it returned a fractional point", bound)
      : noSolution("infeasible");
  }
  for (let j = 0; j < values.length; j++) if (model.integer[j]) values[j] = Math.round(values[j]!);
  let objective = 0;
  for (let j = 0; j < values.length; j++) objective += model.cost[j]! * values[j]!;
  const gap = finished ? 0 : gapOf(objective, bound);
  return {
    status: gap <= PROVEN_GAP ? "optimal" : "feasible",
    objective,
    bound: finished ? objective : bound,
    gap: gap <= PROVEN_GAP ? 0 : gap,
    values,
    // it cannot count its work: it ends at its proof or on the wall clock
    stoppedBy: finished ? "gap" : "timeLimit",
    work: 0,
  };
}
