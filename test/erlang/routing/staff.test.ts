/**
 * Routed staffing (issue 14): one queue on one group is the single-queue engine; a day of the
 * TV-shopping example meets every queue's targets in a separate simulation with fresh seeds,
 * with no more agent-hours than staffing each queue alone and no fewer than the all-skills
 * pool; the same inputs give the same staffing.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseRouting,
  ROUTED_STAFFING_LIMITS,
  simulateRouting,
  staffInterval,
  staffRoutedInterval,
  staffRouting,
  type staffRoutingParallel,
  type RoutingModel,
  type RoutingStaffingResult,
} from "../../../src/erlang/index.ts";

const routing = parseRouting(
  JSON.parse(readFileSync("examples/tv-shopping/routing.json", "utf8")),
  "routing.json",
);
const DAY_MS = 86_400_000;
const rows = readFileSync("test/fixtures/routing/tv-shopping-2003-10-20.csv", "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(","))
  .map((c) => ({
    startMs: new Date(c[0]!).getTime(),
    queue: c[1]!,
    calls: Number(c[2]),
    ahtSeconds: Number(c[5]),
  }));
const dayStart = rows.reduce((m, r) => Math.min(m, r.startMs), Number.POSITIVE_INFINITY);

let cached: RoutingStaffingResult | undefined;
const staffed = (): RoutingStaffingResult =>
  (cached ??= staffRouting({ routing, intervalSeconds: 900, rows }));

/** Simulates the day's staffing with fresh seeds (ad-free arrivals, flat in each interval). */
function checkDay(model: RoutingModel, result: RoutingStaffingResult, seed: number) {
  const step = (values: number[]) => ({ startMs: dayStart, stepSeconds: 900, values });
  const slot = (r: { startMs: number }) => Math.round((r.startMs - dayStart) / 900_000);
  const queues = Object.keys(model.queues);
  const rates = queues.map(() => new Array<number>(96).fill(0));
  const ahts = queues.map(() => new Array<number>(96).fill(300));
  for (const r of rows) {
    const q = queues.indexOf(r.queue);
    rates[q]![slot(r)] = r.calls / 900;
    ahts[q]![slot(r)] = r.ahtSeconds;
  }
  const groups = Object.keys(model.groups).map((group) => {
    const values = new Array<number>(96).fill(0);
    for (const g of result.groups) if (g.group === group) values[slot(g)] = g.agents;
    return { group, agents: step(values) };
  });
  return simulateRouting({
    routing: model,
    streams: queues.map((queue, q) => ({
      queue,
      rate: step(rates[q]!),
      ahtSeconds: step(ahts[q]!),
    })),
    groups,
    report: { startMs: dayStart, intervalSeconds: DAY_MS / 1000, count: 1 },
    runs: 40,
    seed,
  });
}

describe("staffRoutedInterval", () => {
  it("one queue on one group is the single-queue engine (Erlang A), exactly", () => {
    const model = parseRouting({
      queues: { sales: { serviceLevel: 0.8, slSeconds: 20, patienceSeconds: 120 } },
      groups: { team: { serves: [{ queue: "sales" }] } },
    });
    for (const calls of [5, 40, 200, 900]) {
      const r = staffRoutedInterval(model, { sales: { calls, ahtSeconds: 240 } }, 900);
      const alone = staffInterval({
        calls,
        intervalSeconds: 900,
        ahtSeconds: 240,
        targets: { serviceLevel: { fraction: 0.8, seconds: 20 } },
        slSeconds: 20,
        patienceSeconds: 120,
      });
      expect(r.agents["team"]).toBe(alone.agents);
      expect(r.queues["sales"]!.method).toBe("exact");
      expect(r.met).toBe(true);
    }
  });

  it("with no simulation budget left, stands on the evaluation and says so", () => {
    const loads = { vip: { calls: 10, ahtSeconds: 300 }, orders: { calls: 100, ahtSeconds: 250 } };
    const budget = { calls: 0 };
    const r = staffRoutedInterval(routing, loads, 900, { budget });
    expect(Object.values(r.queues).map((q) => q.method)).toEqual([
      "approximation",
      "approximation",
    ]);
    expect(budget.calls).toBe(0);
    // with a budget, the checks spend it (each at most about 35,000 calls)
    const some = { calls: 1e6 };
    const checked = staffRoutedInterval(routing, loads, 900, { budget: some });
    expect(Object.values(checked.queues).map((q) => q.method)).toEqual([
      "simulation",
      "simulation",
    ]);
    expect(some.calls).toBeLessThan(1e6);
    expect(1e6 - some.calls).toBeLessThanOrEqual(ROUTED_STAFFING_LIMITS.checksPerInterval * 35_000);
  });

  it("no calls: no agents, even for a group with a floor", () => {
    const r = staffRoutedInterval(routing, { vip: { calls: 0, ahtSeconds: 300 } }, 900);
    expect(r.agents).toEqual({ vipdesk: 0, sales: 0, service: 0 });
  });
});

