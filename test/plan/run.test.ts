/**
 * runPlan on a small fixture: pools staffed on their combined load to the strictest target,
 * the schedule built on the sum, the expected service, the summary's sums.
 */
import { describe, expect, it } from "vitest";
import { createStaffer } from "../../src/erlang/index.ts";
import { expectClose } from "../support/approx.ts";
import { fixtureConfig, fixturePlan } from "../support/plan-fixture.ts";

describe("runPlan", () => {
  it("staffs a pool on its combined load, AHT weighted by volume, to the strictest of its targets", async () => {
    const plan = await fixturePlan();
    expect(plan.units.map((u) => u.name)).toEqual(["orders+after", "vip"]);
    const rows = plan.forecast.rows;
    for (const r of plan.requirements.filter((x) => x.unit === "orders+after" && x.calls > 0)) {
      const members = rows.filter(
        (f) => f.startMs === r.startMs && (f.queue === "orders" || f.queue === "after"),
      );
      const calls = members.reduce((a, f) => a + f.calls, 0);
      const aht = members.reduce((a, f) => a + f.calls * f.ahtSeconds!, 0) / calls;
      expectClose(r.calls, calls, { rel: 1e-12 });
      expectClose(r.ahtSeconds, aht, { rel: 1e-12 });
      const each = (["orders", "after"] as const).map((q) => {
        const t = fixtureConfig.queues[q]!;
        return createStaffer({
          targets: {
            ...(t.serviceLevel === undefined
              ? {}
              : { serviceLevel: { fraction: t.serviceLevel, seconds: t.slSeconds } }),
            ...(t.maxOccupancy === undefined ? {} : { maxOccupancy: t.maxOccupancy }),
          },
          slSeconds: t.slSeconds,
          shrinkage: t.shrinkage,
        }).staff({ calls, intervalSeconds: 1800, ahtSeconds: aht });
      });
      expect(r.result.scheduledAgents).toBe(Math.max(...each.map((e) => e.scheduledAgents)));
    }
  });

  it("schedules the sum of the units' requirements and reports what the schedule delivers", async () => {
    const plan = await fixturePlan();
    expect(["optimal", "feasible"]).toContain(plan.schedule.status);
    const units = plan.units.length;
    plan.expected.forEach((e, i) => {
      const need = plan.requirements
        .slice(i * units, (i + 1) * units)
        .reduce((a, r) => a + r.result.fractionalScheduledAgents, 0);
      expectClose(e.required, need, { rel: 1e-12 });
      if (e.serviceLevel !== null) {
        expect(e.serviceLevel).toBeGreaterThanOrEqual(0);
        expect(e.serviceLevel).toBeLessThanOrEqual(1);
      }
    });
    // scheduled agents per interval: the schedule's coverage (same 30-minute grid here)
    for (const c of plan.schedule.coverage) {
      const e = plan.expected.find((x) => x.startMs === c.startMs);
      if (e !== undefined) expect(e.scheduled).toBe(c.scheduled);
    }
  });

  it("sums paid hours and shifts, and rosters the shifts", async () => {
    const plan = await fixturePlan();
    const paid = plan.schedule.shifts.reduce((a, s) => {
      const hours = (s.endMs - s.startMs) / 3_600_000;
      return a + s.count * (s.name === "day" ? hours - 0.5 : hours);
    }, 0);
    expectClose(plan.summary.paidSeconds / 3600, paid, { rel: 1e-12 });
    expect(plan.summary.shifts).toBe(plan.schedule.shifts.reduce((a, s) => a + s.count, 0));
    expect(plan.roster!.status).toBe("optimal");
    expect(plan.summary.unfilledShifts).toBe(0);
    expect(plan.summary.expectedServiceLevel!).toBeGreaterThan(0.7);
  });
});
