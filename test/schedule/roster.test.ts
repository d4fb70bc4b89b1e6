/**
 * Rostering: every rule checked on the roster it returns, and segments that partition shifts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildRoster,
  designShifts,
  highsSolver,
  parseShiftSpec,
  type Agent,
  type RosterResult,
  type ScheduleResult,
  type ShiftSpec,
} from "../../src/schedule/index.ts";

const MONDAY = Date.UTC(2025, 0, 6);
const DAY = 86_400_000;
const limits = { timeLimitSeconds: 60, relativeGap: 1e-6 };

/** A week at 30 minutes: 08:00-20:00 on weekdays 6-8 agents, weekends 3. */
function week() {
  const req = [];
  for (let d = 0; d < 7; d++) {
    for (let q = 0; q < 48; q++) {
      const h = q / 2;
      const open = h >= 8 && h < 20;
      const level = d >= 5 ? 3 : h >= 10 && h < 16 ? 8 : 6;
      req.push({ startMs: MONDAY + d * DAY + q * 1_800_000, required: open ? level : 0 });
    }
  }
  return req;
}

const spec: ShiftSpec = parseShiftSpec({
  intervalMinutes: 30,
  overPenalty: 1,
  underPenalty: 50,
  shifts: [
    {
      name: "early",
      startEarliest: "08:00",
      startLatest: "09:00",
      lengthMinutes: 480,
      breaks: [
        {
          kind: "meal",
          durationMinutes: 30,
          earliestAfterStartMinutes: 180,
          latestBeforeEndMinutes: 120,
          paid: false,
        },
      ],
    },
    {
      name: "late",
      startEarliest: "11:00",
      startLatest: "12:00",
      lengthMinutes: 480,
      breaks: [
        {
          kind: "break",
          durationMinutes: 30,
          earliestAfterStartMinutes: 60,
          latestBeforeEndMinutes: 300,
        },
        {
          kind: "meal",
          durationMinutes: 30,
          earliestAfterStartMinutes: 180,
          latestBeforeEndMinutes: 120,
          paid: false,
        },
      ],
    },
  ],
});

let schedule: ScheduleResult;
beforeAll(async () => {
  schedule = await designShifts(week(), spec, { relativeGap: 1e-6 });
}, 60_000);

/** Shifts of the roster per agent, rebuilt from its segments. */
function shiftsOf(
  roster: RosterResult,
): Map<string, { start: number; end: number; paid: number }[]> {
  const out = new Map<string, { start: number; end: number; paid: number }[]>();
  for (const s of roster.segments) {
    const list = out.get(s.agentId) ?? [];
    const last = list[list.length - 1];
    if (last !== undefined && last.end === s.startMs) {
      last.end = s.endMs;
      if (s.activity !== "meal") last.paid += (s.endMs - s.startMs) / 3_600_000;
    } else {
      list.push({
        start: s.startMs,
        end: s.endMs,
        paid: s.activity === "meal" ? 0 : (s.endMs - s.startMs) / 3_600_000,
      });
    }
    out.set(s.agentId, list);
  }
  return out;
}

