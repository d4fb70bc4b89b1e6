/**
 * Regularized incomplete gamma functions in scaled, overflow-free form.
 *
 * The queueing formulas need P(a, x) and Q(a, x) divided by the "Poisson term"
 * D(a, x) = x^a e^-x / Gamma(a + 1):
 *
 * - P/D = S(a, x) = sum_{j>=0} x^j / ((a+1)(a+2)...(a+j)), the series behind Erlang A;
 * - Q/D = a * (continued fraction), which gives the Erlang B inverse 1/B(N, A) = (A/s) Q/D at
 *   s = N + 1.
 *
 * Both can be astronomically large, so they are returned as natural logarithms. Each is computed
 * by whichever method is accurate and cheap in its region: the power series (x well below a),
 * the Legendre continued fraction (x well above a), or Temme's uniform asymptotic expansion for
 * large a near the transition x ~ a (Temme 1979; DLMF 8.12), where both classical methods need
 * O(sqrt(a)) terms. The smaller of P and Q is always computed directly, the other as a complement.
 *
 * @module
 */
import { erfcx, lnGammaStar, log1pmx } from "./special.ts";
import { TEMME_C } from "./special-tables.generated.ts";

const HALF_LN_2PI = 0.9189385332046728;
const SQRT_2PI = 2.5066282746310002;

/** Logs of P/D and Q/D, and of 1/D, for the incomplete gamma ratio at (a, x). */
export interface ScaledGamma {
  /** ln(P(a, x) / D(a, x)) = ln S(a, x); 0 when x = 0. */
  readonly lnPD: number;
  /** ln(Q(a, x) / D(a, x)); `Infinity` when x = 0. */
  readonly lnQD: number;
  /** ln(1 / D(a, x)) = a phi(x/a) + ln(sqrt(2 pi a) Gamma*(a)), phi(l) = l - 1 - ln l. */
  readonly lnInvD: number;
  /** Which method produced the directly computed part (for tests and diagnostics). */
  readonly method: "series" | "fraction" | "temme";
}

/** Smallest `a` for which the uniform expansion is used, and its range of eta. */
const TEMME_MIN_A = 50;
const TEMME_MAX_ETA = 0.6;

/** ln(b - c) from ln b and ln c, b > c. */
function lnDiff(lnB: number, lnC: number): number {
  return lnB + Math.log1p(-Math.exp(lnC - lnB));
}

/**
 * The series S(a, x) = sum_{j>=0} t_j, t_j = prod_{k=1..j} x/(a+k), summed until the tail bound
 * t r/(1-r) (r = x/(a+j+1) < 1) is below 1e-17 of the sum. Returns S - 1 = sum_{j>=1} t_j (so
 * that S - 1 keeps full precision when S is close to 1) and the first moment
 * U = sum_j j t_j, which Erlang A needs for the abandonment probability. All terms are positive,
 * so the sums are accurate to a few ulps.
 */
export function seriesS(a: number, x: number): { s1: number; u: number } {
  let t = 1;
  let s1 = 0;
  let u = 0;
  for (let j = 1; j < 10_000_000; j++) {
    t *= x / (a + j);
    s1 += t;
    u += j * t;
    const r = x / (a + j + 1);
    if (r < 1 && t * r < 1e-17 * (1 - r) * (1 + s1)) break;
  }
  return { s1, u };
}

/**
 * Modified Lentz evaluation of Legendre's continued fraction
 * Q(a, x) = x^a e^-x / Gamma(a) * 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))),
 * returning the fraction itself. Converges quickly for x > a + 1.
 */
function legendreFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** Degree of the Taylor polynomials of c_k(eta) needed for 1e-17 at this |eta|. */
function temmeDegree(absEta: number): number {
  if (absEta < 0.02) return 8;
  if (absEta < 0.06) return 10;
  if (absEta < 0.15) return 13;
  if (absEta < 0.3) return 16;
  if (absEta < 0.45) return 18;
  return 21;
}

/**
 * Number of terms c_k a^-k for an absolute error below 1e-15 (|c_k(eta)| < 1.5e-3 for k < 10
 * and |eta| <= 0.6), a >= 50.
 */
