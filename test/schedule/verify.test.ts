/**
 * The schedule checker `verifySchedule`, seen to fail: a solved schedule passes, and each
 * corruption of it (a break outside its window, counts that do not add up, coverage short of a
 * hard requirement, and every other check it makes) is named. A checker that always returns
 * [] fails every test here but the first.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildShiftModel,
  highsSolver,
  parseShiftSpec,
  solveShiftModel,
  verifySchedule,
  type ScheduledShift,
  type ScheduleResult,
  type ShiftModel,
} from "../../src/schedule/index.ts";

const H = 3_600_000;
const MONDAY = Date.UTC(2025, 0, 6);
const limits = { timeLimitSeconds: 60, relativeGap: 1e-9 };

/**
 * 2 agents 08:00-12:00 (midnight to noon, hourly); one 4-hour shift at 08:00 whose 1-hour
 * break starts at 09:00 or 10:00, hard coverage: 4 agents, two breaks at each hour (the
 * hand-checked optimum of design.test.ts), objective 16.
 */
const spec = parseShiftSpec({
  intervalMinutes: 60,
  coverage: "hard",
  overPenalty: 0,
  shifts: [
    {
      name: "four",
      startEarliest: "08:00",
      startLatest: "08:00",
      lengthMinutes: 240,
      breaks: [{ durationMinutes: 60, earliestAfterStartMinutes: 60, latestBeforeEndMinutes: 60 }],
    },
  ],
});
const requirement = [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2].map((required, h) => ({
  startMs: MONDAY + h * H,
  required,
}));

let built: ShiftModel;
let solved: ScheduleResult;
beforeAll(async () => {
  built = buildShiftModel(requirement, spec);
  solved = await solveShiftModel(built, highsSolver, limits);
});

/** The solved schedule with its one shift changed. */
function withShift(change: (s: ScheduledShift) => Partial<ScheduledShift>): ScheduleResult {
  const shift = solved.shifts[0]!;
  return { ...solved, shifts: [{ ...shift, ...change(shift) }] };
}

