/**
 * staffcast/schedule: shifts with breaks that cover a requirement curve at least cost (integer
 * programming with HiGHS, Aykin's implicit breaks), a roster of named agents, and the files
 * they read and write (requirement CSV, shift file, schedule JSON, agents and availability
 * CSVs, roster CSV and JSON). Instants are UTC epoch milliseconds, durations seconds (minutes
 * in the shift file), the unit in each name.
 *
 * @example
 * import { readRequirementPointsCsv, readShiftFile, designShifts, formatScheduleJson } from "staffcast/schedule";
 * const { points } = await readRequirementPointsCsv("requirements.csv");
 * const { spec, raw } = await readShiftFile("shifts.json");
 * const schedule = await designShifts(points, spec);
 * schedule.shifts; // [{ name, startMs, endMs, count, paidSeconds, breaks }]
 * formatScheduleJson(schedule, raw); // the JSON of staffcast schedule
 *
 * @module
 */
import { solveShiftModel } from "./design.ts";
import { highsSolver } from "./highs.ts";
import { buildShiftModel } from "./model.ts";
import type { RequirementPoint, ScheduleResult } from "./result.ts";
import type { MilpSolver, SolveProgress } from "./solve-result.ts";
import { DEFAULT_WORK_LIMIT } from "./work-limit.ts";
import type { ShiftSpec } from "./spec.ts";
import type { ShiftGroupOptions } from "./groups.ts";

export { readSchedule, solveShiftModel, type ShiftSolveOptions } from "./design.ts";
export { buildShiftModel, type ShiftModel } from "./model.ts";
export type { ConcreteShift } from "./shifts.ts";
export type {
  BreakSlot,
  CoveragePoint,
  GroupCoveragePoint,
  GroupTransfer,
  RequirementPoint,
  ScheduledShift,
  ScheduleGroup,
  ScheduleResult,
} from "./result.ts";
export {
  groupRequirements,
  groupTransfers,
  requirementGroups,
  templateAllows,
  templateGroupProblems,
  type GroupPair,
  type ShiftGroupOptions,
} from "./groups.ts";
export { requirementHorizon, resampleCoverage, type Horizon } from "./horizon.ts";
export {
  parseShiftSpec,
  validateShiftSpec,
  type BreakRule,
  type ShiftSpec,
  type ShiftTemplate,
  type ValidatedShiftSpec,
} from "./spec.ts";
export {
  breakWindows,
  checkShiftModelSize,
  estimateShiftModel,
  SHIFT_MODEL_LIMITS,
  type GroupSizing,
  type ShiftModelSize,
} from "./size.ts";
export { routingScheduleGroups, shiftGroupOptions } from "./routing-groups.ts";
export { splitBreaks, verifySchedule, type AgentBreaks } from "./verify.ts";
export { buildRoster, defaultRosterWorkLimit, type RosterTuning } from "./roster.ts";
export type { LnsRound } from "./roster-lns.ts";
export { checkRosterSkills, hasSkills, rosterGroupSkills } from "./roster-skills.ts";
export { verifyRoster } from "./verify-roster.ts";
export {
  ROSTER_CHANGE_PENALTY,
  ROSTER_LIMITS,
  type Agent,
  type Assignment,
  type RosterChange,
  type AgentSummary,
  type Availability,
  type RosterOptions,
  type RosterResult,
  type Segment,
  type Shortfall,
} from "./roster-types.ts";
export {
  checkMilp,
  MILP_VALUE_LIMIT,
  type MilpSolver,
  type SolveOptions,
  type SolveProgress,
  type SolveResult,
  type SolveStatus,
  type StopReason,
} from "./solve-result.ts";
export { highsSolver } from "./highs.ts";
export { DEFAULT_WORK_LIMIT, WORK_LIMIT_MAX } from "./work-limit.ts";
export { jsSolver } from "./js-solver.ts";
export { solveByParts, solverNamed } from "./solvers.ts";
export {
  MilpBuilder,
  objectiveOf,
  splitMilp,
  violation,
  type Milp,
  type MilpPart,
  type MilpRow,
} from "./milp.ts";
export * from "./formats/index.ts";

/** Options of {@link designShifts} (with groups: their skills and relative costs). */
export interface DesignOptions extends ShiftGroupOptions {
  /** Default HiGHS. */
  readonly solver?: MilpSolver;
  /** Seconds, default 60: the wall-clock safety net (a schedule it stops may differ between runs). */
  readonly timeLimitSeconds?: number;
  /** Relative gap, default 1e-4. */
  readonly relativeGap?: number;
  /**
   * Deterministic work limit, LP iterations of HiGHS summed over the solves (at least 1),
   * default {@link DEFAULT_WORK_LIMIT}; `Infinity`: none (the time limit alone stops a long
   * solve). The JavaScript solver cannot count its work and ignores it.
   */
  readonly workLimit?: number;
  /** Called as a solve makes progress (HiGHS; per part when the model falls apart). */
  readonly onProgress?: (progress: SolveProgress) => void;
}

/**
 * Designs shifts for a requirement curve: builds the model, solves it (part by part where it
 * falls apart, e.g. by day), and reads the schedule.
 *
 * @throws DataError when there is no requirement or the model would be too large
 * @example
 * const result = await designShifts(requirements, spec, { workLimit: 500_000 });
 * result.stoppedBy; // "gap", "workLimit" or "timeLimit"
 */
export async function designShifts(
  requirements: readonly RequirementPoint[],
  spec: ShiftSpec,
  options: DesignOptions = {},
): Promise<ScheduleResult> {
  const started = performance.now();
  const built = buildShiftModel(requirements, spec, {
    ...(options.groupSkills === undefined ? {} : { groupSkills: options.groupSkills }),
    ...(options.groupCostPerHour === undefined
      ? {}
      : { groupCostPerHour: options.groupCostPerHour }),
  });
  return solveShiftModel(built, options.solver ?? highsSolver, {
    timeLimitSeconds: options.timeLimitSeconds ?? 60,
    relativeGap: options.relativeGap ?? 1e-4,
    workLimit: options.workLimit ?? DEFAULT_WORK_LIMIT,
    startedAtMs: started,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
}
