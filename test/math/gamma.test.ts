import { describe, expect, it } from "vitest";
import {
  lnScaledQ,
  lnSeries,
  lnSeriesS,
  regularizedGamma,
  scaledGamma,
  seriesMoments,
  seriesS,
} from "../../src/math/gamma.ts";
import { expectClose } from "../support/approx.ts";

/** Poisson(mu) CDF P(X <= k) summed term by term in log space: an independent oracle for Q(k+1, mu). */
function poissonCdf(k: number, mu: number): number {
  let lnTerm = -mu; // ln pmf(0)
  let maxLn = lnTerm;
  const terms = [lnTerm];
  for (let j = 1; j <= k; j++) {
    lnTerm += Math.log(mu / j);
    terms.push(lnTerm);
    maxLn = Math.max(maxLn, lnTerm);
  }
  let sum = 0;
  for (const t of terms) sum += Math.exp(t - maxLn);
  return Math.exp(maxLn) * sum;
}

describe("regularized incomplete gamma", () => {
  it("matches the Poisson CDF for integer shapes (Q(k+1, mu) = P(X <= k))", () => {
    for (const mu of [0.3, 4, 30, 99.5, 250, 800]) {
      for (const k of [
        0,
        1,
        5,
        Math.floor(mu) - 3,
        Math.floor(mu),
        Math.ceil(mu + 2 * Math.sqrt(mu)),
      ]) {
        if (k < 0) continue;
        const { q, p } = regularizedGamma(k + 1, mu);
        const oracle = poissonCdf(k, mu);
        expectClose(q, oracle, { rel: 1e-11, abs: 1e-300 }, `k=${k} mu=${mu}`);
        expectClose(p + q, 1, { abs: 1e-14 });
      }
    }
  });

  it("P(a, x) matches closed forms: P(1, x) = 1 - e^-x, P(1/2, x) = erf(sqrt x)", () => {
    for (const x of [1e-3, 0.5, 2, 30, 200]) {
      expectClose(regularizedGamma(1, x).q, Math.exp(-x), { rel: 1e-13 }, `x=${x}`);
    }
    // erf(1) = 0.842700792949714869341... (DLMF 7.2)
    expectClose(regularizedGamma(0.5, 1).p, 0.842700792949714869341, { rel: 1e-14 });
  });

  it("the uniform expansion agrees with the positive-term series across the transition x ~ a", () => {
    // All terms of S(a, x) are positive, so direct summation is accurate to a few ulps and
    // serves as the oracle for Temme's expansion and the continued fraction.
    for (const a of [20, 49.9, 50, 51.3, 80, 150.5, 300, 701, 1500, 5000, 25000]) {
      for (const lambda of [0.3, 0.55, 0.7, 0.9, 0.99, 1, 1.001, 1.05, 1.2, 1.45, 1.6, 2]) {
        const x = a * lambda;
        if (x > a + 650) continue; // the direct series would overflow
        const oracle = Math.log1p(seriesS(a, x).s1);
        expectClose(
          lnSeriesS(a, x),
          oracle,
          { abs: 5e-15 * Math.max(1, Math.abs(oracle)) },
          `a=${a} x=${x}`,
        );
      }
    }
  });

  it("uses each method in its region", () => {
    expect(scaledGamma(500, 480).method).toBe("temme");
    expect(scaledGamma(500, 100).method).toBe("series");
    expect(scaledGamma(5, 40).method).toBe("fraction");
  });

  it("P/D and Q/D add up to 1/D", () => {
    for (const [a, x] of [
      [3, 2],
      [80, 75],
      [800, 900],
      [10, 60],
    ] as const) {
      const g = scaledGamma(a, x);
      const sum = Math.exp(g.lnPD - g.lnInvD) + Math.exp(g.lnQD - g.lnInvD);
      expectClose(sum, 1, { abs: 1e-13 }, `a=${a} x=${x}`);
    }
  });

  it("handles x = 0 and the limits", () => {
    expect(regularizedGamma(2, 0)).toEqual({ p: 0, q: 1 });
    expect(regularizedGamma(2, Number.POSITIVE_INFINITY)).toEqual({ p: 1, q: 0 });
    expect(lnSeriesS(3, 0)).toBe(0);
    expect(lnScaledQ(3, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(lnSeries(0, 2)).toBe(2);
  });
});

describe("seriesMoments", () => {
  it("returns S, (S-1)/S and U/S consistently with direct summation", () => {
    for (const [a, x] of [
      [14, 10],
      [50, 48],
      [505, 500],
      [300, 420],
      [0, 3],
      [0, 80],
      [2, 120],
    ] as const) {
      const m = seriesMoments(a, x);
      if (x < a + 650) {
        const { s1, u } = seriesS(a, x);
        const s = 1 + s1;
        expectClose(
          m.lnS,
          Math.log(s),
          { abs: 1e-13 * Math.max(1, Math.log(s)) },
          `lnS a=${a} x=${x}`,
        );
        expectClose(m.s1OverS, s1 / s, { rel: 1e-12 }, `s1/S a=${a} x=${x}`);
        expectClose(m.uOverS, u / s, { rel: 1e-10 }, `U/S a=${a} x=${x}`);
      }
      expect(m.s1OverS).toBeGreaterThanOrEqual(0);
      expect(m.s1OverS).toBeLessThanOrEqual(1); // 1 - e^-80 rounds to 1
    }
  });
});
