/**
 * The roster step of a plan: the schedule's shifts given to the configuration's agents (by
 * group, to agents with the group's skills, when the schedule has groups).
 *
 * @module
 */
import {
  buildRoster,
  type Agent,
  type MilpSolver,
  type RosterResult,
  type ScheduleResult,
  type StopReason,
} from "../schedule/index.ts";
import { PlanFailure, type PlanInputs } from "./types.ts";

/** The limits of each integer program of a plan. */
export interface PlanSolverLimits {
  /** The wall-clock safety net, seconds. */
  readonly timeLimitSeconds: number;
  readonly relativeGap: number;
  /** The deterministic work limit of the step's solves, LP iterations. */
  readonly workLimit: number;
}

/**
 * Rosters the schedule; adds a warning when shifts are left unfilled, and one when the time
 * limit stopped the solve (the roster may then differ between runs).
 *
 * @param groupSkills - with groups: the queues of each (an agent's skills must include them)
 * @throws PlanFailure when the solver finds no roster
 */
export async function rosterStep(
  inputs: PlanInputs & { readonly agents: readonly Agent[] },
  schedule: ScheduleResult,
  solver: MilpSolver,
  limits: PlanSolverLimits,
  warnings: string[],
  groupSkills?: Readonly<Record<string, readonly string[]>>,
): Promise<RosterResult> {
  const { config } = inputs;
  const roster = await buildRoster(
    schedule,
    inputs.shifts,
    {
      agents: inputs.agents,
      ...(inputs.availability === undefined ? {} : { availability: inputs.availability }),
      minRestSeconds: config.roster.minRestHours * 3600,
      twoConsecutiveDaysOff: config.roster.twoConsecutiveDaysOff,
      ...(config.roster.maxNightShiftsWeek === undefined
        ? {}
        : { maxNightShiftsWeek: config.roster.maxNightShiftsWeek }),
      ...(groupSkills === undefined ? {} : { groupSkills }),
    },
    solver,
    limits,
  );
  if (roster.status !== "optimal" && roster.status !== "feasible") {
    throw new PlanFailure(`no roster (${roster.status}): ${roster.explanation ?? ""}`);
  }
  const stopped = timeLimitWarning("roster", roster.stoppedBy, limits, config.solver.engine);
  if (stopped !== undefined) warnings.push(stopped);
  const missing = roster.shortfalls.reduce((a, s) => a + s.missing, 0);
  if (missing > 0)
    warnings.push(
      `${missing} designed shifts could not be given to an agent (see the roster's shortfalls)`,
    );
  return roster;
}

/**
 * The warning of a step that the time limit stopped (undefined otherwise): its result may
 * differ between runs.
 */
export function timeLimitWarning(
  step: "schedule" | "roster",
  stoppedBy: StopReason | undefined,
  limits: PlanSolverLimits,
  engine = "highs",
): string | undefined {
  if (stoppedBy !== "timeLimit") return undefined;
  if (engine === "js")
    return `the ${step} was stopped by the time limit (solver.timeLimitSeconds ${limits.timeLimitSeconds}): it may differ between runs; the js engine cannot count its work (solver.workLimit does not apply to it): a longer time limit or engine highs makes it reproducible`;
  return `the ${step} was stopped by the time limit (solver.timeLimitSeconds ${limits.timeLimitSeconds}) before its work limit or gap: it may differ between runs; a smaller solver.workLimit (now ${limits.workLimit}) or a longer time limit makes it reproducible`;
}

/** With groups: the groups whose skills no agent has (their shifts stay unfilled), in words. */
export function skillWarnings(
  agents: readonly Agent[],
  groupSkills: Readonly<Record<string, readonly string[]>>,
): string[] {
  const out: string[] = [];
  for (const [g, queues] of Object.entries(groupSkills)) {
    if (agents.some((a) => queues.every((q) => (a.skills ?? []).includes(q)))) continue;
    out.push(
      `no agent has the skills of group "${g}" (${queues.join(", ")}): the roster leaves its shifts unfilled (agents' skills are queue names)`,
    );
  }
  return out;
}
