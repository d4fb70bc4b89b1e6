/**
 * The routed simulator against exact values: the reference cases of
 * ../shared/research/multiskill.md §2.5 (P3 to P6: closed forms and exact CTMC solutions
 * computed for that note) and Erlang C/A for one queue on one group.
 *
 * Steady state by batch means: one long run at constant rates, warmed up for an hour (not
 * counted), each reporting interval a batch; the exact value must lie inside the 95 % t
 * interval of the batch means. Mean waits of a heavily loaded class converge slowly (the note's
 * own simulation misses P5's regular mean wait by 2-4 %), so those cases run longer (60 days).
 */
import { describe, expect, it } from "vitest";
import {
  erlangAMetrics,
  erlangCMetrics,
  parseRouting,
  simulateRouting,
} from "../../../src/erlang/index.ts";
import type { RoutingModel } from "../../../src/erlang/index.ts";
import { meanCi } from "../../../src/math/random.ts";

const HOUR = 3600;
const WARM_UP_S = HOUR;
const BATCH_S = 12 * HOUR;

interface Steady {
  /** Per queue, the batch values of a metric. */
  batches(queue: string, metric: "serviceLevel" | "asaSeconds" | "abandonRate"): number[];
  occupancy(group: string): number[];
}

/** One run of `days` days at constant rates (calls per minute), batches of 12 hours. */
function steady(
  routing: RoutingModel,
  perMinute: Record<string, number>,
  agents: Record<string, number>,
  days: number,
  seed = 7,
): Steady {
  const count = (days * 24 * HOUR) / BATCH_S;
  const span = WARM_UP_S + count * BATCH_S;
  const flat = (v: number) => ({ startMs: 0, stepSeconds: span, values: [v] });
  const r = simulateRouting({
    routing,
    streams: Object.entries(perMinute).map(([queue, m]) => ({ queue, rate: flat(m / 60) })),
    groups: Object.entries(agents).map(([group, n]) => ({ group, agents: flat(n) })),
    report: { startMs: WARM_UP_S * 1000, intervalSeconds: BATCH_S, count },
    dayStartsMs: [0],
    runs: 1,
    seed,
  });
  return {
    batches: (queue, metric) => r.intervals.filter((i) => i.queue === queue).map((i) => i[metric]!),
    occupancy: (group) =>
      r.groupIntervals.filter((i) => i.group === group).map((i) => i.occupancy!),
  };
}

/** The exact value lies inside the 95 % interval of the batch means. */
function expectInside(values: readonly number[], exact: number): void {
  const { low, high } = meanCi(values);
  expect(exact, `95 % interval [${low}, ${high}]`).toBeGreaterThanOrEqual(low);
  expect(exact).toBeLessThanOrEqual(high);
}

// multiskill.md §2.5: VIP 1/min, regular 8/min, AHT 3 min; VIP priority 1, regular 2
const aht = 180;
const onePool = (sl: number, patience?: [number, number]) =>
  parseRouting({
    queues: {
      vip: {
        priority: 1,
        ahtSeconds: aht,
        slSeconds: sl,
        ...(patience ? { patienceSeconds: patience[0] } : {}),
      },
      regular: {
        priority: 2,
        ahtSeconds: aht,
        slSeconds: sl,
        ...(patience ? { patienceSeconds: patience[1] } : {}),
      },
    },
    groups: { pool: { serves: [{ queue: "vip" }, { queue: "regular" }] } },
  });
// the N-design: a VIP group answers VIP only; the general group answers both, VIP first. A VIP
// call prefers the VIP group: it ranks second in the general group's list.
const nDesign = (sl: number, patience?: [number, number]) =>
  parseRouting({
    queues: {
      vip: {
        priority: 1,
        ahtSeconds: aht,
        slSeconds: sl,
        ...(patience ? { patienceSeconds: patience[0] } : {}),
      },
      regular: {
        priority: 2,
        ahtSeconds: aht,
        slSeconds: sl,
        ...(patience ? { patienceSeconds: patience[1] } : {}),
      },
    },
    groups: {
      vipdesk: { serves: [{ queue: "vip" }] },
      general: { serves: [{ queue: "regular" }, { queue: "vip" }] },
    },
  });
const rates = { vip: 1, regular: 8 };

describe("one pool with non-preemptive priorities (multiskill.md §2.5 P3, exact closed forms)", () => {
  it("P(wait) = C(30, 27) = 0.471408 for both classes", () => {
    // with T = 0 s, the service level is the share answered at once: 1 - P(wait)
    const s = steady(onePool(0), rates, { pool: 30 }, 20);
    expectInside(
      s.batches("vip", "serviceLevel").map((v) => 1 - v),
      0.471408,
    );
    expectInside(
      s.batches("regular", "serviceLevel").map((v) => 1 - v),
      0.471408,
    );
  });
  it("mean waits 0.052379 min (VIP) and 0.523787 min (regular); VIP SL(20 s) = 0.97653", () => {
    const s = steady(onePool(20), rates, { pool: 30 }, 40);
    expectInside(s.batches("vip", "asaSeconds"), 0.052379 * 60);
    expectInside(s.batches("regular", "asaSeconds"), 0.523787 * 60);
    expectInside(s.batches("vip", "serviceLevel"), 0.97653);
  });
});

