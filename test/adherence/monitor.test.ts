/**
 * The real-time monitor: alerts at schedule boundaries without events, alarm delay, back in
 * adherence, lateness, final agent-days equal to the historical engine, bounded memory.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeAdherence,
  createAdherenceMonitor,
  type AgentDayResult,
  type MonitorAlert,
  type ScheduleSegment,
  type StateEvent,
} from "../../src/adherence/index.ts";

const T = (h: number, m = 0, s = 0): number => Date.UTC(2025, 0, 6, h, m, s);
const seg = (start: number, end: number, activity = "onQueue", agentId = "a"): ScheduleSegment => ({
  agentId,
  startMs: start,
  endMs: end,
  activity,
});
const ev = (timeMs: number, state: string, agentId = "a", eventId?: string): StateEvent => ({
  agentId,
  timeMs,
  state,
  ...(eventId === undefined ? {} : { eventId }),
});
const schedule = [seg(T(9), T(10)), seg(T(10), T(10, 15), "break"), seg(T(10, 15), T(11))];
const brief = (alerts: readonly MonitorAlert[]): unknown[] =>
  alerts.map((a) =>
    a.type === "warning"
      ? [a.type, a.code]
      : [a.type, a.agentId, a.atMs, a.sinceMs, a.activity, a.state, a.seconds],
  );

describe("adherence monitor", () => {
  it("raises an alert at a break's start + the alarm delay for an agent who stays available, without any event", () => {
    let clock = T(8, 55);
    const m = createAdherenceMonitor({ schedule, clock: () => clock });
    expect(m.ingest(ev(T(8, 55), "available"))).toEqual([]);
    clock = T(10, 4, 59);
    expect(m.advance()).toEqual([]);
    expect(m.status("a")).toMatchObject({
      activity: "break",
      state: "available",
      adherence: "out",
      outSinceMs: T(10),
    });
    clock = T(10, 7);
    expect(brief(m.advance())).toEqual([
      ["outOfAdherence", "a", T(10, 5), T(10), "break", "available", 300],
    ]);
    clock = T(10, 8);
    expect(brief(m.ingest(ev(T(10, 8), "break")))).toEqual([
      ["backInAdherence", "a", T(10, 8), T(10), "break", "break", 480],
    ]);
  });

  it("stays quiet for short absences and uses the alarm delay it is given", () => {
    const m = createAdherenceMonitor({ schedule, alarmAfterSeconds: 120 });
    m.ingest(ev(T(9), "available"));
    expect(m.ingest(ev(T(9, 30), "loggedOut"))).toEqual([]);
    expect(m.ingest(ev(T(9, 31), "available"))).toEqual([]); // 60 s out: below 120 s
    m.ingest(ev(T(9, 40), "meal"));
    expect(brief(m.ingest(ev(T(9, 45), "available")))).toEqual([
      ["outOfAdherence", "a", T(9, 42), T(9, 40), "onQueue", "meal", 120],
      ["backInAdherence", "a", T(9, 45), T(9, 40), "onQueue", "available", 300],
    ]);
  });

  it("re-evaluates when an event within the lateness arrives out of order", () => {
    const m = createAdherenceMonitor({ schedule: [...schedule, seg(T(9), T(11), "onQueue", "b")] });
    m.ingest(ev(T(9), "available"));
    m.ingest(ev(T(9), "available", "b"));
    // another agent's event moves the clock to 10:06: a has been out since 10:00 (break)
    expect(brief(m.ingest(ev(T(10, 6), "available", "b")))).toEqual([
      ["outOfAdherence", "a", T(10, 5), T(10), "break", "available", 300],
    ]);
    // a's break event, stamped 10:01, arrives now: a is back (as of now, when it is known)
    expect(brief(m.ingest(ev(T(10, 1), "break")))).toEqual([
      ["backInAdherence", "a", T(10, 6), T(10), "break", "break", 360],
    ]);
    expect(m.status("a")).toMatchObject({ adherence: "in", outSinceMs: null });
  });

  it("applies events later than the lateness to the day's result, reports them, and does not alert on them", () => {
    const m = createAdherenceMonitor({ schedule, allowedLatenessSeconds: 60 });
    m.ingest(ev(T(9), "available"));
    const quiet = m.ingest(ev(T(9, 30), "available", "b"));
    expect(quiet.map((a) => a.code)).toEqual(["unknownAgent"]);
    const late = m.ingest(ev(T(9, 10), "loggedOut"));
    expect(brief(late)).toEqual([["warning", "lateEvent"]]);
    m.ingest(ev(T(9, 20), "available", "a", "x")); // also late, brings a back at 09:20
    m.advance(T(20)); // past the window (11:00 + 4 h) and the lateness: the day closes
    const days = m.takeClosedDays();
    const batch = computeAdherence(schedule, [
      ev(T(9), "available"),
      ev(T(9, 10), "loggedOut"),
      ev(T(9, 20), "available", "a", "x"),
    ]).agents;
    expect(days).toEqual(batch);
    expect(days[0]!.exceptions.map((x) => [x.startMs, x.endMs])).toEqual([
      [T(9, 10), T(9, 20)],
      [T(10), T(10, 15)],
    ]);
  });

  it("ignores duplicates and reports unknown agents and states once", () => {
    const m = createAdherenceMonitor({ schedule });
    expect(m.ingest(ev(T(9), "available", "a", "e1"))).toEqual([]);
    expect(m.ingest(ev(T(9), "available", "a", "e1"))).toEqual([]);
    expect(m.ingest(ev(T(9, 1), "mystery")).map((a) => a.code)).toEqual(["unknownState"]);
    expect(m.ingest(ev(T(9, 2), "mystery"))).toEqual([]);
    expect(m.ingest(ev(T(9, 3), "x", "zed")).map((a) => a.code)).toEqual(["unknownAgent"]);
    expect(m.ingest(ev(T(9, 4), "x", "zed"))).toEqual([]);
    expect(m.retainedEvents()).toBe(3);
  });

  it("follows a schedule change: a break moved to now makes an available agent out of adherence", () => {
    const m = createAdherenceMonitor({ schedule: [seg(T(9), T(12))] });
    m.ingest(ev(T(9), "available"));
    m.advance(T(10));
    expect(m.status("a")!.adherence).toBe("in");
    m.setSchedule([seg(T(9), T(10)), seg(T(10), T(10, 30), "break"), seg(T(10, 30), T(12))]);
    expect(m.status("a")).toMatchObject({ adherence: "out", outSinceMs: T(10) });
    expect(brief(m.advance(T(10, 5)))).toEqual([
      ["outOfAdherence", "a", T(10, 5), T(10), "break", "available", 300],
    ]);
  });

  it("closes agent-days into the same results as the historical engine, whatever the order within the lateness", () => {
    const day = (d: number, h: number, m = 0): number => Date.UTC(2025, 0, 6 + d, h, m);
    const plan: ScheduleSegment[] = [];
    for (const agentId of ["a", "b", "c"]) {
      for (let d = 0; d < 3; d++) {
        plan.push(seg(day(d, 8), day(d, 10), "onQueue", agentId));
        plan.push(seg(day(d, 10), day(d, 10, 30), "meal", agentId));
        plan.push(seg(day(d, 10, 30), day(d, 13), "onQueue", agentId));
      }
    }
    const eventArb = fc.array(
      fc.record({
        agent: fc.constantFrom("a", "b", "c"),
        minute: fc.integer({ min: 0, max: 3 * 1440 }),
        state: fc.constantFrom("available", "onCall", "acw", "meal", "break", "loggedOut"),
        delayS: fc.integer({ min: 0, max: 900 }),
      }),
      { maxLength: 120 },
    );
    fc.assert(
      fc.property(eventArb, (raw) => {
        const events = raw.map((r, i) => ({
          ...ev(Date.UTC(2025, 0, 6) + r.minute * 60_000, r.state, r.agent, `e${i}`),
          arrival: Date.UTC(2025, 0, 6) + r.minute * 60_000 + r.delayS * 1000,
        }));
        const arrivals = [...events].sort((p, q) => p.arrival - q.arrival);
        let clock = Date.UTC(2025, 0, 5);
        const m = createAdherenceMonitor({ schedule: plan, clock: () => clock });
        const closed: AgentDayResult[] = [];
        for (const e of arrivals) {
          clock = e.arrival;
          m.ingest(e);
          closed.push(...m.takeClosedDays());
        }
        clock = Date.UTC(2025, 0, 12);
        m.advance();
        closed.push(...m.takeClosedDays());
        const key = (d: AgentDayResult): string => `${d.agentId}|${d.date}`;
        closed.sort((p, q) => (key(p) < key(q) ? -1 : 1));
        const batch = [...computeAdherence(plan, events).agents].sort((p, q) =>
          key(p) < key(q) ? -1 : 1,
        );
        expect(closed).toEqual(batch);
      }),
      { numRuns: 60 },
    );
  });

  it("holds only the open agent-days' events: memory does not grow with the stream", () => {
    const agents = Array.from({ length: 20 }, (_, i) => `A${i}`);
    const plan: ScheduleSegment[] = [];
    const days = 10;
    for (const agentId of agents) {
      for (let d = 0; d < days; d++) {
        plan.push(
          seg(Date.UTC(2025, 0, 6 + d, 8), Date.UTC(2025, 0, 6 + d, 16), "onQueue", agentId),
        );
      }
    }
    const m = createAdherenceMonitor({ schedule: plan });
    const retained: number[] = [];
    const states = ["available", "onCall", "acw"];
    for (let d = 0; d < days; d++) {
      for (let minute = 6 * 60; minute < 18 * 60; minute += 2) {
        for (const [k, agentId] of agents.entries()) {
          m.ingest(ev(Date.UTC(2025, 0, 6 + d, 0, minute, k), states[(minute + k) % 3]!, agentId));
        }
      }
      m.takeClosedDays();
      retained.push(m.retainedEvents());
    }
    // one day's events (360 per agent) at most, whatever the number of days streamed
    expect(Math.max(...retained)).toBeLessThanOrEqual(agents.length * (360 + 2));
    expect(retained[days - 1]).toBe(retained[1]);
  });
});
