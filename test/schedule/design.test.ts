/**
 * Shift design with known optima; every schedule re-verified (coverage recomputed from its
 * shifts and breaks, hard coverage, objective recomputed from the spec).
 */
import { describe, expect, it } from "vitest";
import {
  buildShiftModel,
  designShifts,
  highsSolver,
  jsSolver,
  parseShiftSpec,
  solveShiftModel,
  splitMilp,
  verifySchedule,
  type RequirementPoint,
  type ScheduleResult,
  type ShiftModel,
} from "../../src/schedule/index.ts";
import { DataError } from "../../src/io/errors.ts";
import { formatInstantUtc } from "../../src/time/instant.ts";
import { createZone, formatInstant } from "../../src/time/zone.ts";
import { addAverageLength, readBmsd } from "../support/bmsd.ts";
import { expectClose } from "../support/approx.ts";

const MONDAY = Date.UTC(2025, 0, 6);
const hourly = (values: readonly number[], from = MONDAY): RequirementPoint[] =>
  values.map((required, h) => ({ startMs: from + h * 3_600_000, required }));
const limits = { timeLimitSeconds: 60, relativeGap: 1e-9 };

async function solveVerified(built: ShiftModel, solver = highsSolver): Promise<ScheduleResult> {
  const result = await solveShiftModel(built, solver, limits);
  expect(verifySchedule(result, built)).toEqual([]);
  return result;
}

describe("known optima", () => {
  // sevenxx07/LP-Scheduling-problem README (scheduling.md section 2.3): cyclic 24 h, 8-hour
  // shifts starting on any hour; the minimum number of shifts is 55.
  const demand = [
    6, 6, 6, 6, 6, 8, 9, 12, 18, 22, 25, 21, 21, 20, 18, 21, 21, 24, 24, 18, 18, 18, 12, 8,
  ];
  const spec = parseShiftSpec({
    intervalMinutes: 60,
    coverage: "hard",
    cyclic: true,
    overPenalty: 0,
    shifts: [
      {
        name: "eight",
        startEarliest: "00:00",
        startLatest: "23:00",
        lengthMinutes: 480,
        costPerHour: 0.125,
      },
    ],
  });
  it.each([
    ["HiGHS", highsSolver],
    ["javascript-lp-solver", jsSolver],
  ])("wrapped 24-hour day, 8-hour shifts on any hour: 55 shifts (%s)", async (_name, solver) => {
    const built = buildShiftModel(hourly(demand), spec);
    const r = await solveVerified(built, solver);
    expect(r.status).toBe("optimal");
    expectClose(r.objective!, 55, { abs: 1e-9 });
    expect(r.shifts.reduce((a, s) => a + s.count, 0)).toBe(55);
    // a shift starting at 20:00 wraps to 04:00 of the same (wrapped) day
    for (const s of r.shifts)
      expect(formatInstantUtc(s.startMs).startsWith("2025-01-06")).toBe(true);
  });

  it("hand-checkable: two agents for four hours, a one-hour break each that must not leave a gap", async () => {
    // requirement 2 agents 08:00-12:00; one 4-hour shift (cost 1/h) 08:00-12:00 whose 1-hour
    // break starts at 09:00 or 10:00. With n agents, 09:00 and 10:00 each keep n minus those on
    // break: at most n - 2 on break in each hour, so n breaks need 2 (n - 2) >= n: n = 4, cost 16,
    // two breaks at 09:00 and two at 10:00.
    const req = hourly([0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2]);
    const s = parseShiftSpec({
      intervalMinutes: 60,
      coverage: "hard",
      overPenalty: 0,
      shifts: [
        {
          name: "four",
          startEarliest: "08:00",
          startLatest: "08:00",
          lengthMinutes: 240,
          breaks: [
            { durationMinutes: 60, earliestAfterStartMinutes: 60, latestBeforeEndMinutes: 60 },
          ],
        },
      ],
    });
    const r = await solveVerified(buildShiftModel(req, s));
    expect(r.status).toBe("optimal");
    expect(r.shifts).toEqual([expect.objectContaining({ name: "four", count: 4 })]);
    expectClose(r.objective!, 16, { abs: 1e-9 });
    expect(r.shifts[0]!.breaks.map((b) => [formatInstantUtc(b.startMs), b.count])).toEqual([
      ["2025-01-06T09:00:00Z", 2],
      ["2025-01-06T10:00:00Z", 2],
    ]);
  });

  it("soft coverage trades the shortage penalty against shift cost", async () => {
    // one hour needs 1 agent, a 4-hour shift costs 4: cheaper to leave it short at penalty 3
    const req = hourly([1, 0, 0, 0]);
    const spec3 = (under: number) =>
      parseShiftSpec({
        intervalMinutes: 60,
        underPenalty: under,
        overPenalty: 0,
        shifts: [
          { name: "four", startEarliest: "00:00", startLatest: "00:00", lengthMinutes: 240 },
        ],
      });
    const cheap = await solveVerified(buildShiftModel(req, spec3(3)));
    expect(cheap.shifts).toEqual([]);
    expectClose(cheap.objective!, 3, { abs: 1e-9 });
    const dear = await solveVerified(buildShiftModel(req, spec3(5)));
    expect(dear.shifts[0]!.count).toBe(1);
    expectClose(dear.objective!, 4, { abs: 1e-9 });
  });

  describe("BMSD shift-design instances (scheduling.md 4.3: proven optima under the BMSD objective)", () => {
    it.each([
      ["toy1", 716],
      ["toy2", 723],
      ["toy3", 480],
      ["RandomExample1", 2820],
      ["RandomExample3", 3840],
      ["RandomExample5", 3120],
    ])(
      "%s: %d",
      async (name, optimum) => {
        const inst = readBmsd(`test/fixtures/bmsd/${name}.dzn`);
        const built = buildShiftModel(inst.requirements, inst.spec);
        addAverageLength(built, inst.minAverageMinutes);
        const r = await solveVerified(built);
        expect(r.status).toBe("optimal");
        expectClose(r.objective!, optimum, { abs: 1e-6 });
      },
      60_000,
    );
  });
});

