/**
 * staffcast/plan: the whole chain in one call (forecast, requirements per queue or pool, shifts
 * with breaks, roster, expected service), its configuration (validated, with a JSON Schema),
 * and the self-contained HTML report.
 *
 * @module
 */
export {
  parsePlanConfig,
  planConfigJsonSchema,
  planConfigSchema,
  queueTargetsSchema,
  rowsConfigSchema,
  type ParsePlanConfigOptions,
  type PlanConfig,
  type PlanFileConfig,
  type QueueTargets,
} from "./config.ts";
export { listNames, planFolderProblem } from "./folder.ts";
export {
  PlanFailure,
  runPlan,
  type ExpectedInterval,
  type GroupPlan,
  type GroupSummary,
  type QueueGroupSummary,
  type PlanInputs,
  type PlanProgress,
  type PlanResult,
  type PlanSummary,
  type QueueService,
  type RequirementRow,
  type StaffingUnit,
} from "./run.ts";
export { renderReport, type ReportInput } from "../report/index.ts";
export * from "./formats/index.ts";
export { DEFAULT_TARGETS, policyOf } from "./targets.ts";
export { PLAN_SIMULATION } from "./group-simulation.ts";
export { planRouting } from "./routing.ts";
export {
  MAX_SIMULATED_DAYS,
  planSimulation,
  type PlannedSimulation,
  type SimulatedCalls,
  type SimulationInputs,
  type SimulationStaffing,
} from "./simulation.ts";
export {
  planRoutedSimulation,
  type RoutedSimulationInputs,
  type RoutedStaffing,
} from "./routed-simulation.ts";
