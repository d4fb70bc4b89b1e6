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
  StopReason,
} from "../schedule/index.ts";
import type { Zone } from "../time/zone.ts";
import type {
  RoutingModel,
  RoutingSimulationResult,
  RoutingStaffingResult,
} from "../erlang/index.ts";
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
  /**
   * What stopped the shift design's solve: `gap` (it ran to its end), `workLimit` (the
   * deterministic limit) or `timeLimit` (the wall clock: it may differ between runs).
   */
  readonly scheduleStoppedBy?: StopReason;
  readonly rosterStatus?: string;
  /** What stopped the roster's solve (as `scheduleStoppedBy`). */
  readonly rosterStoppedBy?: StopReason;
  readonly agentsRostered?: number;
  readonly unfilledShifts?: number;
  /** With groups: per queue, its target, expected and simulated service level. */
  readonly queues?: Readonly<Record<string, QueueGroupSummary>>;
  /** With groups: per group, agent-seconds required and scheduled. */
  readonly groups?: Readonly<Record<string, GroupSummary>>;
}

/** A queue of a plan with groups: its service-level target, expected and simulated. */
export interface QueueGroupSummary {
  /** The service-level target (0.8 when the queue has no target at all); null: none. */
  readonly target: number | null;
  /** Calls-weighted service level of the staffing by group (at the required agents). */
  readonly expectedServiceLevel: number | null;
  /** Simulated service level of the schedule (mean of the runs), and its 95 % interval. */
  readonly simulatedServiceLevel: number | null;
  readonly simulatedServiceLevelCi: readonly [number, number] | null;
}

/** A group of a plan with groups: agent-seconds required (fed to shift design) and scheduled. */
export interface GroupSummary {
  /** The group's scheduled agents required (shrinkage included) times the interval. */
  readonly requiredAgentSeconds: number;
  /** The group's own agents working (net of breaks) times the interval. */
  readonly scheduledAgentSeconds: number;
}

/** What a plan with groups adds: the routing, its staffing and the schedule's simulation. */
export interface GroupPlan {
  /** The routing model the configuration gives (its queues and groups). */
  readonly routing: RoutingModel;
  /** Agents per interval and group, and each queue's figures at that staffing. */
  readonly staffing: RoutingStaffingResult;
  /** The schedule by group simulated with the routing (ad-shaped arrivals). */
  readonly simulation: RoutingSimulationResult;
  /** The simulation's runs and seed. */
  readonly runs: number;
  readonly seed: number;
}

/** Result of {@link runPlan}. */
export interface PlanResult {
  /** The first instant planned, UTC epoch ms (local midnight of `start`). */
  readonly startMs: number;
  readonly zone: Zone;
  readonly intervalMinutes: number;
  readonly forecast: ForecastResult;
  /** The staffing units: the pools and queues, or with groups the groups (their queues). */
  readonly units: readonly StaffingUnit[];
  /** Requirements per unit and interval; empty with groups (see `groups.staffing`). */
  readonly requirements: readonly RequirementRow[];
  readonly schedule: ScheduleResult;
  readonly roster?: RosterResult;
  readonly expected: readonly ExpectedInterval[];
  /** Per queue, the expected service against its targets. */
  readonly queues: readonly QueueService[];
  readonly summary: PlanSummary;
  readonly warnings: readonly string[];
  /** With groups: the routing, its staffing and the simulation of the schedule. */
  readonly groups?: GroupPlan;
}

/** Progress of the long steps: called when a step starts. */
export type PlanProgress = (step: string, index: number, steps: number) => void;

/** Thrown when a solver gives no schedule or roster; the message explains why. */
export class PlanFailure extends Error {}
