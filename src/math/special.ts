/**
 * Elementary special functions used by the queueing formulas, written for full double precision
 * without overflow: the scaled complementary error function, log-gamma, Stirling's correction
 * factor and ln(1 + d) - d.
 *
 * @module
 */
import { ERFCX_AT, ERFCX_DERIV_AT } from "./special-tables.generated.ts";

const INV_SQRT_PI = 0.5641895835477563; // 1/sqrt(pi)
/** 1/n for n = 0..63 (index 0 unused): multiplications instead of divisions in hot loops. */
const RECIPROCAL = Array.from({ length: 64 }, (_, n) => (n === 0 ? 0 : 1 / n));
const HALF_LN_2PI = 0.9189385332046728; // ln(2 pi)/2

/**
 * Scaled complementary error function erfcx(z) = exp(z^2) erfc(z).
 *
 * For 0 <= z < 8 it sums the Taylor series about the nearest tabulated point z0 = i/32 (values
 * computed in 120-digit arithmetic by `scripts/gen-special-tables.ts`), whose coefficients follow
 * from the ODE y' = 2 z y - 2/sqrt(pi); for z >= 8 it sums the asymptotic series
 * (1/(z sqrt(pi))) sum (-1)^n (2n-1)!!/(2z^2)^n (Abramowitz & Stegun 7.1.23). Negative z uses
 * erfcx(z) = 2 exp(z^2) - erfcx(-z). Relative error about 1e-15.
 *
 * @param z - any real number
 * @returns exp(z^2) erfc(z); `Infinity` when z < -26.6 (overflow)
 * @example
 * erfcx(1); // => 0.42758357615580705 (= e * erfc(1))
 */
export function erfcx(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z < 0) return 2 * Math.exp(z * z) - erfcx(-z);
  if (z < 8) {
    const i = Math.round(z * 32);
    const z0 = i / 32;
    const h = z - z0; // |h| <= 1/64
    let prev = ERFCX_AT[i]!;
    let cur = h * ERFCX_DERIV_AT[i]!;
    let sum = prev + cur;
    const twoZ0H = 2 * z0 * h;
    const twoH2 = 2 * h * h;
    for (let n = 1; n < 40; n++) {
      const next = (twoZ0H * cur + twoH2 * prev) * RECIPROCAL[n + 1]!;
      sum += next;
      if (Math.abs(next) <= 1e-17 * sum && Math.abs(cur) <= 1e-17 * sum) break;
      prev = cur;
      cur = next;
    }
    return sum;
  }
  if (z > 1e8) return INV_SQRT_PI / z;
  const w = 1 / (2 * z * z);
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 60; n++) {
    term *= -(2 * n - 1) * w;
    sum += term;
    if (Math.abs(term) < 1e-17) break;
  }
  return (INV_SQRT_PI / z) * sum;
}

/**
 * Complementary error function, erfc(z) = 1 - erf(z), accurate in relative terms for large z.
 *
 * @example
 * erfc(1); // => 0.15729920705028513
 */
export function erfc(z: number): number {
  if (z > 27) return 0;
  return Math.exp(-z * z) * erfcx(z);
}

// Stirling series for ln Gamma*(x): B_2k / (2k (2k-1) x^(2k-1)), k = 1..8.
const STIRLING_LN = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
] as const;

function lnGammaStarLarge(x: number): number {
  const ix2 = 1 / (x * x);
  let sum = 0;
  for (let k = STIRLING_LN.length - 1; k >= 0; k--) sum = sum * ix2 + STIRLING_LN[k]!;
  return sum / x;
}

/**
 * ln Gamma*(x), where Gamma*(x) = Gamma(x) / (sqrt(2 pi / x) x^x e^-x) is Stirling's correction
 * factor (Gamma*(x) -> 1 as x -> infinity). Absolute error about 1e-15.
 *
 * @param x - x > 0
 * @example
 * lnGammaStar(10); // => 0.008330563433362871
 */
export function lnGammaStar(x: number): number {
  if (x >= 10) return lnGammaStarLarge(x);
  return lnGamma(x) - (x - 0.5) * Math.log(x) + x - HALF_LN_2PI;
}

/**
 * Natural logarithm of the gamma function for x > 0 (Stirling series after shifting x to >= 10
 * with the recurrence Gamma(x + 1) = x Gamma(x)). Absolute error about 1e-14.
 *
 * @param x - x > 0
 * @example
 * lnGamma(0.5); // => 0.5723649429247001 (= ln sqrt(pi))
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + lnGammaStarLarge(x);
  let prod = 1;
  let y = x;
  while (y < 10) {
    prod *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + HALF_LN_2PI + lnGammaStarLarge(y) - Math.log(prod);
}

/**
 * ln(1 + d) - d without cancellation for small |d| (d > -1).
 *
 * Uses ln(1 + d) = 2 atanh(s), s = d/(2 + d), so that ln(1 + d) - d = -d^2/(2 + d) +
 * 2 (s^3/3 + s^5/5 + ...), with all terms small when |d| <= 0.5.
 *
 * @example
 * log1pmx(1e-8); // => -4.9999999666666667e-17
 */
export function log1pmx(d: number): number {
  if (Math.abs(d) > 0.5) return Math.log1p(d) - d;
  const s = d / (2 + d);
  const s2 = s * s;
  let pow = s * s2;
  let series = 0;
  for (let k = 3; k < 62; k += 2) {
    const term = pow * RECIPROCAL[k]!;
    series += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(series)) break;
    pow *= s2;
  }
  return (-d * d) / (2 + d) + 2 * series;
}