describe("model structure", () => {
  it("falls apart by day when no shift spans the night, with the same optimum", async () => {
    const day = [0, 0, 0, 0, 0, 0, 2, 4, 6, 6, 5, 5, 6, 6, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0];
    const req = hourly([...day, ...day.map((v) => (v > 0 ? v + 1 : 0)), ...day]);
    const s = parseShiftSpec({
      intervalMinutes: 60,
      coverage: "hard",
      overPenalty: 0.1,
      shifts: [
        {
          name: "day",
          startEarliest: "06:00",
          startLatest: "12:00",
          lengthMinutes: [240, 360],
          breaks: [
            {
              kind: "meal",
              durationMinutes: 60,
              earliestAfterStartMinutes: 120,
              latestBeforeEndMinutes: 60,
              paid: false,
            },
          ],
        },
      ],
    });
    const built = buildShiftModel(req, s);
    // one part per day with shifts (the idle intervals of the night are parts of their own)
    expect(splitMilp(built.model).filter((p) => p.model.integer.some(Boolean)).length).toBe(3);
    const byParts = await solveVerified(built);
    const whole = await highsSolver.solve(built.model, limits);
    expect(byParts.status).toBe("optimal");
    expectClose(byParts.objective!, whole.objective, { rel: 1e-9 });
  });

  it("places breaks in their windows, in order, and never two breaks of an agent at once", async () => {
    const req: RequirementPoint[] = [];
    for (let q = 0; q < 96; q++) {
      const h = q / 4;
      req.push({
        startMs: MONDAY + q * 900_000,
        required: h >= 8 && h < 20 ? 10 + Math.round(5 * Math.sin(h)) : 0,
      });
    }
    const s = parseShiftSpec({
      intervalMinutes: 15,
      coverage: "hard",
      overPenalty: 1,
      shifts: [
        {
          name: "full",
          startEarliest: "08:00",
          startLatest: "12:00",
          lengthMinutes: [480],
          breaks: [
            {
              kind: "break",
              durationMinutes: 15,
              earliestAfterStartMinutes: 60,
              latestBeforeEndMinutes: 120,
            },
            {
              kind: "meal",
              durationMinutes: 30,
              earliestAfterStartMinutes: 120,
              latestBeforeEndMinutes: 120,
              paid: false,
            },
            {
              kind: "break",
              durationMinutes: 15,
              earliestAfterStartMinutes: 180,
              latestBeforeEndMinutes: 60,
            },
          ],
        },
      ],
    });
    const r = await solveVerified(buildShiftModel(req, s));
    expect(r.status).toBe("optimal");
    expect(r.shifts.length).toBeGreaterThan(0);
  });

  it("follows the local clock of its time zone across a DST change", async () => {
    // Berlin, Sunday 2025-03-30 (23 hours): 3 agents from 05:00Z, which is 07:00 local (+02:00
    // since 02:00), for 8 hours
    const start = Date.UTC(2025, 2, 29, 23); // local midnight
    const req: RequirementPoint[] = [];
    for (let q = 0; q < 92; q++)
      req.push({ startMs: start + q * 900_000, required: q >= 24 && q < 56 ? 3 : 0 });
    const s = parseShiftSpec({
      intervalMinutes: 15,
      timeZone: "Europe/Berlin",
      coverage: "hard",
      overPenalty: 0,
      shifts: [{ name: "day", startEarliest: "06:00", startLatest: "12:00", lengthMinutes: 480 }],
    });
    const r = await solveVerified(buildShiftModel(req, s));
    const berlin = createZone("Europe/Berlin");
    expect(
      r.shifts.map((x) => [
        formatInstant(x.startMs, berlin),
        formatInstant(x.endMs, berlin),
        x.count,
      ]),
    ).toEqual([["2025-03-30T07:00:00+02:00", "2025-03-30T15:00:00+02:00", 3]]);
  });
});

