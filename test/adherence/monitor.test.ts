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
    // b's events every 5 minutes: no gap in the feed longer than the lateness
    for (let t = T(9, 5); t < T(10); t += 5 * 60_000) m.ingest(ev(t, "available", "b"));
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

describe("adherence monitor: events from the future (#7.5)", () => {
  const pair = [...schedule, ...schedule.map((s) => ({ ...s, agentId: "b" }))];
  const Y2099 = Date.UTC(2099, 0, 1);
  /** Events of a and b every 5 minutes from 08:55 to 11:05, in adherence all along. */
  const feed = (): StateEvent[] => {
    const out: StateEvent[] = [];
    for (let t = T(8, 55); t <= T(11, 5); t += 5 * 60_000) {
      for (const agentId of ["a", "b"]) {
        const state =
          t >= T(11) ? "loggedOut" : t >= T(10) && t < T(10, 15) ? "break" : "available";
        out.push({ ...ev(t + (agentId === "b" ? 1000 : 0), state, agentId), line: out.length + 1 });
      }
    }
    return out;
  };
  const key = (d: AgentDayResult): string => `${d.agentId}|${d.date}`;
  const byKey = (days: readonly AgentDayResult[]): AgentDayResult[] =>
    [...days].sort((p, q) => (key(p) < key(q) ? -1 : 1));
  /** Feeds the events, then the end of the feed, then a time past every agent-day's close. */
  const runFeed = (
    m: ReturnType<typeof createAdherenceMonitor>,
    events: readonly StateEvent[],
  ): { alerts: MonitorAlert[]; days: AgentDayResult[] } => {
    const alerts: MonitorAlert[] = [];
    for (const e of events) alerts.push(...m.ingest(e));
    alerts.push(...m.close());
    alerts.push(...m.advance(T(20)));
    return { alerts, days: byKey(m.takeClosedDays()) };
  };

  it("#7.5 a single event stamped 2099 does not move the clock: no false alarms, later events count", () => {
    const good = feed();
    const bad: StateEvent = { ...ev(Y2099, "loggedOut", "a"), line: 999 };
    const events = [...good.slice(0, 20), bad, ...good.slice(20)];
    const m = createAdherenceMonitor({ schedule: pair });
    const { alerts, days } = runFeed(m, events);
    expect(alerts.filter((a) => a.type !== "warning")).toEqual([]);
    expect(alerts).toEqual([
      {
        type: "warning",
        code: "futureEvent",
        agentId: "a",
        line: 999,
        atMs: good[20]!.timeMs,
        message: `event at 2099-01-01T00:00:00.000Z is ${(Y2099 - good[20]!.timeMs) / 1000} s ahead of the clock (more than the lateness of 900 s): not applied (the clock moved on without it)`,
      },
    ]);
    expect(days).toEqual(byKey(computeAdherence(pair, good).agents));
  });

  it("#7.5 a 2099 event of an agent without a schedule does not move the clock either", () => {
    const good = feed();
    const events = [...good.slice(0, 20), ev(Y2099, "available", "zed"), ...good.slice(20)];
    const m = createAdherenceMonitor({ schedule: pair });
    const { alerts, days } = runFeed(m, events);
    expect(alerts.map((a) => [a.type, a.code, a.agentId])).toEqual([
      ["warning", "futureEvent", "zed"],
    ]);
    expect(days).toEqual(byKey(computeAdherence(pair, good).agents));
  });

  it("#7.5 with an injected clock (--clock wall), an event more than the lateness ahead of it is dropped at once", () => {
    let clock = T(9);
    const m = createAdherenceMonitor({ schedule: pair, clock: () => clock });
    expect(m.ingest(ev(T(9), "available"))).toEqual([]);
    expect(m.ingest(ev(T(9), "available", "b"))).toEqual([]);
    clock = T(9, 30);
    const dropped = m.ingest({ ...ev(Y2099, "loggedOut"), line: 7 });
    expect(dropped).toEqual([
      expect.objectContaining({ type: "warning", code: "futureEvent", agentId: "a", line: 7 }),
    ]);
    expect(dropped[0]!.message).toBe(
      `event at 2099-01-01T00:00:00.000Z is ${(Y2099 - T(9, 30)) / 1000} s ahead of the clock (more than the lateness of 900 s): not applied`,
    );
    expect(m.now()).toBe(T(9));
    expect(m.retainedEvents()).toBe(2); // never held
    expect(m.status("a")).toMatchObject({ state: "available", adherence: "in" });
    // within the lateness ahead of the clock: applied
    expect(m.ingest(ev(T(9, 40), "onCall"))).toEqual([]);
    expect(m.status("a")).toMatchObject({ state: "onCall" });
    expect(m.close()).toEqual([]);
  });

  it("#7.5 a quiet hour: two agents' events after it confirm the jump (clockJump) and count in full", () => {
    const long = ["a", "b"].map((agentId) => seg(T(9), T(13), "onQueue", agentId));
    const events: StateEvent[] = [];
    for (const [from, to] of [
      [T(9), T(10)],
      [T(11), T(13)],
    ] as const) {
      for (let t = from; t <= to; t += 5 * 60_000) {
        const state = t >= T(13) ? "loggedOut" : t % (10 * 60_000) === 0 ? "available" : "onCall";
        events.push(ev(t, state, "a"), ev(t + 60_000, state, "b"));
      }
    }
    const m = createAdherenceMonitor({ schedule: long });
    const alerts: MonitorAlert[] = [];
    for (const e of events) {
      const raised = m.ingest(e);
      if (e.timeMs === T(11)) {
        expect(raised).toEqual([]); // held: nobody has confirmed it yet
        expect(m.now()).toBe(T(10, 1));
      }
      alerts.push(...raised);
    }
    alerts.push(...m.close(), ...m.advance(T(20)));
    expect(alerts).toEqual([
      {
        type: "warning",
        code: "clockJump",
        atMs: T(11),
        message:
          'the clock moved ahead from 2025-01-06T10:01:00.000Z to 2025-01-06T11:00:00.000Z (more than the lateness of 900 s) on the events of agents "a" and "b": 2 held events applied',
      },
    ]);
    expect(byKey(m.takeClosedDays())).toEqual(byKey(computeAdherence(long, events).agents));
  });

  it("#7.5 a schedule of one agent: the first event after a quiet gap moves the clock at once, as before", () => {
    const m = createAdherenceMonitor({ schedule });
    const events = [ev(T(9), "available"), ev(T(9, 30), "onCall"), ev(T(10, 20), "available")];
    expect(m.ingest(events[0]!)).toEqual([]);
    expect(m.ingest(events[1]!)).toEqual([]);
    expect(m.now()).toBe(T(9, 30));
    expect(brief(m.ingest(events[2]!))).toEqual([
      ["outOfAdherence", "a", T(10, 5), T(10), "break", "onCall", 300],
      ["backInAdherence", "a", T(10, 15), T(10), "onQueue", "onCall", 900],
    ]);
    expect(m.now()).toBe(T(10, 20));
    m.advance(T(20));
    expect(m.takeClosedDays()).toEqual(computeAdherence(schedule, events).agents);
  });

  it("#7.5 close(): events still held at the end of the feed are dropped with futureEvent warnings", () => {
    const m = createAdherenceMonitor({ schedule: pair });
    m.ingest(ev(T(9), "available"));
    m.ingest(ev(T(9), "available", "b"));
    expect(m.ingest({ ...ev(Y2099, "loggedOut", "b"), line: 3 })).toEqual([]);
    expect(m.retainedEvents()).toBe(3);
    expect(m.now()).toBe(T(9));
    const end = m.close();
    expect(end).toEqual([
      expect.objectContaining({ type: "warning", code: "futureEvent", agentId: "b", line: 3 }),
    ]);
    expect(end[0]!.message).toMatch(/never confirmed by another agent's event/);
    expect(m.retainedEvents()).toBe(2);
    expect(m.close()).toEqual([]);
  });

  it("#7.5 at most 1,000 events are held: a further one is dropped at once", () => {
    const m = createAdherenceMonitor({ schedule: pair });
    m.ingest(ev(T(9), "available"));
    m.ingest(ev(T(9), "available", "b"));
    for (let i = 0; i < 1000; i++) expect(m.ingest(ev(Y2099 + i * 1000, "onCall"))).toEqual([]);
    expect(m.retainedEvents()).toBe(2 + 1000);
    const over = m.ingest(ev(Y2099 + 1000 * 1000, "onCall"));
    expect(over.map((a) => [a.code, a.agentId])).toEqual([["futureEvent", "a"]]);
    expect(over[0]!.message).toMatch(/1000 events are held already/);
    expect(m.retainedEvents()).toBe(2 + 1000);
    expect(m.now()).toBe(T(9));
    expect(m.close().map((a) => a.code)).toEqual(Array<string>(1000).fill("futureEvent"));
    expect(m.retainedEvents()).toBe(2);
  });

  it("#7.5 a held event that the clock, moving on the ordinary way, brings within the lateness is applied, not dropped", () => {
    const m = createAdherenceMonitor({ schedule: pair });
    m.ingest(ev(T(9), "available"));
    m.ingest(ev(T(9), "available", "b"));
    expect(m.ingest(ev(T(9, 15, 1), "onCall"))).toEqual([]); // 1 s over the lateness: held
    expect(m.now()).toBe(T(9));
    expect(m.ingest(ev(T(9, 15), "onCall", "b"))).toEqual([]); // the clock moves; a's is applied
    expect(m.now()).toBe(T(9, 15, 1));
    expect(m.status("a")).toMatchObject({ state: "onCall" });
    expect(m.close()).toEqual([]);
  });

  it("#7.5 property: far-future events change nothing but their futureEvent warnings (event clock)", () => {
    const plan = ["a", "b", "c"].flatMap((agentId) => [
      seg(T(8), T(10), "onQueue", agentId),
      seg(T(10), T(10, 30), "meal", agentId),
      seg(T(10, 30), T(13), "onQueue", agentId),
    ]);
    const arb = fc.record({
      // in time order, never more than the lateness apart: nothing legitimate is ever held
      feed: fc.array(
        fc.record({
          agent: fc.constantFrom("a", "b", "c"),
          gapS: fc.integer({ min: 0, max: 900 }),
          state: fc.constantFrom("available", "onCall", "acw", "meal", "break", "loggedOut"),
        }),
        { minLength: 1, maxLength: 80 },
      ),
      future: fc.array(fc.record({ at: fc.nat(), agent: fc.constantFrom("a", "b", "zed") }), {
        maxLength: 5,
      }),
    });
    fc.assert(
      fc.property(arb, ({ feed: raw, future }) => {
        let t = T(7, 30);
        const good = raw.map((r, i) => {
          t += r.gapS * 1000;
          return ev(t, r.state, r.agent, `e${i}`);
        });
        const mixed: StateEvent[] = [...good];
        future.forEach((f, k) => {
          // days apart from each other: two of them never confirm a jump
          const bad = ev(Y2099 + k * 86_400_000, "onCall", f.agent, `f${k}`);
          // after the first event: the first event accepted sets the clock, whatever its time
          mixed.splice(1 + (f.at % mixed.length), 0, bad);
        });
        const run = (events: readonly StateEvent[]) =>
          runFeed(createAdherenceMonitor({ schedule: plan }), events);
        const clean = run(good);
        const dirty = run(mixed);
        const notFuture = (a: MonitorAlert): boolean => a.code !== "futureEvent";
        expect(dirty.alerts.filter(notFuture)).toEqual(clean.alerts);
        expect(dirty.alerts.length - clean.alerts.length).toBe(future.length);
        expect(dirty.days).toEqual(clean.days);
        expect(dirty.days).toEqual(byKey(computeAdherence(plan, good).agents));
      }),
      { numRuns: 60 },
    );
  });

  it("#7.5 property: with an injected clock, far-future events are dropped and change nothing else", () => {
    const plan = ["a", "b"].flatMap((agentId) => [
      seg(T(8), T(10), "onQueue", agentId),
      seg(T(10), T(10, 30), "meal", agentId),
      seg(T(10, 30), T(13), "onQueue", agentId),
    ]);
    const arb = fc.array(
      fc.record({
        agent: fc.constantFrom("a", "b", "zed"),
        minute: fc.integer({ min: 0, max: 1440 }),
        state: fc.constantFrom("available", "onCall", "meal", "loggedOut"),
        delayS: fc.integer({ min: 0, max: 900 }),
        future: fc.boolean(),
      }),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const events = raw.map((r, i) => {
          const timeMs = Date.UTC(2025, 0, 6) + r.minute * 60_000;
          return {
            ...ev(r.future ? Y2099 + i : timeMs, r.state, r.agent, `e${i}`),
            arrival: timeMs + r.delayS * 1000,
          };
        });
        const arrivals = [...events].sort((p, q) => p.arrival - q.arrival);
        let clock = Date.UTC(2025, 0, 5);
        const m = createAdherenceMonitor({ schedule: plan, clock: () => clock });
        const closed: AgentDayResult[] = [];
        let futureWarnings = 0;
        for (const e of arrivals) {
          clock = e.arrival;
          futureWarnings += m.ingest(e).filter((a) => a.code === "futureEvent").length;
          closed.push(...m.takeClosedDays());
        }
        clock = Date.UTC(2025, 0, 12);
        m.advance();
        closed.push(...m.takeClosedDays());
        const good = events.filter((e) => e.timeMs < Y2099);
        expect(futureWarnings).toBe(events.length - good.length);
        expect(byKey(closed)).toEqual(byKey(computeAdherence(plan, good).agents));
      }),
      { numRuns: 60 },
    );
  });
});