describe("staffRouting on a day of the TV-shopping example", () => {
  it("meets every interval's targets in its own checks", () => {
    expect(staffed().unmetStartsMs).toEqual([]);
    expect(
      staffed()
        .queues.filter((q) => q.calls > 0)
        .every((q) => q.method === "simulation"),
    ).toBe(true);
  });

  it("every queue meets its targets in a separate simulation with fresh seeds (95 % interval or better)", () => {
    const sim = checkDay(routing, staffed(), 2026);
    for (const [name, q] of Object.entries(routing.queues)) {
      const got = sim.total.queues[name]!;
      expect(got.serviceLevelCi![1], `${name} service level`).toBeGreaterThanOrEqual(
        q.serviceLevel ?? 0.8,
      );
      if (q.maxAbandonRate !== undefined)
        expect(got.abandonRateCi![0], `${name} abandonment`).toBeLessThanOrEqual(q.maxAbandonRate);
    }
  });

  it("uses no more agent-hours than staffing each queue alone, and no fewer than one all-skills pool", () => {
    const { staffed: hours, pooled, separate } = staffed().agentHours;
    expect(hours).toBeLessThanOrEqual(separate);
    expect(hours).toBeGreaterThanOrEqual(pooled);
  });

  it("writes scheduled agents as ceil(agents / (1 - shrinkage))", () => {
    for (const g of staffed().groups)
      expect(g.scheduledAgents).toBe(g.agents === 0 ? 0 : Math.ceil(g.agents / 0.9 - 1e-9));
  });

  it("staffs intervals with the same loads once, and gives the same answer on any number of threads", async () => {
    const calls: number[] = [];
    // worker threads run the built package (dist/, brought up to date with src/ by the global
    // setup, test/support/build-dist.ts), as users run it
    const built = (await import("staffcast/erlang")) as unknown as {
      staffRoutingParallel: typeof staffRoutingParallel;
    };
    const again = await built.staffRoutingParallel(
      { routing, intervalSeconds: 900, rows, onProgress: (_, total) => calls.push(total) },
      { threads: 2 },
    );
    expect(again).toEqual(staffed());
    // the calling thread staffed its share of the distinct loads (the night's empty intervals
    // are one load), a worker the rest
    expect(calls.at(-1)!).toBeLessThan(96 / 2);
  });

  it("refuses an interval beyond the staffing ranges, naming it", () => {
    expect(() =>
      staffRouting({
        routing,
        intervalSeconds: 900,
        rows: [{ startMs: dayStart, queue: "orders", calls: 40_000, ahtSeconds: 300 }],
      }),
    ).toThrow(/the interval at 2003-10-20T00:00:00.000Z: .*above 10000 Erlangs/);
  });

  it("refuses a queue the routing lacks, and two rows of one queue at one time", () => {
    expect(() =>
      staffRouting({ routing, intervalSeconds: 900, rows: [{ startMs: 0, queue: "x", calls: 1 }] }),
    ).toThrow('queue "x" is not in the routing');
    expect(() =>
      staffRouting({
        routing,
        intervalSeconds: 900,
        rows: [
          { startMs: 0, queue: "vip", calls: 1, ahtSeconds: 100 },
          { startMs: 0, queue: "vip", calls: 2, ahtSeconds: 100 },
        ],
      }),
    ).toThrow("two rows");
  });
});
