/**
 * Shift design by skill group: one coverage row per (interval, group), templates limited to
 * groups, and skill transfer (Bhulai, Koole & Pot 2008): a group whose skills include another
 * group's queues may cover its requirement, never the other way round. Every schedule is
 * re-verified (per-group coverage recomputed from the shifts and the transfers).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../../src/io/errors.ts";
import {
  buildShiftModel,
  estimateShiftModel,
  highsSolver,
  jsSolver,
  parseShiftSpec,
  solveShiftModel,
  verifySchedule,
  type RequirementPoint,
  type ScheduleResult,
  type ShiftGroupOptions,
  type ShiftModel,
} from "../../src/schedule/index.ts";

const H = 3_600_000;
const MONDAY = Date.UTC(2025, 0, 6);
const limits = { timeLimitSeconds: 60, relativeGap: 1e-9 };

/** Hourly points of one group from 08:00, one value an hour. */
const hourly = (group: string, values: readonly number[]): RequirementPoint[] =>
  values.map((required, h) => ({ startMs: MONDAY + (8 + h) * H, required, group }));

const SKILLS: ShiftGroupOptions = {
  groupSkills: { all: ["orders", "vip"], vip: ["vip"], orders: ["orders"] },
};

/** One 8-hour template at 08:00, hard coverage, no cost for excess. */
const spec = (extra: Record<string, unknown> = {}, templates?: unknown[]) =>
  parseShiftSpec({
    intervalMinutes: 60,
    coverage: "hard",
    overPenalty: 0,
    shifts: templates ?? [
      { name: "day", startEarliest: "08:00", startLatest: "08:00", lengthMinutes: 480, ...extra },
    ],
  });

async function solveVerified(built: ShiftModel, solver = highsSolver): Promise<ScheduleResult> {
  const result = await solveShiftModel(built, solver, limits);
  expect(result.status).toBe("optimal");
  expect(verifySchedule(result, built)).toEqual([]);
  return result;
}

const agentsOf = (result: ScheduleResult, group: string): number =>
  result.shifts.filter((s) => s.group === group).reduce((sum, s) => sum + s.count, 0);

describe("skill transfer", () => {
  // all: 2 agents, 1 at 10:00; vip: 0.3 at 10:00 only; orders: 1 all day
  const points = [
    ...hourly("all", [2, 2, 1, 2, 2, 2, 2, 2]),
    ...hourly("vip", [0, 0, 0.3, 0, 0, 0, 0, 0]),
    ...hourly("orders", [1, 1, 1, 1, 1, 1, 1, 1]),
  ];

  it.each([
    ["HiGHS", highsSolver],
    ["javascript-lp-solver", jsSolver],
  ])(
    "a generalist covers the specialists' tiny requirement: no specialist shift (%s)",
    async (_n, solver) => {
      const result = await solveVerified(buildShiftModel(points, spec(), SKILLS), solver);
      expect(agentsOf(result, "all")).toBe(2);
      expect(agentsOf(result, "orders")).toBe(1);
      expect(agentsOf(result, "vip")).toBe(0);
      expect(result.objective).toBe(24);
      expect(result.transfers).toEqual([
        { startMs: MONDAY + 10 * H, from: "all", to: "vip", agents: 1 },
      ]);
      const vip = result.groupCoverage!.find(
        (c) => c.group === "vip" && c.startMs === MONDAY + 10 * H,
      );
      expect(vip).toEqual({
        startMs: MONDAY + 10 * H,
        group: "vip",
        required: 0.3,
        scheduled: 0,
        covered: 1,
      });
      expect(result.groups).toEqual({
        all: { queues: ["orders", "vip"], costPerHour: 1 },
        vip: { queues: ["vip"], costPerHour: 1 },
        orders: { queues: ["orders"], costPerHour: 1 },
      });
      // the totals keep their meaning: required and working summed over the groups
      expect(result.coverage[2]).toEqual({ startMs: MONDAY + 10 * H, required: 2.3, scheduled: 3 });
    },
  );

  it("without the groups' skills, each group is staffed on its own", async () => {
    const result = await solveVerified(buildShiftModel(points, spec()));
    expect(agentsOf(result, "vip")).toBe(1);
    expect(result.transfers).toEqual([]);
    expect(result.groups).toBeUndefined();
    expect(result.objective).toBe(32);
  });

  it("a specialist never covers the generalists (nor another specialist)", async () => {
    // vip: 1 all day; all: 1 at 10:00 only; orders: 1 at 12:00 only
    const needs = [
      ...hourly("vip", [1, 1, 1, 1, 1, 1, 1, 1]),
      ...hourly("all", [0, 0, 1, 0, 0, 0, 0, 0]),
      ...hourly("orders", [0, 0, 0, 0, 1, 0, 0, 0]),
    ];
    const result = await solveVerified(buildShiftModel(needs, spec(), SKILLS));
    expect(agentsOf(result, "all")).toBe(1);
    expect(agentsOf(result, "vip")).toBe(1);
    // the generalist covers orders at 12:00: no orders shift
    expect(agentsOf(result, "orders")).toBe(0);
    for (const t of result.transfers!) expect(t.from).toBe("all");
  });

  it("weights each group's shifts by its costPerHour", async () => {
    // nothing for the generalists themselves; a specialist of each kind all day
    const needs = [...hourly("all", [0, 0]), ...hourly("vip", [1, 1]), ...hourly("orders", [1, 1])];
    const two = spec({ lengthMinutes: 120 });
    const cheap = await solveVerified(
      buildShiftModel(needs, two, { ...SKILLS, groupCostPerHour: { all: 0.5 } }),
    );
    expect([agentsOf(cheap, "all"), agentsOf(cheap, "vip"), agentsOf(cheap, "orders")]).toEqual([
      2, 0, 0,
    ]);
    expect(cheap.objective).toBe(2);
    const dear = await solveVerified(
      buildShiftModel(needs, two, { ...SKILLS, groupCostPerHour: { all: 3 } }),
    );
    expect([agentsOf(dear, "all"), agentsOf(dear, "vip"), agentsOf(dear, "orders")]).toEqual([
      0, 1, 1,
    ]);
    expect(dear.objective).toBe(4);
  });
});

