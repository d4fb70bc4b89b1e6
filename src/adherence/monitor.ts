/**
 * Real-time adherence: a monitor fed state events one at a time. It keeps each agent's current
 * state and adherence, re-evaluates at every schedule boundary even when no event arrives (an
 * agent still `available` when a break starts is out of adherence from the break's start), and
 * raises an alert when an agent has been out of adherence for the alarm delay, and another when
 * the agent is back (Genesys Cloud's severe threshold, Calabrio's rule threshold: research
 * adherence-and-products.md A2, A4, A7). When the schedule ends (or leaves a gap) while the agent
 * is still out, the alerted run ends with `outOfAdherenceEnded` (`reason: "scheduleEnded"`), not
 * `backInAdherence`: the agent did not come back, the schedule stopped asking.
 *
 * Time is event time. The monitor's clock is the latest event time accepted, or an injected
 * clock (the wall clock in production, a fake one in tests). An event up to the allowed lateness
 * behind the clock is placed at its time and the agent re-evaluated; a later one (behind
 * `clock()` with an injected clock, behind the latest accepted event with the event clock) is
 * applied to the historical result (and reported), not replayed into alerts: the monitor first
 * catches up with the clock on what it knew, then files the event, and does not evaluate the
 * agent on it (the state it sets is still the agent's latest known state for later evaluations).
 *
 * The start. With an injected clock the monitor's time starts at `clock()` when it is created:
 * what ended before is history, not news (`staffcast adherence` is the tool for the past).
 * Schedule boundaries before the start raise no alerts; agent-days whose window closed more than
 * the lateness before the start are not monitored and get no closed-day result (an agent-day
 * still open at the start gets one, from the events received: before its first event an agent
 * counts as logged out, as in {@link computeAdherence}). The agents scheduled at the start are
 * evaluated at the start (by the first {@link AdherenceMonitor.advance} or event). Nothing is
 * known of an agent before the monitor started watching it (the start, or the schedule change
 * that added it) unless an event says so: an out-of-adherence run begins no earlier than that,
 * or than the agent's earliest event applied (within the lateness) if that is earlier (an agent
 * who should be on the phones and is not is out since the start, not since the shift began
 * hours ago). An older event, too late for alerts, still sets the agent's state (a feed that
 * begins with each agent's current state spares those logged in but quiet an alarm). With the
 * event clock the time starts at the first event accepted, and the boundaries before it are
 * replayed (replays of a day's feed).
 *
 * Memory: per agent its schedule, the state timeline of its agent-days still open (those whose
 * window ended less than the allowed lateness ago), and a few numbers; agent-days that close are
 * computed exactly as {@link computeAdherence} would, handed out by
 * {@link AdherenceMonitor.takeClosedDays} and dropped. Nothing grows with the length of the
 * stream.
 *
 * Events from the future. One device with a wrong clock must not move the monitor's clock (it
 * would close every agent-day at once, raise false alarms, and turn every later, correct event
 * into an `eventForClosedDay`). An event more than the allowed lateness ahead of the clock is
 * therefore not applied at once:
 * - With an injected clock, it is dropped with a `futureEvent` warning: never held, never
 *   applied, the clock unchanged.
 * - With the event clock, the first event accepted sets the clock; afterwards an event more
 *   than the lateness ahead of it is held (not applied, no alert, the clock unchanged), because
 *   it may also be the first event after a legitimate quiet period (a night, a small centre's
 *   quiet 20 minutes). Held events are resolved by what comes next:
 *   - confirmed: as soon as the held events include events of two different agents within the
 *     lateness of each other (when the schedule names fewer than two agents, one held event is
 *     enough), the clock moves to the earlier event of that pair, the held events no more than
 *     the lateness ahead of it are applied in time order as if they had just arrived (again
 *     while the clock they move brings more into reach), and a `clockJump` warning says so;
 *   - rejected: when an accepted event moves the clock forward the ordinary way (by at most the
 *     lateness), the held events it brings within the lateness are applied likewise and the
 *     others are dropped with a `futureEvent` warning each. Events at or behind the clock (late
 *     stragglers) resolve nothing;
 *   - at most {@link MAX_HELD_EVENTS} events are held: a further one is dropped at once
 *     (`futureEvent`); {@link AdherenceMonitor.close} (the end of the feed) drops those still
 *     held (`futureEvent`), and {@link AdherenceMonitor.advance} applies those it brings within
 *     the lateness.
 *   Events of agents without a schedule take the same path (they only ever move the clock).
 *   With a schedule of fewer than two agents nobody can confirm a jump, so every jump is taken
 *   at once, as before (no warning): such a monitor has no protection from a wrong device clock.
 *
 * @module
 */
