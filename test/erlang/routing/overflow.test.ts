/**
 * Overflow building blocks against the anchor table of ../shared/research/multiskill.md §1.3
 * (VIP group of 4 agents with 3 E; general group of 26 agents with 24 E plus the VIP overflow),
 * tolerance half a unit of the printed digit.
 */
import { describe, expect, it } from "vitest";
import {
  erlangB,
  erlangBContinuous,
  ermBlocking,
  haywardBlocking,
  overflowMoments,
  rappEquivalent,
} from "../../../src/erlang/index.ts";
import { expectClose } from "../../support/approx.ts";
import { expectPrinted } from "./printed.ts";

/** 1 / (a ∫_0^∞ e^{-a t} (1 + t)^x dt) by Simpson's rule (the §1.3 definition). */
function integralErlangB(x: number, a: number): number {
  const h = 1e-3;
  const f = (t: number): number => Math.exp(-a * t) * (1 + t) ** x;
  let sum = 0;
  for (let t = 0; t < 80 / a; t += h) sum += (h * (f(t) + 4 * f(t + h / 2) + f(t + h))) / 6;
  return 1 / (a * sum);
}

describe("multiskill.md §1.3 anchor", () => {
  const vip = overflowMoments(4, 3);
  const mean = 24 + vip.mean;
  const variance = 24 + vip.variance;

  it("B(4, 3) and the VIP overflow's Riordan moments", () => {
    expectPrinted(erlangBContinuous(4, 3), "0.206107", "§1.3 B(4, 3)");
    expectPrinted(vip.mean, "0.618321", "§1.3 m");
    expectPrinted(vip.variance, "0.944455", "§1.3 v");
    expectPrinted(vip.peakedness, "1.527452", "§1.3 z");
  });

  it("Rapp's inversion of (m, v)", () => {
    const eq = rappEquivalent(vip.mean, vip.variance);
    expectPrinted(eq.load, "3.3614", "§1.3 A*");
    expectPrinted(eq.servers, "4.6769", "§1.3 N*");
  });

  it("offered to the general group, and its Hayward, ERM and Poisson blocking", () => {
    expectPrinted(mean, "24.61832", "§1.3 M");
    expectPrinted(variance, "24.94446", "§1.3 V");
    expectPrinted(variance / mean, "1.013248", "§1.3 Z");
    expectPrinted(haywardBlocking(26, mean, variance / mean), "0.114907", "§1.3 Hayward");
    expectPrinted(ermBlocking(26, mean, variance), "0.114888", "§1.3 ERM");
    expectPrinted(erlangBContinuous(26, mean), "0.114041", "§1.3 B(26, M)");
  });
});

describe("continuous Erlang B", () => {
  it("equals Erlang B at whole servers and the integral definition in between", () => {
    for (const [n, a] of [
      [0, 2],
      [1, 0.5],
      [25, 20],
      [300, 290],
    ] as const)
      expect(erlangBContinuous(n, a)).toBe(erlangB(n, a));
    for (const [x, a] of [
      [0.3, 0.7],
      [2.5, 3],
      [10.7, 8.2],
      [25.5, 24],
    ] as const)
      expectClose(erlangBContinuous(x, a), integralErlangB(x, a), { rel: 1e-9 }, `B(${x}, ${a})`);
    expectClose(erlangBContinuous(3.9999999, 3), erlangB(4, 3), { rel: 1e-7 }, "continuity at 4");
  });

  it("decreases in servers, stays in [0, 1] and is finite for thousands of servers", () => {
    let last = 1;
    for (let x = 0; x <= 60; x += 0.37) {
      const b = erlangBContinuous(x, 40);
      expect(b).toBeLessThanOrEqual(last);
      expect(b).toBeGreaterThanOrEqual(0);
      last = b;
    }
    const big = erlangBContinuous(4000.5, 3900);
    expect(big).toBeGreaterThan(0);
    expect(big).toBeLessThan(1);
    expect(erlangBContinuous(2.5, 0)).toBe(0);
    expect(haywardBlocking(0, 0, 1)).toBe(1);
    expect(haywardBlocking(3, 0, 1)).toBe(0);
    expect(ermBlocking(3, 0, 0)).toBe(0);
    expect(overflowMoments(5, 0)).toEqual({ mean: 0, variance: 0, peakedness: 1 });
    expect(overflowMoments(0, 2.5).variance).toBeCloseTo(2.5, 12); // no servers: all overflows
  });

  it("refuses invalid arguments", () => {
    expect(() => erlangBContinuous(-1, 2)).toThrow(RangeError);
    expect(() => erlangBContinuous(2, Number.NaN)).toThrow(RangeError);
    expect(() => haywardBlocking(2, 1, 0)).toThrow(RangeError);
    expect(() => rappEquivalent(0, 1)).toThrow(RangeError);
    expect(rappEquivalent(2, 1).servers).toBe(0); // smooth traffic: N* clamped
  });
});
