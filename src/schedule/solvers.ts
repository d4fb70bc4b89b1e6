/**
 * MILP solvers behind one interface: HiGHS (WebAssembly build of the University of Edinburgh's
 * solver, the default) and javascript-lp-solver (pure JavaScript, for small models). Every
 * solve has a time limit and a relative gap; the status says what was proven.
 *
 * @module
 */
import loadHighsModule from "highs";
import lpSolver, {
  type Model as JsModel,
  type SolveResult as JsResult,
} from "javascript-lp-solver";
import { splitMilp, type Milp, type MilpPart } from "./milp.ts";
import { appendAll } from "../math/extent.ts";

/** What a solve proved. */
export type SolveStatus = "optimal" | "feasible" | "timeLimit" | "infeasible" | "error";

/** Limits of a solve. */
export interface SolveOptions {
  /** Seconds (> 0). */
  readonly timeLimitSeconds: number;
  /** Relative gap at which the search may stop, e.g. 1e-4. */
  readonly relativeGap: number;
}

/** Outcome of a solve. */
export interface SolveResult {
  /**
   * `optimal`: proven, relative gap <= 1e-6; `feasible`: a solution whose proven gap is larger
   * (the requested gap was reached, or the time limit hit); `timeLimit`: no solution in time;
   * `infeasible`: proven infeasible; `error`: the solver failed (see `message`).
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
  readonly message?: string;
}

/** A MILP solver. */
export interface MilpSolver {
  readonly name: string;
  solve(model: Milp, options: SolveOptions): Promise<SolveResult>;
}

const PROVEN_GAP = 1e-6;

/** The result of a solve that found no solution (`message` says why, for errors). */
function noSolution(status: SolveStatus, message?: string, bound = Number.NaN): SolveResult {
  return {
    status,
    objective: Number.NaN,
    bound,
    gap: Number.NaN,
    values: new Float64Array(),
    ...(message === undefined ? {} : { message }),
  };
}

function gapOf(objective: number, bound: number): number {
  if (!Number.isFinite(objective) || !Number.isFinite(bound)) return Number.NaN;
  return Math.max(0, objective - bound) / Math.max(1, Math.abs(objective));
}

/**
 * The packages' default exports: their type declarations describe CommonJS modules (the
 * function sits on `.default`), while Node loads their ES modules (the function is the default
 * export itself). Take whichever is there.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- a typed cast
function interop<T>(m: unknown): T {
  return ((m as { default?: unknown }).default ?? m) as T;
}
const highsLoader = interop<typeof loadHighsModule.default>(loadHighsModule);
const solver = interop<typeof lpSolver.default>(lpSolver);

type HighsModule = Awaited<ReturnType<typeof highsLoader>>;
let highsModule: Promise<HighsModule> | undefined;

/** Loads the HiGHS WebAssembly module once per process. */
function loadHighs(): Promise<HighsModule> {
  highsModule ??= highsLoader();
  return highsModule;
}

/** HiGHS through its persistent API (sparse rows, no LP text). */
export const highsSolver: MilpSolver = {
  name: "highs",
  async solve(model, options) {
    const highs = await loadHighs();
    const numCols = model.cost.length;
    const numRows = model.rows.length;
    const starts = new Int32Array(numRows + 1);
    let nnz = 0;
    model.rows.forEach((r, i) => {
      nnz += r.indices.length;
      starts[i + 1] = nnz;
    });
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    let k = 0;
    for (const r of model.rows) {
      for (let q = 0; q < r.indices.length; q++) {
        indices[k] = r.indices[q]!;
        values[k] = r.values[q]!;
        k++;
      }
    }
    const inf = (v: number): number =>
      v === Number.POSITIVE_INFINITY
        ? highs.infinity
        : v === Number.NEGATIVE_INFINITY
          ? -highs.infinity
          : v;
    const anyInteger = model.integer.some(Boolean);
    const hm = highs.createModel({
      numCols,
      numRows,
      colCost: model.cost,
      colLower: model.lower.map(inf),
      colUpper: model.upper.map(inf),
      rowLower: model.rows.map((r) => inf(r.lower)),
      rowUpper: model.rows.map((r) => inf(r.upper)),
      matrix: { format: "csr", numRows, numCols, starts, indices, values },
      ...(anyInteger
        ? {
            integrality: model.integer.map((i) =>
              i ? highs.constants.variableType.integer : highs.constants.variableType.continuous,
            ),
          }
        : {}),
    });
    try {
      hm.options.set({
        output_flag: false,
        time_limit: options.timeLimitSeconds,
        mip_rel_gap: options.relativeGap,
      });
      hm.run();
      const ms = highs.constants.modelStatus;
      const status = hm.getModelStatus();
      const primal = hm.info.get("primal_solution_status") as number;
      const hasSolution = primal === highs.constants.solutionStatus.feasible;
      if (status === ms.infeasible || status === ms.unboundedOrInfeasible) {
        return noSolution("infeasible");
      }
      if (!hasSolution) {
        const timedOut = status === ms.timeLimit || status === ms.interrupted;
        return noSolution(
          timedOut ? "timeLimit" : "error",
          timedOut ? undefined : `HiGHS model status ${status}`,
        );
      }
      const objective = hm.getObjectiveValue();
      const bound = anyInteger ? (hm.info.get("mip_dual_bound") as number) : objective;
      const gap = status === ms.optimal && !anyInteger ? 0 : gapOf(objective, bound);
      return {
        status: gap <= PROVEN_GAP ? "optimal" : "feasible",
        objective,
        bound,
        gap: gap <= PROVEN_GAP ? 0 : gap,
        values: Float64Array.from(hm.getSolution().colValue),
      };
    } catch (error) {
      return noSolution("error", error instanceof Error ? error.message : String(error));
    } finally {
      hm.dispose();
    }
  },
};

/** Converts a Milp into javascript-lp-solver's object model (bounds become rows). */
function jsModel(model: Milp, relax: boolean, timeoutMs: number): JsModel {
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
    options: { timeout: timeoutMs, tolerance: 0 },
  };
}