describe("templates limited to groups", () => {
  const points = [...hourly("vip", [1, 1, 1, 1]), ...hourly("orders", [2, 2, 2, 2])];
  const templates = [
    {
      name: "vipday",
      startEarliest: "08:00",
      startLatest: "08:00",
      lengthMinutes: 240,
      groups: ["vip"],
    },
    {
      name: "long",
      startEarliest: "08:00",
      startLatest: "08:00",
      lengthMinutes: 240,
      costPerHour: 2,
    },
  ];

  it("staff only their groups (default: all)", async () => {
    const result = await solveVerified(buildShiftModel(points, spec({}, templates)));
    expect(result.shifts.map((s) => [s.name, s.group, s.count])).toEqual([
      ["vipday", "vip", 1],
      ["long", "orders", 2],
    ]);
    expect(
      buildShiftModel(points, spec({}, templates)).shifts.map(
        (s) => `${s.template.name}:${s.group}`,
      ),
    ).toEqual(["vipday:vip", "long:vip", "long:orders"]);
  });

  it("are refused naming the field when a group is not in the requirement", () => {
    const bad = spec({}, [{ ...templates[0], groups: ["vip", "sales"] }]);
    expect(() => buildShiftModel(points, bad)).toThrow(DataError);
    expect(() => buildShiftModel(points, bad)).toThrow(
      /shifts\[0\]\.groups\[1\]: unknown group "sales"/,
    );
    expect(() =>
      buildShiftModel(
        hourly("x", [1]).map(({ startMs, required }) => ({ startMs, required })),
        bad,
      ),
    ).toThrow(/shifts\[0\]\.groups: the requirements have no group column/);
  });

  it("says which group hard coverage cannot reach", async () => {
    const only = spec({}, [templates[0]]);
    const result = await solveShiftModel(buildShiftModel(points, only), highsSolver, limits);
    expect(result.status).toBe("infeasible");
    expect(result.explanation).toMatch(
      /^hard coverage is impossible: group orders: no shift template works/,
    );
  });

  it("says per group where hard coverage falls short at best when the solve is infeasible", async () => {
    // one agent at most, whose 1-hour break must fall in the two hours vip needs covered
    const tight = spec({}, [
      {
        name: "two",
        startEarliest: "08:00",
        startLatest: "08:00",
        lengthMinutes: 120,
        maxCount: 1,
        breaks: [{ durationMinutes: 60 }],
      },
    ]);
    const needs = [...hourly("vip", [1, 1]), ...hourly("orders", [0, 0])];
    const built = buildShiftModel(needs, tight, SKILLS);
    expect(built.impossible).toBeUndefined();
    const result = await solveShiftModel(built, highsSolver, limits);
    expect(result.status).toBe("infeasible");
    expect(result.explanation).toMatch(
      /at best it falls short 2025-01-06T0[89]:00:00Z to .*1 agent short/,
    );
  });

  it("a requirement mixing points with and without a group is refused", () => {
    expect(() => buildShiftModel([...points, { startMs: MONDAY, required: 1 }], spec())).toThrow(
      /have no group/,
    );
  });
});