import { createZone } from "../time/zone.ts";
import { classifyAt, computeAgentDay, dayOptionsOf, type AgentDayResult } from "./day.ts";
import {
  compactTimeline,
  compareEvents,
  lastAtOrBefore,
  LOGGED_OUT,
  type AdherenceWarning,
  type StateEvent,
  type Timeline,
} from "./events.ts";
import { defaultAdherenceRules, type Adherence, type AdherenceRules } from "./rules.ts";
import {
  agentDays,
  placeSegments,
  type AgentDay,
  type PlacedSegment,
  type ScheduleSegment,
} from "./schedule.ts";

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
   * module's documentation.
   */
  readonly allowedLatenessSeconds?: number;
  /**
   * The current time, epoch ms; default: the event clock, the latest event time accepted
   * (events from the future held until confirmed, see {@link allowedLatenessSeconds}). The
   * monitor's time starts at `clock()` when it is created: boundaries before it raise no alerts,
   * agent-days closed before it are not monitored (see the module's documentation).
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

/**
 * An alert of the monitor: `outOfAdherence` (out for the alarm delay), `backInAdherence` (in
 * adherence again while still scheduled), `outOfAdherenceEnded` (the schedule ended while the
 * agent was still out: `reason` says so), or a `warning`.
 */
export interface MonitorAlert {
  readonly type: "outOfAdherence" | "backInAdherence" | "outOfAdherenceEnded" | "warning";
  readonly agentId?: string;
  /** When the alert was raised (monitor time). */
  readonly atMs: number;
  /** Start of the out-of-adherence period. */
  readonly sinceMs?: number;
  /** Scheduled activity at `atMs` (null: unscheduled, as when the schedule has ended). */
  readonly activity?: string | null;
  /** Actual state at `atMs`. */
  readonly state?: string;
  /**
   * Seconds out of adherence so far (outOfAdherence) or in all (backInAdherence,
   * outOfAdherenceEnded).
   */
  readonly seconds?: number;
  /** Why an out-of-adherence run ended without the agent coming back (outOfAdherenceEnded). */
  readonly reason?: "scheduleEnded";
  /**
   * Warnings: what happened (`unknownAgent`, `unknownState`, `lateEvent`, `eventForClosedDay`,
   * `futureEvent`: an event too far ahead of the clock not applied, `clockJump`: the clock moved
   * ahead on held events that others confirmed).
   */
  readonly code?: string;
  readonly message?: string;
  readonly line?: number;
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

interface Agent {
  readonly id: string;
  readonly index: number;
  segments: PlacedSegment[];
  days: AgentDay[];
  /** Sorted instants at which the schedule's classification may change. */
  boundaries: number[];
  /**
   * Events held, in event order (parallel arrays: a few bytes per event, no object each):
   * time, interned (state, reason) code, event id.
   */
  times: number[];
  codes: number[];
  eventIds: (string | undefined)[];
  ids: Set<string>;
  outSince: number | null;
  /**
   * Nothing is known of the agent before this instant: when the monitor started watching it
   * (its start, or the schedule change that added it), or its earliest event applied (within
   * the lateness) if earlier. Events too late for alerts do not move it.
   */
  knownFromMs: number;
  alerted: boolean;
  alertedSince: number;
  /** Latest instant the status was evaluated at. */
  lastEval: number;
  /** Pending alarm check, or NaN. */
  alarmAt: number;
}

/** At most this many events from the future are held awaiting confirmation (event clock). */
export const MAX_HELD_EVENTS = 1000;

/** An instant for messages: ISO 8601 in UTC (or the number, beyond the dates JavaScript holds). */
function isoOf(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ms} ms after the epoch` : d.toISOString();
}

/** Heap entries: agent index x 2 + kind. */
const BOUNDARY = 0;
const ALARM = 1;

/** Min-heap of (time, agent index). */
class Heap {
  private times: number[] = [];
  private agents: number[] = [];
  get size(): number {
    return this.times.length;
  }
  topTime(): number {
    return this.times[0] ?? Number.POSITIVE_INFINITY;
  }
  push(time: number, agent: number): void {
    const t = this.times;
    const a = this.agents;
    let i = t.length;
    t.push(time);
    a.push(agent);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (t[p]! < time || (t[p] === time && a[p]! <= agent)) break;
      t[i] = t[p]!;
      a[i] = a[p]!;
      i = p;
    }
    t[i] = time;
    a[i] = agent;
  }
  pop(): [number, number] {
    const t = this.times;
    const a = this.agents;
    const top: [number, number] = [t[0]!, a[0]!];
    const lastT = t.pop()!;
    const lastA = a.pop()!;
    if (t.length > 0) {
      let i = 0;
      const n = t.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (t[r]! < t[l]! || (t[r] === t[l] && a[r]! < a[l]!)) ? r : l;
        if (t[c]! > lastT || (t[c] === lastT && a[c]! >= lastA)) break;
        t[i] = t[c]!;
        a[i] = a[c]!;
        i = c;
      }
      t[i] = lastT;
      a[i] = lastA;
    }
    return top;
  }
  clear(): void {
    this.times = [];
    this.agents = [];
  }
}

/**
 * Creates a monitor.
 *
 * @throws DataError for a bad schedule, as {@link computeAdherence}
 * @example
 * const monitor = createAdherenceMonitor({ schedule, alarmAfterSeconds: 300 });
 * for (const event of feed) for (const alert of monitor.ingest(event)) notify(alert);
 */
export function createAdherenceMonitor(options: MonitorOptions): AdherenceMonitor {
  const rules = options.rules ?? defaultAdherenceRules();
  const zone = createZone(options.timeZone ?? "UTC");
  const alarmMs = (options.alarmAfterSeconds ?? 300) * 1000;
  const latenessMs = (options.allowedLatenessSeconds ?? 900) * 1000;
  const dayOptions = { ...dayOptionsOf(rules, options), approved: [] };
  // with an injected clock the monitor starts at its time: what ended before is history
  let now = options.clock === undefined ? Number.NEGATIVE_INFINITY : options.clock();
  const agents: Agent[] = [];
  const byId = new Map<string, Agent>();
  const heap = new Heap();
  /** (close time, agent) of open agent-days, as a heap too. */
  const closing = new Heap();
  const closed: AgentDayResult[] = [];
  const warnedAgents = new Set<string>();
  const warnedStates = new Set<string>();
  /** Agents the schedule names (fewer than two: nobody can confirm a clock jump). */
  let scheduledAgents = 0;
  /** Events from the future awaiting confirmation (event clock), in time order. */
  const held: StateEvent[] = [];

  const boundariesOf = (segments: readonly PlacedSegment[]): number[] => {
    const set = new Set<number>();
    for (const s of segments) {
      set.add(s.startMs);
      set.add(s.endMs);
      if (dayOptions.startToleranceMs > 0)
        set.add(Math.min(s.endMs, s.startMs + dayOptions.startToleranceMs));
      if (dayOptions.endToleranceMs > 0)
        set.add(Math.max(s.startMs, s.endMs - dayOptions.endToleranceMs));
    }
    return [...set].sort((p, q) => p - q);
  };

  /** The first boundary after `t`, or Infinity. */
  const nextBoundary = (agent: Agent, t: number): number =>
    agent.boundaries[lastAtOrBefore(agent.boundaries, t) + 1] ?? Number.POSITIVE_INFINITY;

  const loadSchedule = (segments: readonly ScheduleSegment[]): void => {
    const placed = placeSegments(segments, rules);
    scheduledAgents = placed.size;
    for (const a of agents) {
      a.segments = [];
      a.days = [];
      a.boundaries = [];
    }
    for (const [id, segs] of placed) {
      let agent = byId.get(id);
      if (agent === undefined) {
        agent = {
          id,
          index: agents.length,
          segments: [],
          days: [],
          boundaries: [],
          times: [],
          codes: [],
          eventIds: [],
          ids: new Set(),
          outSince: null,
          knownFromMs: now,
          alerted: false,
          alertedSince: 0,
          lastEval: Number.NEGATIVE_INFINITY,
          alarmAt: Number.NaN,
        };
        agents.push(agent);
        byId.set(id, agent);
      }
      agent.segments = segs;
      agent.boundaries = boundariesOf(segs);
      // agent-days already closed stay closed
      agent.days = agentDays(id, segs, zone).filter((d) => d.windowEndMs + latenessMs > now);
    }
    heap.clear();
    closing.clear();
    for (const a of agents) {
      const next = nextBoundary(a, now);
      if (Number.isFinite(next)) heap.push(next, a.index * 2 + BOUNDARY);
      if (a.outSince !== null && !a.alerted) {
        a.alarmAt = a.outSince + alarmMs;
        heap.push(a.alarmAt, a.index * 2 + ALARM);
      }
      for (const d of a.days) closing.push(d.windowEndMs + latenessMs, a.index);
    }
  };

  /** (state, reason) pairs by code. */
  const pairs: { state: string; reason: string | undefined }[] = [];
  const pairCodes = new Map<string, number>();
  const intern = (state: string, reason: string | undefined): number => {
    const key = reason === undefined ? state : `${state}\u0000${reason}`;
    let code = pairCodes.get(key);
    if (code === undefined) {
      code = pairs.length;
      pairs.push({ state, reason });
      pairCodes.set(key, code);
    }
    return code;
  };

  const entryIndexAt = (agent: Agent, t: number): number => lastAtOrBefore(agent.times, t);

  const segmentAt = (agent: Agent, t: number): number => {
    const s = agent.segments;
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
  };

  /** Classification at instant t from what is known. */
  const classOf = (
    agent: Agent,
    t: number,
  ): { adherence: Adherence | "unscheduled"; state: string; reason?: string; k: number } => {
    const i = entryIndexAt(agent, t);
    const pair = i >= 0 ? pairs[agent.codes[i]!]! : undefined;
    const state = pair?.state ?? LOGGED_OUT;
    const reason = pair?.reason;
    const k = segmentAt(agent, t);
    const adherence =
      k < 0 ? "unscheduled" : classifyAt(agent.segments, k, t, state, reason, dayOptions);
    return { adherence, state, k, ...(reason === undefined ? {} : { reason }) };
  };

  /**
   * Start of the out-of-adherence run containing t (walking back over change points), never
   * before the agent's {@link Agent.knownFromMs}: nothing is known before it.
   */
  const runStart = (agent: Agent, t: number): number => {
    let at = t;
    for (;;) {
      // the latest change point <= at: a boundary or an entry time
      const i = entryIndexAt(agent, at);
      const entryTime = i >= 0 ? agent.times[i]! : Number.NEGATIVE_INFINITY;
      const j = lastAtOrBefore(agent.boundaries, at);
      const boundary = j >= 0 ? agent.boundaries[j]! : Number.NEGATIVE_INFINITY;
      const point = Math.max(entryTime, boundary);
      if (!Number.isFinite(point)) return at;
      if (point <= agent.knownFromMs) return Math.min(agent.knownFromMs, t);
      if (classOf(agent, point - 1).adherence !== "out") return point;
      if (i < 0 && boundary === Number.NEGATIVE_INFINITY) return point;
      at = point - 1;
    }
  };

  /** Evaluates an agent at instant t (>= its last evaluation, or after an insert into the past). */
  const evaluate = (agent: Agent, t: number, alerts: MonitorAlert[], rewound: boolean): void => {
    const c = classOf(agent, t);
    const activity = c.k >= 0 ? agent.segments[c.k]!.activity : null;
    /**
     * The alerted run is over (it lasted until `until`, at the latest): the agent is back, or,
     * when nothing is scheduled at t any more, the schedule ended while the agent was still out.
     */
    const backIn = (until: number): void => {
      const ended = c.adherence === "unscheduled";
      alerts.push({
        type: ended ? "outOfAdherenceEnded" : "backInAdherence",
        agentId: agent.id,
        atMs: t,
        sinceMs: agent.alertedSince,
        activity,
        state: c.state,
        seconds: (until - agent.alertedSince) / 1000,
        ...(ended ? { reason: "scheduleEnded" as const } : {}),
      });
      agent.alerted = false;
    };
    if (c.adherence === "out") {
      const since =
        !rewound && agent.outSince !== null && agent.lastEval <= t
          ? agent.outSince
          : runStart(agent, t);
      if (agent.alerted && since < agent.alertedSince) {
        agent.alertedSince = since; // the same run, known to have begun earlier
      } else if (agent.alerted && since > agent.alertedSince) {
        // a late event ended the alerted run (before `since`) and a new one began
        backIn(since);
      }
      agent.outSince = since;
      if (!agent.alerted) {
        if (t - since >= alarmMs) {
          alerts.push({
            type: "outOfAdherence",
            agentId: agent.id,
            atMs: t,
            sinceMs: since,
            activity,
            state: c.state,
            seconds: (t - since) / 1000,
          });
          agent.alerted = true;
          agent.alertedSince = since;
        } else if (agent.alarmAt !== since + alarmMs) {
          agent.alarmAt = since + alarmMs;
          heap.push(agent.alarmAt, agent.index * 2 + ALARM);
        }
      }
    } else {
      if (agent.alerted) backIn(t);
      agent.outSince = null;
    }
    agent.lastEval = Math.max(agent.lastEval, t);
  };

  const timelineOf = (agent: Agent): Timeline => {
    const times: number[] = [];
    const states: string[] = [];
    const reasons: (string | undefined)[] = [];
    agent.times.forEach((t, i) => {
      const { state, reason } = pairs[agent.codes[i]!]!;
      if (times.length > 0 && times[times.length - 1] === t) {
        states[states.length - 1] = state;
        reasons[reasons.length - 1] = reason;
      } else {
        times.push(t);
        states.push(state);
        reasons.push(reason);
      }
    });
    return compactTimeline(times, states, reasons);
  };

  /** Closes agent-days whose window ended more than the lateness ago; prunes their events. */
  const closeDays = (): void => {
    while (closing.size > 0 && closing.topTime() <= now) {
      const [, index] = closing.pop();
      const agent = agents[index]!;
      const due = agent.days.filter((d) => d.windowEndMs + latenessMs <= now);
      if (due.length === 0) continue;
      const timeline = timelineOf(agent);
      for (const d of due) closed.push(computeAgentDay(d, timeline, dayOptions));
      agent.days = agent.days.filter((d) => d.windowEndMs + latenessMs > now);
      // keep the events of open days, the current state, and those the lateness may still need
      prune(
        agent,
        Math.min(agent.days[0]?.windowStartMs ?? Number.POSITIVE_INFINITY, now - latenessMs),
      );
    }
  };

  /** Drops an agent's events before the one in effect at `keepFrom`. */
  const prune = (agent: Agent, keepFrom: number): void => {
    const first = entryIndexAt(agent, keepFrom);
    if (first > 0) {
      for (const id of agent.eventIds.slice(0, first)) if (id !== undefined) agent.ids.delete(id);
      agent.times = agent.times.slice(first);
      agent.codes = agent.codes.slice(first);
      agent.eventIds = agent.eventIds.slice(first);
    }
  };

  const advanceTo = (t: number, inclusive: boolean, alerts: MonitorAlert[]): void => {
    while (heap.size > 0 && (inclusive ? heap.topTime() <= t : heap.topTime() < t)) {
      const [time, code] = heap.pop();
      const agent = agents[code >> 1]!;
      if ((code & 1) === BOUNDARY) {
        const next = nextBoundary(agent, time);
        if (Number.isFinite(next)) heap.push(next, code);
      } else if (agent.alarmAt === time) agent.alarmAt = Number.NaN;
      if (time < agent.lastEval) continue; // already evaluated later
      evaluate(agent, time, alerts, false);
    }
    if (t > now) now = t;
    closeDays();
  };

  const insert = (agent: Agent, e: StateEvent): boolean => {
    if (e.eventId !== undefined) {
      if (agent.ids.has(e.eventId)) return false;
      agent.ids.add(e.eventId);
    }
    const held = (k: number) => ({
      timeMs: agent.times[k]!,
      state: pairs[agent.codes[k]!]!.state,
      reason: pairs[agent.codes[k]!]!.reason,
      eventId: agent.eventIds[k],
    });
    let i = agent.times.length;
    while (i > 0 && agent.times[i - 1]! >= e.timeMs && compareEvents(held(i - 1), e) > 0) i--;
    if (
      e.eventId === undefined &&
      i > 0 &&
      agent.times[i - 1] === e.timeMs &&
      pairs[agent.codes[i - 1]!]!.state === e.state
    )
      return false;
    const code = intern(e.state, e.reason);
    if (i === agent.times.length) {
      agent.times.push(e.timeMs);
      agent.codes.push(code);
      agent.eventIds.push(e.eventId);
    } else {
      agent.times.splice(i, 0, e.timeMs);
      agent.codes.splice(i, 0, code);
      agent.eventIds.splice(i, 0, e.eventId);
    }
    return true;
  };

  loadSchedule(options.schedule);
  // With an injected clock, the agents scheduled at the start are evaluated at the start (a
  // one-off check, by the first advance or event); the boundaries before it are not replayed.
  if (Number.isFinite(now)) {
    for (const a of agents) {
      if (segmentAt(a, now) < 0) continue;
      a.alarmAt = now;
      heap.push(now, a.index * 2 + ALARM);
    }
  }

  const clockNow = (): number => (options.clock === undefined ? now : options.clock());

  /**
   * Processes an event that is not from the future (or whose jump was confirmed): places it,
   * moves the clock to it when it is ahead, and re-evaluates.
   */
  const apply = (e: StateEvent, alerts: MonitorAlert[]): void => {
    const target = Math.max(
      clockNow(),
      options.clock === undefined ? e.timeMs : Number.NEGATIVE_INFINITY,
      now,
    );
    const agent = byId.get(e.agentId);
    if (agent === undefined) {
      if (!warnedAgents.has(e.agentId)) {
        warnedAgents.add(e.agentId);
        alerts.push({
          type: "warning",
          code: "unknownAgent",
          agentId: e.agentId,
          atMs: Math.max(now, e.timeMs),
          message: `events for agent "${e.agentId}", who has no schedule, are ignored`,
          ...(e.line === undefined ? {} : { line: e.line }),
        });
      }
      advanceTo(target, true, alerts); // its time still moves the clock
      return;
    }
    if (!rules.isKnownState(e.state) && !warnedStates.has(e.state)) {
      warnedStates.add(e.state);
      alerts.push({
        type: "warning",
        code: "unknownState",
        agentId: e.agentId,
        atMs: Math.max(now, e.timeMs),
        message: `unknown state "${e.state}": counted as out of adherence`,
        ...(e.line === undefined ? {} : { line: e.line }),
      });
    }
    if (e.timeMs < Math.max(now, clockNow()) - latenessMs) {
      // Too late for alerts: the monitor first catches up with the clock on what it knew (so
      // that the event drives no alert on the way), then files the event into the history of
      // an open agent-day, if there is one.
      advanceTo(target, true, alerts);
      const firstOpen = agent.days[0];
      const applied = firstOpen !== undefined && e.timeMs >= firstOpen.windowStartMs;
      // (an older event still sets the state carried into the next open agent-day)
      if (firstOpen !== undefined && insert(agent, e)) {
        alerts.push({
          type: "warning",
          code: applied ? "lateEvent" : "eventForClosedDay",
          agentId: e.agentId,
          atMs: now,
          message: applied
            ? `event ${(now - e.timeMs) / 1000} s behind the clock: applied to the agent-day's result, not to alerts`
            : "event for an agent-day already closed: not applied to it",
          ...(e.line === undefined ? {} : { line: e.line }),
        });
      } else if (firstOpen === undefined) {
        alerts.push({
          type: "warning",
          code: "eventForClosedDay",
          agentId: e.agentId,
          atMs: now,
          message: "event for an agent-day already closed: not applied to it",
          ...(e.line === undefined ? {} : { line: e.line }),
        });
      }
      return;
    }
    if (e.timeMs > now) advanceTo(e.timeMs, false, alerts);
    if (!insert(agent, e)) {
      advanceTo(target, true, alerts);
      return;
    }
    // an event stamped before the agent was watched says what it was doing since then
    if (e.timeMs < agent.knownFromMs) agent.knownFromMs = e.timeMs;
    if (agent.days.length === 0) prune(agent, now - latenessMs);
    // An event behind the agent's last evaluation rewrites its recent past: re-derive the
    // status at the current time (alerts already raised stay raised).
    const rewound = e.timeMs < agent.lastEval;
    if (e.timeMs > now) now = e.timeMs;
    evaluate(agent, rewound ? Math.max(now, agent.lastEval) : e.timeMs, alerts, rewound);
    advanceTo(target, true, alerts);
  };

  /** A `futureEvent` warning: `e`, more than the lateness ahead of `clockMs`, is not applied. */
  const futureEvent = (e: StateEvent, clockMs: number, why: string): MonitorAlert => ({
    type: "warning",
    code: "futureEvent",
    agentId: e.agentId,
    atMs: Number.isFinite(now) ? Math.max(now, clockMs) : clockMs,
    message:
      `event at ${isoOf(e.timeMs)} is ${(e.timeMs - clockMs) / 1000} s ahead of the clock ` +
      `(more than the lateness of ${latenessMs / 1000} s): not applied` +
      (why === "" ? "" : ` (${why})`),
    ...(e.line === undefined ? {} : { line: e.line }),
  });

  /** Holds an event from the future (event clock), keeping the held ones in time order. */
  const hold = (e: StateEvent): void => {
    let i = held.length;
    while (i > 0 && held[i - 1]!.timeMs > e.timeMs) i--;
    held.splice(i, 0, e);
  };

  /**
   * Applies, in time order, the held events no more than the lateness ahead of the clock (the
   * clock they move may bring more within reach).
   *
   * @returns how many were applied
   */
  const releaseHeld = (alerts: MonitorAlert[]): number => {
    let applied = 0;
    while (held.length > 0 && held[0]!.timeMs <= now + latenessMs) {
      apply(held.shift()!, alerts);
      applied++;
    }
    return applied;
  };

  /** Drops every held event with a `futureEvent` warning saying `why`. */
  const dropHeld = (why: string, alerts: MonitorAlert[]): void => {
    for (const e of held) alerts.push(futureEvent(e, now, why));
    held.length = 0;
  };

  /**
   * The earliest pair of held events of two different agents within the lateness of each other
   * (the earlier first), or a single held event when the schedule names fewer than two agents;
   * undefined when the held events confirm nothing.
   */
  const confirmingEvents = (): readonly [StateEvent, StateEvent?] | undefined => {
    if (held.length === 0) return undefined;
    if (scheduledAgents < 2) return [held[0]!];
    let found: [StateEvent, StateEvent] | undefined;
    // walking back, `other` is the first event after i of an agent other than i's
    let other = -1;
    for (let i = held.length - 2; i >= 0; i--) {
      const e = held[i]!;
      if (held[i + 1]!.agentId !== e.agentId) other = i + 1;
      if (other >= 0 && held[other]!.timeMs - e.timeMs <= latenessMs) found = [e, held[other]!];
    }
    return found;
  };

  /**
   * When the held events confirm a jump: moves the clock to the earlier confirming event,
   * applies the held events that brings within reach, and says so with a `clockJump` warning
   * (before the alerts of the events applied).
   */
  const confirmHeld = (alerts: MonitorAlert[]): void => {
    const confirming = confirmingEvents();
    if (confirming === undefined) return;
    const [first, second] = confirming;
    const fromMs = now;
    const at = alerts.length;
    advanceTo(first.timeMs, false, alerts);
    const applied = releaseHeld(alerts);
    if (second === undefined) return; // one agent: nothing was held back, nothing to report
    const by = `the events of agents "${first.agentId}" and "${second.agentId}"`;
    alerts.splice(at, 0, {
      type: "warning",
      code: "clockJump",
      atMs: first.timeMs,
      message:
        `the clock moved ahead from ${isoOf(fromMs)} to ${isoOf(first.timeMs)} (more than the ` +
        `lateness of ${latenessMs / 1000} s) on ${by}: ${applied} held event` +
        `${applied === 1 ? "" : "s"} applied`,
    });
  };

  return {
    ingest(e) {
      const alerts: MonitorAlert[] = [];
      if (options.clock !== undefined) {
        // an injected clock is trusted: an event too far ahead of it is dropped at once
        const clockMs = options.clock();
        if (e.timeMs > clockMs + latenessMs) alerts.push(futureEvent(e, clockMs, ""));
        else apply(e, alerts);
        return alerts;
      }
      if (Number.isFinite(now) && e.timeMs > now + latenessMs) {
        // from the future, or the first event after a quiet period: held until resolved
        if (held.length >= MAX_HELD_EVENTS) {
          alerts.push(futureEvent(e, now, `${MAX_HELD_EVENTS} events are held already`));
        } else {
          hold(e);
          confirmHeld(alerts);
        }
        return alerts;
      }
      const forward = e.timeMs > now;
      apply(e, alerts);
      if (forward && held.length > 0) {
        // the clock moved on the ordinary way: what it does not bring within reach is rejected
        releaseHeld(alerts);
        dropHeld("the clock moved on without it", alerts);
      }
      return alerts;
    },
    advance(toMs) {
      const alerts: MonitorAlert[] = [];
      const target = Math.max(clockNow(), toMs ?? Number.NEGATIVE_INFINITY, now);
      // held events the new time brings within the lateness: applied in time order on the way
      while (held.length > 0 && held[0]!.timeMs <= target + latenessMs)
        apply(held.shift()!, alerts);
      advanceTo(target, true, alerts);
      return alerts;
    },
    setSchedule(segments) {
      const alerts: MonitorAlert[] = [];
      loadSchedule(segments);
      if (Number.isFinite(now))
        for (const a of agents) evaluate(a, Math.max(now, a.lastEval), alerts, true);
      confirmHeld(alerts); // a schedule of fewer agents may confirm a jump now
      return alerts;
    },
    close() {
      const alerts: MonitorAlert[] = [];
      dropHeld("never confirmed by another agent's event", alerts);
      return alerts;
    },
    now: () => now,
    status(agentId) {
      const agent = byId.get(agentId);
      if (agent === undefined) return undefined;
      const t = Math.max(now, agent.lastEval);
      const c = classOf(agent, t);
      return {
        agentId,
        state: c.state,
        ...(c.reason === undefined ? {} : { reason: c.reason }),
        activity: c.k >= 0 ? agent.segments[c.k]!.activity : null,
        adherence: c.adherence,
        outSinceMs: c.adherence === "out" ? runStart(agent, t) : null,
      };
    },
    openDays() {
      const out: AgentDayResult[] = [];
      for (const a of agents) {
        if (a.days.length === 0) continue;
        const timeline = timelineOf(a);
        for (const d of a.days) {
          if (d.windowStartMs >= now) continue;
          out.push(computeAgentDay(d, timeline, { ...dayOptions, untilMs: now }));
        }
      }
      return out;
    },
    takeClosedDays() {
      return closed.splice(0, closed.length);
    },
    retainedEvents() {
      return agents.reduce((n, a) => n + a.times.length, held.length);
    },
  };
}

/** Warnings of a monitor as {@link AdherenceWarning}s. */
export function warningOf(alert: MonitorAlert): AdherenceWarning {
  return {
    code: alert.code ?? "warning",
    message: alert.message ?? "",
    ...(alert.agentId === undefined ? {} : { agentId: alert.agentId }),
    ...(alert.line === undefined ? {} : { line: alert.line }),
  };
}
