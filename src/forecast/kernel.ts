/**
 * Ad response kernels: the share of an ad's calls that arrives t minutes after it airs.
 *
 * A kernel is a gamma density (shape, scale in minutes) shifted by a delay and cut at
 * `SUPPORT_MINUTES`, renormalized to total 1: the parametric family of the DR-advertising
 * literature (gamma/Weibull lags; mode a few minutes after airing for TV). Kernels are used
 * through their cumulative distribution, tabulated on a fine grid, so that the share falling in
 * any interval of any length, from any air time, costs two table look-ups.
 *
 * @module
 */
import { regularizedGamma } from "../math/gamma.ts";
import { erfc } from "../math/special.ts";

/** Response kernel parameters. */
export interface Kernel {
  /** Gamma shape (> 0). */
  readonly shape: number;
  /** Gamma scale, minutes (> 0). */
  readonly scale: number;
  /** Minutes between airing and the start of the response (>= 0). */
  readonly delay: number;
}

/**
 * The response is cut this long after airing (plus the delay): three hours, the support the
 * research note forecast.md gives ad kernels (sections 5.1 and 6.3: "2-3 h support").
 */
export const SUPPORT_MINUTES = 180;
/** Table resolution, minutes: a quarter minute, finer than any interval or airing time. */
const RESOLUTION = 0.25;

/** A kernel's cumulative share F(t), t in minutes since airing, tabulated. */
export interface KernelCdf {
  readonly kernel: Kernel;
  /** F(t): share of the response arrived by t minutes after airing; 0 for t <= 0, 1 at the end. */
  at(minutes: number): number;
  /** Minutes after which F = 1. */
  readonly length: number;
}

/**
 * Tabulates a kernel's cumulative distribution, optionally averaged over airing delays (the
 * kernel of a planned spot whose real airing time is uncertain).
 *
 * @param delays - probabilities of airing d = 0, 1, 2, ... minutes late (sums to 1); omit for a
 *   spot whose airing time is known
 * @example
 * kernelCdf({ shape: 2, scale: 4, delay: 0 }).at(4); // share within 4 minutes: 1 - 2/e = 0.264
 */
export function kernelCdf(kernel: Kernel, delays?: readonly number[]): KernelCdf {
  const base = SUPPORT_MINUTES;
  const extra = (delays?.length ?? 1) - 1;
  const length = kernel.delay + base + Math.max(0, extra);
  const n = Math.ceil(length / RESOLUTION) + 2;
  const raw = new Float64Array(n);
  const norm = regularizedGamma(kernel.shape, base / kernel.scale).p;
  for (let i = 0; i < n; i++) {
    const t = i * RESOLUTION - kernel.delay;
    raw[i] = t <= 0 ? 0 : t >= base ? 1 : regularizedGamma(kernel.shape, t / kernel.scale).p / norm;
  }
  let table = raw;
  if (delays !== undefined && delays.length > 1) {
    table = new Float64Array(n);
    const per = Math.round(1 / RESOLUTION);
    delays.forEach((p, d) => {
      if (p === 0) return;
      for (let i = 0; i < n; i++) {
        const j = i - d * per;
        table[i]! += p * (j < 0 ? 0 : j >= n ? 1 : raw[j]!);
      }
    });
  }
  const last = n - 1;
  return {
    kernel,
    length,
    at: (minutes) => {
      if (minutes <= 0) return 0;
      const x = minutes / RESOLUTION;
      const i = Math.floor(x);
      if (i >= last) return table[last]!;
      const f = x - i;
      return table[i]! + f * (table[i + 1]! - table[i]!);
    },
  };
}

/**
 * Probabilities of a spot airing 0, 1, 2, ... minutes after its planned time, from an agency
 * study of Dutch DRTV airings (All Response Media, "How can we improve forecasting for
 * call-centres?"): on average 2 minutes late, most often 1 minute, about 2 % more than 15
 * minutes late. Discretized here as 97 % max(0, round(N(1.8, 1.6))) and 3 % spread over 12-18
 * minutes.
 */
export function defaultAiringDelays(): number[] {
  const p = new Array<number>(19).fill(0);
  const mean = 1.8;
  const sd = 1.6;
  const phi = (x: number): number => 0.5 * erfc(-x / Math.SQRT2);
  for (let d = 0; d <= 10; d++) {
    const lo = d === 0 ? Number.NEGATIVE_INFINITY : d - 0.5;
    const hi = d + 0.5;
    p[d] =
      0.97 *
      (phi((hi - mean) / sd) - (lo === Number.NEGATIVE_INFINITY ? 0 : phi((lo - mean) / sd)));
  }
  const tail = 1 - p.reduce((a, b) => a + b, 0) - 0.03;
  p[10]! += tail; // the normal's mass beyond 10.5 minutes
  for (let d = 12; d <= 18; d++) p[d]! += 0.03 / 7;
  return p;
}