function temmeOrder(a: number): number {
  if (a >= 12_000) return 3;
  if (a >= 1_200) return 4;
  if (a >= 300) return 5;
  if (a >= 120) return 6;
  if (a >= 75) return 7;
  return 8;
}

/**
 * sum_k c_k(eta) a^-k (DLMF 8.12.8-8.12.10, coefficients from the generator). Term k is divided
 * by a^k >= 50^k, so its polynomial needs one degree less per k for the same absolute error.
 */
function temmeSum(eta: number, a: number): number {
  const deg = temmeDegree(Math.abs(eta));
  const order = temmeOrder(a);
  const inv = 1 / a;
  let sum = 0;
  let weight = 1;
  for (let k = 0; k < order; k++) {
    const coeffs = TEMME_C[k]!;
    const degK = deg - k > 2 ? deg - k : 2;
    let p = coeffs[degK]!;
    for (let n = degK - 1; n >= 0; n--) p = p * eta + coeffs[n]!;
    sum += weight * p;
    weight *= inv;
  }
  return sum;
}

// Results of the last `direct` call (module scratch, to keep the hot path allocation-free).
let lastIsP = true;
let lastLnInvD = 0;
let lastMethod: ScaledGamma["method"] = "series";

/**
 * Computes the smaller-error side directly: ln(P/D) (`lastIsP`) or ln(Q/D), and ln(1/D).
 * Requires a > 0, x > 0.
 */
function direct(a: number, x: number): number {
  const d = (x - a) / a; // lambda - 1
  const aPhi = -a * log1pmx(d); // a (lambda - 1 - ln lambda) >= 0
  const lnGStar = lnGammaStar(a);
  lastLnInvD = aPhi + HALF_LN_2PI + 0.5 * Math.log(a) + lnGStar; // + ln(sqrt(2 pi a) Gamma*(a))

  if (a >= TEMME_MIN_A) {
    const eta = (d < 0 ? -1 : 1) * Math.sqrt(2 * Math.max(0, aPhi / a));
    if (Math.abs(eta) <= TEMME_MAX_ETA) {
      const z = Math.abs(eta) * Math.sqrt(a / 2);
      const main = SQRT_2PI * Math.sqrt(a) * 0.5 * erfcx(z);
      const corr = temmeSum(eta, a);
      lastMethod = "temme";
      lastIsP = eta <= 0;
      return lnGStar + Math.log(lastIsP ? main - corr : main + corr);
    }
  }
  if (x < a + 1) {
    lastMethod = "series";
    lastIsP = true;
    return Math.log1p(seriesS(a, x).s1);
  }
  lastMethod = "fraction";
  lastIsP = false;
  return Math.log(a * legendreFraction(a, x));
}

/**
 * ln S(a, x), S(a, x) = P(a, x) / D(a, x) = sum_{j>=0} x^j / ((a+1)...(a+j)), for a > 0, x >= 0.
 *
 * @example
 * Math.exp(lnSeriesS(1, 1)); // => 1.718281828459045 (= e - 1, since S(1, x) = (e^x - 1)/x)
 */
export function lnSeriesS(a: number, x: number): number {
  if (x === 0) return 0;
  const v = direct(a, x);
  return lastIsP ? v : lnDiff(lastLnInvD, v);
}

/**
 * ln(Q(a, x) / D(a, x)) for a > 0, x > 0. The Erlang B inverse is 1/B(N, A) = (A/s) Q/D at
 * s = N + 1.
 *
 * @example
 * Math.exp(lnScaledQ(2, 1)); // => 4 (Q(2, 1) = 2/e, D(2, 1) = 1/(2e))
 */
export function lnScaledQ(a: number, x: number): number {
  if (x === 0) return Number.POSITIVE_INFINITY;
  const v = direct(a, x);
  return lastIsP ? lnDiff(lastLnInvD, v) : v;
}

