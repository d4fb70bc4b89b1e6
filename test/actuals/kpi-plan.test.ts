/**
 * Actuals against a plan: WAPE and bias per queue and day, the planned staffing per interval
 * (center-wide coverage, requirements by staffing unit), missed targets, and a real plan
 * folder read back.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  comparePlan,
  kpiPlanJson,
  parsePlanTargets,
  readKpiPlanFolder,
  type ActualsRow,
  type KpiPlanInput,
} from "../../src/actuals/index.ts";
import { DataError } from "../../src/io/errors.ts";
import { planFolderFiles } from "../../src/plan/index.ts";
import {
  FIXTURE_START,
  fixtureConfig,
  fixtureHistory,
  fixturePlan,
  fixtureShiftFile,
} from "../support/plan-fixture.ts";

const T8 = Date.UTC(2025, 0, 20, 8);
const T830 = T8 + 1_800_000;

const PLAN: KpiPlanInput = {
  forecast: [
    { queue: "orders", startMs: T8, calls: 10 },
    { queue: "orders", startMs: T830, calls: 20 },
    { queue: "vip", startMs: T8, calls: 5 },
    { queue: "vip", startMs: T830, calls: 5 },
  ],
  requirements: [
    { queue: "orders+after", startMs: T8, agents: 3 },
    { queue: "vip", startMs: T8, agents: 2 },
    { queue: "orders+after", startMs: T830, agents: 5 },
    { queue: "vip", startMs: T830, agents: 2 },
  ],
  coverage: [
    { startMs: T8, required: 5.5, scheduled: 6 },
    { startMs: T830, required: 7.8, scheduled: 7 },
  ],
  targets: [
    { queue: "orders", serviceLevel: 0.8, slSeconds: 20 },
    { queue: "vip", serviceLevel: 0.9, slSeconds: 10 },
  ],
};

const ACTUALS: ActualsRow[] = [
  { queue: "orders", startMs: T8, offered: 12, answeredInSl: 10, slSeconds: 20 }, // 0.833: met
  { queue: "orders", startMs: T830, offered: 16, answeredInSl: 12, slSeconds: 20 }, // 0.75: missed
  { queue: "vip", startMs: T8, offered: 5, answeredInSl: 4, slSeconds: 10 }, // 0.8 < 0.9: missed
  { queue: "vip", startMs: T830, offered: 0, slSeconds: 10 }, // no calls: not judged
  { queue: "orders", startMs: T830 + 1_800_000, offered: 3, answeredInSl: 0, slSeconds: 20 }, // no forecast
];

describe("comparePlan", () => {
  it("WAPE and bias per queue and day over the intervals in both", () => {
    const { accuracy } = comparePlan(ACTUALS, PLAN);
    expect(accuracy).toEqual([
      // forecast 10 + 20 = 30, actual 12 + 16 = 28 (09:00 has no forecast), |10-12| + |20-16| = 6
      {
        queue: "orders",
        startMs: FIXTURE_START,
        intervals: 2,
        forecast: 30,
        actual: 28,
        wape: 6 / 28,
        bias: 2 / 28,
      },
      // forecast 5 + 5, actual 5 + 0, |0| + |5| = 5
      {
        queue: "vip",
        startMs: FIXTURE_START,
        intervals: 2,
        forecast: 10,
        actual: 5,
        wape: 1,
        bias: 1,
      },
    ]);
    const none = comparePlan([{ ...ACTUALS[3]! }], PLAN).accuracy[0];
    expect(none).toMatchObject({ actual: 0, wape: null, bias: null }); // never NaN
  });

  it("the planned staffing per interval: center-wide coverage, requirements by unit", () => {
    expect(comparePlan(ACTUALS, PLAN).intervals).toEqual([
      { startMs: T8, required: 5.5, staffed: 6, units: { "orders+after": 3, vip: 2 } },
      { startMs: T830, required: 7.8, staffed: 7, units: { "orders+after": 5, vip: 2 } },
    ]);
  });

  it("lists the forecast intervals whose service level missed the queue's target", () => {
    const result = comparePlan(ACTUALS, PLAN);
    expect(result.missed).toEqual([
      {
        queue: "orders",
        startMs: T830,
        offered: 16,
        serviceLevel: 0.75,
        target: 0.8,
        slSeconds: 20,
      },
      { queue: "vip", startMs: T8, offered: 5, serviceLevel: 0.8, target: 0.9, slSeconds: 10 },
    ]);
    expect(result.warnings).toEqual([]);
    const json = kpiPlanJson(comparePlan(ACTUALS, PLAN, { timeZone: "Europe/Berlin" }));
    expect(json.missed[0]).toEqual({
      queue: "orders",
      start: "2025-01-20T09:30:00+01:00",
      offered: 16,
      serviceLevel: 0.75,
      target: 0.8,
      slSeconds: 20,
    });
    expect(json.intervals[0]).toMatchObject({ start: "2025-01-20T09:00:00+01:00", staffed: 6 });
    expect(json.accuracy[0]).toMatchObject({ queue: "orders", start: "2025-01-20T00:00:00+01:00" });
  });

  it("refuses an slSeconds the actuals contradict, like computeKpis", () => {
    expect(() => comparePlan(ACTUALS, PLAN, { slSeconds: 15 })).toThrow(RangeError);
  });

  it("does not judge a queue counted at another threshold than its target's", () => {
    const at20 = ACTUALS.map((r) => (r.queue === "vip" ? { ...r, slSeconds: 20 } : r));
    const result = comparePlan(at20, PLAN);
    expect(result.missed.map((m) => m.queue)).toEqual(["orders"]);
    expect(result.warnings).toEqual([
      "queue vip: the actuals count answered_in_sl at 20 s, the plan's target is at 10 s: " +
        "its intervals are not judged against the target",
    ]);
  });
});

describe("plan.json targets", () => {
  it("reads the queues list of a plan, and refuses a plan configuration", () => {
    expect(
      parsePlanTargets(
        '{"queues":[{"queue":"vip","unit":"vip","targetServiceLevel":null,"slSeconds":10}]}',
        "plan.json",
      ),
    ).toEqual([{ queue: "vip", serviceLevel: null, slSeconds: 10 }]);
    expect(() => parsePlanTargets('{"history":"h.csv","queues":{}}', "plan.json")).toThrow(
      /plan\.json: queues: expected the plan\.json that "staffcast plan" writes/,
    );
    expect(() =>
      parsePlanTargets('{"queues":[{"queue":"vip","targetServiceLevel":0.8}]}', "p.json"),
    ).toThrow(DataError);
  });

  it("reads back a folder that staffcast plan wrote (pools in requirements.csv)", async () => {
    const plan = await fixturePlan();
    const files = planFolderFiles(plan, {
      config: fixtureConfig,
      shiftFile: fixtureShiftFile,
      history: fixtureHistory(),
      title: "t",
    });
    const dir = mkdtempSync(join(tmpdir(), "staffcast-kpi-plan-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const read = await readKpiPlanFolder(dir);
    expect(read.forecast.length).toBe(plan.forecast.rows.length);
    expect(new Set(read.requirements.map((r) => r.queue))).toEqual(
      new Set(plan.units.map((u) => u.name)),
    );
    expect(read.requirements.some((r) => r.queue === "orders+after")).toBe(true);
    expect(read.coverage.length).toBe(plan.schedule.coverage.length);
    expect(read.targets).toEqual(
      expect.arrayContaining([{ queue: "vip", serviceLevel: 0.9, slSeconds: 10 }]),
    );
  }, 60_000);
});
