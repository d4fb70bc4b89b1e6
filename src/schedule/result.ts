/**
 * What shift design takes and gives: the requirement per interval, and the schedule (shifts
 * with their breaks and the coverage they give), instants as UTC epoch milliseconds and
 * durations in seconds. Text happens only at the edges: `formatScheduleJson` writes the JSON
 * of `staffcast schedule`, `parseScheduleJson` reads it back into this shape.
 *
 * @module
 */
import type { SolveStatus, StopReason } from "./solve-result.ts";

/** Agents required in one interval (summed over queues; may be fractional). */
export interface RequirementPoint {
  /** Start of the interval, UTC epoch milliseconds. */
  readonly startMs: number;
  readonly required: number;
  /**
   * The skill group that must cover it (the requirements' `group` column); absent: one
   * workforce. Either every point of a requirement has a group or none has.
   */
  readonly group?: string;
}

/** A break slot of a shift in a result: `count` of the shift's agents take it then. */
export interface BreakSlot {
  readonly kind: "break" | "meal";
  /** Start and end, UTC epoch milliseconds. */
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
}

/** A shift in a result: `count` agents work it. */
export interface ScheduledShift {
  /** The template's name. */
  readonly name: string;
  /**
   * Start and end, UTC epoch milliseconds. In a cyclic schedule a shift that runs past the
   * horizon's end wraps to its start: its end (and its breaks after the wrap) then come
   * before its start.
   */
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
  /** Paid time of one agent on it, seconds: its length less its unpaid breaks. */
  readonly paidSeconds: number;
  /** The skill group its agents serve (only when the requirement has groups). */
  readonly group?: string;
  /** For each break of the template, its slots (their counts add up to the shift's count). */
  readonly breaks: BreakSlot[];
}

/** Coverage of one interval. */
export interface CoveragePoint {
  /** Start of the interval, UTC epoch milliseconds. */
  readonly startMs: number;
  readonly required: number;
  /** Agents working (on shift and not on a break). */
  readonly scheduled: number;
}

/** Coverage of one skill group in one interval (a requirement with groups). */
export interface GroupCoveragePoint {
  /** Start of the interval, UTC epoch milliseconds. */
  readonly startMs: number;
  readonly group: string;
  readonly required: number;
  /** The group's own agents working (on shift and not on a break). */
  readonly scheduled: number;
  /** What covers the requirement: `scheduled` + agents lent by other groups - agents lent out. */
  readonly covered: number;
}

/**
 * Agents of one group covering another group's requirement in one interval (skill transfer:
 * the lender's skills include every queue of the borrower). May be fractional.
 */
export interface GroupTransfer {
  /** Start of the interval, UTC epoch milliseconds. */
  readonly startMs: number;
  /** The group whose agents are lent, and the group they cover. */
  readonly from: string;
  readonly to: string;
  readonly agents: number;
}

/** A skill group of a schedule: its skill set and the relative cost of its hours. */
export interface ScheduleGroup {
  /** The queues it answers (its skills, from the routing model's `serves`). */
  readonly queues: readonly string[];
  /** Factor on its shifts' cost (default 1). */
  readonly costPerHour?: number;
}

/** The outcome of shift design. */
export interface ScheduleResult {
  readonly status: SolveStatus;
  /** Objective of the solution; null without one. */
  readonly objective: number | null;
  /** Proven relative gap; null without a solution (NaN when no bound was proven). */
  readonly gap: number | null;
  /**
   * What stopped the solve: `gap` (it ran to its end), `workLimit` (the deterministic work
   * limit: the same on every run) or `timeLimit` (the wall clock: the result may differ between
   * runs). Absent in a schedule read from a file that does not say.
   */
  readonly stoppedBy?: StopReason;
  /** Work the solves took, in work units (LP iterations; 0 when the solver cannot count). */
  readonly work?: number;
  /** The shift file's time zone: the local clock of the shifts, and of the JSON's times. */
  readonly timeZone: string;
  readonly shifts: ScheduledShift[];
  /** Coverage per interval, the groups summed. */
  readonly coverage: CoveragePoint[];
  /** With groups: coverage per (interval, group), interval by interval, groups in order. */
  readonly groupCoverage?: GroupCoveragePoint[];
  /** With groups: the skill transfers the schedule relies on (positive ones only). */
  readonly transfers?: GroupTransfer[];
  /** The groups' skill sets, when they were given (by name, in the requirement's order). */
  readonly groups?: Readonly<Record<string, ScheduleGroup>>;
  /** Why no schedule was found (infeasible, time limit, solver error), in words. */
  readonly explanation?: string;
}
