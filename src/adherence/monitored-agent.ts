/**
 * One agent as the real-time monitor follows it: its schedule and schedule boundaries, its
 * events (an {@link AgentEvents} store), its classification at any instant, and the alerting
 * of its out-of-adherence runs (an alert after the alarm delay, another when the run ends).
 *
 * @module
 */
import type { MonitorAlert } from "./alerts.ts";
import { classifyAt, type DayOptions } from "./day.ts";
import { AgentEvents, type StatePairs } from "./event-store.ts";
import { lastAtOrBefore, LOGGED_OUT } from "./events.ts";
import type { Adherence } from "./rules.ts";
import type { AgentDay, PlacedSegment } from "./schedule.ts";

/** What every agent of a monitor shares. */
export interface AgentSettings {
  /** Rules and tolerances, as the agent-days' results take them. */
  readonly dayOptions: Pick<DayOptions, "rules" | "startToleranceMs" | "endToleranceMs">;
  /** Out of adherence this long raises an alert, ms. */
  readonly alarmMs: number;
  /** Asks for an alarm check of this agent at an instant (the monitor's heap). */
  readonly scheduleAlarm: (agent: MonitoredAgent, atMs: number) => void;
}

/** An agent's classification at an instant. */
export interface AgentClass {
  /** `unscheduled` outside scheduled segments. */
  readonly adherence: Adherence | "unscheduled";
  readonly state: string;
  readonly reason?: string;
  /** Index of the scheduled segment, or -1. */
  readonly k: number;
}

/**
 * An agent followed in real time.
 *
 * @example
 * const agent = new MonitoredAgent("ana", 0, pairs, settings, startMs);
 * agent.setSchedule(segments, days);
 * agent.events.insert(event);
 * agent.evaluate(event.timeMs, alerts, false);
 */
export class MonitoredAgent {
  readonly id: string;
  /** Position in the monitor's list (heap entries name agents by it). */
  readonly index: number;
  /** Its scheduled segments, sorted. */
  segments: readonly PlacedSegment[] = [];
  /** Agent-days still open, in order. */
  days: AgentDay[] = [];
  /** Sorted instants at which the schedule's classification may change. */
  boundaries: readonly number[] = [];
  /** Its events still needed (open agent-days, the current state, the lateness). */
  readonly events: AgentEvents;
  /** Start of the current out-of-adherence run, or null when not out. */
  outSince: number | null = null;
  /**
   * Nothing is known of the agent before this instant: when the monitor started watching it
   * (its start, or the schedule change that added it), or its earliest event applied (within
   * the lateness) if earlier. Events too late for alerts do not move it.
   */
  knownFromMs: number;
  /** An `outOfAdherence` alert was raised for the current run (its end will be told). */
  alerted = false;
  /** Start of the alerted run. */
  alertedSince = 0;
  /** Latest instant the status was evaluated at. */
  lastEval = Number.NEGATIVE_INFINITY;
  /** Pending alarm check, or NaN. */
  alarmAt = Number.NaN;
  readonly #settings: AgentSettings;

  constructor(
    id: string,
    index: number,
    pairs: StatePairs,
    settings: AgentSettings,
    knownFromMs: number,
  ) {
    this.id = id;
    this.index = index;
    this.events = new AgentEvents(pairs);
    this.#settings = settings;
    this.knownFromMs = knownFromMs;
  }

  /** Sets the agent's segments (sorted) and open agent-days; computes its boundaries. */
  setSchedule(segments: readonly PlacedSegment[], days: AgentDay[]): void {
    const { startToleranceMs, endToleranceMs } = this.#settings.dayOptions;
    const set = new Set<number>();
    for (const s of segments) {
      set.add(s.startMs);
      set.add(s.endMs);
      if (startToleranceMs > 0) set.add(Math.min(s.endMs, s.startMs + startToleranceMs));
      if (endToleranceMs > 0) set.add(Math.max(s.startMs, s.endMs - endToleranceMs));
    }
    this.segments = segments;
    this.days = days;
    this.boundaries = [...set].sort((p, q) => p - q);
  }

