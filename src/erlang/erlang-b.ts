/**
 * Erlang B (M/M/N/N loss system): the probability that all N servers are busy.
 *
 * @module
 */
import { lnScaledQ } from "../math/gamma.ts";

/**
 * First index from which the forward recursion may start with 1/B = 1 instead of 0 and still
 * be exact to rounding, for N >= floor(A).
 *
 * The inverse recursion R_n = 1 + (n/A) R_{n-1} (R = 1/B) satisfies R_N = cdf(N)/pmf(N) for a
 * Poisson(A) variable, and an error e in R_m reaches R_N scaled by cdf(m)/cdf(N). Starting at
 * m = A - sqrt(80 A) gives cdf(m) <= exp(-A h(m/A)) <= e^-40 (Chernoff bound with
 * h(u) = u ln u - u + 1 >= (1-u)^2/2), while cdf(N) >= cdf(floor(A)) > 0.3, so the start value's
 * error vanishes below 1e-17 relative.
 */
export function recursionStart(load: number): number {
  return Math.max(0, Math.floor(load - Math.sqrt(80 * load)));
}

/** Recursion steps above which the O(1) incomplete-gamma route is cheaper. */
const RECURSION_LIMIT = 96;

/**
 * Erlang B blocking probability B(N, A) for N servers and offered load A Erlangs.
 *
 * Uses the forward recursion B_n = A B_{n-1} / (n + A B_{n-1}) in its inverse form (started late
 * when N >= A, see `recursionStart`), or for large N the identity
 * 1/B(N, A) = (A/(N+1)) Q(N+1, A)/D(N+1, A) evaluated by `lnScaledQ` (math/gamma.ts). Never forms
 * A^N / N!, so it is finite and accurate (relative error below 1e-12) for any N and A.
 *
 * @param agents - N, a non-negative integer
 * @param load - A, offered load in Erlangs (A >= 0)
 * @returns the blocking probability in [0, 1]
 * @throws RangeError if N is not a non-negative integer or A is negative or not finite
 * @example
 * erlangB(25, 20); // => 0.05022166289912341 (phubers/erlang vignette: 0.050222)
 */
export function erlangB(agents: number, load: number): number {
  if (!Number.isInteger(agents) || agents < 0) {
    throw new RangeError(`agents must be a non-negative integer, got ${agents}`);
  }
  if (!Number.isFinite(load) || load < 0) {
    throw new RangeError(`load must be a finite number >= 0, got ${load}`);
  }
  if (agents === 0) return 1;
  if (load === 0) return 0;
  const start = agents >= load ? recursionStart(load) : 0;
  if (agents - start <= RECURSION_LIMIT) {
    let inv = 1;
    const invLoad = 1 / load;
    for (let n = start + 1; n <= agents; n++) inv = 1 + n * invLoad * inv;
    return 1 / inv;
  }
  const s = agents + 1;
  return Math.exp(-(Math.log(load / s) + lnScaledQ(s, load)));
}
