/**
 * Where to truncate the queues of the two-class chains of ctmc.ts and ctmc-vip.ts.
 *
 * A-priori bound (used whenever it exists): if the flow across the cut between queue lengths k
 * and k + 1 satisfies P(q = k + 1) <= r_{k+1} P(q = k) for non-increasing ratios r_k (up-rate
 * at most λ, down-rate at least d_k), the queue length is smaller in the likelihood-ratio order,
 * hence stochastically, than the birth-death law p̃_k ∝ Π_{j<=k} r_j. The queue is cut at the
 * smallest K where p̃(q > K) (K + 1 + 1/(1 - r)) <= 1e-14, so both the lost probability and the
 * lost part of E[q] are below 1e-14.
 *
 * A-posteriori check (a queue without abandonment whose stability depends on the other class,
 * e.g. the regular queue of the N-design): start at the level where the saturated-regime decay
 * ratio falls to 1e-16, solve, and accept when the mass at the last level, extrapolated
 * geometrically with the observed ratio of the last two levels, is below 1e-13; else double.
 *
 * @module
 */

/** Weighted tail accepted by the a-priori bound. */
const TAIL = 1e-14;
/** Extrapolated tail accepted by the a-posteriori check. */
const CHECKED_TAIL = 1e-13;

/** ln(e^x + e^y). */
function logAdd(x: number, y: number): number {
  if (x === Number.NEGATIVE_INFINITY) return y;
  return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
}

/** The most states a chain may have. */
export const MAX_STATES = 200_000;

/**
 * The smallest K with p̃(q > K) (K + 1 + 1/(1 - r)) <= 1e-14 for p̃_k ∝ Π_{j<=k} ratio(j),
 * `ratio` non-increasing; `limit` when none up to it.
 */
export function dominatingLevel(ratio: (k: number) => number, limit: number): number {
  let logT = 0; // ln t_k
  let logS = 0; // ln sum_{j<=k} t_j
  const lnTail = Math.log(TAIL);
  for (let k = 0; k < limit; k++) {
    const r = ratio(k + 1);
    if (r < 1) {
      const tail = logT + Math.log(r / (1 - r)) + Math.log(k + 1 + 1 / (1 - r));
      if (tail - logS <= lnTail) return k;
    }
    logT += Math.log(r);
    logS = logAdd(logS, logT);
  }
  return limit;
}

/** Initial level of the a-posteriori route: where ratio^K = 1e-16 (ratio < 1). */
export function geometricLevel(ratio: number): number {
  return Math.ceil(Math.log(1e-16) / Math.log(ratio)) + 8;
}

/** Whether the marginal of the last levels shows a negligible tail (a-posteriori check). */
export function tailNegligible(levels: Float64Array): boolean {
  const k = levels.length - 1;
  if (k < 2) return levels[k]! === 0;
  const last = levels[k]!;
  if (last === 0) return true;
  const r = last / levels[k - 1]!;
  if (!(r < 1)) return false;
  return last * (k + 1 / (1 - r)) * (r / (1 - r)) <= CHECKED_TAIL;
}

/**
 * Probability that the top-priority queue is empty in the saturated regime (the other queue
 * never empties): a birth-death chain on `servingStates` states below the queue (death rates
 * `busyRate(i)`, i = 1..) followed by the queue with death rate `queueRate(k)` at length k.
 * Returns 0 when the top queue is itself unstable.
 */
export function saturatedEmptyShare(
  arrivalRate: number,
  servingStates: number,
  busyRate: (i: number) => number,
  queueRate: (k: number) => number,
): number {
  if (arrivalRate === 0) return 1;
  // log-weights of the states below the queue, then of the queue, relative to state 0
  let logW = 0;
  let logBelow = 0;
  for (let i = 1; i < servingStates; i++) {
    logW += Math.log(arrivalRate / busyRate(i));
    logBelow = logAdd(logBelow, logW);
  }
  const K = dominatingLevel((k) => arrivalRate / queueRate(k), MAX_STATES);
  if (K >= MAX_STATES) return 0;
  let logQ = Number.NEGATIVE_INFINITY;
  let lt = logW;
  for (let k = 1; k <= K; k++) {
    lt += Math.log(arrivalRate / queueRate(k));
    logQ = logAdd(logQ, lt);
  }
  return 1 / (1 + Math.exp(logQ - logBelow));
}
