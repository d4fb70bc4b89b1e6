/**
 * The real-time monitor's interface: its options, what it says of an agent, and its methods
 * (see the `monitor` module for how time, lateness and events from the future are handled).
 *
 * @module
 */
import type { MonitorAlert } from "./alerts.ts";
import type { AgentDayResult } from "./day.ts";
import type { StateEvent } from "./events.ts";
import type { Adherence, AdherenceRules } from "./rules.ts";
import type { ScheduleSegment } from "./schedule.ts";

/** Options of {@link createAdherenceMonitor} (durations in seconds). */
export interface MonitorOptions {
  readonly schedule: readonly ScheduleSegment[];
  readonly rules?: AdherenceRules;
  /** Out of adherence this long raises an alert (default 300). */
  readonly alarmAfterSeconds?: number;
  /**
   * Events at most this far behind the clock still drive alerts (default 900). Events more than
   * this far ahead of it are not applied at once: with `clock`, they are dropped (`futureEvent`
   * warning); with the event clock, they are held until another agent's event confirms the
   * jump (`clockJump` warning) or the clock moves on without them (`futureEvent`). See the
   * `monitor` module's documentation.
   */
  readonly allowedLatenessSeconds?: number;
  /**
   * The current time, epoch ms; default: the event clock, the latest event time accepted
   * (events from the future held until confirmed, see {@link allowedLatenessSeconds}). The
   * monitor's time starts at `clock()` when it is created: boundaries before it raise no alerts,
   * agent-days closed before it are not monitored (see the `monitor` module's documentation).
   */
  readonly clock?: () => number;
  /** Zone of agent-day dates (default UTC). */
  readonly timeZone?: string;
  /** As in {@link computeAdherence}, for the agent-days' results. */
  readonly thresholdSeconds?: number;
  readonly startToleranceSeconds?: number;
  readonly endToleranceSeconds?: number;
  readonly countOutsideWork?: boolean;
}

/** What an agent is doing now. */
export interface AgentStatus {
  readonly agentId: string;
  readonly state: string;
  readonly reason?: string;
  readonly activity: string | null;
  /** `unscheduled` outside scheduled segments. */
  readonly adherence: Adherence | "unscheduled";
  /** Start of the current out-of-adherence period, or null. */
  readonly outSinceMs: number | null;
}

/** A real-time adherence monitor. */
export interface AdherenceMonitor {
  /**
   * Takes one event; returns the alerts it (and the time it moves the clock to) raises. An event
   * more than the allowed lateness ahead of the clock is dropped (`futureEvent` warning) with an
   * injected clock, and held with the event clock: see
   * {@link MonitorOptions.allowedLatenessSeconds}.
   */
  ingest(event: StateEvent): MonitorAlert[];
  /**
   * Moves to the clock's time (or `toMs` if later): boundaries and alarms due raise alerts.
   * Held events (event clock) that this time brings within the allowed lateness are applied on
   * the way, in time order.
   */
  advance(toMs?: number): MonitorAlert[];
  /**
   * The end of the feed: drops the events still held (never confirmed by another agent's
   * event) with a `futureEvent` warning each, and returns those warnings. The monitor stays
   * usable.
   */
  close(): MonitorAlert[];
  /** Replaces the schedule; open agent-days and current statuses follow the new one. */
  setSchedule(segments: readonly ScheduleSegment[]): MonitorAlert[];
  /**
   * Monitor time, epoch ms (`clock()` at creation with an injected clock; -Infinity before any
   * event with the event clock).
   */
  now(): number;
  /** An agent's current status, or undefined for an agent without a schedule. */
  status(agentId: string): AgentStatus | undefined;
  /** Provisional results of the agent-days still open, up to now. */
  openDays(): AgentDayResult[];
  /** Results of agent-days closed since the last call (final: late events included). */
  takeClosedDays(): AgentDayResult[];
  /** Events held in memory, those from the future awaiting confirmation too (memory checks). */
  retainedEvents(): number;
}