/**
 * Scaled regularized incomplete gamma ratios at (a, x): ln(P/D), ln(Q/D) and ln(1/D), with
 * D = x^a e^-x / Gamma(a + 1). Relative accuracy about 1e-14 for the directly computed part.
 *
 * @param a - shape, a > 0
 * @param x - argument, x >= 0
 * @example
 * const g = scaledGamma(10, 10);
 * Math.exp(g.lnPD - g.lnInvD); // => 0.5420702855281478 (= P(10, 10))
 */
export function scaledGamma(a: number, x: number): ScaledGamma {
  if (x === 0) {
    return {
      lnPD: 0,
      lnQD: Number.POSITIVE_INFINITY,
      lnInvD: Number.POSITIVE_INFINITY,
      method: "series",
    };
  }
  const v = direct(a, x);
  const other = lnDiff(lastLnInvD, v);
  return lastIsP
    ? { lnPD: v, lnQD: other, lnInvD: lastLnInvD, method: lastMethod }
    : { lnPD: other, lnQD: v, lnInvD: lastLnInvD, method: lastMethod };
}

/**
 * Regularized lower and upper incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x),
 * each with full relative precision (the smaller one is never formed as 1 minus the larger).
 *
 * @param a - shape, a > 0
 * @param x - argument, x >= 0
 * @example
 * regularizedGamma(3, 2); // => { p: 0.3233235838169366, q: 0.6766764161830634 }
 */
export function regularizedGamma(a: number, x: number): { p: number; q: number } {
  if (x === 0) return { p: 0, q: 1 };
  if (x === Number.POSITIVE_INFINITY) return { p: 1, q: 0 };
  const g = scaledGamma(a, x);
  return { p: Math.exp(g.lnPD - g.lnInvD), q: Math.exp(g.lnQD - g.lnInvD) };
}

/** The series S(a, x) of {@link seriesS} in the form Erlang A needs it. */
export interface SeriesMoments {
  /** ln S(a, x). */
  readonly lnS: number;
  /** (S - 1) / S, in [0, 1). */
  readonly s1OverS: number;
  /** U / S with U = sum_j j t_j: the mean of j under the weights t_j / S. */
  readonly uOverS: number;
}

/**
 * ln S(a, x) together with (S - 1)/S and U/S, where S(a, x) = sum_j prod_{k<=j} x/(a+k) and
 * U = sum_j j t_j. Direct summation where it is cheap and exact; otherwise S from
 * {@link scaledGamma} and U from the identity U = S (x - a) + a (which follows from
 * dS/dx = S (1 - a/x) + a/x).
 *
 * @param a - a >= 0
 * @param x - x >= 0
 * @example
 * seriesMoments(14, 10).lnS; // => ln(1 + 10/15 + 100/(15*16) + ...)
 */
export function seriesMoments(a: number, x: number): SeriesMoments {
  if (x === 0) return { lnS: 0, s1OverS: 0, uOverS: 0 };
  const nearTransition = a >= TEMME_MIN_A && Math.abs(x - a) <= 0.45 * a;
  if (!nearTransition && (x < a + 1 || x < 40)) {
    const { s1, u } = seriesS(a, x);
    const s = 1 + s1;
    return { lnS: Math.log1p(s1), s1OverS: s1 / s, uOverS: u / s };
  }
  if (a === 0) {
    // S(0, x) = e^x, U = x e^x
    return { lnS: x, s1OverS: -Math.expm1(-x), uOverS: x };
  }
  const lnS = lnSeriesS(a, x);
  const invS = Math.exp(-lnS);
  // 1 - 1/S loses nothing to cancellation once S > e^(1/2); below, expm1 keeps the digits
  const s1OverS = lnS > 0.5 ? 1 - invS : -Math.expm1(-lnS);
  return { lnS, s1OverS, uOverS: x - a + a * invS };
}

/**
 * ln S(a, x) alone (see {@link seriesMoments}), skipping the moments.
 *
 * @example
 * lnSeries(0, 2); // => 2 (S(0, x) = e^x)
 */
export function lnSeries(a: number, x: number): number {
  if (x === 0) return 0;
  if (a === 0) return x;
  return lnSeriesS(a, x);
}