/**
 * javascript-lp-solver (pure JavaScript): for small models. It reports no optimality status
 * and may return a fractional point when its time runs out, so its answers are checked: a
 * point that is not integral counts as no solution; the LP relaxation gives the bound, and a
 * run that ended before the time limit with an integral point is taken as optimal (its
 * branch and bound is exhaustive).
 */
export const jsSolver: MilpSolver = {
  name: "js",
  solve(model, options) {
    return Promise.resolve(solveJs(model, options));
  },
};

function solveJs(model: Milp, options: SolveOptions): SolveResult {
  const timeoutMs = Math.max(1, options.timeLimitSeconds * 1000);
  try {
    const started = performance.now();
    const relaxed = solver.Solve(jsModel(model, true, timeoutMs)) as JsResult;
    if (!relaxed.feasible) {
      return noSolution("infeasible");
    }
    const bound = relaxed.result;
    const remaining = timeoutMs - (performance.now() - started);
    const result = model.integer.some(Boolean)
      ? (solver.Solve(jsModel(model, false, Math.max(1, remaining))) as JsResult)
      : relaxed;
    const elapsed = performance.now() - started;
    const values = new Float64Array(model.cost.length);
    for (let j = 0; j < values.length; j++) {
      const v = result[`v${j}`];
      values[j] = typeof v === "number" ? v : 0;
    }
    const integral = model.integer.every(
      (isInt, j) => !isInt || Math.abs(values[j]! - Math.round(values[j]!)) <= 1e-6,
    );
    if (!result.feasible || !integral) {
      const timedOut = elapsed >= timeoutMs * 0.95;
      return noSolution(
        timedOut ? "timeLimit" : result.feasible ? "error" : "infeasible",
        timedOut || !result.feasible
          ? undefined
          : "javascript-lp-solver returned a fractional point",
        bound,
      );
    }
    for (let j = 0; j < values.length; j++)
      if (model.integer[j]) values[j] = Math.round(values[j]!);
    let objective = 0;
    for (let j = 0; j < values.length; j++) objective += model.cost[j]! * values[j]!;
    const finished = elapsed < timeoutMs * 0.95;
    const gap = finished ? 0 : gapOf(objective, bound);
    return {
      status: gap <= PROVEN_GAP ? "optimal" : "feasible",
      objective,
      bound: finished ? objective : bound,
      gap,
      values,
    };
  } catch (error) {
    return noSolution("error", error instanceof Error ? error.message : String(error));
  }
}

