/**
 * Seeded random numbers and small-sample statistics for the simulator: xoshiro128** (Blackman &
 * Vigna 2018) seeded through splitmix32, exponential, normal (Box-Muller) and lognormal
 * variates, and Student t quantiles for confidence intervals.
 *
 * @module
 */

/** A generator of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * xoshiro128** seeded from `seed` and `stream` (independent streams for runs of one seed).
 *
 * @example
 * const random = createRandom(1, 0);
 * random(); // the same number on every machine
 */
export function createRandom(seed: number, stream = 0): Random {
  let x = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result / 4294967296;
  };
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

/** Exponential variate with the given mean. */
export function exponential(random: Random, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

/** Standard normal variate (Box-Muller). */
export function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Lognormal variate with the given mean and coefficient of variation:
 * sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2.
 */
export function lognormal(random: Random, mean: number, cv: number): number {
  const s2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * normal(random));
}

/** t(0.975, df) for df = 1..10 (two-sided 95 %). */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom: tabulated to 10, then the
 * Cornish-Fisher expansion around z = 1.959964 (error below 2e-4 from df = 11).
 */
export function t975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 10) return T975[Math.floor(df) - 1]!;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/**
 * Mean and two-sided 95 % confidence interval of a sample (t interval; [mean, mean] for one
 * value).
 */
export function meanCi(values: readonly number[]): { mean: number; low: number; high: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, low: Number.NaN, high: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, low: mean, high: mean };
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const half = t975(n - 1) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half };
}

/**
 * The 95 % interval of a sample of rates, kept within [0, 1]; null for no values.
 *
 * @example
 * rateCi([0.8, 0.82, 0.79]); // => [0.77..., 0.83...]
 */
export function rateCi(values: readonly number[]): readonly [number, number] | null {
  if (values.length === 0) return null;
  const m = meanCi(values);
  return [Math.max(0, m.low), Math.min(1, m.high)];
}

/** The mean of a sample; null for no values. */
export function meanOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
