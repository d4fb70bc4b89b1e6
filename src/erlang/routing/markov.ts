/**
 * Two numerical tools for the finite continuous-time Markov chains of ctmc.ts:
 * - the stationary distribution of a banded generator by the GTH algorithm (Grassmann, Taksar
 *   & Heyman 1985, "Regenerative analysis and steady state distributions for Markov chains",
 *   Oper. Res. 33(5):1107–1116): state reduction from the last state down, subtraction-free, so
 *   accurate to a few ulps per state even for probabilities of 1e-300; with states ordered so
 *   that every transition stays within w places, fill-in stays within the band and the cost is
 *   O(n w²) (a direct method: deterministic, no iteration, no tolerance);
 * - the probability of having been absorbed in a target state by time t, by uniformization
 *   (Jensen's method) in sub-steps of at most 30 expected jumps, so the Poisson weights never
 *   underflow.
 *
 * @module
 */

/** A generator stored as a band: rate(i, j) for |i - j| <= width, i != j. */
export class BandedGenerator {
  readonly size: number;
  readonly width: number;
  /** Row i holds j = i - width .. i + width at offset i (2w + 1) + (j - i + w). */
  readonly rates: Float64Array;

  constructor(size: number, width: number) {
    this.size = size;
    this.width = Math.max(1, width);
    this.rates = new Float64Array(size * (2 * this.width + 1));
  }

  /** Adds `rate` to the transition from -> to (ignored when rate is 0 or from = to). */
  add(from: number, to: number, rate: number): void {
    if (rate === 0 || from === to) return;
    const d = to - from;
    if (d > this.width || -d > this.width) throw new Error(`internal: ${from}->${to} off the band`);
    this.rates[from * (2 * this.width + 1) + d + this.width]! += rate;
  }
}

/**
 * Stationary distribution of an irreducible (on its recurrent class containing state 0) chain.
 * The generator is consumed (reduced in place).
 *
 * @throws Error when a state other than 0 has no path to a lower-numbered state
 */
export function stationaryGth(g: BandedGenerator): Float64Array {
  const n = g.size;
  const w = g.width;
  const stride = 2 * w + 1;
  const q = g.rates;
  const at = (i: number, j: number): number => i * stride + j - i + w;
  const exit = new Float64Array(n); // s_k: rate from k to lower states, censored chain
  for (let k = n - 1; k >= 1; k--) {
    const lo = Math.max(0, k - w);
    let s = 0;
    for (let j = lo; j < k; j++) s += q[at(k, j)]!;
    if (!(s > 0)) throw new Error(`internal: state ${k} cannot reach a lower state`);
    exit[k] = s;
    for (let i = lo; i < k; i++) {
      const qik = q[at(i, k)]!;
      if (qik === 0) continue;
      const f = qik / s;
      const rowI = i * stride - i + w;
      const rowK = k * stride - k + w;
      for (let j = lo; j < k; j++) if (j !== i) q[rowI + j]! += f * q[rowK + j]!;
    }
  }
  const pi = new Float64Array(n);
  pi[0] = 1;
  let total = 1;
  for (let k = 1; k < n; k++) {
    let s = 0;
    for (let i = Math.max(0, k - w); i < k; i++) s += pi[i]! * q[at(i, k)]!;
    pi[k] = s / exit[k]!;
    total += pi[k]!;
  }
  for (let k = 0; k < n; k++) pi[k]! /= total;
  return pi;
}

/** A sparse chain given as transition lists (absorbing states simply have none). */
export interface TransitionList {
  readonly size: number;
  readonly from: number[];
  readonly to: number[];
  readonly rate: number[];
}

/** Jumps per uniformization sub-step at most (e^-30 is far from underflow). */
const STEP_JUMPS = 30;

/**
 * Probability mass in the absorbing state `target` at time t, from the initial (sub-)
 * distribution `start`, by uniformization with the Poisson series cut where its remaining
 * weight is below 1e-15.
 */
export function absorbedBy(
  chain: TransitionList,
  start: Float64Array,
  target: number,
  tSeconds: number,
): number {
  const n = chain.size;
  const out = new Float64Array(n);
  for (let e = 0; e < chain.from.length; e++) out[chain.from[e]!]! += chain.rate[e]!;
  let u = 0;
  for (let i = 0; i < n; i++) if (out[i]! > u) u = out[i]!;
  if (u === 0 || tSeconds === 0) return start[target]!;
  const steps = Math.max(1, Math.ceil((u * tSeconds) / STEP_JUMPS));
  const ut = (u * tSeconds) / steps;
  let v = Float64Array.from(start);
  let next = new Float64Array(n);
  const acc = new Float64Array(n);
  for (let s = 0; s < steps; s++) {
    acc.fill(0);
    let weight = Math.exp(-ut);
    let cumulative = weight;
    for (let i = 0; i < n; i++) acc[i] = weight * v[i]!;
    for (let k = 1; 1 - cumulative > 1e-15 && k < 10_000; k++) {
      // next = v P, P = I + Q/u
      for (let i = 0; i < n; i++) next[i] = v[i]! * (1 - out[i]! / u);
      for (let e = 0; e < chain.from.length; e++)
        next[chain.to[e]!]! += (v[chain.from[e]!]! * chain.rate[e]!) / u;
      [v, next] = [next, v];
      weight *= ut / k;
      cumulative += weight;
      for (let i = 0; i < n; i++) acc[i]! += weight * v[i]!;
    }
    v = Float64Array.from(acc);
  }
  return v[target]!;
}
