/**
 * staffcast/schedule: shifts with breaks that cover a requirement curve at least cost (integer
 * programming with HiGHS, Aykin's implicit breaks), and a roster of named agents.
 *
 * @example
 * import { parseShiftSpec, designShifts, buildRoster, highsSolver } from "staffcast/schedule";
 * const spec = parseShiftSpec(JSON.parse(shiftFile));
 * const schedule = await designShifts(requirements, spec);
 * schedule.shifts; // [{ name, start, end, count, breaks }]
 *
 * @module
 */
import {
  buildShiftModel,
  solveShiftModel,
  type RequirementPoint,
  type ScheduleResult,
} from "./design.ts";
import { highsSolver, type MilpSolver } from "./solvers.ts";
import type { ShiftSpec } from "./spec.ts";

export {
  buildShiftModel,
  readSchedule,
  solveShiftModel,
  type BreakSlot,
  type ConcreteShift,
  type CoveragePoint,
  type RequirementPoint,
  type ScheduledShift,
  type ScheduleResult,
  type ShiftModel,
} from "./design.ts";
export { parseShiftSpec, type BreakRule, type ShiftSpec, type ShiftTemplate } from "./spec.ts";
export {
  breakWindows,
  checkShiftModelSize,
  estimateShiftModel,
  SHIFT_MODEL_LIMITS,
  type ShiftModelSize,
} from "./size.ts";
export { splitBreaks, verifySchedule, type AgentBreaks } from "./verify.ts";
export { parseScheduleJson, type ScheduleJson } from "./schedule-json.ts";
export {
  buildRoster,
  ROSTER_LIMITS,
  type Agent,
  type AgentSummary,
  type Availability,
  type RosterOptions,
  type RosterResult,
  type Segment,
  type Shortfall,
} from "./roster.ts";
export {
  checkMilp,
  highsSolver,
  MILP_VALUE_LIMIT,
  jsSolver,
  solveByParts,
  solverNamed,
  type MilpSolver,
  type SolveOptions,
  type SolveResult,
  type SolveStatus,
} from "./solvers.ts";
export { MilpBuilder, objectiveOf, splitMilp, violation, type Milp, type MilpRow } from "./milp.ts";

/** Options of {@link designShifts}. */
export interface DesignOptions {
  /** Default HiGHS. */
  readonly solver?: MilpSolver;
  /** Seconds, default 60. */
  readonly timeLimitSeconds?: number;
  /** Relative gap, default 1e-4. */
  readonly relativeGap?: number;
}

/**
 * Designs shifts for a requirement curve: builds the model, solves it (part by part where it
 * falls apart, e.g. by day), and reads the schedule.
 *
 * @example
 * const result = await designShifts(requirements, spec, { timeLimitSeconds: 30 });
 */
export async function designShifts(
  requirements: readonly RequirementPoint[],
  spec: ShiftSpec,
  options: DesignOptions = {},
): Promise<ScheduleResult> {
  const started = performance.now();
  const built = buildShiftModel(requirements, spec);
  return solveShiftModel(built, options.solver ?? highsSolver, {
    timeLimitSeconds: options.timeLimitSeconds ?? 60,
    relativeGap: options.relativeGap ?? 1e-4,
    startedAtMs: started,
  });
}