/** A solver by name ("highs" or "js"). */
export function solverNamed(name: string): MilpSolver {
  if (name === "highs") return highsSolver;
  if (name === "js") return jsSolver;
  throw new RangeError(`unknown solver "${name}" (expected highs or js)`);
}

/** Parts below this many columns are solved together (one solver call, not dozens). */
const SMALL_PART = 200;

/** Merges the small parts into one (still independent inside, but one solver call). */
function mergeSmall(parts: MilpPart[]): MilpPart[] {
  const small = parts.filter((p) => p.model.cost.length < SMALL_PART);
  if (small.length <= 1) return parts;
  const merged: MilpPart = {
    columns: [],
    model: { cost: [], lower: [], upper: [], integer: [], names: [], rows: [] },
  };
  for (const p of small) {
    const offset = merged.columns.length;
    appendAll(merged.columns, p.columns);
    const m = merged.model;
    appendAll(m.cost, p.model.cost);
    appendAll(m.lower, p.model.lower);
    appendAll(m.upper, p.model.upper);
    appendAll(m.integer, p.model.integer);
    appendAll(m.names, p.model.names);
    for (const r of p.model.rows) m.rows.push({ ...r, indices: r.indices.map((j) => j + offset) });
  }
  return [...parts.filter((p) => p.model.cost.length >= SMALL_PART), merged];
}

/**
 * Solves a MILP part by part (see {@link splitMilp}), each part with a share of the time limit
 * in proportion to its size, and puts the solutions back together. The status is the weakest
 * of the parts'; the gap is that of the sum.
 */
export async function solveByParts(
  solver: MilpSolver,
  model: Milp,
  options: SolveOptions,
): Promise<SolveResult> {
  const parts = mergeSmall(splitMilp(model));
  if (parts.length === 1) return solver.solve(model, options);
  const started = performance.now();
  const sizes = parts.map((p) =>
    p.model.rows.reduce((a, r) => a + r.indices.length, p.model.cost.length),
  );
  let remainingSize = sizes.reduce((a, b) => a + b, 0);
  const values = new Float64Array(model.cost.length);
  let objective = 0;
  let bound = 0;
  let status: SolveStatus = "optimal";
  const rank: Record<SolveStatus, number> = {
    optimal: 0,
    feasible: 1,
    timeLimit: 2,
    infeasible: 3,
    error: 4,
  };
  for (const [p, part] of parts.entries()) {
    const elapsed = (performance.now() - started) / 1000;
    const left = Math.max(0.5, options.timeLimitSeconds - elapsed);
    const share = Math.max(0.5, (left * sizes[p]!) / remainingSize);
    remainingSize -= sizes[p]!;
    const r = await solver.solve(part.model, { ...options, timeLimitSeconds: share });
    if (rank[r.status] > rank[status]) status = r.status;
    if (r.status !== "optimal" && r.status !== "feasible") {
      return { ...r, values: new Float64Array() };
    }
    part.columns.forEach((j, k) => (values[j] = r.values[k]!));
    objective += r.objective;
    bound += r.bound;
  }
  const gap = gapOf(objective, bound);
  return {
    status: status === "optimal" && gap > PROVEN_GAP ? "feasible" : status,
    objective,
    bound,
    gap: gap <= PROVEN_GAP ? 0 : gap,
    values,
  };
}