describe("model size with groups", () => {
  it("counts shifts per group, slacks per (interval, group), transfers and lending rows", () => {
    const points = [...hourly("all", [2, 2, 1, 2]), ...hourly("vip", [0, 0, 1, 0])];
    const built = buildShiftModel(points, spec({ lengthMinutes: 240 }), SKILLS);
    const size = estimateShiftModel(spec({ lengthMinutes: 240 }), 60, 4, 20094, 20094, {
      groups: ["all", "vip"],
      transfers: [{ from: "all", to: "vip" }],
    });
    expect(built.model.cost.length).toBeLessThanOrEqual(size.variables);
    const nonZeros = built.model.rows.reduce((n, r) => n + r.indices.length, 0);
    expect(nonZeros).toBeLessThanOrEqual(size.nonZeros);
    expect(size.shifts).toBeGreaterThanOrEqual(built.shifts.length);
  });
});

describe("verifySchedule with groups, seen to fail", () => {
  const points = [
    ...hourly("all", [2, 2, 1, 2, 2, 2, 2, 2]),
    ...hourly("vip", [0, 0, 0.3, 0, 0, 0, 0, 0]),
    ...hourly("orders", [1, 1, 1, 1, 1, 1, 1, 1]),
  ];
  const TEN = MONDAY + 10 * H;
  let built: ShiftModel;
  let good: ScheduleResult;
  const problems = (change: Partial<ScheduleResult>): string =>
    verifySchedule({ ...good, ...change }, built).join("\n");

  beforeAll(async () => {
    built = buildShiftModel(points, spec(), SKILLS);
    good = await solveVerified(built); // passes
  });

  it("names a transfer that is missing, not allowed, or more than the lender has", () => {
    expect(problems({ transfers: [] })).toMatch(
      /hard coverage fails for group vip at 2025-01-06T10:00:00Z: 0 < 0.3/,
    );
    expect(
      problems({ transfers: [{ startMs: TEN, from: "orders", to: "vip", agents: 1 }] }),
    ).toMatch(/transfer orders to vip at .*: not allowed/);
    expect(problems({ transfers: [{ startMs: TEN, from: "vip", to: "all", agents: 1 }] })).toMatch(
      /transfer vip to all .*: not allowed/,
    );
    expect(problems({ transfers: [{ startMs: TEN, from: "all", to: "vip", agents: 3 }] })).toMatch(
      /group all at 2025-01-06T10:00:00Z: lends 3 agents, has 2 working/,
    );
    expect(problems({ transfers: [{ startMs: TEN, from: "all", to: "vip", agents: -1 }] })).toMatch(
      /-1 agents/,
    );
    expect(
      problems({ transfers: [{ startMs: TEN + 30 * 60_000, from: "all", to: "vip", agents: 1 }] }),
    ).toMatch(/not an interval of the horizon/);
  });

  it("names coverage per group reported wrong", () => {
    const changed = good.groupCoverage!.map((c) =>
      c.group === "vip" && c.startMs === TEN ? { ...c, covered: 0 } : c,
    );
    expect(problems({ groupCoverage: changed })).toMatch(
      /group vip at .*: 0 covered, recomputed 1/,
    );
    expect(problems({ groupCoverage: good.groupCoverage!.slice(1) })).toMatch(
      /group coverage: 23 points reported, 8 intervals x 3 groups/,
    );
  });

  it("names a shift without a group, with an unknown one, or one its template may not staff", () => {
    const shifts = (group: string | undefined) =>
      good.shifts.map((s, i) => {
        if (i > 0) return s;
        const rest = { ...s };
        delete rest.group;
        return group === undefined ? rest : { ...rest, group };
      });
    expect(problems({ shifts: shifts(undefined) })).toMatch(/day 2025-01-06T08:00:00Z: no group/);
    expect(problems({ shifts: shifts("sales") })).toMatch(/unknown group sales/);
    const limited = buildShiftModel(points, spec({ groups: ["vip", "orders"] }), SKILLS);
    expect(verifySchedule(good, limited).join("\n")).toMatch(
      /its template may not staff group all/,
    );
  });

  it("names the objective when a group's cost changes", () => {
    const dear = buildShiftModel(points, spec(), { ...SKILLS, groupCostPerHour: { all: 2 } });
    expect(verifySchedule(good, dear).join("\n")).toMatch(/objective: reported 24, recomputed 40/);
  });
});