describe("one pool with priorities and abandonment (multiskill.md §2.5 P4, exact CTMC)", () => {
  it("P(all busy) 0.281570, P(ab) 0.009983 / 0.043645, mean waits 0.029949 / 0.087289 min", () => {
    const s0 = steady(onePool(0, [180, 120]), rates, { pool: 30 }, 20);
    // an arrival finding all busy is not answered at once: 1 - SL(0)
    expectInside(
      s0.batches("vip", "serviceLevel").map((v) => 1 - v),
      0.28157,
    );
    expectInside(s0.batches("regular", "abandonRate"), 0.043645);
    expectInside(s0.batches("vip", "abandonRate"), 0.009983);
    expectInside(s0.batches("vip", "asaSeconds"), 0.029949 * 60);
    expectInside(s0.batches("regular", "asaSeconds"), 0.087289 * 60);
  });
});

describe("a VIP group of 4 and a general group of 26 (multiskill.md §2.5 P5-P6, exact CTMC)", () => {
  it("P5: P(VIP waits) 0.162246, P(regular waits) 0.703685, VIP occupancy 0.6020", () => {
    const s = steady(nDesign(0), rates, { vipdesk: 4, general: 26 }, 20);
    expectInside(
      s.batches("vip", "serviceLevel").map((v) => 1 - v),
      0.162246,
    );
    expectInside(
      s.batches("regular", "serviceLevel").map((v) => 1 - v),
      0.703685,
    );
    expectInside(s.occupancy("vipdesk"), 0.602);
  });
  it("P5 mean waits 0.018027 min (VIP) and 1.548678 min (regular; heavy load: 60 days)", () => {
    const s = steady(nDesign(20), rates, { vipdesk: 4, general: 26 }, 60);
    expectInside(s.batches("vip", "asaSeconds"), 0.018027 * 60);
    expectInside(s.batches("regular", "asaSeconds"), 1.548678 * 60);
  });
  it("P6: P(waits) 0.092728 / 0.379444, P(ab) 0.003288 / 0.064224, mean waits 0.009863 / 0.128449 min", () => {
    const s = steady(nDesign(0, [180, 120]), rates, { vipdesk: 4, general: 26 }, 20);
    expectInside(
      s.batches("vip", "serviceLevel").map((v) => 1 - v),
      0.092728,
    );
    expectInside(
      s.batches("regular", "serviceLevel").map((v) => 1 - v),
      0.379444,
    );
    expectInside(s.batches("vip", "abandonRate"), 0.003288);
    expectInside(s.batches("regular", "abandonRate"), 0.064224);
    expectInside(s.batches("vip", "asaSeconds"), 0.009863 * 60);
    expectInside(s.batches("regular", "asaSeconds"), 0.128449 * 60);
    expectInside(s.occupancy("vipdesk"), 0.599);
  });
});

describe("one queue on one group is Erlang C / Erlang A", () => {
  // 100 calls per 30 min, AHT 180 s: A = 10 E on 12 agents, 80/20 (erlangCMetrics, erlangAMetrics)
  const single = (patienceSeconds?: number) =>
    parseRouting({
      queues: {
        sales: { ahtSeconds: 180, slSeconds: 20, ...(patienceSeconds ? { patienceSeconds } : {}) },
      },
      groups: { team: { serves: [{ queue: "sales" }] } },
    });
  it("Erlang C: service level, ASA and occupancy", () => {
    const exact = erlangCMetrics(12, 10, 180, 20);
    const s = steady(single(), { sales: 100 / 30 }, { team: 12 }, 20);
    expectInside(s.batches("sales", "serviceLevel"), exact.serviceLevel);
    expectInside(s.batches("sales", "asaSeconds"), exact.asaSeconds);
    expectInside(s.occupancy("team"), exact.occupancy);
  });
  it("Erlang A: service level, ASA and abandonment", () => {
    const exact = erlangAMetrics({
      agents: 10,
      load: 10,
      ahtSeconds: 180,
      patienceSeconds: 120,
      slSeconds: 20,
    });
    const s = steady(single(120), { sales: 100 / 30 }, { team: 10 }, 20);
    expectInside(s.batches("sales", "serviceLevel"), exact.serviceLevel);
    expectInside(s.batches("sales", "asaSeconds"), exact.asaSeconds);
    expectInside(s.batches("sales", "abandonRate"), exact.abandonRate);
  });
});

describe("rejections", () => {
  it("a reject share is drawn before queueing, reported apart, never offered", () => {
    const routing = parseRouting({
      queues: { orders: { ahtSeconds: 180, rejectShare: 0.2 } },
      groups: { sales: { serves: [{ queue: "orders" }] } },
    });
    const flat = (v: number) => ({ startMs: 0, stepSeconds: 86_400, values: [v] });
    const r = simulateRouting({
      routing,
      streams: [{ queue: "orders", rate: flat(10 / 60) }],
      groups: [{ group: "sales", agents: flat(40) }],
      report: { startMs: 0, intervalSeconds: 86_400, count: 1 },
      runs: 4,
    });
    const q = r.total.queues["orders"]!;
    // 14,400 calls a day: 20 % refused within a few standard deviations (sd of the share 0.003)
    expect(q.rejected / (q.rejected + q.calls)).toBeCloseTo(0.2, 1);
    expect(Math.abs(q.rejected / (q.rejected + q.calls) - 0.2)).toBeLessThan(0.01);
    expect(r.total.rejected).toBe(q.rejected);
    expect(q.serviceLevel).toBeGreaterThan(0.99);
  });
});