describe("infeasible inputs get explanations", () => {
  it("names the intervals no template can work", async () => {
    const req = hourly([0, 0, 3, 3, 0, 0, 0, 0, 2, 2]);
    const s = parseShiftSpec({
      intervalMinutes: 60,
      coverage: "hard",
      shifts: [{ name: "day", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 120 }],
    });
    const r = await designShifts(req, s);
    expect(r.status).toBe("infeasible");
    expect(r.explanation).toMatch(
      /no shift template works 2025-01-06T02:00:00Z to 2025-01-06T04:00:00Z \(up to 3 agents required\)/,
    );
  });

  it("shows where the templates' limits fall short", async () => {
    const req = hourly([0, 0, 0, 0, 0, 0, 0, 0, 5, 5, 5, 5]);
    const s = parseShiftSpec({
      intervalMinutes: 60,
      coverage: "hard",
      shifts: [
        {
          name: "a",
          startEarliest: "08:00",
          startLatest: "08:00",
          lengthMinutes: 240,
          maxCount: 3,
        },
        {
          name: "b",
          startEarliest: "10:00",
          startLatest: "10:00",
          lengthMinutes: 120,
          maxCount: 4,
        },
      ],
    });
    const r = await designShifts(req, s);
    expect(r.status).toBe("infeasible");
    expect(r.explanation).toMatch(
      /the templates' maxCount allow at most 3 agents 2025-01-06T08:00:00Z to 2025-01-06T10:00:00Z, where up to 5 are required/,
    );
  });

  it("rejects break windows that leave no room, naming the template and break", () => {
    let error: unknown;
    try {
      parseShiftSpec({
        intervalMinutes: 15,
        shifts: [
          {
            name: "short",
            startEarliest: "08:00",
            startLatest: "09:00",
            lengthMinutes: [240, 480],
            breaks: [
              {
                kind: "meal",
                durationMinutes: 30,
                earliestAfterStartMinutes: 180,
                latestBeforeEndMinutes: 120,
              },
            ],
          },
        ],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(
      /shifts\[0\]\.breaks\[0\]: no room for the 30-minute meal of a 240-minute shift/,
    );
  });

  it("names every invalid field of a shift file", () => {
    let message = "";
    try {
      parseShiftSpec({
        intervalMinutes: 15,
        coverage: "firm",
        shifts: [
          {
            name: "x",
            startEarliest: "8:00",
            startLatest: "10:00",
            lengthMinutes: [470],
            startStepMinutes: 20,
            colour: "red",
          },
        ],
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/coverage: /);
    expect(message).toMatch(/shifts\[0\]\.startEarliest: expected a time HH:MM/);
    expect(message).toMatch(/shifts\[0\]/);
    // the field named as the file wrote it: the old name without its unit, or the new one
    for (const step of ["startStep", "startStepMinutes"]) {
      let multiples = "";
      try {
        parseShiftSpec({
          intervalMinutes: 15,
          shifts: [
            {
              name: "x",
              startEarliest: "08:00",
              startLatest: "10:00",
              lengthMinutes: [470],
              [step]: 20,
            },
          ],
        });
      } catch (e) {
        multiples = (e as Error).message;
      }
      expect(multiples).toContain(
        `shifts[0].${step}: must be a multiple of the interval (15 minutes), got 20`,
      );
      expect(multiples).toMatch(
        /shifts\[0\]\.lengthMinutes\[0\]: must be a multiple of the interval \(15 minutes\), got 470/,
      );
    }
  });
});
