import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { countQuantile, normalQuantile } from "../../src/forecast/quantiles.ts";
import { expectClose } from "../support/approx.ts";

/**
 * Quantile by summing the pmf from 0 with the recurrences, in logs so that P(0) may underflow
 * (independent of the code under test).
 */
function bySummation(mean: number, c: number, p: number): number {
  let lp: number;
  let step: (k: number) => number; // ln(pmf(k + 1) / pmf(k))
  if (c === 0) {
    lp = -mean;
    step = (k) => Math.log(mean / (k + 1));
  } else {
    const r = 1 / c;
    const q = mean / (r + mean);
    lp = r * Math.log(r / (r + mean));
    step = (k) => Math.log(((k + r) * q) / (k + 1));
  }
  let cdf = Math.exp(lp);
  let k = 0;
  while (cdf < p - 1e-12 && k < 1e7) {
    lp += step(k);
    k++;
    cdf += Math.exp(lp);
  }
  return k;
}

describe("countQuantile", () => {
  it("matches Poisson tables (Poisson(10): P(X <= 5) = 0.067, P(X <= 6) = 0.130; P(X <= 13) = 0.864, P(X <= 14) = 0.917)", () => {
    expect(countQuantile(10, 0, 0.1)).toBe(6);
    expect(countQuantile(10, 0, 0.9)).toBe(14);
    expect(countQuantile(0, 0, 0.9)).toBe(0);
    expect(countQuantile(0.05, 0, 0.9)).toBe(0);
  });

  test.prop([
    fc.double({ min: 0.1, max: 400, noNaN: true }),
    fc.constantFrom(0, 0.001, 0.01, 0.1, 0.5),
    fc.constantFrom(0.1, 0.5, 0.9),
  ])("equals the quantile found by summing the probabilities", (mean, c, p) => {
    expect(countQuantile(mean, c, p)).toBe(bySummation(mean, c, p));
  });

  it("is exact for large counts too", () => {
    for (const [mean, c] of [
      [5000, 0],
      [5000, 0.002],
      [20000, 0.001],
    ] as const) {
      for (const p of [0.1, 0.9]) {
        expect(countQuantile(mean, c, p)).toBe(bySummation(mean, c, p));
      }
    }
  });

  test.prop([
    fc.double({ min: 0, max: 5000, noNaN: true }),
    fc.double({ min: 0, max: 0.5, noNaN: true }),
  ])("keeps p10 <= p90 and never goes below 0", (mean, c) => {
    const lo = countQuantile(mean, c, 0.1);
    const hi = countQuantile(mean, c, 0.9);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeGreaterThanOrEqual(lo);
  });
});

describe("normalQuantile", () => {
  it("matches standard normal tables", () => {
    expectClose(normalQuantile(0.9), 1.2815515655446004, { rel: 1e-8 });
    expectClose(normalQuantile(0.975), 1.959963984540054, { rel: 1e-8 });
    expectClose(normalQuantile(0.01), -2.3263478740408408, { rel: 1e-8 });
    expect(normalQuantile(0.5)).toBe(0);
  });
});
