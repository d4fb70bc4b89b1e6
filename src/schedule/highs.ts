/**
 * HiGHS (WebAssembly build of the University of Edinburgh's solver), the default MILP solver:
 * loaded once per process, given the model through its persistent API (sparse rows, no LP
 * text), and loaded afresh after a failure inside it.
 *
 * @module
 */
import loadHighsModule from "highs";
import type { Milp } from "./milp.ts";
import {
  checkMilp,
  gapOf,
  noSolution,
  PROVEN_GAP,
  type MilpSolver,
  type SolveOptions,
  type SolveResult,
} from "./solve-result.ts";

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