describe("roster", () => {
  const agents: Agent[] = Array.from({ length: 12 }, (_, i) => ({
    id: `A${String(i + 1).padStart(2, "0")}`,
    minSecondsWeek: 30 * 3600,
    maxSecondsWeek: 40 * 3600,
    maxDaysWeek: 5,
  }));

  it("keeps one shift a day, 11 hours' rest, hours within contract, two consecutive days off", async () => {
    const roster = await buildRoster(
      schedule,
      spec,
      { agents, twoConsecutiveDaysOff: true },
      highsSolver,
      limits,
    );
    expect(["optimal", "feasible"]).toContain(roster.status);
    for (const [id, shifts] of shiftsOf(roster)) {
      const days = shifts.map((s) => Math.floor(s.start / DAY));
      expect(new Set(days).size, id).toBe(days.length);
      for (let i = 1; i < shifts.length; i++) {
        expect(shifts[i]!.start - shifts[i - 1]!.end, id).toBeGreaterThanOrEqual(11 * 3_600_000);
      }
      const hours = shifts.reduce((a, s) => a + s.paid, 0);
      expect(hours, id).toBeLessThanOrEqual(40 + 1e-9);
      expect(shifts.length, id).toBeLessThanOrEqual(5);
      const off = new Set(
        [0, 1, 2, 3, 4, 5, 6].filter((d) => !days.includes(Math.floor(MONDAY / DAY) + d)),
      );
      expect(
        [0, 1, 2, 3, 4, 5].some((d) => off.has(d) && off.has(d + 1)),
        id,
      ).toBe(true);
    }
    // every filled agent-shift plus every shortfall accounts for the schedule
    const filled = [...shiftsOf(roster).values()].reduce((a, s) => a + s.length, 0);
    const missing = roster.shortfalls.reduce((a, s) => a + s.missing, 0);
    expect(filled + missing).toBe(schedule.shifts.reduce((a, s) => a + s.count, 0));
    // the summary agrees with the segments
    for (const a of roster.agents) {
      const shifts = shiftsOf(roster).get(a.agentId) ?? [];
      expect(a.shifts).toBe(shifts.length);
      expect(a.paidSeconds / 3600).toBeCloseTo(
        shifts.reduce((s, x) => s + x.paid, 0),
        9,
      );
    }
  }, 60_000);

  it("shares hours and unsocial (here weekend) shifts fairly: each agent within one shift of its share", async () => {
    // 82 agent-shifts of 7.5 paid hours: 18 agents at 5 days fill them, about 34 hours each
    const staff: Agent[] = Array.from({ length: 18 }, (_, i) => ({
      id: `B${String(i + 1).padStart(2, "0")}`,
      minHoursWeek: 30,
      maxHoursWeek: 40,
      maxDaysWeek: 5,
    }));
    const roster = await buildRoster(schedule, spec, { agents: staff }, highsSolver, limits);
    expect(roster.status).toBe("optimal");
    expect(roster.shortfalls).toEqual([]);
    const total = roster.agents.reduce((a, s) => a + s.paidSeconds / 3600, 0);
    const longest = 7.5; // an 8-hour shift with an unpaid 30-minute meal
    const weekend = roster.agents.reduce((a, s) => a + s.unsocialShifts, 0);
    expect(weekend).toBeGreaterThan(0);
    for (const a of roster.agents) {
      expect(Math.abs(a.paidSeconds / 3600 - total / staff.length), a.agentId).toBeLessThanOrEqual(
        longest + 1e-9,
      );
      expect(a.unsocialShifts, a.agentId).toBeLessThanOrEqual(Math.ceil(weekend / staff.length));
    }
  }, 60_000);

  it("writes segments that partition each shift: onQueue around its breaks, matching the schedule's break slots", async () => {
    const roster = await buildRoster(schedule, spec, { agents }, highsSolver, limits);
    const bySlot = new Map<string, number>();
    for (const s of roster.segments) {
      expect(s.endMs).toBeGreaterThan(s.startMs);
      if (s.activity !== "onQueue") {
        const key = `${s.activity}|${s.startMs}|${s.endMs}`;
        bySlot.set(key, (bySlot.get(key) ?? 0) + 1);
      }
    }
    // no overlaps within an agent
    const byAgent = new Map<string, typeof roster.segments>();
    for (const s of roster.segments) byAgent.set(s.agentId, [...(byAgent.get(s.agentId) ?? []), s]);
    for (const list of byAgent.values()) {
      for (let i = 1; i < list.length; i++)
        expect(list[i]!.startMs).toBeGreaterThanOrEqual(list[i - 1]!.endMs);
    }
    // break slots used never exceed the schedule's counts
    const scheduled = new Map<string, number>();
    for (const sh of schedule.shifts) {
      for (const b of sh.breaks) {
        const key = `${b.kind}|${b.startMs}|${b.endMs}`;
        scheduled.set(key, (scheduled.get(key) ?? 0) + b.count);
      }
    }
    for (const [key, n] of bySlot) expect(n, key).toBeLessThanOrEqual(scheduled.get(key) ?? 0);
  }, 60_000);

  it("respects availability and time off, and reports the shifts it cannot fill", async () => {
    const few = agents.slice(0, 4);
    const roster = await buildRoster(
      schedule,
      spec,
      {
        agents: few,
        availability: [
          { agentId: "A01", date: "2025-01-06" }, // off Monday
          { agentId: "A02", date: "2025-01-07", from: "10:30", to: "21:00" }, // late only on Tuesday
        ],
      },
      highsSolver,
      limits,
    );
    const shifts = shiftsOf(roster);
    expect((shifts.get("A01") ?? []).some((s) => s.start < MONDAY + DAY)).toBe(false);
    for (const s of shifts.get("A02") ?? []) {
      if (s.start >= MONDAY + DAY && s.start < MONDAY + 2 * DAY) {
        expect(s.start).toBeGreaterThanOrEqual(MONDAY + DAY + 10.5 * 3_600_000);
      }
    }
    expect(roster.shortfalls.length).toBeGreaterThan(0); // 4 agents cannot fill a 6-8 agent week
    const missing = roster.shortfalls.reduce((a, s) => a + s.missing, 0);
    const filled = [...shifts.values()].reduce((a, s) => a + s.length, 0);
    expect(filled + missing).toBe(schedule.shifts.reduce((a, s) => a + s.count, 0));
  }, 60_000);

  it("caps night shifts", async () => {
    const nightSpec = parseShiftSpec({
      intervalMinutes: 60,
      shifts: [{ name: "night", startEarliest: "22:00", startLatest: "22:00", lengthMinutes: 480 }],
    });
    const req = [];
    for (let h = 0; h < 7 * 24 + 8; h++) {
      const clock = h % 24;
      req.push({ startMs: MONDAY + h * 3_600_000, required: clock >= 22 || clock < 6 ? 2 : 0 });
    }
    const nights = await designShifts(req, nightSpec);
    const roster = await buildRoster(
      nights,
      nightSpec,
      { agents: agents.slice(0, 6), maxNightShiftsWeek: 2 },
      highsSolver,
      limits,
    );
    for (const a of roster.agents) expect(a.nightShifts).toBeLessThanOrEqual(2);
    expect(roster.agents.reduce((s, a) => s + a.nightShifts, 0)).toBe(
      nights.shifts.reduce((s, x) => s + x.count, 0) -
        roster.shortfalls.reduce((s, f) => s + f.missing, 0),
    );
  }, 60_000);
});
