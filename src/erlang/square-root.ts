/**
 * Square-root staffing (Halfin & Whitt 1981): a starting point for the exact staffing search.
 *
 * With N = A + beta sqrt(A) agents, Erlang C's probability of waiting tends to
 * C(beta) = 1 / (1 + beta Phi(beta) / phi(beta)) as A grows (Halfin & Whitt, "Heavy-traffic
 * limits for queues with many exponential servers", Operations Research 29(3), 1981), so the
 * service-level and ASA targets become equations in beta alone. Their roots put the search
 * within an agent or two of the exact answer, which the exact recursion then finds.
 *
 * @module
 */
import { erfcx } from "../math/special.ts";

const SQRT_HALF = Math.SQRT1_2;
const SQRT_HALF_PI = Math.sqrt(Math.PI / 2);
/** Largest beta considered: C(10) is about 8e-24, far beyond any practical target. */
const BETA_MAX = 10;

/** ln(1 + beta R(beta)) and its derivative, R = Phi/phi (so 1/C = 1 + beta R). */
function lnInverseC(beta: number): { value: number; slope: number } {
  // Phi(b)/phi(b) = sqrt(pi/2) erfcx(-b/sqrt 2)
  const r = SQRT_HALF_PI * erfcx(-beta * SQRT_HALF);
  const inv = 1 + beta * r;
  // R' = 1 + beta R, so (1 + beta R)' = R + beta (1 + beta R)
  return { value: Math.log(inv), slope: (r + beta * inv) / inv };
}

/**
 * Smallest beta >= 0 with f(beta) = ln(1 + beta R(beta)) + g(beta) >= 0 for an increasing f, by
 * Newton steps from beta = 0.6 (typical of 80/20 targets), safeguarded by bisection. Stops once a
 * step moves N = A + beta sqrt(A) by less than 0.05 agents: usually after two or three steps.
 */
function solveBeta(
  extra: (beta: number) => { value: number; slope: number },
  root: number,
): number {
  let lo = 0;
  let hi = BETA_MAX;
  let beta = 0.6;
  const tolerance = 0.05 / root;
  for (let i = 0; i < 40; i++) {
    const c = lnInverseC(beta);
    const e = extra(beta);
    const f = c.value + e.value;
    if (f >= 0) hi = beta;
    else lo = beta;
    let next = beta - f / (c.slope + e.slope);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const done = Math.abs(next - beta) < tolerance;
    beta = next;
    if (done) break;
  }
  return beta;
}

/**
 * Square-root staffing estimate for Erlang C targets: the real N = A + beta sqrt(A) where the
 * Halfin-Whitt approximation just meets a service level of `slFraction` within `slSeconds`
 * and an ASA of at most `asaSeconds` (either may be omitted). A starting point for a search,
 * not an answer: the approximation is off by an agent or two, more at small loads.
 *
 * @param load - offered load A in Erlangs (> 0)
 * @param ahtSeconds - average handle time, seconds (> 0)
 * @example
 * squareRootStaffing(100, 180, 0.8, 20, undefined); // => about 106.6 (exact answer: 107)
 */
export function squareRootStaffing(
  load: number,
  ahtSeconds: number,
  slFraction: number | undefined,
  slSeconds: number,
  asaSeconds: number | undefined,
): number {
  const root = Math.sqrt(load);
  let beta = 0;
  if (slFraction !== undefined) {
    // P(W > T) = C exp(-beta sqrt(A) T / AHT) <= 1 - f
    const k = (root * slSeconds) / ahtSeconds;
    const target = Math.log1p(-slFraction);
    beta = Math.max(
      beta,
      solveBeta((b) => ({ value: k * b + target, slope: k }), root),
    );
  }
  if (asaSeconds !== undefined) {
    // ASA = C AHT / (beta sqrt(A)) <= asa  <=>  ln(1/C) + ln(beta sqrt(A) asa / AHT) >= 0
    const scale = (root * asaSeconds) / ahtSeconds;
    beta = Math.max(
      beta,
      solveBeta((b) => ({ value: Math.log(b * scale), slope: 1 / b }), Number.NEGATIVE_INFINITY),
    );
  }
  return load + beta * root;
}
