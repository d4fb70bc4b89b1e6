import { describe, expect, it } from "vitest";
import { erfc, erfcx, lnGamma, lnGammaStar, log1pmx } from "../../src/math/special.ts";
import { expectClose } from "../support/approx.ts";

describe("erfc / erfcx", () => {
  // Reference values: Abramowitz & Stegun table 7.1 / DLMF 7.2, to 16 significant digits
  // (erfc(1) = 0.157299207050285130658..., erfc(2) = 0.004677734981047265838..., ...).
  const table: [number, number][] = [
    [0, 1],
    [0.5, 0.4795001221869534623],
    [1, 0.157299207050285130658],
    [2, 0.004677734981047265838],
    [3, 2.209049699858544137e-5],
    [5, 1.53745979442803485e-12],
    [10, 2.088487583762544757e-45],
  ];
  it.each(table)("erfc(%d) matches the published value to 1e-14 relative", (z, expected) => {
    expectClose(erfc(z), expected, { rel: 1e-14 });
  });

  it("is smooth across the switch from the Taylor table to the asymptotic series at z = 8", () => {
    const d = 1e-9;
    const slope = 2 * 8 * erfcx(8) - 2 / Math.sqrt(Math.PI);
    // the Taylor side (8 - d) and the asymptotic side (8 + d) agree with the local linearisation
    expectClose(erfcx(8 - d), erfcx(8) - d * slope, { rel: 2e-15 });
    expectClose(erfcx(8 + d), erfcx(8) + d * slope, { rel: 2e-15 });
  });

  it("satisfies its differential equation y' = 2 z y - 2/sqrt(pi) on a grid", () => {
    for (let z = 0.01; z < 30; z *= 1.37) {
      const h = 1e-5 * Math.max(1, z);
      const derivative = (erfcx(z + h) - erfcx(z - h)) / (2 * h);
      expectClose(derivative, 2 * z * erfcx(z) - 2 / Math.sqrt(Math.PI), { abs: 1e-8 }, `z=${z}`);
    }
  });

  it("uses the reflection erfcx(-z) = 2 exp(z^2) - erfcx(z) for negative arguments", () => {
    expectClose(erfcx(-1), 2 * Math.E - erfcx(1), { rel: 1e-15 });
    expectClose(erfc(-1) + erfc(1), 2, { abs: 1e-14 });
  });

  it("is NaN for NaN and never NaN for finite input", () => {
    expect(erfcx(Number.NaN)).toBeNaN();
    for (const z of [-26, -1e-300, 0, 1e-300, 7.999999, 8, 1e3, 1e9, 1e300]) {
      expect(Number.isNaN(erfcx(z))).toBe(false);
    }
  });
});

describe("lnGamma / lnGammaStar", () => {
  it("matches known values", () => {
    // ln Gamma(1/2) = ln sqrt(pi); Gamma(10) = 9! = 362880; ln Gamma(100) from DLMF 5.4 / tables.
    expectClose(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)), { abs: 1e-14 });
    expectClose(lnGamma(1), 0, { abs: 1e-14 });
    expectClose(lnGamma(2), 0, { abs: 1e-14 });
    expectClose(lnGamma(10), Math.log(362880), { abs: 1e-13 });
    expectClose(lnGamma(100), 359.13420536957539878, { rel: 1e-15 });
  });

  it("follows the recurrence ln Gamma(x + 1) = ln Gamma(x) + ln x", () => {
    for (let x = 0.05; x < 200; x *= 1.5) {
      expectClose(
        lnGamma(x + 1),
        lnGamma(x) + Math.log(x),
        { abs: 1e-13 * Math.max(1, Math.abs(lnGamma(x))) },
        `x=${x}`,
      );
    }
  });

  it("gives Stirling's correction factor, Gamma*(x) -> 1 + 1/(12x)", () => {
    expectClose(lnGammaStar(1e6), 1 / 12e6, { rel: 1e-9 });
    // continuity at the switch between the shifted and the direct Stirling series (x = 10)
    expectClose(lnGammaStar(10 - 1e-12), lnGammaStar(10), { abs: 1e-13 });
  });
});

describe("log1pmx", () => {
  it("equals ln(1 + d) - d without cancellation", () => {
    expectClose(log1pmx(1e-8), -5e-17 + 1e-24 / 3, { rel: 1e-12 });
    for (const d of [-0.9, -0.5, -0.1, -1e-4, 1e-4, 0.1, 0.5, 3]) {
      // the series -d^2/2 + d^3/3 - ... for small d, the direct form for large d
      const direct = Math.log1p(d) - d;
      expectClose(log1pmx(d), direct, { rel: Math.abs(d) < 0.01 ? 1e-7 : 1e-13 }, `d=${d}`);
    }
    expect(log1pmx(0)).toBe(0);
  });
});
