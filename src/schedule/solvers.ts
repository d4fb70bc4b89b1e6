/**
 * MILP solvers behind one interface: HiGHS (the default, highs.ts) and javascript-lp-solver
 * (pure JavaScript, for small models, js-solver.ts). Every solve has a time limit and a
 * relative gap; the status says what was proven. Models are checked before any solver sees
 * them ({@link checkMilp}); a model that falls apart is solved part by part
 * ({@link solveByParts}).
 *
 * @module
 */
import { splitMilp, type Milp, type MilpPart } from "./milp.ts";
import { Budget, shareBudget, type Attempt } from "./budget.ts";
import { highsSolver } from "./highs.ts";
import { jsSolver } from "./js-solver.ts";
import {
  checkMilp,
  gapOf,
  noSolution,
  PROVEN_GAP,
  type MilpSolver,
  type SolveOptions,
  type SolveResult,
  type SolveStatus,
  type StopReason,
} from "./solve-result.ts";
import { appendAll } from "../math/extent.ts";

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
/** Least share of the work limit a part gets (unless less remains), LP iterations. */
const MIN_PART_WORK = 1000;

/** The wall clock, seconds. */
function wallClockSeconds(): number {
  return performance.now() / 1000;
}

/**
 * Solves a MILP part by part (see {@link splitMilp}) and puts the solutions back together. The
 * time limit is shared out by `shareBudget` (budget.ts): each part gets a share in proportion to its
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
  const work = options.workLimit;
  // each part starts from its own columns of the start solution, if any
  const { start, ...shared } = options;
  const partOptions = (p: number): SolveOptions =>
    start === undefined ? shared : { ...shared, start: parts[p]!.columns.map((j) => start[j]!) };
  // With a work limit, the parts share the work (deterministic: what a part uses is counted,
  // not timed) and each may run until the overall time limit (the safety net); without one,
  // they share the time.
  const started = mark;
  const budget = new Budget(Math.max(0, work ?? options.timeLimitSeconds));
  let workDone = 0;
  const tried = new Set<number>();
  const run = await shareBudget(
    sizes,
    budget,
    async (p, share): Promise<Attempt<SolveResult>> => {
      tried.add(p);
      // the time left, less half a second for each part yet to run: the safety net never
      // leaves a later part without a turn
      const timeLeft = Math.max(
        0,
        options.timeLimitSeconds -
          (clock() - started) -
          MIN_PART_SECONDS * (parts.length - tried.size),
      );
      const result =
        work === undefined
          ? await solver.solve(parts[p]!.model, { ...partOptions(p), timeLimitSeconds: share })
          : timeLeft > 0
            ? await solver.solve(parts[p]!.model, {
                ...partOptions(p),
                timeLimitSeconds: timeLeft,
                workLimit: Math.max(1, Math.floor(share)),
              })
            : noSolution("timeLimit");
      workDone += result.work;
      // everything since the last part counts, not only the solver's own time
      const now = clock();
      // A solver checks the work limit only at its checkpoints and may overrun a share; the
      // overrun is not charged to later parts (each keeps its share), so the whole may overrun
      // the limit by what the parts overran theirs.
      const used = work === undefined ? now - mark : Math.min(result.work, share);
      mark = now;
      const { status } = result;
      const outcome =
        status === "optimal" || status === "feasible"
          ? "done"
          : status === "timeLimit" && (work === undefined || result.stoppedBy === "workLimit")
            ? "retry"
            : status === "timeLimit"
              ? "done"
              : "stop";
      return { result, used, outcome };
    },
    { minimumShare: work === undefined ? MIN_PART_SECONDS : MIN_PART_WORK },
  );
  if (run.stoppedBy !== undefined) {
    const r = run.results[run.stoppedBy]!;
    return noSolution(r.status, r.message, Number.NaN, { work: workDone });
  }
  const stops = run.results.map(
    (r) => r?.stoppedBy ?? (work === undefined ? "timeLimit" : "workLimit"),
  );
  const stoppedBy: StopReason = stops.includes("timeLimit")
    ? "timeLimit"
    : stops.includes("workLimit")
      ? "workLimit"
      : "gap";
  const values = new Float64Array(model.cost.length);
  let objective = 0;
  let bound = 0;
  let status: SolveStatus = "optimal";
  for (const [p, part] of parts.entries()) {
    const r = run.results[p];
    if (r === undefined || (r.status !== "optimal" && r.status !== "feasible")) {
      return noSolution("timeLimit", undefined, Number.NaN, { stoppedBy, work: workDone });
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
    stoppedBy: gap <= options.relativeGap ? "gap" : stoppedBy,
    work: workDone,
  };
}
