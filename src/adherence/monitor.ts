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
import { MinHeap } from "../math/heap.ts";
import { createZone } from "../time/zone.ts";
import {
  clockJumpWarning,
  futureEventWarning,
  lateEventWarning,
  unknownAgentWarning,
  unknownStateWarning,
  type MonitorAlert,
} from "./alerts.ts";
import { computeAgentDay, dayOptionsOf, type AgentDayResult } from "./day.ts";
import { StatePairs } from "./event-store.ts";
import type { StateEvent } from "./events.ts";
import { HeldEvents, MAX_HELD_EVENTS } from "./held-events.ts";
import { MonitoredAgent, type AgentSettings } from "./monitored-agent.ts";
import type { AdherenceMonitor, MonitorOptions } from "./monitor-types.ts";
import { defaultAdherenceRules } from "./rules.ts";
import { agentDays, placeSegments, type ScheduleSegment } from "./schedule.ts";

/** Heap entries: agent index x 2 + kind. */
const BOUNDARY = 0;
const ALARM = 1;

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
  const agents: MonitoredAgent[] = [];
  const byId = new Map<string, MonitoredAgent>();
  /** Schedule boundaries and alarm checks due: (time, agent index x 2 + kind). */
  const heap = new MinHeap();
  /** (close time, agent index) of open agent-days. */
  const closing = new MinHeap();
  const closed: AgentDayResult[] = [];
  const warnedAgents = new Set<string>();
  const warnedStates = new Set<string>();
  /** Agents the schedule names (fewer than two: nobody can confirm a clock jump). */
  let scheduledAgents = 0;
  /** Events from the future awaiting confirmation (event clock). */
  const held = new HeldEvents();
  const pairs = new StatePairs();
  const settings: AgentSettings = {
    dayOptions,
    alarmMs,
    scheduleAlarm: (agent, atMs) => {
      heap.push(atMs, agent.index * 2 + ALARM);
    },
  };

  const loadSchedule = (segments: readonly ScheduleSegment[]): void => {
    const placed = placeSegments(segments, rules);
    scheduledAgents = placed.size;
    for (const a of agents) a.setSchedule([], []);
    for (const [id, segs] of placed) {
      let agent = byId.get(id);
      if (agent === undefined) {
        agent = new MonitoredAgent(id, agents.length, pairs, settings, now);
        agents.push(agent);
        byId.set(id, agent);
      }
      // agent-days already closed stay closed
      const open = agentDays(id, segs, zone).filter((d) => d.windowEndMs + latenessMs > now);
      agent.setSchedule(segs, open);
    }
    heap.clear();
    closing.clear();
    for (const a of agents) {
      const next = a.nextBoundary(now);
      if (Number.isFinite(next)) heap.push(next, a.index * 2 + BOUNDARY);
      if (a.outSince !== null && !a.alerted) {
        a.alarmAt = a.outSince + alarmMs;
        heap.push(a.alarmAt, a.index * 2 + ALARM);
      }
      for (const d of a.days) closing.push(d.windowEndMs + latenessMs, a.index);
    }
  };

  /** Closes agent-days whose window ended more than the lateness ago; prunes their events. */
  const closeDays = (): void => {
    while (closing.size > 0 && closing.topKey() <= now) {
      const agent = agents[closing.topValue()]!;
      closing.pop();
      const due = agent.days.filter((d) => d.windowEndMs + latenessMs <= now);
      if (due.length === 0) continue;
      const timeline = agent.events.timeline();
      for (const d of due) closed.push(computeAgentDay(d, timeline, dayOptions));
      agent.days = agent.days.filter((d) => d.windowEndMs + latenessMs > now);
      // keep the events of open days, the current state, and those the lateness may still need
      agent.events.prune(
        Math.min(agent.days[0]?.windowStartMs ?? Number.POSITIVE_INFINITY, now - latenessMs),
      );
    }
  };

  const advanceTo = (t: number, inclusive: boolean, alerts: MonitorAlert[]): void => {
    while (heap.size > 0 && (inclusive ? heap.topKey() <= t : heap.topKey() < t)) {
      const time = heap.topKey();
      const code = heap.topValue();
      heap.pop();
      const agent = agents[code >> 1]!;
      if ((code & 1) === BOUNDARY) {
        const next = agent.nextBoundary(time);
        if (Number.isFinite(next)) heap.push(next, code);
      } else if (agent.alarmAt === time) agent.alarmAt = Number.NaN;
      if (time < agent.lastEval) continue; // already evaluated later
      agent.evaluate(time, alerts, false);
    }
    if (t > now) now = t;
    closeDays();
  };

  loadSchedule(options.schedule);
  // With an injected clock, the agents scheduled at the start are evaluated at the start (a
  // one-off check, by the first advance or event); the boundaries before it are not replayed.
  if (Number.isFinite(now)) {
    for (const a of agents) {
      if (a.segmentAt(now) < 0) continue;
      a.alarmAt = now;
      heap.push(now, a.index * 2 + ALARM);
    }
  }

  const clockNow = (): number => (options.clock === undefined ? now : options.clock());

  /**
   * An event too late for alerts: the monitor first catches up with the clock on what it knew
   * (so that the event drives no alert on the way), then files the event into the history of
   * an open agent-day, if there is one.
   */
  const fileLate = (
    agent: MonitoredAgent,
    e: StateEvent,
    target: number,
    alerts: MonitorAlert[],
  ): void => {
    advanceTo(target, true, alerts);
    const firstOpen = agent.days[0];
    // (an older event still sets the state carried into the next open agent-day)
    if (firstOpen === undefined) alerts.push(lateEventWarning(e, now, false));
    else if (agent.events.insert(e))
      alerts.push(lateEventWarning(e, now, e.timeMs >= firstOpen.windowStartMs));
  };

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
        alerts.push(unknownAgentWarning(e, Math.max(now, e.timeMs)));
      }
      advanceTo(target, true, alerts); // its time still moves the clock
      return;
    }
    if (!rules.isKnownState(e.state) && !warnedStates.has(e.state)) {
      warnedStates.add(e.state);
      alerts.push(unknownStateWarning(e, Math.max(now, e.timeMs)));
    }
    if (e.timeMs < Math.max(now, clockNow()) - latenessMs) {
      fileLate(agent, e, target, alerts);
      return;
    }
    if (e.timeMs > now) advanceTo(e.timeMs, false, alerts);
    if (!agent.events.insert(e)) {
      advanceTo(target, true, alerts);
      return;
    }
    // an event stamped before the agent was watched says what it was doing since then
    if (e.timeMs < agent.knownFromMs) agent.knownFromMs = e.timeMs;
    if (agent.days.length === 0) agent.events.prune(now - latenessMs);
    // An event behind the agent's last evaluation rewrites its recent past: re-derive the
    // status at the current time (alerts already raised stay raised).
    const rewound = e.timeMs < agent.lastEval;
    if (e.timeMs > now) now = e.timeMs;
    agent.evaluate(rewound ? Math.max(now, agent.lastEval) : e.timeMs, alerts, rewound);
    advanceTo(target, true, alerts);
  };

  /** A `futureEvent` warning: `e`, more than the lateness ahead of `clockMs`, is not applied. */
  const futureEvent = (e: StateEvent, clockMs: number, why: string): MonitorAlert =>
    futureEventWarning(
      e,
      clockMs,
      Number.isFinite(now) ? Math.max(now, clockMs) : clockMs,
      latenessMs,
      why,
    );

  /**
   * Applies, in time order, the held events no more than the lateness ahead of the clock (the
   * clock they move may bring more within reach).
   *
   * @returns how many were applied
   */
  const releaseHeld = (alerts: MonitorAlert[]): number => {
    let applied = 0;
    for (let e = held.takeUntil(now + latenessMs); e; e = held.takeUntil(now + latenessMs)) {
      apply(e, alerts);
      applied++;
    }
    return applied;
  };

  /** Drops every held event with a `futureEvent` warning saying `why`. */
  const dropHeld = (why: string, alerts: MonitorAlert[]): void => {
    for (const e of held.takeAll()) alerts.push(futureEvent(e, now, why));
  };

  /**
   * When the held events confirm a jump: moves the clock to the earlier confirming event,
   * applies the held events that brings within reach, and says so with a `clockJump` warning
   * (before the alerts of the events applied).
   */
  const confirmHeld = (alerts: MonitorAlert[]): void => {
    const confirming = held.confirming(latenessMs, scheduledAgents);
    if (confirming === undefined) return;
    const [first, second] = confirming;
    const fromMs = now;
    const at = alerts.length;
    advanceTo(first.timeMs, false, alerts);
    const applied = releaseHeld(alerts);
    if (second === undefined) return; // one agent: nothing was held back, nothing to report
    const by = [first.agentId, second.agentId] as const;
    alerts.splice(at, 0, clockJumpWarning(fromMs, first.timeMs, latenessMs, by, applied));
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
        if (held.full) {
          alerts.push(futureEvent(e, now, `${MAX_HELD_EVENTS} events are held already`));
        } else {
          held.hold(e);
          confirmHeld(alerts);
        }
        return alerts;
      }
      const forward = e.timeMs > now;
      apply(e, alerts);
      if (forward && held.size > 0) {
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
      for (let e = held.takeUntil(target + latenessMs); e; e = held.takeUntil(target + latenessMs))
        apply(e, alerts);
      advanceTo(target, true, alerts);
      return alerts;
    },
    setSchedule(segments) {
      const alerts: MonitorAlert[] = [];
      loadSchedule(segments);
      if (Number.isFinite(now))
        for (const a of agents) a.evaluate(Math.max(now, a.lastEval), alerts, true);
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
      const c = agent.classOf(t);
      return {
        agentId,
        state: c.state,
        ...(c.reason === undefined ? {} : { reason: c.reason }),
        activity: c.k >= 0 ? agent.segments[c.k]!.activity : null,
        adherence: c.adherence,
        outSinceMs: c.adherence === "out" ? agent.runStart(t) : null,
      };
    },
    openDays() {
      const out: AgentDayResult[] = [];
      for (const a of agents) {
        if (a.days.length === 0) continue;
        const timeline = a.events.timeline();
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
      return agents.reduce((n, a) => n + a.events.size, held.size);
    },
  };
}
