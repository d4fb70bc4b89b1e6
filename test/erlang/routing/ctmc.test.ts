/**
 * The exact two-class chains against ../shared/research/multiskill.md §2.5 P3–P6 (exact
 * outputs: half a unit of the printed digit; simulated service levels: the note's simulation
 * range widened by 0.002, since two seeds of simulation are not exact) and against the closed
 * forms of priority.ts (P3, to 1e-9).
 */
import { describe, expect, it } from "vitest";
import {
  erlangAMetrics,
  erlangCMetrics,
  priorityQueueMetrics,
  solvePriorityCtmc,
  solveVipOverflowCtmc,
  type CtmcClass,
} from "../../../src/erlang/index.ts";
import { expectClose } from "../../support/approx.ts";
import { expectPrinted } from "./printed.ts";

const PER_MIN = 1 / 60;
const noPatience: [CtmcClass, CtmcClass] = [
  { callsPerSecond: PER_MIN },
  { callsPerSecond: 8 * PER_MIN },
];
const patience: [CtmcClass, CtmcClass] = [
  { callsPerSecond: PER_MIN, patienceSeconds: 180 },
  { callsPerSecond: 8 * PER_MIN, patienceSeconds: 120 },
];
const minutes = (s: number): number => s / 60;
const inRange = (v: number, lo: number, hi: number, label: string): void => {
  expect(v, label).toBeGreaterThanOrEqual(lo - 0.002);
  expect(v, label).toBeLessThanOrEqual(hi + 0.002);
};

describe("one pool, two priority classes", () => {
  it("reproduces the P3 closed forms to 1e-9 (multiskill.md §2.5 P3, priority.ts)", () => {
    for (const c of [29, 30, 31]) {
      const r = solvePriorityCtmc({ agents: c, ahtSeconds: 180, classes: noPatience });
      const p = priorityQueueMetrics(c, [PER_MIN, 8 * PER_MIN], 180, 20);
      for (const k of [0, 1] as const) {
        expectClose(
          r.classes[k].waitProbability,
          p.waitProbability,
          { abs: 1e-9 },
          `c=${c} P(wait)`,
        );
        expectClose(
          r.classes[k].meanWaitSeconds,
          p.classes[k]!.meanWaitSeconds,
          { abs: 1e-9 },
          `c=${c} Wq`,
        );
        expect(r.classes[k].abandonRate).toBe(0);
      }
      expectClose(r.classes[0].serviceLevel, p.topServiceLevel, { abs: 1e-9 }, `c=${c} SL_VIP`);
      expectClose(r.occupancy[0]!, p.occupancy, { abs: 1e-9 }, `c=${c} occupancy`);
    }
  });

  it("multiskill.md §2.5 P3: SL_reg inside the simulated 0.652–0.659", () => {
    const r = solvePriorityCtmc({ agents: 30, ahtSeconds: 180, classes: noPatience });
    inRange(r.classes[1].serviceLevel, 0.652, 0.659, "P3 SL_reg");
  });

  it("multiskill.md §2.5 P4: P3 with patience 3 / 2 min", () => {
    const r = solvePriorityCtmc({ agents: 30, ahtSeconds: 180, classes: patience });
    expectPrinted(r.classes[0].waitProbability, "0.281570", "P4 P(all busy)");
    expectPrinted(r.classes[1].waitProbability, "0.281570", "P4 P(all busy)");
    expectPrinted(r.classes[0].abandonRate, "0.009983", "P4 P(ab) VIP");
    expectPrinted(r.classes[1].abandonRate, "0.043645", "P4 P(ab) reg");
    expectPrinted(minutes(r.classes[0].meanWaitSeconds), "0.029949", "P4 wait VIP");
    expectPrinted(minutes(r.classes[1].meanWaitSeconds), "0.087289", "P4 wait reg");
    inRange(r.classes[0].serviceLevel, 0.9782, 0.9782, "P4 SL_VIP (simulated)");
    inRange(r.classes[1].serviceLevel, 0.8667, 0.867, "P4 SL_reg (simulated)");
  });

  it("one class without calls is Erlang C/A of the other (erlang-c.ts, erlang-a.ts)", () => {
    const c = erlangCMetrics(14, 10, 180, 20);
    const r = solvePriorityCtmc({
      agents: 14,
      ahtSeconds: 180,
      classes: [{ callsPerSecond: 0 }, { callsPerSecond: 10 / 180 }],
    });
    expectClose(r.classes[1].serviceLevel, c.serviceLevel, { abs: 1e-9 }, "SL");
    expectClose(r.classes[1].meanWaitSeconds, c.asaSeconds, { abs: 1e-8 }, "ASA");
    expectClose(r.classes[0].waitProbability, c.probWait, { abs: 1e-12 }, "P(wait) of no calls");
    expect(r.classes[0].serviceLevel).toBe(1);
    const a = erlangAMetrics({
      agents: 14,
      load: 10,
      ahtSeconds: 180,
      patienceSeconds: 300,
      slSeconds: 20,
    });
    const ra = solvePriorityCtmc({
      agents: 14,
      ahtSeconds: 180,
      classes: [{ callsPerSecond: 10 / 180, patienceSeconds: 300 }, { callsPerSecond: 0 }],
    });
    expectClose(ra.classes[0].abandonRate, a.abandonRate, { abs: 1e-9 }, "P(ab)");
    expectClose(ra.classes[0].serviceLevel, a.serviceLevel, { abs: 1e-9 }, "SL");
    expectClose(ra.classes[0].meanWaitSeconds, a.asaSeconds, { abs: 1e-8 }, "ASA");
  });

  it("refuses an unstable class without patience and too many states", () => {
    const base = { agents: 10, ahtSeconds: 60 };
    expect(() =>
      solvePriorityCtmc({ ...base, classes: [{ callsPerSecond: 0.2 }, { callsPerSecond: 0 }] }),
    ).toThrow(RangeError);
    expect(() =>
      solvePriorityCtmc({ ...base, classes: [{ callsPerSecond: 0.1 }, { callsPerSecond: 0.1 }] }),
    ).toThrow(RangeError);
    expect(() =>
      solvePriorityCtmc({
        agents: 0,
        ahtSeconds: 60,
        classes: [
          { callsPerSecond: 1e3, patienceSeconds: 1e5 },
          { callsPerSecond: 1e3, patienceSeconds: 1e5 },
        ],
      }),
    ).toThrow(RangeError);
    // with patience, overload has a steady state
    const over = solvePriorityCtmc({
      ...base,
      classes: [
        { callsPerSecond: 0.1, patienceSeconds: 60 },
        { callsPerSecond: 0.2, patienceSeconds: 60 },
      ],
    });
    expect(over.classes[1].abandonRate).toBeGreaterThan(0.3);
    expect(over.occupancy[0]).toBeLessThanOrEqual(1);
  });
});

