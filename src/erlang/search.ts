/**
 * The two staffing searches: Erlang C by walking the Erlang B recursion from a square-root
 * staffing start, Erlang A by bracketing with O(1) evaluations.
 *
 * @module
 * @internal
 */
import { worstMargin, worstScore, type Check } from "./checks.ts";
import { erlangB } from "./erlang-b.ts";
import { erlangCFromBlocking } from "./erlang-c.ts";
import { squareRootStaffing } from "./square-root.ts";
import type { QueueMetrics, StaffingTargets } from "./types.ts";

/**
 * Erlang C search. Starts at the square-root staffing estimate (Halfin-Whitt), where Erlang B
 * comes in O(1) from the incomplete gamma function, then walks with the O(1) recursions
 * R_n = 1 + (n/A) R_{n-1} (up) and R_{n-1} = (R_n - 1) A / n (down), R = 1/B, to the smallest N
 * meeting every target. The estimate is usually within an agent or two, so the search costs
 * O(1) evaluations, and never more than O(N).
 *
 * @param start - where to start instead of the square-root estimate (for tests)
 */
export function staffErlangC(
  load: number,
  ahtSeconds: number,
  slSeconds: number,
  targets: StaffingTargets,
  floor: number,
  start?: number,
): { below: QueueMetrics; at: QueueMetrics } {
  const invLoad = 1 / load;
  // Every N below `first` fails a target: stability (N > A), the floor, or the occupancy cap.
  let first = Math.max(Math.floor(load) + 1, floor);
  const maxOccupancy = targets.maxOccupancy;
  if (maxOccupancy !== undefined) {
    let occ = Math.max(1, Math.ceil(load / maxOccupancy));
    while (occ > 1 && load / (occ - 1) <= maxOccupancy) occ--;
    first = Math.max(first, occ);
  }
  const slFraction = targets.serviceLevel?.fraction;
  const asaMax = targets.asaSeconds;
  // The same arithmetic as erlangCFromBlocking, so that the reported metrics agree bit for bit
  // with the decisions taken here.
  const meets = (n: number, inv: number): boolean => {
    const blocking = 1 / inv;
    const gap = n - load;
    const c = (n * blocking) / (gap + load * blocking);
    if (slFraction !== undefined && 1 - c * Math.exp((-gap * slSeconds) / ahtSeconds) < slFraction)
      return false;
    if (asaMax !== undefined && (c * ahtSeconds) / gap > asaMax) return false;
    return maxOccupancy === undefined || load / n <= maxOccupancy;
  };

  const guess =
    start ?? Math.floor(squareRootStaffing(load, ahtSeconds, slFraction, slSeconds, asaMax));
  let n = Math.max(first, guess);
  let inv = 1 / erlangB(n, load);
  let invBelow: number;
  if (meets(n, inv)) {
    // Walk down while the agent below still meets every target.
    for (;;) {
      invBelow = ((inv - 1) * load) / n;
      // Far above the load B underflows to 0 (R = infinity) and the recursion cannot come back
      // down from there: take B from the incomplete gamma function instead.
      if (!Number.isFinite(invBelow)) invBelow = 1 / erlangB(n - 1, load);
      if (n <= first || !meets(n - 1, invBelow)) break;
      n--;
      inv = invBelow;
    }
  } else {
    do {
      invBelow = inv;
      n++;
      inv = 1 + n * invLoad * inv;
    } while (!meets(n, inv));
  }
  return {
    below: erlangCFromBlocking(n - 1, load, 1 / invBelow, ahtSeconds, slSeconds),
    at: erlangCFromBlocking(n, load, 1 / inv, ahtSeconds, slSeconds),
  };
}

/**
 * Erlang A search. "All targets met" is monotone in N, so the answer is the lower end of the
 * bracket (lo fails, hi meets) once hi - lo = 1. Candidates are placed by the secant method on
 * the worst score (logit of rates, log of ASA: nearly linear in N, so two or three evaluations
 * usually land next to the answer), with bisection and doubling as safeguards. Each evaluation
 * is O(1): Erlang B and the series S through the incomplete gamma function, or one recursion
 * step from a neighbouring candidate.
 *
 * @param bound - an N known (from throughput bounds) not to meet the targets
 */
export function staffErlangA(
  load: number,
  evaluate: (agents: number) => QueueMetrics,
  checks: readonly Check[],
  bound: number,
): { below: QueueMetrics; at: QueueMetrics } {
  let lo = Math.max(0, bound);
  let loM: QueueMetrics | null = null;
  let hi = Number.POSITIVE_INFINITY;
  let hiM: QueueMetrics | null = null;
  // last two evaluations, for the secant
  let n1: number;
  let s1: number;
  let n2 = Number.NaN;
  let s2 = Number.NaN;
  let sameSide = 0;
  let lastMet: boolean | null = null;
  let p = Math.max(lo + 1, Math.ceil(load));
  const spread = Math.max(1, Math.round(0.5 * Math.sqrt(load)));
  for (let iter = 0; hi - lo > 1; iter++) {
    const m = evaluate(p);
    const met = worstMargin(checks, m) >= 0;
    if (met) {
      hi = p;
      hiM = m;
    } else {
      lo = p;
      loM = m;
    }
    sameSide = met === lastMet ? sameSide + 1 : 0;
    lastMet = met;
    n1 = n2;
    s1 = s2;
    n2 = p;
    s2 = worstScore(checks, m);
    if (hi - lo <= 1) break;
    let next: number;
    if (iter === 0) {
      // Newton step with a typical slope of the logit service level, about 1.6 / sqrt(A) per agent
      const step = Math.round((-s2 * Math.sqrt(load)) / 1.6);
      next = met ? p + Math.min(-1, step) : p + Math.max(1, step);
    } else {
      const r = n2 - (s2 * (n2 - n1)) / (s2 - s1);
      if (!Number.isFinite(r) || (sameSide >= 3 && hi !== Number.POSITIVE_INFINITY)) {
        // safeguard against a stalled secant: bisect, or keep doubling the step upwards
        next =
          hi === Number.POSITIVE_INFINITY ? p + spread * 2 ** sameSide : Math.floor((lo + hi) / 2);
      } else {
        // The answer is the smallest integer at or above the root; probe it, or the one next to
        // the bracket end that is already known.
        next = Math.ceil(r - 1e-9);
        // Coming from above twice, the secant tends to stay above the root: step one lower.
        if (sameSide >= 1 && met) next -= 1;
        if (next >= hi) next = hi - 1;
        else if (next === lo) next = lo + 1;
      }
    }
    if (next <= lo) next = lo + 1;
    if (next >= hi) next = hi - 1;
    p = next;
  }
  if (hiM === null) throw new Error("unreachable: search ended without a staffing level");
  return { below: loM ?? evaluate(lo), at: hiM };
}
