/**
 * staffcast/erlang: agents needed per interval for service-level, ASA, occupancy and
 * abandonment targets (Erlang B, C and A), exact at any size.
 *
 * @example
 * import { staffInterval } from "staffcast/erlang";
 * const r = staffInterval({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180 });
 * r.agents; // => 14 (80 % in 20 s)
 *
 * @module
 */
export { erlangB } from "./erlang-b.ts";
export { erlangC, erlangCMetrics } from "./erlang-c.ts";
export { erlangAMetrics, type ErlangAInput } from "./erlang-a.ts";
export {
  createStaffer,
  DEFAULT_SL_FRACTION,
  DEFAULT_SL_SECONDS,
  evaluateInterval,
  offeredLoad,
  productiveFromScheduled,
  resolveTargets,
  scheduledFromProductive,
  staffInterval,
  validateTargets,
  validateWorkload,
  type EvaluateOptions,
  type Staffer,
  type StaffingPolicy,
  type StaffOptions,
} from "./staffing.ts";
export {
  computeRequirements,
  computeRequirementTable,
  type ForecastColumns,
  type ForecastInterval,
  type IntervalRequirement,
  type RequirementsOptions,
} from "./requirements.ts";
export { createRequirementTable, requirementAt, type RequirementTable } from "./table.ts";
export { computeRequirementTableParallel, type ParallelOptions } from "./parallel.ts";
export { squareRootStaffing } from "./square-root.ts";
export {
  checkRange,
  FieldRangeError,
  inRange,
  rangeText,
  STAFFING_LIMITS,
  type Range,
} from "./limits.ts";
export { DataError, type DataIssue } from "../io/errors.ts";
export type {
  BindingConstraint,
  ModelOptions,
  QueueMetrics,
  QueueModel,
  ServiceLevelDefinition,
  StaffingResult,
  StaffingTargets,
  Workload,
} from "./types.ts";
export { correctStaffing, type StaffingCorrection } from "./correct-staffing.ts";
export { gridSpacingMs, seriesAt, SINGLE_ROW_INTERVAL_MS, stepSeries } from "./simulation-input.ts";
export {
  expectedCalls,
  SIMULATION_LIMITS,
  simulateQueues,
  type AgentPool,
  type CallStream,
  type SimulatedInterval,
  type SimulatedTotal,
  type SimulationOptions,
  type SimulationResult,
  type StepSeries,
} from "./simulate.ts";
export * from "./formats/index.ts";
export { pooledWorkload, staffPool, type PoolQueueLoad } from "./pool.ts";
export {
  agentGroupSchema,
  groupQueues,
  parseRouting,
  poolsRouting,
  queueOrder,
  readRoutingFile,
  routedQueueSchema,
  routingJsonSchema,
  routingProblems,
  ROUTING_LIMITS,
  type AgentGroup,
  type RoutedQueue,
  type RoutingModel,
} from "./routing/model.ts";
export { simulateRouting } from "./routing/simulate-routing.ts";
export type {
  GroupAgents,
  GroupInterval,
  RoutedQueueInterval,
  RoutedQueueTotal,
  RoutedStream,
  RoutingSimulationOptions,
  RoutingSimulationResult,
} from "./routing/simulation-types.ts";
export {
  priorityQueueMetrics,
  topClassWaitTail,
  type PriorityClassMetrics,
  type PriorityQueueMetrics,
} from "./routing/priority.ts";
export {
  solvePriorityCtmc,
  type CtmcClass,
  type CtmcClassMetrics,
  type CtmcResult,
  type PriorityCtmcInput,
} from "./routing/ctmc.ts";
export { solveVipOverflowCtmc, type VipOverflowCtmcInput } from "./routing/ctmc-vip.ts";
export {
  erlangBContinuous,
  ermBlocking,
  haywardBlocking,
  overflowMoments,
  rappEquivalent,
  type EquivalentRandom,
  type OverflowMoments,
} from "./routing/overflow.ts";
export {
  evaluateRouting,
  type RoutedQueueEvaluation,
  type RoutingEvaluation,
  type RoutingLoad,
} from "./routing/approximate.ts";
export {
  homeGroup,
  ROUTED_STAFFING_LIMITS,
  staffRoutedInterval,
  type FigureMethod,
  type RoutedIntervalOptions,
  type RoutedIntervalStaffing,
} from "./routing/staff-interval.ts";
export { staffRoutingParallel } from "./routing/staff-parallel.ts";
export {
  staffRouting,
  type GroupRequirement,
  type QueueOutcome,
  type RoutedForecastRow,
  type RoutingStaffingOptions,
  type RoutingStaffingResult,
} from "./routing/staff-routing.ts";
export {
  simulateSteady,
  steadyWindow,
  CHECK_WINDOW,
  type SteadyFigures,
  type SteadyLoads,
} from "./routing/interval-sim.ts";
export { queueTargets, type QueueFigures } from "./routing/targets.ts";
