/**
 * evaluateRouting: exact routes against Erlang C/A (erlang-c.ts, erlang-a.ts), the priority
 * closed forms and the chain (multiskill.md §2.5 P3, P4); the approximation on the N-design
 * (P5, P6, only as a sanity band: it is an approximation); properties: values in [0, 1], no
 * NaN, monotone in the agents of every group serving a queue.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  erlangAMetrics,
  erlangCMetrics,
  evaluateRouting,
  parseRouting,
  simulateRouting,
  type RoutingEvaluation,
} from "../../../src/erlang/index.ts";
import { expectClose } from "../../support/approx.ts";
import { expectPrinted } from "./printed.ts";

const perMinute = (calls: number) => ({ callsPerSecond: calls / 60, ahtSeconds: 180 });

describe("exact routes", () => {
  it("one queue on one group is Erlang C, or Erlang A with patience", () => {
    for (const agents of [0, 9, 10, 11, 14, 20]) {
      const c = parseRouting({
        queues: { q: { slSeconds: 20 } },
        groups: { g: { serves: [{ queue: "q" }] } },
      });
      const r = evaluateRouting(
        c,
        { q: { callsPerSecond: 100 / 1800, ahtSeconds: 180 } },
        { g: agents },
      );
      const e = erlangCMetrics(agents, 10, 180, 20);
      expect(r.queues["q"]).toEqual({
        serviceLevel: e.serviceLevel,
        asaSeconds: e.asaSeconds,
        abandonRate: 0,
        waitProbability: e.probWait,
        method: "exact",
      });
      expect(r.groups["g"]!.occupancy).toBe(agents === 0 ? 0 : e.occupancy);
      const a = parseRouting({
        queues: { q: { slSeconds: 20, patienceSeconds: 300 } },
        groups: { g: { serves: [{ queue: "q" }] } },
      });
      const ra = evaluateRouting(
        a,
        { q: { callsPerSecond: 100 / 1800, ahtSeconds: 180 } },
        { g: agents },
      );
      const ea = erlangAMetrics({
        agents,
        load: 10,
        ahtSeconds: 180,
        patienceSeconds: 300,
        slSeconds: 20,
      });
      expect(ra.queues["q"]).toEqual({
        serviceLevel: ea.serviceLevel,
        asaSeconds: ea.asaSeconds,
        abandonRate: ea.abandonRate,
        waitProbability: ea.probWait,
        method: "exact",
      });
    }
  });

  const pool = (patience: boolean) =>
    parseRouting({
      queues: {
        vip: { priority: 1, ...(patience ? { patienceSeconds: 180 } : {}) },
        reg: { priority: 2, ...(patience ? { patienceSeconds: 120 } : {}) },
      },
      groups: { all: { serves: [{ queue: "vip" }, { queue: "reg" }] } },
    });

  it("multiskill.md §2.5 P3 through the priority closed forms", () => {
    const r = evaluateRouting(pool(false), { vip: perMinute(1), reg: perMinute(8) }, { all: 30 });
    expectPrinted(r.queues["vip"]!.waitProbability, "0.471408", "P3 C");
    expectPrinted(r.queues["vip"]!.asaSeconds / 60, "0.052379", "P3 Wq_VIP");
    expectPrinted(r.queues["reg"]!.asaSeconds / 60, "0.523787", "P3 Wq_reg");
    expectPrinted(r.queues["vip"]!.serviceLevel, "0.97653", "P3 SL_VIP");
    expect(r.queues["vip"]!.method).toBe("exact");
    // lower class: exponential wait given waiting (approximation); simulated 0.652–0.659
    expect(r.queues["reg"]!.method).toBe("approximation");
    expect(Math.abs(r.queues["reg"]!.serviceLevel - 0.655)).toBeLessThan(0.01);
    expectPrinted(r.groups["all"]!.occupancy, "0.9", "P3 occupancy 27/30");
  });

  it("multiskill.md §2.5 P4 through the chain", () => {
    const r = evaluateRouting(pool(true), { vip: perMinute(1), reg: perMinute(8) }, { all: 30 });
    expectPrinted(r.queues["vip"]!.abandonRate, "0.009983", "P4 P(ab) VIP");
    expectPrinted(r.queues["reg"]!.abandonRate, "0.043645", "P4 P(ab) reg");
    expectPrinted(r.queues["reg"]!.asaSeconds / 60, "0.087289", "P4 wait reg");
    expectPrinted(r.queues["reg"]!.waitProbability, "0.281570", "P4 P(all busy)");
    expect(r.queues["reg"]!.method).toBe("exact");
  });

  it("separate teams are each exact: Erlang A and Erlang C side by side", () => {
    const model = parseRouting({
      queues: { a: { patienceSeconds: 120, slSeconds: 20 }, b: { slSeconds: 30, priority: 1 } },
      groups: { ta: { serves: [{ queue: "a" }] }, tb: { serves: [{ queue: "b" }] } },
    });
    const r = evaluateRouting(
      model,
      { a: { callsPerSecond: 100 / 1800, ahtSeconds: 180 }, b: perMinute(2) },
      { ta: 10, tb: 9 },
    );
    const a = erlangAMetrics({
      agents: 10,
      load: 10,
      ahtSeconds: 180,
      patienceSeconds: 120,
      slSeconds: 20,
    });
    const b = erlangCMetrics(9, 6, 180, 30);
    expect(r.queues["a"]).toMatchObject({
      serviceLevel: a.serviceLevel,
      abandonRate: a.abandonRate,
      method: "exact",
    });
    expect(r.queues["b"]).toMatchObject({
      serviceLevel: b.serviceLevel,
      asaSeconds: b.asaSeconds,
      method: "exact",
    });
    expect(r.groups["ta"]!.occupancy).toBeCloseTo(a.occupancy, 12);
    expect(r.groups["tb"]!.occupancy).toBeCloseTo(b.occupancy, 12);
  });

  it("overload without patience: SL 0, P(wait) 1, ASA Infinity; no calls: idle", () => {
    const r = evaluateRouting(pool(false), { vip: perMinute(1), reg: perMinute(20) }, { all: 30 });
    expect(r.queues["reg"]).toMatchObject({
      serviceLevel: 0,
      waitProbability: 1,
      asaSeconds: Infinity,
    });
    expect(r.queues["vip"]!.asaSeconds).toBeLessThan(Infinity); // served first, still stable
    const idle = evaluateRouting(pool(false), { vip: perMinute(0), reg: perMinute(0) }, { all: 3 });
    expect(idle.queues["vip"]).toMatchObject({
      serviceLevel: 1,
      asaSeconds: 0,
      waitProbability: 0,
    });
    expect(idle.groups["all"]!.occupancy).toBe(0);
  });

  it("refuses missing loads and agents", () => {
    expect(() => evaluateRouting(pool(false), { vip: perMinute(1) }, { all: 3 })).toThrow(
      RangeError,
    );
    expect(() =>
      evaluateRouting(pool(false), { vip: perMinute(1), reg: perMinute(1) }, {}),
    ).toThrow(RangeError);
    expect(() =>
      evaluateRouting(pool(false), { vip: perMinute(1), reg: perMinute(1) }, { all: 2.5 }),
    ).toThrow(RangeError);
  });
});

describe("the approximation", () => {
  const nDesign = (patience: boolean) =>
    parseRouting({
      queues: {
        vip: { priority: 1, ...(patience ? { patienceSeconds: 180 } : {}) },
        reg: { priority: 2, ...(patience ? { patienceSeconds: 120 } : {}) },
      },
      groups: {
        vipGroup: { serves: [{ queue: "vip" }] },
        general: { serves: [{ queue: "reg" }, { queue: "vip" }] },
      },
    });

  it("stays near the exact N-design (multiskill.md §2.5 P5, P6) for the regular queue", () => {
    const p5 = evaluateRouting(
      nDesign(false),
      { vip: perMinute(1), reg: perMinute(8) },
      { vipGroup: 4, general: 26 },
    );
    expect(p5.queues["reg"]!.method).toBe("approximation");
    expect(Math.abs(p5.queues["reg"]!.waitProbability - 0.703685)).toBeLessThan(0.03);
    expect(Math.abs(p5.queues["reg"]!.serviceLevel - 0.396)).toBeLessThan(0.03); // exact chain
    const p6 = evaluateRouting(
      nDesign(true),
      { vip: perMinute(1), reg: perMinute(8) },
      { vipGroup: 4, general: 26 },
    );
    expect(Math.abs(p6.queues["reg"]!.abandonRate - 0.064224)).toBeLessThan(0.005);
    expect(Math.abs(p6.queues["reg"]!.serviceLevel - 0.8024)).toBeLessThan(0.01);
    expectClose(p5.groups["vipGroup"]!.occupancy, 0.602, { abs: 0.01 }, "P5 VIP occupancy");
  });
});

/** Random designs: 2–3 queues, 2–3 groups, random skills, order, delays, priorities, patience. */
const design = fc
  .record({
    queues: fc.array(
      fc.record({
        priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        patienceSeconds: fc.option(fc.integer({ min: 10, max: 600 }), { nil: undefined }),
        slSeconds: fc.integer({ min: 0, max: 120 }),
        callsPerMinute: fc.double({ min: 0, max: 30, noNaN: true }),
        ahtSeconds: fc.integer({ min: 30, max: 600 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    groups: fc.array(
      fc.record({
        skills: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.constantFrom(0, 0, 15)), {
          minLength: 1,
          maxLength: 3,
        }),
        agents: fc.integer({ min: 0, max: 60 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    extra: fc.integer({ min: 1, max: 8 }),
  })
  .map(({ queues, groups, extra }) => {
    const names = queues.map((_, i) => `q${i}`);
    const groupDefs: Record<string, unknown> = {};
    groups.forEach((g, i) => {
      const seen = new Set<number>();
      const serves = g.skills
        .map(([q, after]) => [q % names.length, after] as const)
        .filter(([q]) => (seen.has(q) ? false : (seen.add(q), true)))
        .map(([q, after]) => ({ queue: names[q]!, afterSeconds: after }));
      groupDefs[`g${i}`] = { serves };
    });
    // every queue served: the last group also takes the queues nobody serves
    const served = new Set(
      Object.values(groupDefs).flatMap((g) =>
        (g as { serves: { queue: string }[] }).serves.map((s) => s.queue),
      ),
    );
    const last = groupDefs[`g${groups.length - 1}`] as {
      serves: { queue: string; afterSeconds: number }[];
    };
    for (const n of names) if (!served.has(n)) last.serves.push({ queue: n, afterSeconds: 0 });
    const queueDefs: Record<string, unknown> = {};
    queues.forEach((q, i) => {
      queueDefs[names[i]!] = {
        slSeconds: q.slSeconds,
        ...(q.priority === undefined ? {} : { priority: q.priority }),
        ...(q.patienceSeconds === undefined ? {} : { patienceSeconds: q.patienceSeconds }),
      };
    });
    const model = parseRouting({ queues: queueDefs, groups: groupDefs });
    const loads = Object.fromEntries(
      queues.map((q, i) => [
        names[i]!,
        { callsPerSecond: q.callsPerMinute / 60, ahtSeconds: q.ahtSeconds },
      ]),
    );
    const agents = Object.fromEntries(groups.map((g, i) => [`g${i}`, g.agents]));
    return { model, loads, agents, extra };
  });

function expectSane(r: RoutingEvaluation): void {
  for (const [name, q] of Object.entries(r.queues)) {
    for (const key of ["serviceLevel", "abandonRate", "waitProbability"] as const) {
      expect(Number.isNaN(q[key]), `${name} ${key}`).toBe(false);
      expect(q[key], `${name} ${key}`).toBeGreaterThanOrEqual(0);
      expect(q[key], `${name} ${key}`).toBeLessThanOrEqual(1);
    }
    expect(Number.isNaN(q.asaSeconds), `${name} ASA`).toBe(false);
    expect(q.asaSeconds, `${name} ASA`).toBeGreaterThanOrEqual(0);
  }
  for (const g of Object.values(r.groups)) {
    expect(g.occupancy).toBeGreaterThanOrEqual(0);
    expect(g.occupancy).toBeLessThanOrEqual(1);
  }
}

describe("properties", () => {
  test.prop([design], { numRuns: 300 })(
    "values in [0, 1], never NaN",
    ({ model, loads, agents }) => {
      expectSane(evaluateRouting(model, loads, agents));
    },
  );

  test.prop([design, fc.nat()], { numRuns: 300 })(
    "more agents in a group never make a queue it serves worse",
    ({ model, loads, agents, extra }, pick) => {
      const groupNames = Object.keys(model.groups);
      const g = groupNames[pick % groupNames.length]!;
      const before = evaluateRouting(model, loads, agents);
      const after = evaluateRouting(model, loads, { ...agents, [g]: agents[g]! + extra });
      expectSane(after);
      const tol = 1e-9;
      for (const { queue } of model.groups[g]!.serves) {
        const b = before.queues[queue]!;
        const a = after.queues[queue]!;
        expect(a.serviceLevel, `${queue} SL`).toBeGreaterThanOrEqual(b.serviceLevel - tol);
        expect(a.waitProbability, `${queue} P(wait)`).toBeLessThanOrEqual(b.waitProbability + tol);
        expect(a.abandonRate, `${queue} abandon`).toBeLessThanOrEqual(b.abandonRate + tol);
        expect(a.asaSeconds, `${queue} ASA`).toBeLessThanOrEqual(b.asaSeconds * (1 + tol) + tol);
      }
    },
  );
});

describe("the approximation against the simulator", () => {
  // The example's queues (examples/tv-shopping) at one moderate load, simulated 30 days at
  // steady state (batch of the whole run; about 210,000 calls): the approximation is the search's
  // guide, not its judge, and these bounds say how good a guide it is.
  const loads = {
    vip: { callsPerSecond: 8 / 900, ahtSeconds: 300 },
    orders: { callsPerSecond: 50 / 900, ahtSeconds: 240 },
    aftersales: { callsPerSecond: 15 / 900, ahtSeconds: 300 },
  };
  const queues = {
    vip: { priority: 1, serviceLevel: 0.9, slSeconds: 10, patienceSeconds: 180 },
    orders: { priority: 2, serviceLevel: 0.8, slSeconds: 20, patienceSeconds: 120 },
    aftersales: { priority: 3, serviceLevel: 0.7, slSeconds: 60 },
  };
  const simulated = (routing: ReturnType<typeof parseRouting>, agents: Record<string, number>) => {
    const span = 30 * 86_400 + 3600;
    const flat = (v: number) => ({ startMs: 0, stepSeconds: span, values: [v] });
    return simulateRouting({
      routing,
      streams: Object.entries(loads).map(([queue, l]) => ({
        queue,
        rate: flat(l.callsPerSecond),
        ahtSeconds: l.ahtSeconds,
      })),
      groups: Object.entries(agents).map(([group, n]) => ({ group, agents: flat(n) })),
      report: { startMs: 3_600_000, intervalSeconds: 30 * 86_400, count: 1 },
      dayStartsMs: [0],
      runs: 1,
      seed: 3,
    }).total.queues;
  };

  it("one pool with VIP priority and unequal AHT: each service level within 0.15", () => {
    const routing = parseRouting({
      queues,
      groups: { all: { serves: [{ queue: "vip" }, { queue: "orders" }, { queue: "aftersales" }] } },
    });
    for (const n of [24, 27]) {
      const a = evaluateRouting(routing, loads, { all: n });
      const s = simulated(routing, { all: n });
      for (const q of Object.keys(loads)) {
        expect(a.queues[q]!.method).toBe("approximation");
        expect(
          Math.abs(a.queues[q]!.serviceLevel - s[q]!.serviceLevel!),
          `${q} at ${n}`,
        ).toBeLessThan(0.15);
      }
    }
  });

  it("the example's mixed routing: the top queue within 0.2, optimistic; calibration is needed", () => {
    const routing = parseRouting({
      queues,
      groups: {
        vipdesk: { serves: [{ queue: "vip" }, { queue: "orders" }] },
        sales: { serves: [{ queue: "orders" }, { queue: "vip", afterSeconds: 15 }] },
        service: { serves: [{ queue: "aftersales" }, { queue: "orders", afterSeconds: 60 }] },
      },
    });
    const agents = { vipdesk: 7, sales: 14, service: 6 };
    const a = evaluateRouting(routing, loads, agents);
    const s = simulated(routing, agents);
    const vip = a.queues["vip"]!.serviceLevel - s["vip"]!.serviceLevel!;
    expect(vip).toBeGreaterThan(0);
    expect(vip).toBeLessThan(0.2);
  });
});
