/**
 * Worked examples of the vendors' adherence and conformance definitions
 * (shared/research/adherence-and-products.md, section A7 lists them), and the messy-feed cases
 * of issue #5: late event before an existing one, duplicate, silent agent across a boundary,
 * shift across midnight, DST day.
 */
import { describe, expect, it } from "vitest";
import {
  computeAdherence,
  parseRules,
  type ScheduleSegment,
  type StateEvent,
} from "../../src/adherence/index.ts";
import { DataError } from "../../src/io/errors.ts";
import { expectClose } from "../support/approx.ts";

const EXACT = { rel: 1e-12 };
const T = (h: number, m = 0, s = 0): number => Date.UTC(2025, 0, 6, h, m, s);
const seg = (start: number, end: number, activity = "onQueue", agentId = "a"): ScheduleSegment => ({
  agentId,
  startMs: start,
  endMs: end,
  activity,
});
const ev = (timeMs: number, state: string, extra: Partial<StateEvent> = {}): StateEvent => ({
  agentId: "a",
  timeMs,
  state,
  ...extra,
});

describe("vendors' worked examples", () => {
  // Genesys Cloud, "How Genesys Cloud calculates adherence and conformance"
  // (help.mypurecloud.com; research A3.1): 60 minutes scheduled on queue, the agent 10 minutes
  // late who stays 10 minutes after. With "working outside shift considered exception":
  // 1 - (10 + 10) / (60 + 10) = 71.4 %; without it 1 - 10 / 60 = 83.3 %.
  const schedule = [seg(T(9), T(10))];
  const events = [ev(T(9, 10), "available"), ev(T(10, 10), "loggedOut")];

  it("Genesys Cloud: late 10 min, stays 10 min: 83.3 % (71.4 % counting work outside the shift)", () => {
    const plain = computeAdherence(schedule, events).agents[0]!;
    expectClose(plain.adherence!, 50 / 60, EXACT);
    expect(plain.exceptions).toEqual([
      { startMs: T(9), endMs: T(9, 10), activity: "onQueue", state: "loggedOut", seconds: 600 },
    ]);
    const outside = computeAdherence(schedule, events, { countOutsideWork: true }).agents[0]!;
    expectClose(outside.adherence!, 1 - 20 / 70, EXACT);
    expect(outside.exceptions.map((x) => [x.activity, x.state, x.seconds])).toEqual([
      ["onQueue", "loggedOut", 600],
      [null, "available", 600],
    ]);
    // conformance: 60 minutes worked / 60 scheduled (Genesys: may exceed 100 %)
    expectClose(plain.conformance!, 1, EXACT);
  });

  it("Calabrio WFM: 6 h shift, 3 h in, 1 h out, 2 h neutral = 75 %", () => {
    // help.calabrio.com, "About historical adherence": Adherence % = time in adherence /
    // (total work time - total neutral periods). Neutral time two ways: approved spans, and a
    // rule that makes a state neutral.
    const shift = [seg(T(8), T(14))];
    const states = [ev(T(8), "available"), ev(T(11), "loggedOut"), ev(T(12), "available")];
    const approved = computeAdherence(shift, states, {
      approved: [{ agentId: "a", startMs: T(12), endMs: T(14) }],
    }).agents[0]!;
    expect([approved.inSeconds, approved.outSeconds, approved.neutralSeconds]).toEqual([
      3 * 3600,
      3600,
      2 * 3600,
    ]);
    expectClose(approved.adherence!, 0.75, EXACT);
    const rules = parseRules({
      states: ["systemOutage"],
      rules: [{ category: "onQueue", state: "systemOutage", adherence: "neutral" }],
    });
    const byRule = computeAdherence(
      shift,
      [ev(T(8), "available"), ev(T(11), "loggedOut"), ev(T(12), "systemOutage")],
      { rules },
    ).agents[0]!;
    expectClose(byRule.adherence!, 0.75, EXACT);
    expect(byRule.neutralSeconds).toBe(2 * 3600);
  });

  it("Teleopti WFM (CalculateAdherenceTest): 74 min in + 74 min out = 50 %", () => {
    // Teleopti/Stardust Rta AgentAdherenceDay tests (research A4)
    const r = computeAdherence(
      [seg(T(8), T(8) + 148 * 60_000)],
      [ev(T(8), "available"), ev(T(8) + 74 * 60_000, "loggedOut")],
    ).agents[0]!;
    expectClose(r.adherence!, 0.5, EXACT);
  });

  it("NICE CXone: scheduled 9-5, worked 9:30-5:30: 100 % conformance, 93.75 % adherence", () => {
    // help.nice-incontact.com adherence report; 7.5 h / 8 h is the research's calculation (A3.3)
    const r = computeAdherence(
      [seg(T(9), T(17))],
      [ev(T(9, 30), "available"), ev(T(17, 30), "loggedOut")],
    ).agents[0]!;
    expectClose(r.conformance!, 1, EXACT);
    expectClose(r.adherence!, 0.9375, EXACT);
  });

  it("Genesys Cloud mapping: a scheduled break while available is out of adherence", () => {
    // research A3.1: Available maps to Off Queue, which is not Break
    const r = computeAdherence(
      [seg(T(9), T(10)), seg(T(10), T(10, 15), "break")],
      [ev(T(9), "available")],
    ).agents[0]!;
    expect(r.exceptions).toEqual([
      { startMs: T(10), endMs: T(10, 15), activity: "break", state: "available", seconds: 900 },
    ]);
  });

  it("Genesys Cloud: on queue but not responding is out; an unknown state is reported and counted out", () => {
    const r = computeAdherence(
      [seg(T(9), T(10))],
      [ev(T(9), "available"), ev(T(9, 20), "notResponding", { line: 3 })],
    );
    expect(r.agents[0]!.exceptions.map((x) => [x.state, x.seconds])).toEqual([
      ["notResponding", 2400],
    ]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: "unknownState", line: 3 })]);
  });

  it("Genesys Cloud adherence exception threshold: shorter exceptions count as in", () => {
    const events = [
      ev(T(9), "available"),
      ev(T(9, 20), "loggedOut"),
      ev(T(9, 20, 45), "available"),
    ];
    const without = computeAdherence([seg(T(9), T(10))], events).agents[0]!;
    expect(without.outSeconds).toBe(45);
    const with60 = computeAdherence([seg(T(9), T(10))], events, { thresholdSeconds: 60 })
      .agents[0]!;
    expect([with60.inSeconds, with60.outSeconds, with60.exceptions.length]).toEqual([3600, 0, 0]);
  });
});

