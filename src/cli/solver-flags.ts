/**
 * What the solving commands (`schedule`, `roster`) share: the `--work-limit`, `--solver`,
 * `--time-limit` and `--gap` flags, the gap in words, and the message of a solve that ended
 * without a result.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { atLeastOne, positiveSecondsUpToADay } from "./flags.ts";
import type { StopReason } from "../schedule/index.ts";
import { DEFAULT_WORK_LIMIT, WORK_LIMIT_MAX } from "../schedule/work-limit.ts";

function solverFlag(text: string): string {
  if (text !== "highs" && text !== "js") throw new InvalidArgumentError("expected highs or js.");
  return text;
}

function gapFlag(text: string): number {
  const v = Number(text);
  if (!(v >= 0 && v < 1) || text.trim() === "")
    throw new InvalidArgumentError("expected a fraction in [0, 1).");
  return v;
}

/** The flags of {@link addSolverOptions}, parsed. */
export interface SolverFlags {
  /** Work units (HiGHS LP iterations) of the whole command, summed over its solves. */
  workLimit: number;
  solver: string;
  timeLimit: number;
  gap: number;
}

/**
 * Adds `--work-limit`, `--solver`, `--time-limit` and `--gap` (in this order) to a command.
 * The work limit is what stops a long solve at the same point on every run; the time limit is
 * the safety net.
 *
 * @param workLimitDefault - the work limit's default: a number, or (for a default the engine
 *   works out from the input's size) its description, the flag then being undefined unless given
 * @param timeLimitDefault - the time limit's default, seconds: above what the default work
 *   limit takes on a busy machine, so that the safety net does not decide the result
 */
export function addSolverOptions(
  cmd: Command,
  workLimitDefault: number | { readonly describe: string } = DEFAULT_WORK_LIMIT,
  timeLimitDefault = 60,
): Command {
  const about = "deterministic limit of the solves: LP iterations of HiGHS, summed (at most 1e9)";
  const workLimit =
    typeof workLimitDefault === "number"
      ? new Option("--work-limit <units>", about).default(workLimitDefault)
      : new Option("--work-limit <units>", `${about} (default: ${workLimitDefault.describe})`);
  return cmd
    .addOption(workLimit.argParser(atLeastOne(WORK_LIMIT_MAX)))
    .option("--solver <name>", "highs or js", solverFlag, "highs")
    .option(
      "--time-limit <s>",
      "wall-clock safety net of the solves, seconds (at most 86400)",
      positiveSecondsUpToADay,
      timeLimitDefault,
    )
    .addOption(
      new Option("--gap <f>", "relative gap at which the solver may stop")
        .argParser(gapFlag)
        .default(1e-4, "1e-4"),
    );
}

/**
 * A gap for people, two significant digits: 2.7e-6 -> "0.00027 %", 0 -> "0 %"; "unknown" when
 * no bound was proven (NaN, null in JSON).
 */
export function gapOrUnknown(gap: number | null): string {
  if (gap === null || !Number.isFinite(gap)) return "unknown";
  return gap === 0 ? "0 %" : `${Number((100 * gap).toPrecision(2))} %`;
}

/**
 * What stopped a solve, for the summary: "stopped at the requested gap (1234 LP iterations)",
 * "stopped by the work limit (50000 LP iterations)" or "stopped by the time limit (60 s)".
 */
export function stoppedByText(
  stoppedBy: StopReason,
  work: number,
  flags: Pick<SolverFlags, "workLimit" | "timeLimit">,
): string {
  if (stoppedBy === "workLimit")
    return `stopped by the work limit (${flags.workLimit} LP iterations)`;
  if (stoppedBy === "timeLimit") return `stopped by the time limit (${flags.timeLimit} s)`;
  return `stopped at the requested gap${work > 0 ? ` (${work} LP iterations)` : ""}`;
}

/**
 * The warning of a solve that the time limit stopped: its result may differ between runs, and
 * what makes it reproducible (the js solver cannot count its work: a longer time limit or
 * HiGHS).
 */
export function timeLimitWarning(
  what: "schedule" | "roster",
  flags: Pick<SolverFlags, "workLimit" | "timeLimit" | "solver">,
): string {
  const stopped = `the ${what} was stopped by the time limit (${flags.timeLimit} s)`;
  if (flags.solver === "js")
    return `${stopped}: it may differ between runs; the js solver cannot count its work (--work-limit does not apply to it): a longer --time-limit or --solver highs makes it reproducible`;
  return `${stopped} before its work limit: it may differ between runs; a smaller --work-limit (now ${flags.workLimit}) or a longer --time-limit makes it reproducible`;
}

/**
 * The message of a solve that ended without a schedule or roster (exit 1), worded so that it
 * reads after "error: ", e.g. "no schedule within the time limit: the solver found none in 5 s;
 * ...", "no schedule: the solver stopped with an internal failure (HiGHS: Aborted()); ..." or
 * "infeasible: hard coverage is impossible: ...". `stoppedBy` "workLimit" names the work limit
 * instead of the time limit.
 */
export function noResult(
  what: "schedule" | "roster",
  status: "timeLimit" | "infeasible" | "error",
  explanation: string | undefined,
  stoppedBy?: StopReason,
): string {
  if (status === "infeasible") return `infeasible: ${explanation ?? `no ${what} exists`}`;
  const limit = stoppedBy === "workLimit" ? "work limit" : "time limit";
  if (status === "timeLimit")
    return `no ${what} within the ${limit}${explanation === undefined ? "" : `: ${explanation}`}`;
  return `no ${what}: ${explanation ?? "the solver failed"}`;
}
