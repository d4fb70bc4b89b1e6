/**
 * Priority closed forms against ../shared/research/multiskill.md §2.5 P1–P3b (each number names
 * its case; tolerance half a unit of the printed digit) and the conservation law of §2.1.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { priorityQueueMetrics, topClassWaitTail } from "../../../src/erlang/index.ts";
import { expectClose } from "../../support/approx.ts";
import { expectPrinted } from "./printed.ts";

// P1/P2: λ = 2 per hour split 10/30/60 %, μ = 3 per hour; the hour is the time unit here.
const HOSPITAL = [0.2, 0.6, 1.2];
const HOSPITAL_AHT_HOURS = 1 / 3;

describe("non-preemptive and preemptive priority, one pool", () => {
  it("multiskill.md §2.5 P1: c = 1, non-preemptive Wq per class (hours)", () => {
    const m = priorityQueueMetrics(1, HOSPITAL, HOSPITAL_AHT_HOURS);
    ["0.23810", "0.32468", "0.90909"].forEach((v, k) => {
      expectPrinted(m.classes[k]!.meanWaitSeconds, v, `P1 Wq_${k + 1}`);
    });
  });

  it("multiskill.md §2.5 P1b: c = 1, preemptive-resume W - 1/μ (hours)", () => {
    const m = priorityQueueMetrics(1, HOSPITAL, HOSPITAL_AHT_HOURS);
    ["0.02381", "0.15368", "1.03030"].forEach((v, k) => {
      expectPrinted(m.classes[k]!.preemptiveSojournSeconds - HOSPITAL_AHT_HOURS, v, `P1b ${k + 1}`);
    });
  });

  it("multiskill.md §2.5 P2: c = 2, C(2, 2/3) = 1/6, non-preemptive Wq (hours)", () => {
    const m = priorityQueueMetrics(2, HOSPITAL, HOSPITAL_AHT_HOURS);
    expectClose(m.waitProbability, 1 / 6, { abs: 1e-15 }, "P2 C(2, 2/3)");
    ["0.02874", "0.03316", "0.04808"].forEach((v, k) => {
      expectPrinted(m.classes[k]!.meanWaitSeconds, v, `P2 Wq_${k + 1}`);
    });
  });

  it("multiskill.md §2.5 P2b: c = 2, preemptive-resume W - 1/μ (hours)", () => {
    const m = priorityQueueMetrics(2, HOSPITAL, HOSPITAL_AHT_HOURS);
    ["0.00037", "0.00792", "0.06542"].forEach((v, k) => {
      expectPrinted(m.classes[k]!.preemptiveSojournSeconds - HOSPITAL_AHT_HOURS, v, `P2b ${k + 1}`);
    });
  });

  const P3 = [1 / 60, 8 / 60]; // VIP 1/min, regular 8/min, in calls per second; AHT 180 s

  it("multiskill.md §2.5 P3: c = 30, C, Wq (minutes) and the VIP 20 s tail", () => {
    const m = priorityQueueMetrics(30, P3, 180, 20);
    expectPrinted(m.waitProbability, "0.471408", "P3 C");
    expectPrinted(m.classes[0]!.meanWaitSeconds / 60, "0.052379", "P3 Wq_VIP");
    expectPrinted(m.classes[1]!.meanWaitSeconds / 60, "0.523787", "P3 Wq_reg");
    expectPrinted(topClassWaitTail(30, P3, 180, 20), "0.023470", "P3 P(W_VIP > 20 s)");
    expectPrinted(m.topServiceLevel, "0.97653", "P3 SL_VIP");
  });

  it("multiskill.md §2.5 P3b: c = 29 and 31", () => {
    const cases = [
      [29, "0.614622", "0.07092", "1.02831", "0.034196"],
      [31, "0.355956", "0.03814", "0.29557", "0.015858"],
    ] as const;
    for (const [c, wait, vip, reg, tail] of cases) {
      const m = priorityQueueMetrics(c, P3, 180);
      expectPrinted(m.waitProbability, wait, `P3b c=${c} C`);
      expectPrinted(m.classes[0]!.meanWaitSeconds / 60, vip, `P3b c=${c} Wq_VIP`);
      expectPrinted(m.classes[1]!.meanWaitSeconds / 60, reg, `P3b c=${c} Wq_reg`);
      expectPrinted(topClassWaitTail(c, P3, 180, 20), tail, `P3b c=${c} tail`);
    }
  });

  it("one class is Erlang C; overload keeps stable top classes finite; no agents: Infinity", () => {
    const one = priorityQueueMetrics(14, [100 / 1800], 180, 20);
    expectClose(one.classes[0]!.meanWaitSeconds, 7.836, { abs: 5e-4 }, "staffing.md row 3 ASA");
    const over = priorityQueueMetrics(3, [0.5, 2], 3); // c mu = 1 call/s < Λ = 2.5
    expect(over.stable).toBe(false);
    expect(over.classes[0]!.meanWaitSeconds).toBeCloseTo(2, 12); // (1/(c mu)) / (1 - 0.5)
    expect(over.classes[1]!.meanWaitSeconds).toBe(Infinity);
    const none = priorityQueueMetrics(0, [1, 2], 3);
    expect(none.classes.map((k) => k.meanWaitSeconds)).toEqual([Infinity, Infinity]);
    expect(none.topServiceLevel).toBe(0);
    expect(priorityQueueMetrics(5, [0, 0], 60).topServiceLevel).toBe(1);
    expect(() => priorityQueueMetrics(2.5, [1], 60)).toThrow(RangeError);
    expect(() => priorityQueueMetrics(2, [], 60)).toThrow(RangeError);
  });

  it("is finite and accurate for thousands of agents (no factorials)", () => {
    const m = priorityQueueMetrics(5000, [1, 25], 180);
    expect(m.waitProbability).toBeGreaterThan(0);
    expect(m.waitProbability).toBeLessThan(1);
    for (const k of m.classes) expect(Number.isFinite(k.meanWaitSeconds)).toBe(true);
  });
});

describe("conservation (multiskill.md §2.1): Σ λ_k Wq_k = Λ C / (c μ − Λ)", () => {
  test.prop(
    [
      fc.integer({ min: 1, max: 400 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
      fc.double({ min: 0.05, max: 0.99, noNaN: true }),
    ],
    { numRuns: 200 },
  )("for random pools, splits and utilisations", (c, split, rho) => {
    const aht = 120;
    const total = (rho * c) / aht;
    const weight = split.reduce((s, x) => s + x, 0) || 1;
    const rates = split.map((x) =>
      split.length === 1 || weight === 0 ? total : (x / weight) * total,
    );
    const sum = rates.reduce((s, l) => s + l, 0);
    const m = priorityQueueMetrics(c, rates, aht);
    const lhs = rates.reduce((s, l, k) => s + l * m.classes[k]!.meanWaitSeconds, 0);
    const rhs = (sum * m.waitProbability) / (c / aht - sum);
    expectClose(lhs, rhs, { abs: 1e-12, rel: 1e-9 }, "conservation");
  });
});
