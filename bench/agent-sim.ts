/**
 * Simulated agent days for the adherence benchmark, tests and example: each agent has an
 * 8.5-hour shift (a 15-minute break, a 30-minute meal, another break) and an ACD feed of state
 * events: login a little late (sometimes early), call cycles available -> onCall -> acw, breaks
 * taken a few minutes early or late (a few agents forget and stay available), logout around the
 * end. Deterministic for a seed.
 */
import type { ScheduleSegment, StateEvent } from "../src/adherence/index.ts";
import { rng } from "./semisynthetic.ts";

const MIN = 60_000;

/** Options of {@link simulateDay}. */
export interface SimOptions {
  readonly agents: number;
  /** Midnight UTC of the day. */
  readonly dayMs?: number;
  /** Mean seconds of a call cycle (available + onCall + acw): 430 gives about 200 events a day. */
  readonly cycleSeconds?: number;
  readonly seed?: number;
}

/** A schedule and its event feed, the events in time order. */
export interface SimDay {
  readonly schedule: ScheduleSegment[];
  readonly events: StateEvent[];
}

/** One simulated day. */
export function simulateDay(options: SimOptions): SimDay {
  const random = rng(options.seed ?? 1);
  const day = options.dayMs ?? Date.UTC(2025, 0, 6);
  const cycle = options.cycleSeconds ?? 430;
  const exp = (mean: number): number => -Math.log(1 - random()) * mean;
  const jitter = (sd: number): number =>
    Math.round((random() + random() + random() - 1.5) * 2 * sd);
  const schedule: ScheduleSegment[] = [];
  const events: StateEvent[] = [];
  const width = String(options.agents).length;
  for (let a = 0; a < options.agents; a++) {
    const agentId = `agent${String(a + 1).padStart(width, "0")}`;
    const start = day + (6 * 60 + 15 * Math.floor(random() * 33)) * MIN; // 06:00-14:00
    const plan: [number, number, string][] = [
      [0, 120, "onQueue"],
      [120, 135, "break"],
      [135, 255, "onQueue"],
      [255, 285, "meal"],
      [285, 405, "onQueue"],
      [405, 420, "break"],
      [420, 510, "onQueue"],
    ];
    for (const [from, to, activity] of plan) {
      schedule.push({ agentId, startMs: start + from * MIN, endMs: start + to * MIN, activity });
    }
    const mine: StateEvent[] = [];
    const push = (t: number, state: string): void => {
      mine.push({ agentId, timeMs: Math.round(t / 1000) * 1000, state });
    };
    const forgetful = random() < 0.05;
    let t = start + jitter(3 * MIN) + (random() < 0.2 ? 4 * MIN : 0);
    const end = start + 510 * MIN + jitter(4 * MIN);
    for (const [from, to, activity] of plan) {
      const until = activity === "onQueue" ? start + to * MIN : start + from * MIN;
      // call cycles until the next non-queue activity (a call in progress runs over)
      if (activity === "onQueue") {
        while (t < Math.min(until, end)) {
          push(t, "available");
          t += exp(cycle * 0.25) * 1000;
          if (t >= until) break;
          push(t, "onCall");
          t += exp(cycle * 0.65) * 1000;
          push(t, "acw");
          t += exp(cycle * 0.1) * 1000;
        }
      } else if (!forgetful) {
        const leave = Math.max(t, start + from * MIN + jitter(2 * MIN));
        push(leave, activity);
        t = Math.max(leave, start + to * MIN + jitter(2 * MIN) + (random() < 0.15 ? 3 * MIN : 0));
      }
    }
    push(Math.max(t, end), "loggedOut");
    events.push(...mine);
  }
  events.sort((p, q) => p.timeMs - q.timeMs || (p.agentId < q.agentId ? -1 : 1));
  return { schedule, events };
}