describe("N-design: VIP group + general group, VIP first", () => {
  it("multiskill.md §2.5 P5: 4 VIP + 26 general agents, no abandonment", () => {
    const r = solveVipOverflowCtmc({
      vipAgents: 4,
      generalAgents: 26,
      ahtSeconds: 180,
      classes: noPatience,
    });
    expectPrinted(r.classes[0].waitProbability, "0.162246", "P5 P(VIP waits)");
    expectPrinted(r.classes[1].waitProbability, "0.703685", "P5 P(reg waits)");
    expectPrinted(minutes(r.classes[0].meanWaitSeconds), "0.018027", "P5 wait VIP");
    expectPrinted(minutes(r.classes[1].meanWaitSeconds), "1.548678", "P5 wait reg");
    expectPrinted(r.occupancy[0]!, "0.6020", "P5 VIP-group occupancy");
    inRange(r.classes[0].serviceLevel, 0.9917, 0.9921, "P5 SL_VIP (simulated)");
    // the note's simulation of the regular queue converged slowly (its mean wait 1.58–1.61 min
    // against the exact 1.548678), so its SL_reg 0.389–0.392 is only a loose check here
    expect(r.classes[1].serviceLevel).toBeGreaterThan(0.385);
    expect(r.classes[1].serviceLevel).toBeLessThan(0.4);
  });

  it("multiskill.md §2.5 P6: P5 with patience 3 / 2 min", () => {
    const r = solveVipOverflowCtmc({
      vipAgents: 4,
      generalAgents: 26,
      ahtSeconds: 180,
      classes: patience,
    });
    expectPrinted(r.classes[0].waitProbability, "0.092728", "P6 P(VIP waits)");
    expectPrinted(r.classes[1].waitProbability, "0.379444", "P6 P(reg waits)");
    expectPrinted(r.classes[0].abandonRate, "0.003288", "P6 P(ab) VIP");
    expectPrinted(r.classes[1].abandonRate, "0.064224", "P6 P(ab) reg");
    expectPrinted(minutes(r.classes[0].meanWaitSeconds), "0.009863", "P6 wait VIP");
    expectPrinted(minutes(r.classes[1].meanWaitSeconds), "0.128449", "P6 wait reg");
    expectPrinted(r.occupancy[0]!, "0.5990", "P6 VIP-group occupancy");
    inRange(r.classes[0].serviceLevel, 0.993, 0.993, "P6 SL_VIP (simulated)");
    inRange(r.classes[1].serviceLevel, 0.8025, 0.8037, "P6 SL_reg (simulated)");
  });

  it("without VIP agents is the one-pool chain on the general group", () => {
    for (const classes of [noPatience, patience]) {
      const vip = solveVipOverflowCtmc({
        vipAgents: 0,
        generalAgents: 30,
        ahtSeconds: 180,
        classes,
      });
      const pool = solvePriorityCtmc({ agents: 30, ahtSeconds: 180, classes });
      for (const k of [0, 1] as const)
        for (const key of [
          "waitProbability",
          "abandonRate",
          "meanWaitSeconds",
          "serviceLevel",
        ] as const)
          expectClose(
            vip.classes[k][key],
            pool.classes[k][key],
            { abs: 1e-9, rel: 1e-9 },
            `${k} ${key}`,
          );
    }
  });

  it("refuses a regular queue without patience that the general group cannot keep up with", () => {
    expect(() =>
      solveVipOverflowCtmc({
        vipAgents: 1,
        generalAgents: 10,
        ahtSeconds: 60,
        classes: [{ callsPerSecond: 0.05 }, { callsPerSecond: 0.17 }],
      }),
    ).toThrow(RangeError);
  });
});