describe("messy feeds", () => {
  const schedule = [seg(T(9), T(10)), seg(T(10), T(10, 15), "break"), seg(T(10, 15), T(11))];

  it("inserts a late event before an existing one at its event time", () => {
    const inOrder = [ev(T(9), "available"), ev(T(10, 2), "break"), ev(T(10, 15), "available")];
    // the break event arrives last, after the 10:15 one
    const late = [inOrder[0]!, inOrder[2]!, inOrder[1]!];
    const a = computeAdherence(schedule, inOrder);
    expect(computeAdherence(schedule, late)).toEqual(a);
    expect(a.agents[0]!.exceptions).toEqual([
      { startMs: T(10), endMs: T(10, 2), activity: "break", state: "available", seconds: 120 },
    ]);
  });

  it("ignores duplicates: same event id, or same agent, time and state without one", () => {
    const events = [
      ev(T(9), "available", { eventId: "1" }),
      ev(T(9, 30), "loggedOut", { eventId: "2" }),
      ev(T(9, 30), "loggedOut", { eventId: "2" }),
      ev(T(9, 40), "available"),
      ev(T(9, 40), "available"),
    ];
    const r = computeAdherence([seg(T(9), T(10))], events);
    expect(r.agents[0]!.outSeconds).toBe(600);
    expect(r.warnings).toEqual([{ code: "duplicateEvent", message: "2 duplicate events ignored" }]);
  });

  it("an agent silent across a boundary is out of adherence from the boundary", () => {
    // no event at 10:00: still available when the break starts, and on break when it ends
    const r = computeAdherence(schedule, [ev(T(9), "available"), ev(T(10, 5), "break")]);
    expect(r.agents[0]!.exceptions.map((x) => [x.startMs, x.endMs, x.activity, x.state])).toEqual([
      [T(10), T(10, 5), "break", "available"],
      [T(10, 15), T(11), "onQueue", "break"],
    ]);
  });

  it("a shift across midnight is one agent-day, dated by its start", () => {
    const night = [seg(T(22), T(24) + 2 * 3_600_000), seg(T(24) + 2 * 3_600_000, T(30))];
    const r = computeAdherence(night, [ev(T(22), "available")]);
    expect(r.agents.map((d) => [d.date, d.scheduledSeconds, d.adherence])).toEqual([
      ["2025-01-06", 8 * 3600, 1],
    ]);
  });

  it("dates agent-days by the local calendar on a DST day (Europe/Berlin, 2025-03-30, 23 hours)", () => {
    // local 00:00-08:00 on the day clocks go forward is 7 hours: 2025-03-29T23:00Z-2025-03-30T06:00Z
    const start = Date.UTC(2025, 2, 29, 23);
    const end = Date.UTC(2025, 2, 30, 6);
    const r = computeAdherence([seg(start, end)], [ev(start, "available")], {
      timeZone: "Europe/Berlin",
    });
    expect(r.agents.map((d) => [d.date, d.scheduledSeconds])).toEqual([["2025-03-30", 7 * 3600]]);
    // in UTC the same shift starts the day before
    expect(computeAdherence([seg(start, end)], [ev(start, "available")]).agents[0]!.date).toBe(
      "2025-03-29",
    );
  });

  it("gives late starts and early ends grace with the tolerances", () => {
    const events = [
      ev(T(9, 3), "available"),
      ev(T(10, 1), "break"),
      ev(T(10, 14), "available"),
      ev(T(10, 58), "loggedOut"),
    ];
    const strict = computeAdherence(schedule, events).agents[0]!;
    expect(strict.outSeconds).toBe(3 * 60 + 60 + 60 + 2 * 60);
    const graced = computeAdherence(schedule, events, {
      startToleranceSeconds: 180,
      endToleranceSeconds: 120,
    }).agents[0]!;
    // 09:00-09:03 late start, 10:00-10:01 still on queue at the break's start, 10:14-10:15
    // back early before the break's end, 10:58-11:00 early end: all within grace
    expect(graced.outSeconds).toBe(0);
  });

  it("splits the conformance windows of consecutive agent-days at the midpoint", () => {
    // two night shifts 6 hours apart: windows meet at 3 hours after the first one ends
    const days = [
      seg(Date.UTC(2025, 0, 6, 14), Date.UTC(2025, 0, 6, 22)),
      seg(Date.UTC(2025, 0, 7, 4), Date.UTC(2025, 0, 7, 12)),
    ];
    const r = computeAdherence(days, [ev(Date.UTC(2025, 0, 6, 14), "available")]);
    // available throughout: day 1 counts 14:00 to 01:00 (11 h), day 2 01:00 to 16:00 (15 h)
    expect(r.agents.map((d) => d.conformance)).toEqual([11 / 8, 15 / 8]);
  });
});

