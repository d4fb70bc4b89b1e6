/**
 * Shift design under a work limit (issue 15): a solve that the work limit stops says so
 * (`stoppedBy: "workLimit"`), keeps the schedule it has, and gives the same bytes on every run,
 * since the limit counts HiGHS's LP iterations rather than the clock. The model: one cyclic day
 * of 15-minute intervals (the curve of bench/curves.ts at a tenth of its calls), shifts with a
 * break and a lunch, asked to prove optimality (gap 0): HiGHS has a schedule after about 2,500
 * LP iterations and needs many more to prove it, so 3,000 stops it in between (measured with
 * HiGHS 1.15.3).
 */
import { describe, expect, it } from "vitest";
import { requirementCurve } from "../../bench/curves.ts";
import {
  designShifts,
  formatScheduleJson,
  parseScheduleJson,
  parseShiftSpec,
  verifySchedule,
  buildShiftModel,
} from "../../src/schedule/index.ts";

const lunch = {
  kind: "meal",
  durationMinutes: 30,
  earliestAfterStartMinutes: 180,
  latestBeforeEndMinutes: 120,
  paid: false,
};
const spec = parseShiftSpec({
  intervalMinutes: 15,
  coverage: "soft",
  underPenalty: 20,
  overPenalty: 0.5,
  cyclic: true,
  shifts: [
    {
      name: "part",
      startEarliest: "06:00",
      startLatest: "20:00",
      lengthMinutes: 240,
      costPerHour: 1.1,
      breaks: [
        {
          kind: "break",
          durationMinutes: 15,
          earliestAfterStartMinutes: 60,
          latestBeforeEndMinutes: 60,
        },
      ],
    },
    {
      name: "full",
      startEarliest: "06:00",
      startLatest: "16:00",
      lengthMinutes: [360, 480, 600],
      costPerHour: 1,
      breaks: [
        {
          kind: "break",
          durationMinutes: 15,
          earliestAfterStartMinutes: 60,
          latestBeforeEndMinutes: 180,
        },
        lunch,
      ],
    },
  ],
});
const requirements = requirementCurve(1, 0.1);
const options = { workLimit: 3000, relativeGap: 0, timeLimitSeconds: 600 };

describe("shift design under a work limit", () => {
  it("stops on it with a schedule, says so, and gives the same bytes on a second run", async () => {
    const first = await designShifts(requirements, spec, options);
    expect(first.status).toBe("feasible");
    expect(first.stoppedBy).toBe("workLimit");
    expect(first.gap).toBeGreaterThan(0);
    // HiGHS checks the limit at its callbacks: it may overrun a little, never stop early
    expect(first.work).toBeGreaterThanOrEqual(2900);
    expect(verifySchedule(first, buildShiftModel(requirements, spec))).toEqual([]);
    const json = formatScheduleJson(first);
    expect(JSON.parse(json)).toMatchObject({ stoppedBy: "workLimit", work: first.work });
    expect(parseScheduleJson(json)).toMatchObject({ stoppedBy: "workLimit", work: first.work });
    const second = await designShifts(requirements, spec, options);
    expect(formatScheduleJson(second)).toBe(json);
  }, 120_000);

  it("ends on its gap when the limit is large enough, and says so", async () => {
    const done = await designShifts(requirements, spec, { ...options, relativeGap: 0.05 });
    expect(done.stoppedBy).toBe("gap");
    expect(done.work).toBeLessThan(3000);
  }, 120_000);

  it("refuses a work limit below 1", async () => {
    await expect(designShifts(requirements, spec, { workLimit: 0 })).rejects.toThrow(
      /work limit must be at least 1/,
    );
  });
});
