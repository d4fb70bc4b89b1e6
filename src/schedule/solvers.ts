/**
 * MILP solvers behind one interface: HiGHS (WebAssembly build of the University of Edinburgh's
 * solver, the default) and javascript-lp-solver (pure JavaScript, for small models, run on a
 * worker thread). Every solve has a time limit and a relative gap; the status says what was
 * proven. Models are checked before any solver sees them ({@link checkMilp}).
 *
 * @module
 */
import loadHighsModule from "highs";
import type { Model as JsModel, SolveResult as JsResult } from "javascript-lp-solver";
import { splitMilp, type Milp, type MilpPart } from "./milp.ts";
import { Budget, shareBudget, type Attempt } from "./budget.ts";
import { runJsSolver, type JsRun } from "./js-worker.ts";
import { appendAll } from "../math/extent.ts";

/**
 * What a solve proved: `optimal`, `feasible` (a solution, gap not proven), `timeLimit` (no
 * solution in time), `infeasible` (proven) or `error` (the solver failed).
 */
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
}

/** A MILP solver. */
export interface MilpSolver {
  readonly name: string;
  solve(model: Milp, options: SolveOptions): Promise<SolveResult>;
}

const PROVEN_GAP = 1e-6;

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

type HighsModule = Awaited<ReturnType<typeof highsLoader>>;
let highsModule: Promise<HighsModule> | undefined;

/** Loads the HiGHS WebAssembly module once per process (again after {@link dropHighs}). */
function loadHighs(): Promise<HighsModule> {
  highsModule ??= highsLoader();
  return highsModule;
}

/**
 * Forgets the loaded HiGHS module: after an abort (or any exception from inside it) its
 * WebAssembly memory may be left inconsistent, so the next solve loads a fresh one.
 */
function dropHighs(): void {
  highsModule = undefined;
}

/**
 * A HiGHS failure in words: the error's text without Emscripten's build advice, e.g.
 * "Aborted(). Build with -sASSERTIONS for more info." becomes "HiGHS: Aborted()".
 */
function highsFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const plain = text.replace(/\.?\s*Build with -s[A-Z_]+ for more info\.?/g, "").trim();
  return `HiGHS: ${plain === "" ? "unknown failure" : plain}`;
}

/** HiGHS through its persistent API (sparse rows, no LP text). */
export const highsSolver: MilpSolver = {
  name: "highs",
  async solve(model, options) {
    checkMilp(model);
    try {
      return solveHighs(await loadHighs(), model, options);
    } catch (error) {
      dropHighs();
      return noSolution("error", highsFailure(error));
    }
  },
};

/** One HiGHS solve on a loaded module; exceptions (aborts included) propagate. */
function solveHighs(highs: HighsModule, model: Milp, options: SolveOptions): SolveResult {
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
      if (status === ms.timeLimit || status === ms.interrupted) return noSolution("timeLimit");
      const name = Object.entries(ms).find(([, v]) => v === status)?.[0] ?? String(status);
      return noSolution("error", `HiGHS: it ended with model status ${name} and no solution`);
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
  } finally {
    hm.dispose();
  }
}

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
 * time limit passes ({@link runJsSolver}): the limit holds, give or take the thread's start.
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
  };
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

/** Least share of the time limit a part gets (unless less remains), seconds. */
const MIN_PART_SECONDS = 0.5;

/** The wall clock, seconds. */
function wallClockSeconds(): number {
  return performance.now() / 1000;
}

/**
 * Solves a MILP part by part (see {@link splitMilp}) and puts the solutions back together. The
 * time limit is shared out by {@link shareBudget}: each part gets a share in proportion to its
 * size among the parts still to solve (at least 0.5 s, never more than what remains of the
 * limit), so the time a part leaves unused flows on to later parts; a part that found no
 * solution in its share keeps its claim, and once every part has had a turn such parts are
 * solved again, sharing all the time that is left. The status is the weakest of the parts'
 * (`timeLimit` when a part found no solution even then); the gap is that of the sum.
 *
 * @param clock - what the time limit counts, in seconds: the wall clock (default); tests pass
 *   a fake clock that their fake solver moves on
 * @throws RangeError for a model no solver should see ({@link checkMilp})
 * @example
 * const result = await solveByParts(highsSolver, model, { timeLimitSeconds: 60, relativeGap: 1e-4 });
 */
export async function solveByParts(
  solver: MilpSolver,
  model: Milp,
  options: SolveOptions,
  clock: () => number = wallClockSeconds,
): Promise<SolveResult> {
  checkMilp(model);
  let mark = clock();
  const parts = mergeSmall(splitMilp(model));
  if (parts.length === 1) return solver.solve(model, options);
  const sizes = parts.map((p) =>
    p.model.rows.reduce((a, r) => a + r.indices.length, p.model.cost.length),
  );
  const budget = new Budget(Math.max(0, options.timeLimitSeconds));
  const run = await shareBudget(
    sizes,
    budget,
    async (p, share): Promise<Attempt<SolveResult>> => {
      const result = await solver.solve(parts[p]!.model, { ...options, timeLimitSeconds: share });
      // everything since the last part counts, not only the solver's own time
      const now = clock();
      const used = now - mark;
      mark = now;
      const { status } = result;
      const outcome =
        status === "optimal" || status === "feasible"
          ? "done"
          : status === "timeLimit"
            ? "retry"
            : "stop";
      return { result, used, outcome };
    },
    { minimumShare: MIN_PART_SECONDS },
  );
  if (run.stoppedBy !== undefined) {
    const r = run.results[run.stoppedBy]!;
    return noSolution(r.status, r.message);
  }
  const values = new Float64Array(model.cost.length);
  let objective = 0;
  let bound = 0;
  let status: SolveStatus = "optimal";
  for (const [p, part] of parts.entries()) {
    const r = run.results[p];
    if (r === undefined || (r.status !== "optimal" && r.status !== "feasible")) {
      return noSolution("timeLimit");
    }
    if (r.status === "feasible") status = "feasible";
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