  /** The first boundary after `t`, or Infinity. */
  nextBoundary(t: number): number {
    return this.boundaries[lastAtOrBefore(this.boundaries, t) + 1] ?? Number.POSITIVE_INFINITY;
  }

  /** Index of the segment scheduled at `t`, or -1. */
  segmentAt(t: number): number {
    const s = this.segments;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const seg = s[mid]!;
      if (seg.endMs <= t) lo = mid + 1;
      else if (seg.startMs > t) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Classification at instant t from what is known. */
  classOf(t: number): AgentClass {
    const i = this.events.indexAt(t);
    const pair = i >= 0 ? this.events.pairAt(i) : undefined;
    const state = pair?.state ?? LOGGED_OUT;
    const reason = pair?.reason;
    const k = this.segmentAt(t);
    const adherence =
      k < 0
        ? "unscheduled"
        : classifyAt(this.segments, k, t, state, reason, this.#settings.dayOptions);
    return { adherence, state, k, ...(reason === undefined ? {} : { reason }) };
  }

  /**
   * Start of the out-of-adherence run containing t (walking back over change points), never
   * before {@link knownFromMs}: nothing is known before it.
   */
  runStart(t: number): number {
    let at = t;
    for (;;) {
      // the latest change point <= at: a boundary or an entry time
      const i = this.events.indexAt(at);
      const entryTime = i >= 0 ? this.events.timeAt(i) : Number.NEGATIVE_INFINITY;
      const j = lastAtOrBefore(this.boundaries, at);
      const boundary = j >= 0 ? this.boundaries[j]! : Number.NEGATIVE_INFINITY;
      const point = Math.max(entryTime, boundary);
      if (!Number.isFinite(point)) return at;
      if (point <= this.knownFromMs) return Math.min(this.knownFromMs, t);
      if (this.classOf(point - 1).adherence !== "out") return point;
      if (i < 0 && boundary === Number.NEGATIVE_INFINITY) return point;
      at = point - 1;
    }
  }

  /**
   * Evaluates the agent at instant t (>= its last evaluation, or after an insert into the past:
   * `rewound`), adding the alerts it raises to `alerts`.
   */
  evaluate(t: number, alerts: MonitorAlert[], rewound: boolean): void {
    const { alarmMs } = this.#settings;
    const c = this.classOf(t);
    if (c.adherence === "out") {
      const since =
        !rewound && this.outSince !== null && this.lastEval <= t ? this.outSince : this.runStart(t);
      if (this.alerted && since < this.alertedSince) {
        this.alertedSince = since; // the same run, known to have begun earlier
      } else if (this.alerted && since > this.alertedSince) {
        // a late event ended the alerted run (before `since`) and a new one began
        this.#endRun(t, c, since, alerts);
      }
      this.outSince = since;
      if (!this.alerted) {
        if (t - since >= alarmMs) {
          alerts.push({
            type: "outOfAdherence",
            agentId: this.id,
            atMs: t,
            sinceMs: since,
            activity: this.segments[c.k]!.activity,
            state: c.state,
            seconds: (t - since) / 1000,
          });
          this.alerted = true;
          this.alertedSince = since;
        } else if (this.alarmAt !== since + alarmMs) {
          this.alarmAt = since + alarmMs;
          this.#settings.scheduleAlarm(this, this.alarmAt);
        }
      }
    } else {
      if (this.alerted) this.#endRun(t, c, t, alerts);
      this.outSince = null;
    }
    this.lastEval = Math.max(this.lastEval, t);
  }

  /**
   * The alerted run is over (it lasted until `until`, at the latest): the agent is back, or,
   * when nothing is scheduled at t any more, the schedule ended while the agent was still out.
   */
  #endRun(t: number, c: AgentClass, until: number, alerts: MonitorAlert[]): void {
    const run = {
      agentId: this.id,
      atMs: t,
      sinceMs: this.alertedSince,
      state: c.state,
      seconds: (until - this.alertedSince) / 1000,
    };
    alerts.push(
      c.k < 0
        ? { type: "outOfAdherenceEnded", ...run, activity: null, reason: "scheduleEnded" }
        : { type: "backInAdherence", ...run, activity: this.segments[c.k]!.activity },
    );
    this.alerted = false;
  }
}
