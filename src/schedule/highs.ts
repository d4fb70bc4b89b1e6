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

/** A finite number, else NaN (HiGHS reports infinities before a solution or bound exists). */
function finiteOrNaN(v: number | undefined): number {
  return v !== undefined && Number.isFinite(v) && Math.abs(v) < 1e30 ? v : Number.NaN;
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
      // the same model gives the same search: pinned, not left to a default that may change
      random_seed: 0,
      ...(options.workLimit !== undefined && !anyInteger
        ? { simplex_iteration_limit: Math.max(1, Math.floor(options.workLimit)) }
        : {}),
    });
    if (options.start !== undefined && anyInteger)
      hm.setSolution({ colValue: Float64Array.from(options.start) });
    const cb = highs.constants.callbackType;
    const limit =
      options.workLimit === undefined
        ? undefined
        : BigInt(Math.max(1, Math.floor(options.workLimit)));
    const stop = { byWork: false };
    let lastReport = -1;
    let mipWork = 0n;
    const progress = options.onProgress;
    hm.run(
      anyInteger
        ? {
            [cb.mipInterrupt](event) {
              const d = event.data;
              const iterations = d.mip_total_lp_iterations ?? 0n;
              if (iterations > mipWork) mipWork = iterations;
              if (progress !== undefined && Number(iterations) !== lastReport) {
                lastReport = Number(iterations);
                progress({
                  incumbent: finiteOrNaN(d.mip_primal_bound),
                  bound: finiteOrNaN(d.mip_dual_bound),
                  gap: gapOf(finiteOrNaN(d.mip_primal_bound), finiteOrNaN(d.mip_dual_bound)),
                  work: lastReport,
                });
              }
              if (limit !== undefined && iterations >= limit) {
                stop.byWork = true;
                event.interrupt();
              }
            },
          }
        : undefined,
    );
    const ms = highs.constants.modelStatus;
    const status = hm.getModelStatus();
    // a MIP's LP iterations as its last checkpoint counted them (HiGHS has no info field for
    // the total); an LP's from its simplex count
    const work = anyInteger
      ? Number(mipWork)
      : Math.max(0, hm.info.get("simplex_iteration_count") as number);
    const stoppedBy =
      status === ms.timeLimit
        ? "timeLimit"
        : stop.byWork || status === ms.iterationLimit || status === ms.interrupted
          ? "workLimit"
          : "gap";
    const primal = hm.info.get("primal_solution_status") as number;
    const hasSolution = primal === highs.constants.solutionStatus.feasible;
    if (status === ms.infeasible || status === ms.unboundedOrInfeasible) {
      return noSolution("infeasible", undefined, Number.NaN, { work });
    }
    if (!hasSolution) {
      if (stoppedBy !== "gap")
        return noSolution("timeLimit", undefined, Number.NaN, { stoppedBy, work });
      const name = Object.entries(ms).find(([, v]) => v === status)?.[0] ?? String(status);
      return noSolution(
        "error",
        `HiGHS: it ended with model status ${name} and no solution`,
        Number.NaN,
        { work },
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
      // a solve that proved its gap before the limit bit is stopped by the gap
      stoppedBy: gap <= options.relativeGap ? "gap" : stoppedBy,
      work,
    };
  } finally {
    hm.dispose();
  }
}
