/**
 * Agent state events -> one state timeline per agent, by event time: events out of order are
 * placed at their time, duplicates (same event id; or, without one, same agent, time and state)
 * are dropped, and the result does not depend on the order in which events arrive.
 *
 * @module
 */

/** A state change of an agent, as an ACD or CCaaS platform reports it. */
export interface StateEvent {
  readonly agentId: string;
  /** Event time (when the state changed), epoch ms. */
  readonly timeMs: number;
  readonly state: string;
  readonly reason?: string;
  readonly eventId?: string;
  /** Input line, for warnings. */
  readonly line?: number;
}

/** Something worth telling the user that did not stop the computation. */
export interface AdherenceWarning {
  /** `unknownAgent`, `unknownState`, `duplicateEvent`, `conflictingDuplicate`, `lateEvent`, `eventForClosedDay`, `badEvent`. */
  readonly code: string;
  readonly message: string;
  readonly agentId?: string;
  readonly line?: number;
}

/**
 * An agent's states over time: `states[i]` (and `reasons[i]`) hold from `times[i]` until
 * `times[i + 1]`; before `times[0]` the agent is logged out. Times strictly increase and
 * consecutive entries differ.
 */
export interface Timeline {
  readonly times: Float64Array;
  readonly states: readonly string[];
  readonly reasons: readonly (string | undefined)[];
}

/** The state before any event. */
export const LOGGED_OUT = "loggedOut";

const cmp = (a: string | undefined, b: string | undefined): number => {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
};

/** What orders events. */
export interface OrderedEvent {
  readonly timeMs: number;
  readonly state: string;
  readonly reason?: string | undefined;
  readonly eventId?: string | undefined;
}

/**
 * Orders events by time and, at equal times, by event id, state and reason: a total order
 * that does not depend on arrival. At one instant the last event in this order wins.
 */
export function compareEvents(p: OrderedEvent, q: OrderedEvent): number {
  return (
    p.timeMs - q.timeMs ||
    cmp(p.eventId, q.eventId) ||
    cmp(p.state, q.state) ||
    cmp(p.reason, q.reason)
  );
}

/** Counts of dropped duplicates, for warnings. */
export interface DuplicateCounts {
  duplicates: number;
  conflicting: number;
  firstConflictLine?: number;
}

/**
 * One agent's timeline from its events (any order).
 *
 * @param counts - incremented with the duplicates dropped
 */
export function buildTimeline(events: readonly StateEvent[], counts?: DuplicateCounts): Timeline {
  const sorted = [...events].sort(compareEvents);
  const byId = new Map<string, StateEvent>();
  const times: number[] = [];
  const states: string[] = [];
  const reasons: (string | undefined)[] = [];
  let lastTime = Number.NaN;
  let lastState = "";
  for (const e of sorted) {
    if (e.eventId !== undefined) {
      const first = byId.get(e.eventId);
      if (first !== undefined) {
        if (counts !== undefined) {
          counts.duplicates++;
          if (first.timeMs !== e.timeMs || first.state !== e.state || first.reason !== e.reason) {
            counts.conflicting++;
            if (e.line !== undefined && (counts.firstConflictLine ?? Infinity) > e.line)
              counts.firstConflictLine = e.line;
          }
        }
        continue;
      }
      byId.set(e.eventId, e);
    }
    if (e.timeMs === lastTime) {
      if (e.state === lastState && e.eventId === undefined) {
        if (counts !== undefined) counts.duplicates++;
        continue;
      }
      // the later one in the total order wins the instant
      states[states.length - 1] = e.state;
      reasons[reasons.length - 1] = e.reason;
      lastState = e.state;
      continue;
    }
    times.push(e.timeMs);
    states.push(e.state);
    reasons.push(e.reason);
    lastTime = e.timeMs;
    lastState = e.state;
  }
  return compactTimeline(times, states, reasons);
}

/** Drops entries that repeat the previous state and reason. */
export function compactTimeline(
  times: readonly number[],
  states: readonly string[],
  reasons: readonly (string | undefined)[],
): Timeline {
  const t: number[] = [];
  const s: string[] = [];
  const r: (string | undefined)[] = [];
  let prevState: string = LOGGED_OUT;
  let prevReason: string | undefined;
  for (let i = 0; i < times.length; i++) {
    if (states[i] === prevState && reasons[i] === prevReason) continue;
    t.push(times[i]!);
    s.push(states[i]!);
    r.push(reasons[i]);
    prevState = states[i]!;
    prevReason = reasons[i];
  }
  return { times: Float64Array.from(t), states: s, reasons: r };
}

/** Index of the entry in effect at `t` (the last with time <= t), or -1 before the first. */
export function entryAt(timeline: Timeline, t: number): number {
  return lastAtOrBefore(timeline.times, t);
}

/** Index of the last of the sorted `times` that is <= t, or -1 (binary search). */
export function lastAtOrBefore(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