describe("bad schedules", () => {
  it("names the record of an unknown activity, an end before the start, an overlap", () => {
    let error: unknown;
    try {
      computeAdherence(
        [
          seg(T(9), T(10)),
          seg(T(10), T(11), "lunchh"),
          seg(T(12), T(11)),
          seg(T(9, 30), T(9, 45), "break"),
        ],
        [],
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).issues.map((i) => [i.row, i.field])).toEqual([
      [1, "activity"],
      [2, "end"],
      [3, "start"],
    ]);
  });

  it("validates rules files, naming the field", () => {
    expect(() =>
      parseRules({ rules: [{ category: "onQueue", state: "x", adherence: "maybe" }] }),
    ).toThrow(/rules\[0\]\.adherence/);
    expect(() =>
      parseRules({ rules: [{ activity: "coaching", state: "x", adherence: "in" }] }),
    ).toThrow(/unknown activity code "coaching"/);
    expect(() =>
      parseRules({
        rules: [
          { category: "meeting", state: "training", adherence: "in" },
          { category: "meeting", state: "training", adherence: "out" },
        ],
      }),
    ).toThrow(/contradicts rules\[0\]/);
  });

  it("maps custom activity codes to categories and lets rules override the defaults", () => {
    const rules = parseRules({
      activities: { phone: "onQueue", coaching: "meeting" },
      states: ["aux7"],
      rules: [
        { activity: "coaching", state: "training", adherence: "in" },
        { category: "onQueue", state: "aux7", reason: "email", adherence: "neutral" },
        { category: "training", state: "*", adherence: "neutral" },
      ],
    });
    expect(rules.classify("phone", "onCall")).toBe("in");
    expect(rules.classify("coaching", "training")).toBe("in");
    expect(rules.classify("coaching", "meeting")).toBe("in");
    expect(rules.classify("meeting", "training")).toBe("out");
    expect(rules.classify("phone", "aux7", "email")).toBe("neutral");
    expect(rules.classify("phone", "aux7", "lunch")).toBe("out");
    expect(rules.classify("training", "loggedOut")).toBe("neutral");
    expect(rules.isKnownState("aux7")).toBe(true);
  });
});
