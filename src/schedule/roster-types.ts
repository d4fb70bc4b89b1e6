/**
 * What rostering takes and gives: agents and their contracts, availability, the roster's rules,
 * and the roster (each agent's day as segments, totals per agent, shifts left unfilled).
 * Instants are UTC epoch milliseconds and durations seconds, the unit in each name.
 *
 * @module
 */
import type { SolveStatus, StopReason } from "./solve-result.ts";

/** An agent and its contract. */
export interface Agent {
  readonly id: string;
  /**
   * Skills: the queues the agent answers. A shift of a skill group goes only to agents whose
   * skills include every queue of the group (when the group's queues are known).
   */
  readonly skills?: readonly string[];
  /** Paid time per week, seconds: at least (a soft minimum). */
  readonly minSecondsWeek?: number;
  /** Paid time per week, seconds: at most. */
  readonly maxSecondsWeek?: number;
  /** @deprecated hours: give {@link Agent.minSecondsWeek} (used only when that is absent) */
  readonly minHoursWeek?: number;
  /** @deprecated hours: give {@link Agent.maxSecondsWeek} (used only when that is absent) */
  readonly maxHoursWeek?: number;
  /** Working days per week, at most. */
  readonly maxDaysWeek?: number;
}

/** When an agent can work: a window on a date, or (no window) not at all that date. */
export interface Availability {
  readonly agentId: string;
  /** Local date "YYYY-MM-DD". */
  readonly date: string;
  /** Local clock window "HH:MM" (`to` may be "24:00"); both absent: unavailable all day. */
  readonly from?: string;
  readonly to?: string;
}

/** Options of `buildRoster`. */
export interface RosterOptions {
  readonly agents: readonly Agent[];
  readonly availability?: readonly Availability[];
  /** Minimum rest between the end of one shift and the start of the next, seconds (default 11 hours). */
  readonly minRestSeconds?: number;
  /** @deprecated hours: give {@link RosterOptions.minRestSeconds} (used only when that is absent) */
  readonly minRestHours?: number;
  /** Require two consecutive days off in every week (default false). */
  readonly twoConsecutiveDaysOff?: boolean;
  /** Night shifts per agent per week, at most (a night shift has 3+ hours between 22:00 and 06:00). */
  readonly maxNightShiftsWeek?: number;
  /**
   * The queues of each skill group (e.g. a routing model's `serves`), over those the schedule
   * carries in its `groups`: a shift of group g goes only to agents whose skills include all of
   * g's queues. A group without known queues takes any agent.
   */
  readonly groupSkills?: Readonly<Record<string, readonly string[]>>;
  /**
   * A roster to change as little as possible (incremental re-roster): its assignments, each
   * kept or dropped at a cost of {@link ROSTER_CHANGE_PENALTY} per change. Assignments of agents
   * or shifts no longer there are dropped (and counted as changes).
   */
  readonly keep?: readonly Assignment[];
}

/** One agent working one shift: what `keep` carries and a change names. */
export interface Assignment {
  readonly agentId: string;
  /** Start and end of the shift, UTC epoch milliseconds. */
  readonly startMs: number;
  readonly endMs: number;
  /** The skill group of the shift (only when the schedule has groups). */
  readonly group?: string;
}

/** An assignment added to or removed from the kept roster. */
export interface RosterChange extends Assignment {
  readonly action: "added" | "removed";
}

/**
 * What one change to a kept roster costs in the roster's objective: more than any fairness
 * deviation one shift can cause (5 per hour, a shift of up to 12 paid hours: 60), less than
 * one unfilled paid hour (1000): a shift is always filled when someone can work it, and no
 * assignment moves only to make the roster fairer.
 */
export const ROSTER_CHANGE_PENALTY = 100;

/** One segment of an agent's schedule. */
export interface Segment {
  readonly agentId: string;
  /** Start and end, UTC epoch milliseconds. */
  readonly startMs: number;
  readonly endMs: number;
  readonly activity: "onQueue" | "break" | "meal";
  /** The skill group of the shift it belongs to (only when the schedule has groups). */
  readonly group?: string;
}

/** Per agent totals. */
export interface AgentSummary {
  readonly agentId: string;
  readonly shifts: number;
  readonly days: number;
  /** Paid time, seconds (formerly `paidHours`, hours). */
  readonly paidSeconds: number;
  /**
   * Paid time below the contract's weekly minimum, seconds, summed over weeks (formerly
   * `hoursShort`, hours).
   */
  readonly belowMinimumSeconds: number;
  readonly nightShifts: number;
  readonly unsocialShifts: number;
}

/** A designed shift left (partly) unfilled. */
export interface Shortfall {
  /** The template's name. */
  readonly name: string;
  /** Start and end of the shift, UTC epoch milliseconds. */
  readonly startMs: number;
  readonly endMs: number;
  /** Agents it still lacks. */
  readonly missing: number;
  /** The skill group it serves (only when the schedule has groups). */
  readonly group?: string;
}

/** Result of `buildRoster`. */
export interface RosterResult {
  /** As {@link SolveStatus}: without a roster (`timeLimit`, `infeasible`, `error`) all is empty. */
  readonly status: SolveStatus;
  readonly objective: number | null;
  /** Best proven lower bound of the objective (null when unknown). */
  readonly bound: number | null;
  readonly gap: number | null;
  /** What stopped the search (see {@link StopReason}); `timeLimit`: it may differ between runs. */
  readonly stoppedBy: StopReason;
  /** Work done, in work units (LP iterations, summed over every solve of the roster). */
  readonly work: number;
  /**
   * The work limit the roster had, LP iterations: the caller's, or the default for its size
   * (`defaultRosterWorkLimit`).
   */
  readonly workLimit: number;
  /** The shift file's time zone: the local clock of days, weeks and availability. */
  readonly timeZone: string;
  readonly segments: Segment[];
  readonly agents: AgentSummary[];
  readonly shortfalls: Shortfall[];
  /** With `keep`: the assignments added and removed, by agent and start. */
  readonly changes: RosterChange[];
  /** With `keep`: the number of changes (0 without `keep`). */
  readonly changeCount: number;
  /** Why no roster was found, in words. */
  readonly explanation?: string;
}

/**
 * Limits of rostering, in (agent, designed shift) pairs. A roster of at most
 * `exactAgentShiftPairs` pairs is one model with a binary per pair, solved whole (measured: a
 * 30-agent week of 2,910 pairs proven optimal in about 2 s; a realistic 60-agent week of 5,000
 * pairs already did better by the search). A larger one is searched: greedy start, cheap moves,
 * models of 20-odd agents at a time; its memory grows with one byte per pair (who may work
 * what) and the agents' shifts, so `agentShiftPairs` (20 million: 20 MB for that table, e.g.
 * 10,000 agents x 2,000 designed shifts) bounds it.
 */
export const ROSTER_LIMITS = {
  agentShiftPairs: 20_000_000,
  exactAgentShiftPairs: 4_000,
} as const;

/** An agent's weekly paid time in hours (as the roster model counts), from either field. */
export function weeklyHours(agent: Agent): { min?: number; max?: number } {
  /* eslint-disable @typescript-eslint/no-deprecated -- the hours of 0.1 callers, read as given */
  const min = agent.minSecondsWeek === undefined ? agent.minHoursWeek : agent.minSecondsWeek / 3600;
  const max = agent.maxSecondsWeek === undefined ? agent.maxHoursWeek : agent.maxSecondsWeek / 3600;
  /* eslint-enable @typescript-eslint/no-deprecated */
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}
