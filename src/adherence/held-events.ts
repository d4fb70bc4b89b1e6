/**
 * Events from the future that the real-time monitor holds (with the event clock) until other
 * agents' events confirm the jump or the clock moves on without them; see the monitor's
 * documentation for the rules.
 *
 * @module
 */
import type { StateEvent } from "./events.ts";

/** At most this many events from the future are held awaiting confirmation (event clock). */
export const MAX_HELD_EVENTS = 1000;

/**
 * Held events, in time order (at equal times, in arrival order).
 *
 * @example
 * const held = new HeldEvents();
 * held.hold(event);
 * held.confirming(900_000, 2); // undefined until another agent's event is within 15 minutes
 */
export class HeldEvents {
  readonly #events: StateEvent[] = [];

  /** Number of events held. */
  get size(): number {
    return this.#events.length;
  }

  /** Whether {@link MAX_HELD_EVENTS} are held already. */
  get full(): boolean {
    return this.#events.length >= MAX_HELD_EVENTS;
  }

  /** Holds an event, keeping the held ones in time order. */
  hold(e: StateEvent): void {
    const events = this.#events;
    let i = events.length;
    while (i > 0 && events[i - 1]!.timeMs > e.timeMs) i--;
    events.splice(i, 0, e);
  }

  /** Takes the earliest held event if its time is at most `untilMs`. */
  takeUntil(untilMs: number): StateEvent | undefined {
    const first = this.#events[0];
    return first !== undefined && first.timeMs <= untilMs ? this.#events.shift() : undefined;
  }

  /** Takes every held event, in time order. */
  takeAll(): StateEvent[] {
    return this.#events.splice(0, this.#events.length);
  }

  /**
   * The earliest pair of held events of two different agents within `latenessMs` of each other
   * (the earlier first), or a single held event when the schedule names fewer than two agents;
   * undefined when the held events confirm nothing.
   */
  confirming(
    latenessMs: number,
    scheduledAgents: number,
  ): readonly [StateEvent, StateEvent?] | undefined {
    const held = this.#events;
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
  }
}
