/**
 * The real-time monitor's event store: per agent, the state events it still needs, in event
 * order, as parallel arrays (time, interned (state, reason) code, event id: a few bytes per
 * event, no object each), with duplicates dropped as the historical engine drops them.
 *
 * @module
 */
import {
  compactTimeline,
  compareEvents,
  lastAtOrBefore,
  type StateEvent,
  type Timeline,
} from "./events.ts";

/** A state and its reason code. */
export interface StatePair {
  readonly state: string;
  readonly reason: string | undefined;
}

/**
 * (state, reason) pairs by a small integer code, shared by every agent of a monitor: a feed of
 * millions of events repeats a few dozen pairs.
 */
export class StatePairs {
  readonly #pairs: StatePair[] = [];
  readonly #codes = new Map<string, number>();

  /** The code of a pair, given one on first sight. */
  intern(state: string, reason: string | undefined): number {
    const key = reason === undefined ? state : `${state}\u0000${reason}`;
    let code = this.#codes.get(key);
    if (code === undefined) {
      code = this.#pairs.length;
      this.#pairs.push({ state, reason });
      this.#codes.set(key, code);
    }
    return code;
  }

  /** The pair of a code. */
  pair(code: number): StatePair {
    return this.#pairs[code]!;
  }
}

/**
 * One agent's events, sorted by {@link compareEvents}. Duplicates are dropped: a repeated event
 * id, or (without one) the same time and state as the event before it.
 *
 * @example
 * const store = new AgentEvents(new StatePairs());
 * store.insert({ agentId: "ana", timeMs: 0, state: "available" }); // => true
 * store.timeline(); // { times: [0], states: ["available"], reasons: [undefined] }
 */
export class AgentEvents {
  readonly #pairs: StatePairs;
  #times: number[] = [];
  #codes: number[] = [];
  #eventIds: (string | undefined)[] = [];
  readonly #ids = new Set<string>();

  constructor(pairs: StatePairs) {
    this.#pairs = pairs;
  }

  /** Number of events held. */
  get size(): number {
    return this.#times.length;
  }

  /** Time of event `i`, epoch ms. */
  timeAt(i: number): number {
    return this.#times[i]!;
  }

  /** State and reason of event `i`. */
  pairAt(i: number): StatePair {
    return this.#pairs.pair(this.#codes[i]!);
  }

  /** Index of the event in effect at `t` (the last with time <= t), or -1 before the first. */
  indexAt(t: number): number {
    return lastAtOrBefore(this.#times, t);
  }

  /**
   * Places an event at its time.
   *
   * @returns false when it is a duplicate (and was dropped)
   */
  insert(e: StateEvent): boolean {
    if (e.eventId !== undefined) {
      if (this.#ids.has(e.eventId)) return false;
      this.#ids.add(e.eventId);
    }
    const times = this.#times;
    const held = (k: number) => ({
      timeMs: times[k]!,
      ...this.pairAt(k),
      eventId: this.#eventIds[k],
    });
    let i = times.length;
    while (i > 0 && times[i - 1]! >= e.timeMs && compareEvents(held(i - 1), e) > 0) i--;
    if (
      e.eventId === undefined &&
      i > 0 &&
      times[i - 1] === e.timeMs &&
      this.pairAt(i - 1).state === e.state
    )
      return false;
    const code = this.#pairs.intern(e.state, e.reason);
    if (i === times.length) {
      times.push(e.timeMs);
      this.#codes.push(code);
      this.#eventIds.push(e.eventId);
    } else {
      times.splice(i, 0, e.timeMs);
      this.#codes.splice(i, 0, code);
      this.#eventIds.splice(i, 0, e.eventId);
    }
    return true;
  }

  /** Drops the events before the one in effect at `keepFrom` (and forgets their ids). */
  prune(keepFrom: number): void {
    const first = this.indexAt(keepFrom);
    if (first <= 0) return;
    for (const id of this.#eventIds.slice(0, first)) if (id !== undefined) this.#ids.delete(id);
    this.#times = this.#times.slice(first);
    this.#codes = this.#codes.slice(first);
    this.#eventIds = this.#eventIds.slice(first);
  }

  /** The state timeline of the events held (at one instant, the last in event order wins). */
  timeline(): Timeline {
    const times: number[] = [];
    const states: string[] = [];
    const reasons: (string | undefined)[] = [];
    this.#times.forEach((t, i) => {
      const { state, reason } = this.pairAt(i);
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
  }
}