describe("verifySchedule", () => {
  it("passes the solved schedule: 4 agents, breaks at 09:00 and 10:00", () => {
    expect(solved.status).toBe("optimal");
    expect(solved.objective).toBeCloseTo(16, 9);
    expect(solved.shifts.map((s) => [s.startMs, s.endMs, s.count, s.paidSeconds])).toEqual([
      [MONDAY + 8 * H, MONDAY + 12 * H, 4, 4 * 3600],
    ]);
    expect(verifySchedule(solved, built)).toEqual([]);
  });

  it("names a break outside its window", () => {
    // two agents' breaks moved to 08:00, before the earliest (an hour after the start)
    const early = withShift((s) => ({
      breaks: s.breaks.map((b, k) =>
        k === 0 ? { ...b, startMs: MONDAY + 8 * H, endMs: MONDAY + 9 * H } : b,
      ),
    }));
    expect(verifySchedule(early, built)).toContain(
      "four 2025-01-06T08:00:00Z: break 1 at 2025-01-06T08:00:00.000Z outside its window",
    );
  });

  it("names break slots that do not add up to the shift's count, and a slot of the wrong kind", () => {
    const three = withShift((s) => ({
      breaks: s.breaks.map((b, k) => (k === 0 ? { ...b, count: 1 } : b)),
    }));
    expect(verifySchedule(three, built)).toContain(
      "four 2025-01-06T08:00:00Z: break 1 has 3 slots for 4 agents",
    );
    const meal = withShift((s) => ({ breaks: s.breaks.map((b) => ({ ...b, kind: "meal" })) }));
    expect(verifySchedule(meal, built)).toContain(
      "four 2025-01-06T08:00:00Z: break 1 should be a break, found a meal",
    );
  });

  it("names coverage short of the requirement under hard coverage", () => {
    // 3 agents, breaks 2 at 09:00 and 1 at 10:00: 1 agent at 09:00, where 2 are required
    const short = withShift((s) => ({
      count: 3,
      breaks: s.breaks.map((b) => (b.startMs === MONDAY + 10 * H ? { ...b, count: 1 } : b)),
    }));
    const consistent: ScheduleResult = {
      ...short,
      // 3 agents x 4 paid hours at 1 per hour, 1 agent-interval short at underPenalty 100
      objective: 3 * 4 + 100,
      coverage: solved.coverage.map((c) => ({
        ...c,
        scheduled: [3, 1, 2, 3][(c.startMs - MONDAY) / H - 8] ?? 0,
      })),
    };
    expect(verifySchedule(consistent, built)).toEqual([
      "hard coverage fails at 2025-01-06T09:00:00Z: 1 < 2",
    ]);
  });

  it("names coverage that the shifts do not give, and a requirement that is not the model's", () => {
    const coverage = solved.coverage.map((c, i) =>
      i === 9 ? { ...c, scheduled: 3 } : i === 10 ? { ...c, required: 3 } : c,
    );
    expect(verifySchedule({ ...solved, coverage }, built)).toEqual([
      "coverage at 2025-01-06T09:00:00Z: reported 3, recomputed 2",
      "coverage at 2025-01-06T10:00:00Z: required 3 != 2",
    ]);
    expect(verifySchedule({ ...solved, coverage: solved.coverage.slice(1) }, built)).toContain(
      "coverage: 11 intervals reported, 12 in the horizon",
    );
  });

  it("names a wrong objective, template, length, horizon, paid time and break length", () => {
    expect(verifySchedule({ ...solved, objective: 17 }, built)).toEqual([
      "objective: reported 17, recomputed 16",
    ]);
    expect(
      verifySchedule(
        withShift(() => ({ name: "five" })),
        built,
      ),
    ).toContain("unknown template five");
    const five = withShift(() => ({ endMs: MONDAY + 13 * H }));
    expect(verifySchedule(five, built)).toContain(
      "four 2025-01-06T08:00:00Z: length 300 min not allowed",
    );
    expect(verifySchedule(five, built)).toContain("four 2025-01-06T08:00:00Z: outside the horizon");
    expect(
      verifySchedule(
        withShift(() => ({ paidSeconds: 0 })),
        built,
      ),
    ).toContain("four 2025-01-06T08:00:00Z: 0 s paid, recomputed 14400 s");
    const half = withShift((s) => ({
      breaks: s.breaks.map((b) => ({ ...b, endMs: b.startMs + H / 2 })),
    }));
    expect(verifySchedule(half, built)).toContain(
      "four 2025-01-06T08:00:00Z: break 1 lasts 30 min",
    );
  });

  it("names an agent's breaks out of order", async () => {
    // two 1-hour breaks in a 6-hour shift, each anywhere from its second to its fifth hour
    const twoBreaks = parseShiftSpec({
      intervalMinutes: 60,
      overPenalty: 0,
      shifts: [
        {
          name: "six",
          startEarliest: "08:00",
          startLatest: "08:00",
          lengthMinutes: 360,
          breaks: [
            { durationMinutes: 60, earliestAfterStartMinutes: 60, latestBeforeEndMinutes: 60 },
            { durationMinutes: 60, earliestAfterStartMinutes: 60, latestBeforeEndMinutes: 60 },
          ],
        },
      ],
    });
    const req = [1, 1, 1, 1, 1, 1].map((required, h) => ({
      startMs: MONDAY + (8 + h) * H,
      required,
    }));
    const model = buildShiftModel(req, twoBreaks);
    const result = await solveShiftModel(model, highsSolver, limits);
    expect(verifySchedule(result, model)).toEqual([]);
    // one agent: its second break put before its first
    const one: ScheduleResult = {
      ...result,
      objective: null,
      shifts: [
        {
          name: "six",
          startMs: MONDAY + 8 * H,
          endMs: MONDAY + 14 * H,
          count: 1,
          paidSeconds: 6 * 3600,
          breaks: [
            { kind: "break", startMs: MONDAY + 11 * H, endMs: MONDAY + 12 * H, count: 1 },
            { kind: "break", startMs: MONDAY + 9 * H, endMs: MONDAY + 10 * H, count: 1 },
          ],
        },
      ],
      coverage: req.map((r, h) => ({ ...r, scheduled: h === 1 || h === 3 ? 0 : 1 })),
    };
    expect(verifySchedule(one, model)).toEqual([
      "six 2025-01-06T08:00:00Z: breaks overlap or are out of order",
    ]);
  });
});
