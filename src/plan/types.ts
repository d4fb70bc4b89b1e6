/**
 * What a plan is made from and what it gives back.
 *
 * @module
 */
import type { AdRow, ForecastResult, HistoryInterval, Holiday } from "../forecast/index.ts";
import type {
  Agent,
  Availability,
  RosterResult,
  ScheduleResult,
  ShiftSpec,
} from "../schedule/index.ts";
import type { Zone } from "../time/zone.ts";
import type { PlanConfig } from "./config.ts";
import type { ExpectedInterval, QueueService, RequirementRow, StaffingUnit } from "./service.ts";

/** Everything a plan is made from, parsed. */
export interface PlanInputs {
  readonly config: PlanConfig;
  readonly history: readonly HistoryInterval[];
  readonly ads?: readonly AdRow[];
  readonly holidays?: readonly Holiday[];
  readonly shifts: ShiftSpec;
  readonly agents?: readonly Agent[];
  readonly availability?: readonly Availability[];
}

/** Figures of the whole plan (plan.json's `summary` gives the durations in hours). */
export interface PlanSummary {
  /** Calls forecast over the plan. */
  readonly calls: number;
  /** Agent-seconds required: the units' fractional scheduled agents times the interval. */
  readonly requiredAgentSeconds: number;
  /** Agent-seconds the schedule has on the phones (net of breaks). */
  readonly scheduledAgentSeconds: number;
  /** Paid seconds of all scheduled shifts (unpaid breaks excluded). */
  readonly paidSeconds: number;
  /** Scheduled shifts (agents x shifts). */
  readonly shifts: number;
  /** Calls-weighted expected service level, abandonment; null without calls. */
  readonly expectedServiceLevel: number | null;
  readonly expectedAbandonRate: number | null;
  /** Expected share of productive agents' time on calls; null without agents. */
  readonly expectedOccupancy: number | null;
  readonly scheduleStatus: string;
  readonly scheduleGap: number | null;
  readonly rosterStatus?: string;
  readonly agentsRostered?: number;
  readonly unfilledShifts?: number;
}

/** Result of {@link runPlan}. */
export interface PlanResult {
  /** The first instant planned, UTC epoch ms (local midnight of `start`). */
  readonly startMs: number;
  readonly zone: Zone;
  readonly intervalMinutes: number;
  readonly forecast: ForecastResult;
  readonly units: readonly StaffingUnit[];
  readonly requirements: readonly RequirementRow[];
  readonly schedule: ScheduleResult;
  readonly roster?: RosterResult;
  readonly expected: readonly ExpectedInterval[];
  /** Per queue, the expected service against its targets. */
  readonly queues: readonly QueueService[];
  readonly summary: PlanSummary;
  readonly warnings: readonly string[];
}

/** Progress of the long steps: called when a step starts. */
export type PlanProgress = (step: string, index: number, steps: number) => void;

/** Thrown when a solver gives no schedule or roster; the message explains why. */
export class PlanFailure extends Error {}