describe("adherence monitor: start-up, the end of a shift and late events (#8.13)", () => {
  const pair = [...schedule, ...schedule.map((s) => ({ ...s, agentId: "b" }))];

  it("#8.13 with an injected clock, a day long over raises no alerts at start-up and is not monitored", () => {
    let clock = T(20); // the agent-days' windows closed at 15:00 (11:00 + 4 h)
    const m = createAdherenceMonitor({ schedule: pair, clock: () => clock });
    expect(m.now()).toBe(T(20));
    expect(m.advance()).toEqual([]);
    expect(m.ingest(ev(T(20), "available"))).toEqual([]);
    clock = Date.UTC(2025, 0, 8);
    expect(m.advance()).toEqual([]);
    expect(m.openDays()).toEqual([]);
    expect(m.takeClosedDays()).toEqual([]); // the past is for `staffcast adherence`
  });

  it("#8.13 an agent whose shift is under way at start-up is out of adherence since the monitor's start, not since the shift began", () => {
    let clock = T(10, 30);
    const m = createAdherenceMonitor({ schedule, clock: () => clock });
    expect(m.status("a")).toMatchObject({
      activity: "onQueue",
      state: "loggedOut",
      adherence: "out",
      outSinceMs: T(10, 30),
    });
    clock = T(10, 34, 59);
    expect(m.advance()).toEqual([]);
    clock = T(10, 36);
    expect(brief(m.advance())).toEqual([
      ["outOfAdherence", "a", T(10, 35), T(10, 30), "onQueue", "loggedOut", 300],
    ]);
  });

  it("#8.13 at start-up, an event stamped before the start (within the lateness) says since when an agent is out", () => {
    const clock = T(10, 30);
    const m = createAdherenceMonitor({ schedule, clock: () => clock });
    expect(brief(m.ingest(ev(T(10, 20), "meal")))).toEqual([
      ["outOfAdherence", "a", T(10, 25), T(10, 20), "onQueue", "meal", 300],
    ]);
    expect(m.status("a")).toMatchObject({ adherence: "out", outSinceMs: T(10, 20) });
  });

  it("#8.13 a shift that ends while the agent is out ends the alert with outOfAdherenceEnded, not backInAdherence", () => {
    let clock = T(8, 55);
    const day = ["a", "b"].map((agentId) => seg(T(9), T(11), "onQueue", agentId));
    const m = createAdherenceMonitor({ schedule: day, clock: () => clock });
    // a never logs in; b works until 10:30, then logs out for good
    expect(m.ingest(ev(T(8, 55), "available", "b"))).toEqual([]);
    clock = T(10, 30);
    expect(brief(m.ingest(ev(T(10, 30), "loggedOut", "b")))).toEqual([
      ["outOfAdherence", "a", T(9, 5), T(9), "onQueue", "loggedOut", 300],
    ]);
    clock = T(11, 30);
    const end = m.advance();
    expect(brief(end)).toEqual([
      ["outOfAdherence", "b", T(10, 35), T(10, 30), "onQueue", "loggedOut", 300],
      ["outOfAdherenceEnded", "a", T(11), T(9), null, "loggedOut", 7200],
      ["outOfAdherenceEnded", "b", T(11), T(10, 30), null, "loggedOut", 1800],
    ]);
    expect(end.slice(1).map((a) => a.reason)).toEqual(["scheduleEnded", "scheduleEnded"]);
    expect(end.some((a) => a.type === "backInAdherence")).toBe(false);
  });

  it("#8.13 with an injected clock, an event more than the lateness behind clock() drives no alert, even when the monitor was not advanced", () => {
    const day = [seg(T(9), T(11))];
    let clock = T(8, 55);
    const m = createAdherenceMonitor({ schedule: day, clock: () => clock });
    expect(m.ingest(ev(T(9), "available"))).toEqual([]);
    clock = T(10, 30); // no advance() since: the monitor's time is still 09:00
    const late = m.ingest({ ...ev(T(10), "meal"), line: 2 });
    expect(late).toEqual([
      {
        type: "warning",
        code: "lateEvent",
        agentId: "a",
        atMs: T(10, 30),
        line: 2,
        message: "event 1800 s behind the clock: applied to the agent-day's result, not to alerts",
      },
    ]);
    clock = T(20);
    expect(m.advance().filter((a) => a.type !== "warning")).toEqual([]);
    expect(m.takeClosedDays()).toEqual(
      computeAdherence(day, [ev(T(9), "available"), ev(T(10), "meal")]).agents,
    );
  });
});
